#!/usr/bin/env python3
"""Ratchet on the named entities: `vigie eval ner` (combined system) on UNER English-EWT test,
WikiGold and WikiNEuRal French test must not fall below the floors of tests/entities/ner_min.
Needs ../shared: exits 77 with "SKIP: ..." when it is absent (ctest label `eval`)."""
import argparse
import lzma
import os
import re
import subprocess
import sys
import tempfile


def read_floors(path):
    floors = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, floor = line.split()
                floors[name] = float(floor)
    return floors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vigie", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--min-file", required=True)
    args = parser.parse_args()
    nlp = os.path.join(args.shared, "data", "nlp")
    if not os.path.isdir(nlp):
        print(f"SKIP: {nlp} not found (evaluation data is not shipped)")
        return 77
    failed = False
    with tempfile.TemporaryDirectory() as work:
        for name, floor in read_floors(args.min_file).items():
            path = os.path.join(nlp, name)
            if not os.path.exists(path):
                print(f"FAIL {name}: not found in {nlp}")
                failed = True
                continue
            if path.endswith(".xz"):  # vigie reads plain files
                plain = os.path.join(work, os.path.basename(path)[:-3])
                with lzma.open(path, "rb") as src, open(plain, "wb") as dst:
                    dst.write(src.read())
                path = plain
            run = subprocess.run([args.vigie, "eval", "ner", path], capture_output=True, text=True)
            print(run.stdout, end="")
            match = re.search(r"^overall F1 ([0-9.]+)$", run.stdout, re.M)
            if run.returncode != 0 or not match:
                print(f"FAIL {name}: vigie eval ner exited {run.returncode}: {run.stderr.strip()}")
                failed = True
            elif float(match.group(1)) < floor:
                print(f"FAIL {name}: overall F1 {match.group(1)} below the floor {floor}")
                failed = True
            else:
                print(f"ok {name}: overall F1 {match.group(1)} >= {floor}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
