#!/usr/bin/env python3
"""API test: `vigie serve` on a store of the bundled examples, queried over HTTP on 127.0.0.1.

Builds the store with `vigie extract --db`, starts the server on a free port (it stops itself
after --max-seconds, and is killed at the end whatever happens), then checks every endpoint,
the filters, and the 4xx answers to bad input.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SERVER_LIFETIME_SECONDS = 60
MAX_EXTRACT_BYTES = 20000

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def request(base, path, body=None, content_type=None):
    req = urllib.request.Request(base + path, data=body, method="POST" if body is not None else "GET")
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=20) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8")
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, {"raw": text}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vigie", required=True)
    parser.add_argument("--repo", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "examples.db")
        subprocess.run([args.vigie, "extract", "--db=" + db, os.path.join(args.repo, "examples")],
                       check=True, capture_output=True)
        server = subprocess.Popen(
            [args.vigie, "serve", "--db", db, "--port", "0", "--max-seconds",
             str(SERVER_LIFETIME_SECONDS), "--max-extract-bytes", str(MAX_EXTRACT_BYTES)],
            stderr=subprocess.PIPE, text=True)
        try:
            line = server.stderr.readline()
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if not match:
                print("FAIL: server did not start:", line)
                return 1
            run_checks("http://127.0.0.1:" + match.group(1))
        finally:
            server.kill()
            server.wait()
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


def run_checks(base):
    status, body = request(base, "/api/events?limit=1000")
    check(status == 200 and body["total"] > 0 and len(body["events"]) == body["total"],
          "/api/events lists every stored event")
    total = body["total"]
    event = body["events"][0]
    for key in ("id", "cluster", "sentence", "span", "sentence_span", "source", "target", "cameo",
                "modality", "rule", "trigger"):
        check(key in event, f"event record has {key}")

    status, body = request(base, "/api/events?actor=PAK&limit=1000")
    check(status == 200 and body["total"] > 0, "actor filter finds PAK events")
    check(all((e["source"] or {}).get("code", "").startswith("PAK") or
              ((e["target"] or {}).get("code") or "").startswith("PAK") for e in body["events"]),
          "actor filter keeps only PAK events")
    check(body["total"] < total, "actor filter filters")

    status, body = request(base, "/api/events?q=sanctions&limit=1000")
    check(status == 200 and body["total"] > 0 and
          all("sanction" in e["sentence"].lower() for e in body["events"]), "text search")

    status, body = request(base, "/api/events?limit=2&offset=1")
    check(status == 200 and len(body["events"]) == 2 and body["offset"] == 1, "limit and offset")

    status, body = request(base, "/api/events?from=2024-03-14&to=2024-03-14&limit=1000")
    check(status == 200 and body["total"] > 0 and
          all(e["date"] == "2024-03-14" for e in body["events"]), "date range")

    status, body = request(base, "/api/events/%d" % event["id"])
    check(status == 200 and body["id"] == event["id"], "/api/events/{id}")

    status, body = request(base, "/api/documents/%d" % event["document"])
    check(status == 200 and "text" in body and "sentences" in body and
          any(e.get("store_id") == event["id"] for e in body["events"]),
          "/api/documents/{id} is the OUTPUT.md record with store ids")

    status, body = request(base, "/api/clusters?limit=1000")
    check(status == 200 and body["clusters"] and
          sum(c["mentions"] for c in body["clusters"]) == total, "clusters count every mention")
    status, body = request(base, "/api/actors")
    check(status == 200 and body["actors"] and "as_source" in body["actors"][0], "/api/actors")
    status, body = request(base, "/api/timeseries")
    check(status == 200 and sum(d["events"] for d in body["days"]) <= total and body["days"],
          "/api/timeseries")
    status, body = request(base, "/api/places")
    check(status == 200 and "places" in body, "/api/places")
    status, body = request(base, "/api/dyads")
    check(status == 200 and body["dyads"], "/api/dyads")

    # Bad input: clear 4xx, naming what is wrong.
    status, body = request(base, "/api/events?from=19-03-2024")
    check(status == 400 and "from" in body.get("error", ""), "bad date is a 400 naming 'from'")
    status, body = request(base, "/api/events?limit=abc")
    check(status == 400 and "limit" in body.get("error", ""), "bad limit is a 400")
    status, body = request(base, "/api/events?modality=rumour")
    check(status == 400 and "modality" in body.get("error", ""), "bad modality is a 400")
    status, body = request(base, "/api/events?lat=10")
    check(status == 400, "incomplete place filter is a 400")
    status, body = request(base, "/api/documents/999999")
    check(status == 404 and "error" in body, "unknown document is a 404")
    status, body = request(base, "/api/nothing")
    check(status == 404, "unknown endpoint is a 404")

    # POST /api/extract
    article = {"id": "posted-1", "lang": "en", "published": "2024-03-19",
               "text": "Pakistan accused the Taliban of sheltering militants on Monday."}
    status, body = request(base, "/api/extract", json.dumps(article).encode(), "application/json")
    check(status == 200 and body.get("id") == "posted-1" and body.get("events"),
          "POST /api/extract codes a JSON document")
    status, body = request(base, "/api/extract", article["text"].encode(), "text/plain")
    check(status == 200 and body.get("events"), "POST /api/extract codes plain text")
    status, body = request(base, "/api/extract", b"{not json", "application/json")
    check(status == 400 and "JSON" in body.get("error", ""), "bad JSON is a 400")
    status, body = request(base, "/api/extract", b'{"title": "no text"}', "application/json")
    check(status == 400 and "text" in body.get("error", ""), "document without text is a 400")
    status, body = request(base, "/api/extract", b"", "text/plain")
    check(status == 400, "empty body is a 400")
    status, body = request(base, "/api/extract", b"x" * (MAX_EXTRACT_BYTES + 1), "text/plain")
    check(status == 413, "oversized body is a 413")
    status, body = request(base, "/api/extract", b"abc", "image/png")
    check(status == 400 and "Content-Type" in body.get("error", ""), "wrong content type is a 400")


if __name__ == "__main__":
    sys.exit(main())
