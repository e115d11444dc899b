#!/usr/bin/env python3
"""Ratchet on the shipped syntax models: `vigie eval ud` on UD test files must not fall below the
floors measured when the models were trained (raise them, never lower them). Needs ../shared:
exits 77 with "SKIP: ..." when it is absent (ctest label `eval`)."""
import argparse
import os
import re
import subprocess
import sys

# file under data/nlp -> {figure: floor}. Measured 2026-11-24 with the models shipped then
# (`vigie eval ud FILE`): Sequoia test UPOS 97.40 lemmas 98.22 LAS 85.08; GSD test UPOS 95.21
# lemmas 97.08 LAS 78.89. (English files are stored xz-compressed; vigie reads plain CoNLL-U.)
FLOORS = {
    "ud_fr_sequoia/fr_sequoia-ud-test.conllu": {"UPOS": 97.2, "Lemmas": 98.0, "LAS": 84.8},
    "ud_fr_gsd/fr_gsd-ud-test.conllu": {"UPOS": 95.0, "Lemmas": 96.8, "LAS": 78.5},
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vigie", required=True)
    parser.add_argument("--shared", required=True)
    args = parser.parse_args()
    nlp = os.path.join(args.shared, "data", "nlp")
    if not os.path.isdir(nlp):
        print(f"SKIP: {nlp} not found (evaluation data is not shipped)")
        return 77
    failed = False
    for name, floors in FLOORS.items():
        path = os.path.join(nlp, name)
        if not os.path.exists(path):
            print(f"SKIP: {path} not found")
            return 77
        run = subprocess.run([args.vigie, "eval", "ud", path], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL {name}: vigie eval ud exited {run.returncode}: {run.stderr.strip()}")
            failed = True
            continue
        print(run.stdout.strip())
        for figure, floor in floors.items():
            match = re.search(rf"\b{figure} ([0-9.]+)", run.stdout)
            if not match:
                print(f"FAIL {name}: no {figure} in the output")
                failed = True
            elif float(match.group(1)) < floor:
                print(f"FAIL {name}: {figure} {match.group(1)} below the floor {floor}")
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
