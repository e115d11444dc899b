#!/usr/bin/env python3
"""The feature-named event suite (tests/events/cases.*.yaml), TABARI style.

Each case has an id, the feature it tests, a text, and the events a careful CAMEO coder expects
(source / target / code / modality / attribution). A case passes when every expected event is
coded (and, with `exact: true`, nothing else). The suite measures progress: the number of passing
cases must not fall below the ratchet in tests/events/min_pass (raise it as the coder improves,
never lower it). Prints per-language and per-feature pass rates and every failing case.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

import yaml

DEFAULT_PUBLISHED = "2024-03-12"


def code_of(actor):
    return actor.get("code") if isinstance(actor, dict) else None


def actor_ok(expected, actor):
    if expected is None or expected == "*":
        return True
    code = code_of(actor)
    if expected == "-":
        return actor is None or code is None
    return code is not None and code.upper().startswith(str(expected).upper())


def event_ok(expected, event):
    code = str(expected["code"])
    cameo = str(event.get("cameo") or "")
    if not (cameo == code or (len(code) == 2 and cameo.startswith(code))):
        return False
    if not actor_ok(expected.get("source"), event.get("source")):
        return False
    if not actor_ok(expected.get("target"), event.get("target")):
        return False
    if "modality" in expected and event.get("modality") != expected["modality"]:
        return False
    if "attribution" in expected and not actor_ok(expected["attribution"], event.get("attribution")):
        return False
    return True


def describe(event):
    return "{} / {} / {} / {}{}".format(code_of(event.get("source")) or "-", code_of(event.get("target")) or "-",
                                        event.get("cameo"), event.get("modality"),
                                        f" per {code_of(event.get('attribution'))}" if event.get("attribution") else "")


def judge(case, events):
    remaining = list(events)
    for expected in case.get("expect") or []:
        for i, event in enumerate(remaining):
            if event_ok(expected, event):
                del remaining[i]
                break
        else:
            return False
    return not (case.get("exact") and remaining)


def load_cases(repo):
    cases = []
    for lang in ("fr", "en"):
        path = os.path.join(repo, "tests", "events", f"cases.{lang}.yaml")
        with open(path, encoding="utf-8") as f:
            for case in yaml.safe_load(f) or []:
                case["lang"] = lang
                cases.append(case)
    ids = [c["id"] for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise SystemExit(f"duplicate case ids: {sorted(duplicates)}")
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vigie", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--min-pass-file", help="ratchet: fail when fewer cases pass")
    ap.add_argument("--quiet", action="store_true", help="do not list failing cases")
    args = ap.parse_args()
    cases = load_cases(args.repo)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = os.path.join(tmp, "cases.jsonl")
        with open(inputs, "w", encoding="utf-8") as f:
            for case in cases:
                f.write(json.dumps({"id": case["id"], "text": case["text"], "lang": case["lang"],
                                    "published": str(case.get("published", DEFAULT_PUBLISHED))},
                                   ensure_ascii=False) + "\n")
        run = subprocess.run([args.vigie, "extract", inputs], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"FAIL: vigie extract exited {run.returncode}: {run.stderr}")
        return 1
    coded = {d["id"]: d.get("events", []) for d in map(json.loads, run.stdout.splitlines()) if d}
    by_lang = collections.Counter()
    passed_by_lang = collections.Counter()
    by_feature = collections.defaultdict(lambda: [0, 0])
    failures = []
    for case in cases:
        events = coded.get(case["id"], [])
        ok = judge(case, events)
        by_lang[case["lang"]] += 1
        passed_by_lang[case["lang"]] += ok
        by_feature[case.get("feature", "?")][0] += ok
        by_feature[case.get("feature", "?")][1] += 1
        if not ok:
            failures.append((case, events))
    if not args.quiet:
        for case, events in failures:
            expected = "; ".join(f"{e.get('source')} / {e.get('target')} / {e.get('code')} / {e.get('modality', '*')}"
                                 for e in case.get("expect") or []) or "no event"
            got = "; ".join(describe(e) for e in events) or "no event"
            print(f"fail {case['id']} [{case.get('feature')}]\n  text: {case['text']}\n"
                  f"  expected: {expected}{' (exact)' if case.get('exact') else ''}\n  coded:    {got}")
    print("\nby feature:")
    for feature, (ok, total) in sorted(by_feature.items()):
        print(f"  {ok:3d}/{total:<3d} {feature}")
    total_passed = sum(passed_by_lang.values())
    for lang in ("fr", "en"):
        print(f"{lang}: {passed_by_lang[lang]}/{by_lang[lang]} cases pass")
    print(f"suite: {total_passed}/{len(cases)} cases pass")
    if args.min_pass_file:
        with open(args.min_pass_file, encoding="utf-8") as f:
            floor = int(f.read().split()[0])
        if total_passed < floor:
            print(f"FAIL: {total_passed} cases pass, below the ratchet {floor} ({args.min_pass_file})")
            return 1
        print(f"PASS: at least {floor} cases pass (ratchet {args.min_pass_file})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
