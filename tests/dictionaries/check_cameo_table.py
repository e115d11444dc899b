#!/usr/bin/env python3
"""Check Vigie's CAMEO code table (dictionaries/cameo/codes.yaml) against reference data.

Usage: check_cameo_table.py REPO_ROOT SHARED_DIR

Reference data, read from SHARED_DIR/data/events (never shipped with Vigie):
  cameo_codebook/cameo-codes.csv        CAMEO codes, codebook names and Goldstein values
  cameo_codebook/CAMEO_codefile.txt     CAMEO 0.7b5 labels and ICEWS variants (names only)
  plover_map/CAMEO2PLOVER-2021.txt      `CAMEOcode: PLOVER_EVENT, mode, context # description`

Checks, per code: the code set matches the codebook both ways; Goldstein equals the codebook's;
the quad class follows the root rule; the PLOVER type and mode equal the map's entry, or the
nearest ancestor's entry (marked `# plover from parent` in the table) when the map lacks the
code, or "" when no ancestor is mapped either; the name is 2-6 words and is not any of the
reference names for that code (case-insensitive), so that the names stay Vigie's own.

Prints one line per problem and `N passed, M failed` over the checked codes.
Exit status: 0 all passed, 1 some check failed, 77 reference data missing (ctest SKIP).
"""

import csv
import math
import os
import re
import sys

import yaml

SKIP_EXIT = 77
GOLDSTEIN_TOLERANCE = 1e-6
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 6
TABLE_FORMAT = "vigie-cameo-codes"
TABLE_VERSION = 1
PARENT_COMMENT = "# plover from parent"


def quad_class(code):
    """CAMEO root -> quad class: 01-05 verbal coop, 06-08 material coop,
    09-13 verbal conflict, 14-20 material conflict."""
    root = int(code[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    return None


def ancestors(code):
    """Parent codes, nearest first: 0211 -> 021, 02; 021 -> 02; 02 -> none."""
    return [code[:n] for n in (3, 2) if len(code) > n]


def load_codebook(path):
    """code -> (codebook name, goldstein). The CSV holds a few mis-encoded bytes in its
    free-text columns, which the checker does not read."""
    codebook, notes = {}, []
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"].strip()
            if code in codebook:
                notes.append(f"NOTE: codebook lists {code} more than once; first row kept")
                continue
            codebook[code] = (row["name"].strip(), float(row["goldstein"]))
    return codebook, notes


def load_codefile_labels(path):
    """code -> set of lower-cased LABEL/LABELi names (empty if the file is absent)."""
    labels = {}
    if not os.path.isfile(path):
        return labels
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"\s*LABELi?:\s*(\d+)\s*=\s*(.*?)\s*$", line)
            if m:
                labels.setdefault(m.group(1), set()).add(m.group(2).casefold())
    return labels


def load_plover_map(path):
    """code -> (TYPE, mode). The first entry wins when a code is listed twice."""
    mapping, notes = {}, []
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            m = re.match(r"\s*(\d{2,4})\s*:\s*([^#]*)", line)
            if not m:
                continue
            code = m.group(1)
            fields = [x.strip() for x in m.group(2).split(",")]
            entry = (fields[0].upper(), fields[1] if len(fields) > 1 else "")
            if code in mapping:
                same = "same" if mapping[code] == entry else "different"
                notes.append(f"NOTE: PLOVER map lists {code} again at line {lineno} "
                             f"({same} entry {entry}); first entry {mapping[code]} kept")
                continue
            mapping[code] = entry
    return mapping, notes


def expected_plover(code, mapping):
    """(type, mode, from_parent) for a code: its own entry, else its nearest mapped ancestor's."""
    if code in mapping:
        return mapping[code] + (False,)
    for parent in ancestors(code):
        if parent in mapping:
            return mapping[parent] + (True,)
    return ("", "", False)


def table_line_comments(path):
    """code -> trailing comment text of its line (YAML loaders drop comments)."""
    comments = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\s*-\s*\{\s*code:\s*"(\d+)".*\}\s*(#.*)?$', line)
            if m:
                comments[m.group(1)] = (m.group(2) or "").strip()
    return comments


def check_entry(entry, codebook, labels, mapping, comments):
    """Problems (strings) for one table entry whose code is in the codebook."""
    code = entry["code"]
    problems = []
    book_name, book_goldstein = codebook[code]

    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append("name is empty")
    else:
        words = len(name.split())
        if not NAME_MIN_WORDS <= words <= NAME_MAX_WORDS:
            problems.append(f"name {name!r} has {words} words, want {NAME_MIN_WORDS}-{NAME_MAX_WORDS}")
        folded = name.strip().casefold()
        if folded == book_name.casefold():
            problems.append(f"name {name!r} is the codebook's name; write Vigie's own")
        elif folded in labels.get(code, set()):
            problems.append(f"name {name!r} is a CAMEO_codefile label; write Vigie's own")

    goldstein = entry.get("goldstein")
    if isinstance(goldstein, bool) or not isinstance(goldstein, (int, float)) or math.isnan(goldstein):
        problems.append(f"goldstein {goldstein!r} is not a number")
    elif abs(goldstein - book_goldstein) >= GOLDSTEIN_TOLERANCE:
        problems.append(f"goldstein {goldstein} != codebook {book_goldstein}")

    want_quad = quad_class(code)
    if entry.get("quad") != want_quad:
        problems.append(f"quad {entry.get('quad')!r} != {want_quad} (from root {code[:2]})")

    plover = entry.get("plover")
    want_type, want_mode, from_parent = expected_plover(code, mapping)
    if not isinstance(plover, dict):
        problems.append(f"plover {plover!r} is not a {{type, mode}} mapping")
    else:
        got = (plover.get("type"), plover.get("mode"))
        if got != (want_type, want_mode):
            source = "parent's map entry" if from_parent else (
                "map entry" if code in mapping else "no map entry for code or parents")
            problems.append(f"plover {got} != {(want_type, want_mode)} ({source})")
    has_parent_comment = PARENT_COMMENT in comments.get(code, "")
    if from_parent and not has_parent_comment:
        problems.append(f"PLOVER comes from a parent code but the line lacks `{PARENT_COMMENT}`")
    if not from_parent and has_parent_comment:
        problems.append(f"line says `{PARENT_COMMENT}` but the PLOVER map has no parent-derived entry for it")
    return problems


def main(argv):
    if len(argv) != 3:
        print("usage: check_cameo_table.py REPO_ROOT SHARED_DIR", file=sys.stderr)
        return 2
    repo_root, shared_dir = argv[1], argv[2]
    events_dir = os.path.join(shared_dir, "data", "events")
    if not os.path.isdir(events_dir):
        print("SKIP: ../shared/data/events not found; the CAMEO table check needs the codebook")
        return SKIP_EXIT

    codebook, notes = load_codebook(os.path.join(events_dir, "cameo_codebook", "cameo-codes.csv"))
    labels = load_codefile_labels(os.path.join(events_dir, "cameo_codebook", "CAMEO_codefile.txt"))
    mapping, map_notes = load_plover_map(os.path.join(events_dir, "plover_map", "CAMEO2PLOVER-2021.txt"))
    for note in notes + map_notes:
        print(note)

    table_path = os.path.join(repo_root, "dictionaries", "cameo", "codes.yaml")
    try:
        with open(table_path, encoding="utf-8") as f:
            table = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as err:
        print(f"FAIL: cannot load {table_path}: {err}")
        print(f"0 passed, {len(codebook)} failed")
        return 1

    table_problems = []
    if not isinstance(table, dict) or not isinstance(table.get("codes"), list):
        print(f"FAIL: {table_path} has no `codes:` list")
        print(f"0 passed, {len(codebook)} failed")
        return 1
    if table.get("format") != TABLE_FORMAT:
        table_problems.append(f"FAIL: format {table.get('format')!r} != {TABLE_FORMAT!r}")
    if table.get("version") != TABLE_VERSION:
        table_problems.append(f"FAIL: version {table.get('version')!r} != {TABLE_VERSION}")

    entries, order = {}, []
    for i, entry in enumerate(table["codes"]):
        code = entry.get("code") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not code.isdigit():
            table_problems.append(f"FAIL: codes[{i}]: code {code!r} is not a quoted digit string")
            continue
        if code in entries:
            table_problems.append(f"FAIL: {code}: listed more than once in the table")
            continue
        entries[code] = entry
        order.append(code)
    if order != sorted(order):
        first = next(a for a, b in zip(order, sorted(order)) if a != b)
        table_problems.append(f"FAIL: codes are not sorted by code (first out of place: {first})")
    for problem in table_problems:
        print(problem)

    comments = table_line_comments(table_path)
    passed = failed = 0
    for code in sorted(set(codebook) | set(entries)):
        if code not in entries:
            problems = ["in the codebook but missing from the table"]
        elif code not in codebook:
            problems = ["in the table but not in the codebook"]
        else:
            problems = check_entry(entries[code], codebook, labels, mapping, comments)
        for problem in problems:
            print(f"FAIL: {code}: {problem}")
        if problems:
            failed += 1
        else:
            passed += 1

    print(f"{passed} passed, {failed} failed")
    return 1 if failed or table_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
