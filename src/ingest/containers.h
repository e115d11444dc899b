// Container inputs of stage `ingest`: web archives (WARC, WARC.gz) and news feeds (RSS 2.0,
// RSS 1.0/RDF, Atom), each holding many documents. InputReader dispatches to these readers; the
// fuzzers (fuzz/) and tests call them directly on bytes.
//
// Contract (the same as InputReader's):
// - Streaming: memory is bounded by one record or one feed item, never the whole archive or
//   feed. A record or item over ReadOptions::max_document_bytes is refused with an error and
//   skipped; reading continues with the next one.
// - Bad input is reported, never thrown: every problem reaches `on_error` as an Error naming the
//   input and, inside it, the record ("record 3 at byte 5120") or line; every document read
//   before a fatal break (a truncated archive, a feed that stops being well-formed XML) has
//   already reached `on_document`.
// - The documents are given as read: the caller applies ReadOptions::published and ::lang (the
//   caller's values win over the page's and the container's).
// Thread safety: the functions are reentrant; each call owns its own parser state.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "document/document.h"
#include "document/expected.h"
#include "ingest/ingest.h"

namespace vigie::ingest {

using DocumentSink = std::function<void(Document&&)>;
using ErrorSink = std::function<void(const Error&)>;

// Where a container's bytes come from: `prefix` (bytes already read, e.g. while sniffing the
// format of standard input) followed by what remains of `fd` (-1: no descriptor, `prefix` is
// everything). Not owned: the caller closes the descriptor.
struct ByteInput {
  std::string_view prefix;
  int fd = -1;
};

// What a container held; records and items that produced no document are counted, not errors.
struct ContainerSummary {
  std::size_t records = 0;       // WARC records, or feed items/entries, seen
  std::size_t documents = 0;     // documents given to on_document
  std::size_t skipped = 0;       // records or items deliberately not read (see below)
  std::size_t not_html = 0;      // WARC response records whose payload is not HTML
  std::size_t not_response = 0;  // WARC request, metadata, warcinfo, revisit, … records
  std::size_t http_not_ok = 0;   // WARC responses whose HTTP status is not 2xx
  std::size_t errors = 0;        // records or items refused with an error
};

// Reads a WARC 1.0/1.1 archive, plain or gzip-compressed (one gzip member per record, or one for
// the whole file: members are read one after the other). Every `response` record whose HTTP
// payload is HTML (Content-Type text/html or application/xhtml+xml; sniffed when absent) with a
// 2xx status becomes a Document, and so does a `resource` record of type text/html. Chunked
// transfer-encoding and gzip/deflate content-encoding are decoded; the HTTP charset is a hint to
// the charset detection (charset.h). Document::id is "<container_id_base>#<record number>"
// (records counted from 1, all types; see container_id_base); url falls back to WARC-Target-URI and
// published to WARC-Date when the page gives none (diagnostics say so).
ContainerSummary read_warc(const std::string& name, ByteInput input, const ReadOptions& options,
                           const DocumentSink& on_document, const ErrorSink& on_error);

// Reads an RSS 2.0, RSS 1.0 (RDF) or Atom feed with libxml2's streaming reader (no network, no
// external entities, libxml2's default size limits). Each item/entry becomes a Document: url
// from link, title, published (RSS pubDate, Atom published/updated, dc:date), author
// (author, dc:creator, Atom author/name), site from the channel/feed title, and text from
// content:encoded or Atom content (HTML read by the article extractor), else description/summary.
// An item with neither title nor text is skipped with a warning; one with a title only is kept
// (headline feeds) with a diagnostic. Document::id is "<container_id_base>#<item number>".
// A feed that is not well-formed XML stops at the first error, reported with its line; items
// complete before it were already given (libxml2's recover mode is not used: it guesses).
ContainerSummary read_feed(const std::string& name, ByteInput input, const ReadOptions& options,
                           const DocumentSink& on_document, const ErrorSink& on_error);

// The container format named by a file name: kWarc for .warc and .warc.gz, kFeed for .rss,
// .atom and .xml; kAuto otherwise.
InputFormat container_format_from_name(std::string_view file_name);

// The container format of the first bytes of an input: kWarc for "WARC/1." or gzip data, kFeed
// for XML whose root is rss, feed or rdf:RDF; kAuto otherwise.
InputFormat sniff_container(std::string_view head);

// What a container's document ids start with: the caller's id (ReadOptions::id), "stdin" for
// "-", else the base name of the file ("crawl.warc.gz" -> "crawl.warc.gz#3").
std::string container_id_base(const std::string& name, const ReadOptions& options);

// True when the file's first bytes sniff as a feed (sniff_container); for .xml in directories.
bool file_looks_like_feed(const std::string& path);

// An RFC 822 date as in RSS pubDate ("Tue, 12 Mar 2024 10:00:00 GMT", two-digit years too) as
// YYYY-MM-DD; empty when it is not one.
std::string rfc822_date(std::string_view value);

}  // namespace vigie::ingest
