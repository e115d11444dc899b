#!/usr/bin/env python3
"""`vigie dict check`: the shipped dictionaries are clean, and malformed entries are rejected with
file and line.

Copies dictionaries/ to a temporary folder, appends known mistakes to named.yaml, verbs.fr.yaml,
roles.yaml, geo/regions.yaml and geo/cue_words.yaml, and checks that each is reported at its line.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

BAD_NAMED = """  - name: Test Person
    type: PERSON
    aliases: [Test Person]
    codes:
      - {code: AFGGOVX, from: 2021-13-01}
  - name: Second Person
    type: PER
    aliases: [Test Person]
    codes: [{code: PAKGOV, from: 2022-01-01, until: 2021-01-01}]
    colour: blue
"""

BAD_VERB = """  - lemma: inventer
    forms: []
    patterns:
      - {cameo: "999", nearby: [armes]}
"""

BAD_REGION = """  - name: Nowhere
    geonameid: 1
    point: [95.0, 10.0]
    feature: RGN
    names: {en: [Nowhere]}
"""

# An item of the last section of geo/cue_words.yaml (list_conjunctions) that is not a word.
BAD_CUE_WORD = """  - {word: beyond}
"""

results = []


def case(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def line_of(path, needle):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if needle in line:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vigie", required=True)
    ap.add_argument("--repo", required=True)
    args = ap.parse_args()

    clean = subprocess.run([args.vigie, "dict", "check", "--data", os.path.join(args.repo, "dictionaries")],
                           capture_output=True, text=True)
    case("shipped dictionaries are clean", clean.returncode == 0, clean.stdout + clean.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "dictionaries")
        shutil.copytree(os.path.join(args.repo, "dictionaries"), data)
        named = os.path.join(data, "actors", "named.yaml")
        verbs = os.path.join(data, "events", "verbs.fr.yaml")
        with open(named, "a", encoding="utf-8") as f:
            f.write(BAD_NAMED)
        with open(verbs, "a", encoding="utf-8") as f:
            f.write(BAD_VERB)
        roles = os.path.join(data, "actors", "roles.yaml")
        with open(roles, encoding="utf-8") as f:
            text = f.read()
        with open(roles, "w", encoding="utf-8") as f:  # a two-word thing, a thing that is a role
            f.write(text.replace("  en: [currency,", "  en: [stock market, policemen, currency,"))
        regions = os.path.join(data, "geo", "regions.yaml")
        with open(regions, "a", encoding="utf-8") as f:
            f.write(BAD_REGION)
        cue_words = os.path.join(data, "geo", "cue_words.yaml")
        with open(cue_words, "a", encoding="utf-8") as f:
            f.write(BAD_CUE_WORD)
        run = subprocess.run([args.vigie, "dict", "check", "--data", data], capture_output=True, text=True)
        out = run.stdout
        case("problems found: exit 1", run.returncode == 1, run.stderr)
        expectations = [
            ("wrong type", named, "name: Test Person", "type must be PER or ORG"),
            ("code not in threes", named, "AFGGOVX", "code must be CAMEO letters in threes"),
            ("invalid date", named, "AFGGOVX", "date must be YYYY-MM-DD"),
            ("alias naming two actors", named, "aliases: [Test Person]\n", None),
            ("from after until", named, "until: 2021-01-01", "is not before 'until'"),
            ("unknown key", named, "colour: blue", "unknown key 'colour'"),
            ("empty forms", verbs, "lemma: inventer", "needs a list of forms"),
            ("code missing from the CAMEO table", verbs, 'cameo: "999"', "CAMEO code 999 is not in"),
            ("unknown pattern key", verbs, 'cameo: "999"', "unknown key 'nearby'"),
            ("region point out of range", regions, "point: [95.0", "point out of range"),
            ("cue word that is not a word", cue_words, "{word: beyond}", "`list_conjunctions`: expected a word"),
            ("thing of two words", roles, "en: [stock market", "must be one word"),
            ("thing that is a role word", roles, "en: [stock market", "'policemen' of things already names"),
        ]
        for name, path, needle, message in expectations:
            if message is None:  # the duplicate alias: reported on the second entry's alias line
                line = line_of(named, "name: Second Person") + 2
                message = "already names"
            else:
                line = line_of(path, needle.rstrip("\n"))
            where = f"{path}:{line}: "
            case(f"{name} reported at {os.path.basename(path)}:{line}",
                 any(l.startswith(where) and message in l for l in out.splitlines()), out)

    failed = [r for r in results if not r[1]]
    for name, ok, detail in results:
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else "\n    output: " + detail.strip()[:1500]))
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
