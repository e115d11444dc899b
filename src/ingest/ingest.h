// Stage `ingest`: turns what the user gives (files, directories, standard input, JSON Lines of
// documents, plain text or HTML) into Documents with a clean body, a title and metadata.
//
// Contract:
// - Bad input is reported, never thrown: every problem reaches `on_error` as an Error naming the
//   input ("dir/a.txt", "feed.jsonl:12") and the reason; every good document still reaches
//   `on_document`.
// - Invalid UTF-8 is repaired (U+FFFD) and noted in the document's diagnostics.
// - Inputs larger than `ReadOptions::max_document_bytes` are refused with an error.
// Thread safety: InputReader is not shared between threads; the free functions are pure.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "document/expected.h"

namespace vigie::ingest {

// 50 MiB: larger than any real article page (the Zyte benchmark's largest is under 2 MiB), small
// enough that a stray binary or a whole dump given by mistake is refused rather than parsed.
constexpr std::size_t kDefaultMaxDocumentBytes = 50u << 20;

// Phrases that open trailing web boilerplate in plain text ("Related articles", "LEAVE A
// REPLY"), loaded from dictionaries/ingest/boilerplate.yaml. Immutable after load: share freely.
class BoilerplateLexicon {
 public:
  static Expected<BoilerplateLexicon> load(const std::string& path);
  // True when the paragraph starts with a known phrase (folded, trimmed).
  bool matches(std::string_view paragraph) const;
  std::size_t size() const { return phrases_.size(); }

 private:
  std::vector<std::string> phrases_;  // folded
};

struct ReadOptions {
  std::string published;  // YYYY-MM-DD given by the caller: wins over the page's own date
  std::string lang;       // "fr", "en", or empty for automatic detection
  std::string id;         // caller's id; only for a single document input
  std::size_t max_document_bytes = kDefaultMaxDocumentBytes;
  const BoilerplateLexicon* boilerplate = nullptr;  // not owned; none: no trailing-line cleaning
};

// kWarc: a web archive (WARC or WARC.gz), kFeed: an RSS or Atom feed (containers.h).
enum class InputFormat { kAuto, kText, kHtml, kJsonLines, kWarc, kFeed };

struct ByteInput;  // containers.h

// Reads every input in order. Memory is bounded per document: JSON Lines inputs (files or
// standard input) are streamed a line at a time, WARC archives a record at a time and feeds an
// item at a time (containers.h). Directories are walked recursively in sorted order, taking files
// ending in .txt .text .html .htm .xhtml .jsonl .ndjson .warc .warc.gz .rss .atom, and .xml
// when its root element is rss, feed or rdf:RDF; "-" is standard input. Archives and feeds are
// also recognised by their first bytes ("WARC/1.", gzip, <?xml … <rss|<feed).
class InputReader {
 public:
  using DocumentSink = std::function<void(Document&&)>;
  using ErrorSink = std::function<void(const Error&)>;

  InputReader(ReadOptions options, DocumentSink on_document, ErrorSink on_error);

  // Reads one input (a path or "-"). Returns the number of documents it produced.
  std::size_t read(const std::string& input);

 private:
  std::size_t read_file(const std::string& path);
  // Reads from an open descriptor: JSON Lines are streamed line by line (memory bounded by one
  // line); a single document is read whole, up to max_document_bytes.
  std::size_t read_descriptor_input(const std::string& name, int fd, InputFormat format);
  std::size_t read_document(const std::string& name, std::string bytes, InputFormat format);
  std::size_t read_json_line(const std::string& name, std::size_t line_number,
                             std::string_view line);
  std::size_t read_container(const std::string& name, ByteInput input, InputFormat format);
  void emit(Document&& document);

  ReadOptions options_;
  DocumentSink on_document_;
  ErrorSink on_error_;
};

// Builds a Document from plain text: the first line is taken as the title when it is short,
// has no final period and is followed by a blank line; trailing web boilerplate ("Related
// articles", "LEAVE A REPLY", comment prompts) is removed. `text` must be valid UTF-8.
Document document_from_text(std::string id, std::string_view text,
                            const BoilerplateLexicon* boilerplate);

// Builds a Document from an HTML page: metadata (title, date, author, site, URL, language) from
// JSON-LD, OpenGraph and meta tags, <time>, the URL and the visible byline and dateline, and the
// article body found by a scored block extractor, without navigation, scripts, asides, comment
// and share blocks (see html.cc).
Document document_from_html(std::string id, std::string_view html);

// Builds a Document from the raw bytes of an HTML page as served or stored: the bytes are
// converted to UTF-8 first (invalid sequences repaired to U+FFFD and noted in the diagnostics),
// then given to document_from_html.
// `transport_charset` is the charset the transport declared (HTTP Content-Type), if any.
Document document_from_html_bytes(std::string id, std::string_view bytes,
                                  std::string_view transport_charset = {});

// Normalises a date string found in metadata to YYYY-MM-DD: numeric dates first
// ("2021-09-07T10:00:00Z", "2021/09/07", a URL path "/2021/09/07/"), then day-first dotted
// dates ("07.09.2021"), else the first written date (find_written_date). Returns empty when there is no recognisable date. Linear time.
std::string normalise_date(std::string_view value);

// The first date written out in French, English or German in `text`, as YYYY-MM-DD:
// "6 septembre 2021", "1er octobre 2021", "lundi 6 septembre 2021", "Sept. 6, 2021",
// "September 6, 2021", "6 Sep 2021", "Monday, 6 September 2021", RFC 822 "Mon, 06 Sep 2021
// 10:00:00 GMT", "6. September 2021". Day, month name and year must be adjacent (only spaces
// and light punctuation between them) and the day must exist. Empty when there is none.
std::string find_written_date(std::string_view text);

}  // namespace vigie::ingest
