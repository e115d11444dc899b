#!/usr/bin/env python3
"""Extraction evaluation: `vigie eval extraction` on ../shared/data/extraction, against ratchets.

Checks:
- the Zyte shingle F1 Vigie prints equals the one ../shared/tools/score_extraction.py computes
  on the same bodies (the C++ metric reproduces the Python scorer, to 0.001);
- every figure of the summary line is at or above its ratchet in tests/extraction/min_f1:
  `zyte` (shingle F1), `trafilatura` and `trafilatura_fr` (segment F1), `title`, `byline` and
  `date` (Readability fixtures' metadata accuracies), `htmldate` (publication-date accuracy).
The ratchets are raised as the extractor improves, never lowered. Exits 77 (ctest: skipped)
when ../shared is absent.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vigie", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--min-f1-file", required=True)
    args = ap.parse_args()
    data = os.path.join(args.shared, "data", "extraction")
    gold = os.path.join(data, "zyte_article_extraction_benchmark", "ground-truth.json.gz")
    scorer = os.path.join(args.shared, "tools", "score_extraction.py")
    for path in (gold, scorer):
        if not os.path.exists(path):
            print(f"SKIP: {path} not found; the extraction evaluation needs ../shared beside the repository")
            return 77
    floors = {}
    with open(args.min_f1_file, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].split()
            if len(line) == 2:
                floors[line[0]] = float(line[1])
    with tempfile.TemporaryDirectory() as tmp:
        bodies = os.path.join(tmp, "zyte.jsonl")
        run = subprocess.run([args.vigie, "eval", "extraction", "--data", data, "--zyte-output", bodies],
                             capture_output=True, text=True)
        print(run.stdout, end="")
        if run.returncode != 0:
            print(f"FAIL: vigie eval extraction exited {run.returncode}: {run.stderr}")
            return 1
        summary = re.search(r"^extraction: zyte F1 ([0-9.]+) trafilatura F1 ([0-9.]+) trafilatura fr F1 "
                            r"([0-9.]+) title ([0-9.]+) byline ([0-9.]+) date ([0-9.]+) htmldate ([0-9.]+)",
                            run.stdout, re.M)
        if not summary:
            print("FAIL: no summary line in the output")
            return 1
        names = ("zyte", "trafilatura", "trafilatura_fr", "title", "byline", "date", "htmldate")
        measured = {name: float(summary.group(i + 1)) for i, name in enumerate(names)}
        zyte = measured["zyte"]
        score = subprocess.run([sys.executable, scorer, "--gold", gold, "--system", bodies],
                               capture_output=True, text=True)
        print(score.stdout, end="")
        python_f1 = re.search(r"F1 ([0-9.]+)\s*$", score.stdout.strip())
        if score.returncode != 0 or not python_f1:
            print(f"FAIL: score_extraction.py failed: {score.stderr}")
            return 1
        if abs(float(python_f1.group(1)) - zyte) > 0.0015:
            print(f"FAIL: vigie's zyte F1 {zyte} differs from score_extraction.py's {python_f1.group(1)}")
            return 1
    failed = False
    for name, value in measured.items():
        floor = floors.get(name)
        if floor is None:
            print(f"FAIL: no `{name}` ratchet in {args.min_f1_file}")
            failed = True
        elif value < floor:
            print(f"FAIL: {name} {value:.3f} is below the ratchet {floor} ({args.min_f1_file})")
            failed = True
    if failed:
        return 1
    print("PASS: " + ", ".join(f"{name} {value:.3f}" for name, value in measured.items())
          + ", at or above the ratchets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
