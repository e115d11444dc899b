#!/usr/bin/env python3
"""Event locations on the RELABEL gold subset of ahalterman/event_location (`vigie eval
event-location`), ratcheted by tests/geo/event_location_min. The data is a zip of one JSON array:
unzipped to a temporary folder here. Exit 77 (skip) without ../shared.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import zipfile


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vigie", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--min-file", required=True)
    args = ap.parse_args()
    archive = os.path.join(args.shared, "data", "events", "event_location", "labeled_text.jsonl.zip")
    if not os.path.isfile(archive):
        print(f"SKIP: {archive} not found (the event-location gold lives in ../shared)")
        return 77
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(archive) as z:
        z.extract("labeled_text.jsonl", tmp)
        run = subprocess.run([args.vigie, "eval", "event-location", "--data",
                              os.path.join(tmp, "labeled_text.jsonl"), "--min-file", args.min_file])
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
