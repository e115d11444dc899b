#!/usr/bin/env python3
"""Acceptance test: the reference article scored by ../shared/tools/score_events.py.

Fails when the event F1 falls below the ratchet in tests/acceptance/min_f1 (raised as the score
rises, never lowered). Exits 77 (ctest: skipped) when ../shared is absent.
"""
import argparse
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vigie", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--min-f1-file", required=True)
    args = ap.parse_args()
    article = os.path.join(args.shared, "acceptance", "panjshir.fr.txt")
    gold = os.path.join(args.shared, "acceptance", "panjshir.gold.json")
    scorer = os.path.join(args.shared, "tools", "score_events.py")
    for path in (article, gold, scorer):
        if not os.path.exists(path):
            print(f"SKIP: {path} not found; the acceptance test needs ../shared beside the repository")
            return 77
    with open(args.min_f1_file, encoding="utf-8") as f:
        min_f1 = float(f.read().split()[0])
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "panjshir.jsonl")
        run = subprocess.run([args.vigie, "extract", "--published", "2021-09-07", "-o", out, article],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL: vigie extract exited {run.returncode}: {run.stderr}")
            return 1
        score = subprocess.run([sys.executable, scorer, "--gold", gold, "--system", out, "--verbose",
                                "--min-f1", str(min_f1)], capture_output=True, text=True)
        print(score.stdout, end="")
        print(score.stderr, end="", file=sys.stderr)
        if score.returncode != 0:
            print(f"FAIL: event F1 is below the ratchet {min_f1} (tests/acceptance/min_f1)")
            return 1
    print(f"PASS: event F1 >= {min_f1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
