#!/usr/bin/env python3
"""Schema test: every field of ../shared/schema/OUTPUT.md checked on real `vigie extract` output.

Runs vigie on the bundled examples and on a French sample written here, then checks types,
enumerations and that every span points at the text it claims (UTF-8 byte offsets).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CAMEO = re.compile(r"^\d{2,4}$")
ACTOR_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
ENTITY_TYPES = {"PER", "ORG", "LOC", "GPE", "MISC"}
MODALITIES = {"asserted", "alleged", "denied", "negated", "possible", "intended"}

SAMPLE = """Les États-Unis accusent la Russie

Les États-Unis ont accusé mardi la Russie de fournir des armes aux rebelles, selon un communiqué.
Moscou a démenti. « Ces accusations sont fausses », a déclaré le porte-parole russe.
"""


class Checker:
    def __init__(self):
        self.errors = []
        self.checks = 0

    def expect(self, condition, where, message):
        self.checks += 1
        if not condition:
            self.errors.append(f"{where}: {message}")
        return condition

    def span(self, doc, field_text, span, expected_text, where):
        ok = self.expect(isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span),
                         where, f"span must be [start, end] integers, got {span!r}")
        if not ok:
            return
        raw = field_text.encode("utf-8")
        s, e = span
        if not self.expect(0 <= s <= e <= len(raw), where, f"span {span} outside the text ({len(raw)} bytes)"):
            return
        try:
            piece = raw[s:e].decode("utf-8")
        except UnicodeDecodeError:
            self.expect(False, where, f"span {span} cuts a UTF-8 character")
            return
        if expected_text is not None:
            self.expect(piece == expected_text, where, f"span {span} holds {piece!r}, not {expected_text!r}")

    def actor(self, doc, actor, where, allow_null=True):
        if actor is None:
            self.expect(allow_null, where, "actor must not be null")
            return
        if not self.expect(isinstance(actor, dict), where, "actor must be an object"):
            return
        self.expect(isinstance(actor.get("text"), str) and actor["text"], where, "actor.text must be a non-empty string")
        code = actor.get("code")
        self.expect(code is None or (isinstance(code, str) and ACTOR_CODE.match(code)), where,
                    f"actor.code must be null or CAMEO letters in threes, got {code!r}")
        if "name" in actor:
            self.expect(isinstance(actor["name"], str), where, "actor.name must be a string")
        if "span" in actor:
            field = doc["title"] if actor.get("in_title") else doc["text"]
            self.span(doc, field, actor["span"], actor["text"], where + ".span")

    def place(self, doc, place, where):
        if not self.expect(isinstance(place, dict), where, "place must be an object"):
            return
        for key in ("text", "name", "country", "feature"):
            self.expect(isinstance(place.get(key), str), where, f"place.{key} must be a string")
        for key in ("lat", "lon"):
            self.expect(isinstance(place.get(key), (int, float)), where, f"place.{key} must be a number")
        field = (doc.get("title") or "") if place.get("in_title") else doc["text"]
        self.span(doc, field, place.get("span"), place.get("text"), where + ".span")

    def document(self, doc, where):
        for key in ("id", "lang", "text"):
            self.expect(isinstance(doc.get(key), str), where, f"{key} must be a string")
        self.expect(len(doc.get("lang", "")) == 2, where, "lang must be an ISO 639-1 code")
        for key in ("url", "title", "site", "author"):
            self.expect(key in doc and (doc[key] is None or isinstance(doc[key], str)), where,
                        f"{key} must be present, a string or null")
        self.expect("published" in doc and (doc["published"] is None or DATE.match(doc["published"])), where,
                    "published must be YYYY-MM-DD or null")
        title = doc.get("title") or ""
        text = doc.get("text", "")
        for key in ("sentences", "entities", "places", "quotes", "events"):
            self.expect(isinstance(doc.get(key), list), where, f"{key} must be an array")
        previous_end = 0
        for i, span in enumerate(doc.get("sentences", [])):
            self.span(doc, text, span, None, f"{where}.sentences[{i}]")
            if isinstance(span, list) and len(span) == 2:
                self.expect(span[0] >= previous_end, where, f"sentence {i} overlaps the previous one")
                previous_end = span[1]
        for i, entity in enumerate(doc.get("entities", [])):
            w = f"{where}.entities[{i}]"
            self.expect(entity.get("type") in ENTITY_TYPES, w, f"type must be one of {sorted(ENTITY_TYPES)}")
            field = title if entity.get("in_title") else text
            self.span(doc, field, entity.get("span"), entity.get("text"), w + ".span")
            if "code" in entity:
                self.expect(ACTOR_CODE.match(entity["code"] or ""), w, "code must be CAMEO letters")
        for i, place in enumerate(doc.get("places", [])):
            self.place(doc, place, f"{where}.places[{i}]")
        for i, quote in enumerate(doc.get("quotes", [])):
            w = f"{where}.quotes[{i}]"
            field = title if quote.get("in_title") else text
            self.span(doc, field, quote.get("span"), quote.get("text"), w + ".span")
            self.expect("speaker" in quote, w, "speaker must be present (actor or null)")
            self.actor(doc, quote.get("speaker"), w + ".speaker")
        for i, event in enumerate(doc.get("events", [])):
            self.event(doc, event, f"{where}.events[{i}]")

    def event(self, doc, event, where):
        field = doc["title"] if event.get("in_title") else doc["text"]
        self.expect(isinstance(event.get("sentence"), str) and event["sentence"] in field, where,
                    "sentence must be verbatim from the text (or the title when in_title)")
        self.span(doc, field, event.get("span"), event.get("trigger"), where + ".span")
        if isinstance(event.get("trigger"), str) and isinstance(event.get("sentence"), str):
            self.expect(event["trigger"] in event["sentence"], where, "trigger must be inside the sentence")
        for key in ("source", "target", "attribution"):
            self.expect(key in event, where, f"{key} must be present (actor or null)")
            self.actor(doc, event.get(key), f"{where}.{key}")
        self.expect(isinstance(event.get("cameo"), str) and CAMEO.match(event["cameo"]), where,
                    "cameo must be 2 to 4 digits as a string")
        self.expect(event.get("quad_class") in (1, 2, 3, 4), where, "quad_class must be 1..4")
        self.expect(isinstance(event.get("goldstein"), (int, float)) and -10 <= event["goldstein"] <= 10, where,
                    "goldstein must be a number in [-10, 10]")
        plover = event.get("plover")
        self.expect(isinstance(plover, dict) and isinstance(plover.get("type"), str), where,
                    "plover must be {type, mode?}")
        self.expect(event.get("modality") in MODALITIES, where, f"modality must be one of {sorted(MODALITIES)}")
        self.expect("location" in event, where, "location must be present (place or null)")
        if event.get("location") is not None:
            self.place(doc, event["location"], where + ".location")
        self.expect("date" in event and (event["date"] is None or DATE.match(event["date"])), where,
                    "date must be YYYY-MM-DD or null")
        self.expect(isinstance(event.get("rule"), str) and re.search(r":\d+", event["rule"]), where,
                    "rule must name the dictionary file:line")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vigie", required=True)
    ap.add_argument("--repo", required=True)
    args = ap.parse_args()
    checker = Checker()
    with tempfile.TemporaryDirectory() as tmp:
        sample = os.path.join(tmp, "sample.fr.txt")
        with open(sample, "w", encoding="utf-8") as f:
            f.write(SAMPLE)
        run = subprocess.run([args.vigie, "extract", "--published", "2024-03-12",
                              os.path.join(args.repo, "examples"), sample], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"FAIL: vigie extract exited {run.returncode}: {run.stderr}")
        return 1
    documents = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    checker.expect(len(documents) >= 10, "output", f"expected every example document, got {len(documents)}")
    events = sum(len(d.get("events", [])) for d in documents)
    checker.expect(events > 0, "output", "no event at all: the schema of events went unchecked")
    checker.expect(any(d.get("quotes") for d in documents), "output", "no quote at all: quotes went unchecked")
    for doc in documents:
        checker.document(doc, f"document {doc.get('id')!r}")
    for error in checker.errors[:50]:
        print("FAIL " + error)
    print(f"{checker.checks - len(checker.errors)} passed, {len(checker.errors)} failed")
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
