#!/usr/bin/env python3
"""Builds container inputs (WARC, WARC.gz, RSS, Atom) from the bundled examples/**/*.html pages.

Writes into OUT: examples.warc (plain), examples.warc.gz (one gzip member per record, as crawlers
write them), examples.rss (RSS 2.0 with content:encoded) and examples.atom (Atom, content
type="html"). The archive holds a warcinfo record, then for each page a request, a response
(HTML; one chunked and gzip-encoded) and a metadata record, and one non-HTML response. `make fuzz`
uses them as seed corpora; they are never committed (generated, and the pages are already in
examples/).

    python3 scripts/make-example-containers.py --repo . --out build-fuzz/seeds
"""
import argparse
import gzip
import html
import os
import re
import sys
import uuid

PAGE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")


def pages(repo):
    root = os.path.join(repo, "examples")
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, "rb") as f:
                    yield os.path.relpath(path, root), f.read()


def record(kind, uri, content_type, block, date):
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + uri)}>",
        f"WARC-Date: {date}T12:00:00Z",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    headers += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def chunked(body, size=512):
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def archive_records(repo):
    records = [record("warcinfo", "", "application/warc-fields",
                      b"software: scripts/make-example-containers.py\r\n", "2024-03-22")]
    for n, (relative, page) in enumerate(pages(repo)):
        uri = "https://news.vigie.example/" + relative.replace(os.sep, "/")
        match = PAGE_DATE.match(os.path.basename(relative))
        date = match.group(1) if match else "2024-03-22"
        records.append(record("request", uri, "application/http; msgtype=request",
                              f"GET /{relative} HTTP/1.1\r\nHost: news.vigie.example\r\n\r\n".encode(),
                              date))
        if n == 0:
            head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    b"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n")
            body = chunked(gzip.compress(page, mtime=0))
        else:
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            body = page
        records.append(record("response", uri, "application/http; msgtype=response", head + body,
                              date))
        records.append(record("metadata", uri, "application/warc-fields",
                              b"via: https://news.vigie.example/\r\n", date))
    records.append(record("response", "https://news.vigie.example/logo.png",
                          "application/http; msgtype=response",
                          b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n",
                          "2024-03-22"))
    return records


def article_parts(page):
    text = page.decode("utf-8")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S) or re.search(r"<title>(.*?)</title>",
                                                                         text, re.S)
    article = re.search(r"<article[^>]*>(.*?)</article>", text, re.S)
    paragraphs = re.findall(r"<p[^>]*>.*?</p>|<blockquote[^>]*>.*?</blockquote>",
                            article.group(1) if article else text, re.S)
    return (html.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip() if title else ""), "\n".join(paragraphs)


def rss(repo):
    items = []
    for relative, page in pages(repo):
        title, body = article_parts(page)
        match = PAGE_DATE.match(os.path.basename(relative))
        y, m, d = (match.group(1) if match else "2024-03-22").split("-")
        months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        items.append(
            "  <item>\n"
            f"    <title>{html.escape(title)}</title>\n"
            f"    <link>https://news.vigie.example/{relative}</link>\n"
            f"    <pubDate>{int(d)} {months[int(m) - 1]} {y} 12:00:00 GMT</pubDate>\n"
            "    <dc:creator>Vigie examples</dc:creator>\n"
            f"    <content:encoded><![CDATA[{body}]]></content:encoded>\n"
            "  </item>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            "  <title>Vigie examples</title>\n  <link>https://news.vigie.example/</link>\n"
            + "".join(items) + "</channel>\n</rss>\n")


def atom(repo):
    entries = []
    for relative, page in pages(repo):
        title, body = article_parts(page)
        match = PAGE_DATE.match(os.path.basename(relative))
        date = match.group(1) if match else "2024-03-22"
        entries.append(
            "  <entry>\n"
            f"    <title>{html.escape(title)}</title>\n"
            f'    <link rel="alternate" href="https://news.vigie.example/{relative}"/>\n'
            f"    <id>https://news.vigie.example/{relative}</id>\n"
            f"    <published>{date}T12:00:00Z</published>\n"
            f"    <updated>{date}T12:00:00Z</updated>\n"
            "    <author><name>Vigie examples</name></author>\n"
            f'    <content type="html">{html.escape(body)}</content>\n'
            "  </entry>\n")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>Vigie examples</title>\n'
            "  <id>https://news.vigie.example/</id>\n  <updated>2024-03-22T12:00:00Z</updated>\n"
            + "".join(entries) + "</feed>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default=".")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    records = archive_records(args.repo)
    if len(records) < 3:
        print("make-example-containers: no examples/**/*.html page", file=sys.stderr)
        return 1
    with open(os.path.join(args.out, "examples.warc"), "wb") as f:
        f.write(b"".join(records))
    with open(os.path.join(args.out, "examples.warc.gz"), "wb") as f:
        for r in records:
            f.write(gzip.compress(r, mtime=0))
    with open(os.path.join(args.out, "examples.rss"), "w", encoding="utf-8") as f:
        f.write(rss(args.repo))
    with open(os.path.join(args.out, "examples.atom"), "w", encoding="utf-8") as f:
        f.write(atom(args.repo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
