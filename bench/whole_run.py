#!/usr/bin/env python3
"""Whole-run benchmark of the `vigie` command line.

Copies every example input (the .txt and .html files under EXAMPLES, extensions and language
folders kept) REPEAT times into a temporary folder under unique names, runs

    VIGIE extract --format jsonl -o TMP/out.jsonl TMP/inputs

RUNS times, keeps the best wall-clock time (time.perf_counter, process start to exit, so the
dictionary loading is included), counts documents, sentences and events in the JSON Lines output
and prints them with the rates and the machine's processor count. --json FILE also writes the
figures as JSON.

Standard library only. Exit status: 0 on success, 1 when vigie fails or its output is not what
was expected, 2 on bad arguments.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXTENSIONS = (".txt", ".html")


def fail(message):
    print(f"whole_run: {message}", file=sys.stderr)
    sys.exit(1)


def example_inputs(examples):
    """The .txt and .html files under `examples`, sorted, hidden files and folders skipped."""
    found = []
    for path in sorted(examples.rglob("*")):
        relative = path.relative_to(examples)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix in EXTENSIONS:
            found.append(path)
    return found


def copy_inputs(inputs, examples, destination, repeat):
    """Copies each input `repeat` times: "2024-03-11-x.txt" -> "2024-03-11-x.r0001.txt".

    The name keeps its date prefix (vigie reads the publication date from it) and its extension
    (vigie picks the format from it)."""
    width = max(4, len(str(repeat)))
    count = 0
    for path in inputs:
        folder = destination / path.parent.relative_to(examples)
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(1, repeat + 1):
            shutil.copyfile(path, folder / f"{path.stem}.r{n:0{width}d}{path.suffix}")
            count += 1
    return count


def run_vigie(vigie, input_dir, output):
    command = [str(vigie), "extract", "--format", "jsonl", "-o", str(output), str(input_dir)]
    start = time.perf_counter()
    try:
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True, check=False)
    except OSError as error:
        fail(f"cannot run {vigie}: {error}")
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        stderr = result.stderr.strip()
        if len(stderr) > 2000:
            stderr = stderr[:2000] + "\n..."
        fail(f"vigie failed with exit status {result.returncode}: {' '.join(command)}\n{stderr}")
    return seconds


def count_output(output):
    documents = sentences = events = 0
    with open(output, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                fail(f"{output}:{number}: not valid JSON: {error}")
            if not isinstance(record.get("sentences"), list) or not isinstance(
                    record.get("events"), list):
                fail(f"{output}:{number}: no \"sentences\" and \"events\" arrays")
            documents += 1
            sentences += len(record["sentences"])
            events += len(record["events"])
    return documents, sentences, events


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vigie", required=True, type=Path, help="the vigie executable")
    parser.add_argument("--examples", default=Path("examples"), type=Path,
                        help="folder of example inputs (default: examples)")
    parser.add_argument("--repeat", default=200, type=int,
                        help="copies of each example input (default: 200)")
    parser.add_argument("--runs", default=3, type=int,
                        help="timed runs; the best is reported (default: 3)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if args.repeat < 1 or args.runs < 1:
        parser.error("--repeat and --runs must be at least 1")

    vigie = args.vigie.resolve()
    if not vigie.is_file() or not os.access(vigie, os.X_OK):
        fail(f"{args.vigie}: not an executable file (build it first: make bench)")
    if not args.examples.is_dir():
        fail(f"{args.examples}: not a folder")
    inputs = example_inputs(args.examples)
    if not inputs:
        fail(f"no .txt or .html file under {args.examples}")

    temp = Path(tempfile.mkdtemp(prefix="vigie-whole-run-"))
    try:
        input_dir = temp / "inputs"
        output = temp / "out.jsonl"
        files = copy_inputs(inputs, args.examples, input_dir, args.repeat)
        times = []
        counts = None
        for _ in range(args.runs):
            times.append(run_vigie(vigie, input_dir, output))
            run_counts = count_output(output)
            if counts is not None and run_counts != counts:
                fail(f"runs disagree: {counts} then {run_counts}")
            counts = run_counts
        documents, sentences, events = counts
        if documents != files:
            print(f"whole_run: warning: {files} input files but {documents} documents in the "
                  "output", file=sys.stderr)
    finally:
        if args.keep:
            print(f"whole_run: kept {temp}", file=sys.stderr)
        else:
            shutil.rmtree(temp, ignore_errors=True)

    seconds = min(times)
    figures = {
        "vigie": str(vigie),
        "examples": len(inputs),
        "repeat": args.repeat,
        "runs": args.runs,
        "documents": documents,
        "sentences": sentences,
        "events": events,
        "seconds": seconds,
        "seconds_all_runs": times,
        "documents_per_second": documents / seconds,
        "sentences_per_second": sentences / seconds,
        "events_per_second": events / seconds,
        "nproc": os.cpu_count(),
    }
    if hasattr(os, "sched_getaffinity"):
        figures["nproc"] = len(os.sched_getaffinity(0))  # what `nproc` prints

    rows = [
        ("documents", f"{documents}"),
        ("sentences", f"{sentences}"),
        ("events", f"{events}"),
        ("seconds (best of %d)" % args.runs, f"{seconds:.3f}"),
        ("documents/s", f"{figures['documents_per_second']:.1f}"),
        ("sentences/s", f"{figures['sentences_per_second']:.1f}"),
        ("events/s", f"{figures['events_per_second']:.1f}"),
        ("nproc", f"{figures['nproc']}"),
    ]
    print(f"vigie whole run: {len(inputs)} example inputs x {args.repeat}")
    label_width = max(len(label) for label, _ in rows)
    value_width = max(len(value) for _, value in rows)
    for label, value in rows:
        print(f"  {label:<{label_width}}  {value:>{value_width}}")

    if args.json:
        try:
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            fail(f"{args.json}: cannot write: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
