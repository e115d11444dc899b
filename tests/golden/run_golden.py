#!/usr/bin/env python3
"""Golden test: `vigie extract` on every bundled example, compared with the stored output.

Each input under examples/ (.txt, .html, .jsonl) has its expected JSON Lines at
tests/golden/expected/<same relative path>.jsonl. A difference fails the test and prints a
field-level diff. Regenerate on purpose, never silently: `make golden` (runs this script with
--update), then review `git diff tests/golden` before committing.
"""
import argparse
import difflib
import json
import os
import subprocess
import sys

EXTENSIONS = (".txt", ".html", ".htm", ".jsonl")


def inputs(repo):
    root = os.path.join(repo, "examples")
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(EXTENSIONS):
                path = os.path.join(folder, name)
                yield path, os.path.relpath(path, root)


def run_vigie(vigie, path, *options):
    run = subprocess.run([vigie, "extract", *options, path], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"vigie extract {path} exited {run.returncode}: {run.stderr.strip()}")
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def pretty(documents):
    return json.dumps(documents, ensure_ascii=False, indent=1, sort_keys=True).splitlines()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vigie", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--update", action="store_true", help="rewrite the expected files")
    args = ap.parse_args()
    expected_root = os.path.join(args.repo, "tests", "golden", "expected")
    passed = failed = 0
    all_expected = []
    for path, relative in inputs(args.repo):
        actual = run_vigie(args.vigie, path)
        expected_path = os.path.join(expected_root, relative + ".jsonl")
        if args.update:
            os.makedirs(os.path.dirname(expected_path), exist_ok=True)
            with open(expected_path, "w", encoding="utf-8") as f:
                for document in actual:
                    f.write(json.dumps(document, ensure_ascii=False, sort_keys=True) + "\n")
            print(f"updated {os.path.relpath(expected_path, args.repo)}")
            continue
        if not os.path.exists(expected_path):
            print(f"FAIL {relative}: no expected output {expected_path} (run `make golden`)")
            failed += 1
            continue
        with open(expected_path, encoding="utf-8") as f:
            expected = [json.loads(line) for line in f if line.strip()]
        all_expected.extend(expected)
        if expected == actual:
            passed += 1
            continue
        failed += 1
        print(f"FAIL {relative}: output differs from {os.path.relpath(expected_path, args.repo)}")
        diff = difflib.unified_diff(pretty(expected), pretty(actual), "expected", "actual", n=2,
                                    lineterm="")
        for line in list(diff)[:80]:
            print("  " + line)
    if not args.update:
        # The whole folder on two threads: the same documents, in the same order.
        together = run_vigie(args.vigie, os.path.join(args.repo, "examples"), "-j", "2")
        if together == all_expected:
            passed += 1
        else:
            failed += 1
            print("FAIL examples/ with -j 2: output differs from the per-file expected outputs "
                  f"({len(together)} documents, {len(all_expected)} expected)")
        print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
