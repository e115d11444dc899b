#!/usr/bin/env python3
"""Ratchet on the shipped syntax models: `vigie eval ud` on UD test files must not fall below the
floors measured when the models were trained (raise them, never lower them). Needs ../shared:
exits 77 with "SKIP: ..." when it is absent (ctest label `eval`)."""
import argparse
import lzma
import os
import re
import subprocess
import sys
import tempfile

# file under data/nlp -> {figure: floor}. Measured 2026-11-24 with the models shipped then
# (`vigie eval ud FILE`): Sequoia test UPOS 97.40 lemmas 98.22 LAS 85.08; GSD test UPOS 95.21
# lemmas 97.08 LAS 78.89; PUD test UPOS 94.92 lemmas 95.12 LAS 79.89. English, with the model
# retrained 2026-11-24 14:23 (tagger on its own history, parser on jackknifed tags): EWT test
# 94.89 / 96.83 / 80.78 (before: 94.69 / 96.64 / 80.05), PUD en 94.85 / 97.14 / 76.94 (before:
# 94.70 / 97.10 / 75.77); floors 0.2 below. (English files and PUD are stored xz-compressed;
# vigie reads plain CoNLL-U.) Model format 3, 2026-11-24 17:00 (tagger ambiguity classes, Zhang &
# Nivre parser features, 12/12 epochs): Sequoia 97.58 / 98.32 / 85.48, GSD 95.46 / 97.17 / 79.98,
# PUD fr 95.41 / 95.36 / 81.36, EWT 95.32 / 96.94 / 82.08, PUD en 94.95 / 97.09 / 77.39; floors
# 0.2 below (the EWT lemma floor stays 96.6 and the PUD en lemma floor 96.9: 96.94 and 97.09
# are 0.11 and 0.05 under the figures of 14:23). French lemmas of words the treebank lacks from
# Debian's hunspell-fr (src/syntax/hunspell_lemmas.h), 2026-11-24 evening: Sequoia 98.32 -> 98.67,
# GSD 97.17 -> 97.59, PUD fr 95.36 -> 95.79; lemma floors raised, 0.2 below. Then the French
# model retrained with the dictionary's parts of speech as tagger features for the words the
# treebanks do not class: Sequoia 98.00 / 98.94 / 86.23, GSD 96.12 / 97.93 / 81.05, PUD fr
# 95.69 / 95.98 / 82.05; floors 0.2 below. English lemmas of regular forms from hunspell-en-us:
# EWT 96.94 -> 96.99, PUD en 97.09 -> 97.16 (lemma floors unchanged).
FLOORS = {
    "ud_fr_sequoia/fr_sequoia-ud-test.conllu": {"UPOS": 97.8, "Lemmas": 98.7, "LAS": 86.0},
    "ud_fr_gsd/fr_gsd-ud-test.conllu": {"UPOS": 95.9, "Lemmas": 97.7, "LAS": 80.85},
    "ud_fr_pud/fr_pud-ud-test.conllu.xz": {"UPOS": 95.5, "Lemmas": 95.75, "LAS": 81.85},
    "ud_en_ewt/en_ewt-ud-test.conllu.xz": {"UPOS": 95.1, "Lemmas": 96.6, "LAS": 81.85},
    "ud_en_pud/en_pud-ud-test.conllu.xz": {"UPOS": 94.75, "Lemmas": 96.9, "LAS": 77.15},
}

# The "conditional mood recall on the French test sets >= 95%": Mood=Cnd recall over the
# gold conditional words of the French files above taken together (`vigie eval ud` prints
# "Mood=Cnd recall R (found/gold gold words)"), and its precision. Measured 2026-11-24:
# recall 99.07 (107/108: Sequoia 23/23, GSD 10/10, PUD 74/75), precision
# 97.27 (107/110); before the lexicon check of the tagger's mood, 87.04 and 94.00. With the
# French model of 2026-11-24 evening and the hunspell-fr mood check: recall 100 (108/108),
# precision 97.30 (108/111).
CONDITIONAL_FLOORS = {"recall": 98.0, "precision": 97.0}

# `vigie eval ud --tokenize FILE`: our own tokenizer, sentence splitter and contraction expansion
# on the file's raw text (rebuilt from the forms and SpaceAfter=No; these French files have no
# paragraph marks, so their text is one paragraph), CoNLL 2018 F1 aligned on characters.
# Measured 2026-11-24: Sequoia test Tokens 99.14 Words 98.66 Sentences 68.66 UPOS 95.87 LAS 80.94;
# GSD test 99.17 98.88 91.47 94.10 76.86; EWT test 96.95 96.61 78.03 91.63 74.82; with the English
# model retrained 2026-11-24 14:23, EWT UPOS 91.77 LAS 75.33. Model format 3 (17:00): Sequoia
# 99.14 98.69 68.66 96.23 81.57; GSD 99.17 98.88 91.47 94.37 78.03; EWT 96.95 96.61 78.03 92.21
# 76.41 (UPOS and LAS floors raised, 0.2 below). French with hunspell-fr (tagger features, mood
# check, lemmas; 2026-11-24 evening): Sequoia 99.14 98.72 68.66 96.69 82.31; GSD 99.17 98.86 91.47
# 95.04 79.05 (floors raised, 0.2 below).
FLOORS_TOKENIZE = {
    "ud_fr_sequoia/fr_sequoia-ud-test.conllu":
        {"Tokens": 99.0, "Words": 98.5, "Sentences": 68.0, "UPOS": 96.45, "LAS": 82.1},
    "ud_fr_gsd/fr_gsd-ud-test.conllu":
        {"Tokens": 99.0, "Words": 98.7, "Sentences": 91.0, "UPOS": 94.8, "LAS": 78.85},
    "ud_en_ewt/en_ewt-ud-test.conllu.xz":
        {"Tokens": 96.7, "Words": 96.4, "Sentences": 77.7, "UPOS": 92.0, "LAS": 76.2},
}


def check(name, stdout, floors):
    ok = True
    for figure, floor in floors.items():
        match = re.search(rf"\b{figure} ([0-9.]+)", stdout)
        if not match:
            print(f"FAIL {name}: no {figure} in the output")
            ok = False
        elif float(match.group(1)) < floor:
            print(f"FAIL {name}: {figure} {match.group(1)} below the floor {floor}")
            ok = False
    return ok


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
    conditional = {"found": 0, "gold": 0, "system": 0}
    runs = [(name, floors, []) for name, floors in FLOORS.items()]
    runs += [(name, floors, ["--tokenize"]) for name, floors in FLOORS_TOKENIZE.items()]
    with tempfile.TemporaryDirectory() as tmp:
        for name, floors, flags in runs:
            path = os.path.join(nlp, name)
            if not os.path.exists(path):
                print(f"SKIP: {path} not found")
                return 77
            if path.endswith(".xz"):  # vigie reads plain CoNLL-U
                plain = os.path.join(tmp, os.path.basename(path)[: -len(".xz")])
                with lzma.open(path, "rb") as src, open(plain, "wb") as dst:
                    dst.write(src.read())
                path = plain
            run = subprocess.run([args.vigie, "eval", "ud", *flags, path], capture_output=True,
                                 text=True)
            label = " ".join([*flags, name])
            if run.returncode != 0:
                print(f"FAIL {label}: vigie eval ud exited {run.returncode}: {run.stderr.strip()}")
                failed = True
                continue
            print(run.stdout.strip())
            failed = not check(label, run.stdout, floors) or failed
            match = re.search(r"Mood=Cnd recall [0-9.]+ \((\d+)/(\d+) gold words\)  Mood=Cnd "
                              r"precision [0-9.]+ \(\d+/(\d+) system words\)", run.stdout)
            if not flags and name.startswith("ud_fr_"):
                if not match:
                    print(f"FAIL {label}: no Mood=Cnd recall in the output")
                    failed = True
                    continue
                conditional["found"] += int(match.group(1))
                conditional["gold"] += int(match.group(2))
                conditional["system"] += int(match.group(3))
    recall = 100.0 * conditional["found"] / max(conditional["gold"], 1)
    precision = 100.0 * conditional["found"] / max(conditional["system"], 1)
    print(f"French test files together: Mood=Cnd recall {recall:.2f} ({conditional['found']}/"
          f"{conditional['gold']}), precision {precision:.2f} ({conditional['found']}/"
          f"{conditional['system']})")
    for figure, value in (("recall", recall), ("precision", precision)):
        if value < CONDITIONAL_FLOORS[figure]:
            print(f"FAIL Mood=Cnd {figure} {value:.2f} below the floor {CONDITIONAL_FLOORS[figure]}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
