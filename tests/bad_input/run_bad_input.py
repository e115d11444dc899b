#!/usr/bin/env python3
"""Bad input: every problem gets one line on stderr naming the input and the reason, the other
inputs are still processed, and the exit status is non-zero only when nothing was processed.

Cases (named as the test reports them): missing file, empty file, unreadable file, broken link in
a directory, invalid UTF-8 (repaired, document kept), JSON Lines with a line that is not JSON,
JSON Lines record without text, oversize document, a directory with nothing to read, binary
garbage, a truncated WARC (plain and gzip), a feed that is not XML, an HTML page nested 20,000
elements deep, and a run where every input is bad.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile

GOOD_FR = "Le Pakistan a accusé l'Inde\n\nLe Pakistan a accusé mardi l'Inde de soutenir les rebelles.\n"
GOOD_EN = "Kenya hosts talks\n\nThe Kenyan president met with Somali officials on Tuesday.\n"

results = []


def case(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def run(vigie, *args):
    proc = subprocess.run([vigie, "extract", *args], capture_output=True)
    stdout = proc.stdout.decode("utf-8")  # must always be valid UTF-8
    docs = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return proc.returncode, docs, proc.stderr.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vigie", required=True)
    args = ap.parse_args()
    vigie = args.vigie
    with tempfile.TemporaryDirectory() as tmp:
        def write(name, data):
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            return path

        good = write("good.fr.txt", GOOD_FR)
        missing = os.path.join(tmp, "missing.txt")
        code, docs, err = run(vigie, missing, good)
        case("missing file: others processed, exit 0", code == 0 and len(docs) == 1, err)
        case("missing file: one line naming it", missing in err and "no such file" in err and
             len([l for l in err.splitlines() if missing in l]) == 1, err)

        empty = write("empty.txt", "")
        code, docs, err = run(vigie, empty, good)
        case("empty file: reported, others processed", code == 0 and len(docs) == 1 and
             f"{empty}: empty input" in err, err)

        bad_utf8 = write("latin1.txt", "Le Pakistan a d\xe9menti l'accusation.\n".encode("latin-1"))
        code, docs, err = run(vigie, bad_utf8)
        case("invalid UTF-8: repaired and processed", code == 0 and len(docs) == 1 and
             "\ufffd" in docs[0]["text"], err)
        case("invalid UTF-8: warning names the input", bad_utf8 in err and "UTF-8" in err, err)

        jsonl = write("docs.jsonl", "\n".join([
            json.dumps({"id": "a", "text": GOOD_FR, "published": "2024-03-12", "lang": "fr"}),
            "{not json",
            json.dumps({"id": "c"}),
            json.dumps({"id": "d", "html": "<html><body><article><p>" + GOOD_EN + "</p></article></body></html>"}),
        ]) + "\n")
        code, docs, err = run(vigie, jsonl)
        case("JSON Lines: good records kept", code == 0 and [d["id"] for d in docs] == ["a", "d"], err)
        case("JSON Lines: bad line named with its number", f"{jsonl}:2: not valid JSON" in err, err)
        case("JSON Lines: record without text named", f"{jsonl}:3:" in err and "text" in err, err)
        case("JSON Lines: caller's published date kept", docs and docs[0]["published"] == "2024-03-12")

        big = write("big.txt", "Le Pakistan a accusé l'Inde. " * 2000)
        code, docs, err = run(vigie, "--max-bytes", "10000", big, good)
        case("oversize document: refused with the limit, others processed",
             code == 0 and len(docs) == 1 and big in err and "limit" in err, err)

        garbage = write("garbage.txt", bytes(range(256)) * 64)
        code, docs, err = run(vigie, garbage)
        case("binary garbage: repaired, processed as text, valid JSON out",
             code == 0 and len(docs) == 1 and "\ufffd" in docs[0]["text"], err)

        folder = os.path.join(tmp, "folder")
        write("folder/a.en.txt", GOOD_EN)
        write("folder/sub/b.fr.txt", GOOD_FR)
        write("folder/ignored.pdf", "%PDF")
        os.symlink(os.path.join(tmp, "nowhere.txt"), os.path.join(folder, "broken.txt"))
        # A file whose read fails with EIO even for root (Linux): the read error is reported.
        if os.path.exists("/proc/self/mem"):
            os.symlink("/proc/self/mem", os.path.join(folder, "io_error.txt"))
        unreadable = write("folder/secret.txt", GOOD_EN)
        os.chmod(unreadable, 0)
        as_root = os.geteuid() == 0
        code, docs, err = run(vigie, folder)
        expected = 2 if not as_root else 3  # root reads a mode-0 file anyway
        case("directory: readable files processed recursively", code == 0 and len(docs) == expected, err)
        case("directory: broken link reported", "broken.txt: broken symbolic link" in err, err)
        if os.path.exists("/proc/self/mem"):
            case("directory: read error reported, no crash", "io_error.txt: read error" in err, err)
        if not as_root:
            case("directory: unreadable file reported", "secret.txt" in err and "cannot open" in err, err)

        long_line = write("long.jsonl", json.dumps({"id": "big", "text": "x " * 20000}) + "\n" +
                          json.dumps({"id": "small", "text": GOOD_EN}) + "\n")
        code, docs, err = run(vigie, "--max-bytes", "10000", long_line)
        case("JSON Lines: oversize line refused, next line kept",
             code == 0 and [d["id"] for d in docs] == ["small"] and f"{long_line}:1:" in err, err)

        proc = subprocess.run([vigie, "extract", "--id", "piped", "-"], input=GOOD_FR.encode(),
                              capture_output=True)
        piped = [json.loads(l) for l in proc.stdout.decode().splitlines() if l.strip()]
        case("standard input: one document with the caller's id",
             proc.returncode == 0 and [d["id"] for d in piped] == ["piped"], proc.stderr.decode())

        # A WARC archive cut in the middle of its second record: the first page is kept and the
        # cut is named with its record number and offset.
        page = ("<html><head><title>Kenya hosts talks</title></head><body><article><p>" +
                GOOD_EN + "</p></article></body></html>").encode()

        def warc_record(uri, payload):
            block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + payload
            return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
                    f"Content-Length: {len(block)}\r\n\r\n").encode() + block + b"\r\n\r\n"

        first, second = warc_record("https://a.example/1", page), warc_record("https://a.example/2", page)
        cut = write("cut.warc", first + second[:len(second) // 2])
        code, docs, err = run(vigie, cut)
        case("truncated WARC: earlier record kept, the cut named with record and offset",
             code == 0 and [d["url"] for d in docs] == ["https://a.example/1"] and
             f"{cut}: record 2 at byte {len(first)}: truncated" in err, err)
        cut_gz = write("cut.warc.gz", gzip.compress(first) + gzip.compress(second)[:-20])
        code, docs, err = run(vigie, cut_gz)
        case("truncated WARC.gz: earlier record kept, the cut named",
             code == 0 and len(docs) == 1 and f"{cut_gz}: record 2" in err and "truncated" in err, err)

        not_xml = write("broken.rss", "This feed is plain text, not XML.\n")
        code, docs, err = run(vigie, not_xml, good)
        case("feed that is not XML: named, others processed",
             code == 0 and len(docs) == 1 and f"{not_xml}: not well-formed XML" in err, err)

        deep = write("deep.html", "<html><body><article>" + "<b>" * 20000 +
                     "Le Pakistan a accusé l'Inde.</article></body></html>")
        code, docs, err = run(vigie, deep, good)
        case("HTML nested 20,000 deep: read as text with a diagnostic, no crash",
             code == 0 and len(docs) == 2 and "accusé" in docs[0]["text"] and
             any("nested" in d["message"] for d in docs[0].get("diagnostics", [])), err)

        empty_dir = os.path.join(tmp, "empty_dir")
        os.makedirs(empty_dir)
        code, docs, err = run(vigie, empty_dir)
        case("nothing processed: exit 1 with a summary", code == 1 and "no document could be processed" in err, err)

        code, docs, err = run(vigie, missing, empty)
        case("all inputs bad: exit 1, one line per input",
             code == 1 and missing in err and empty in err, err)

        code, docs, err = run(vigie, "--published", "7 Sept 2021", good)
        case("bad --published: usage error exit 2", code == 2 and "YYYY-MM-DD" in err, err)

    failed = [r for r in results if not r[1]]
    for name, ok, detail in results:
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else "\n    stderr: " + detail.strip()[:400]))
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
