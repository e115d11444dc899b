// Measures the HTML -> article body extractor (document_from_html_bytes) on the public
// article-extraction benchmarks kept in ../shared/data/extraction (see its SOURCES.md):
//
// - Zyte article-extraction benchmark: 4-gram shingle F1 exactly as
//   ../shared/tools/score_extraction.py computes it (tokens are Python's `\w+`, per-page
//   TP/FP/FN normalised to sum 1, precision and recall averaged over pages, F1 their harmonic
//   mean). tests/extraction checks that both give the same figure.
// - trafilatura's evaluation corpus: per page, the `with` segments that must appear and the
//   `without` segments that must not (whitespace-normalised substring test); precision, recall
//   and F1 micro-averaged over segments, as trafilatura's tests/eval_common.py does.
// - Mozilla Readability's test pages: title exact match (whitespace-collapsed), byline match
//   (whitespace-collapsed, a leading "By "/"Par " of any case removed on both sides, then
//   case-sensitive) and publishedTime day match, each where the fixture has one.
// - htmldate's evaluation pages: publication date (YYYY-MM-DD) accuracy.
//
// Errors are values: a missing or unreadable data file is an Error naming the file.
#pragma once

#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "document/expected.h"

namespace vigie::ingest {

// One page's shingle true positives, false positives and false negatives, normalised to sum 1
// (an empty page on both sides counts as a perfect match: tp = 1).
struct ShingleCounts {
  double tp = 0, fp = 0, fn = 0;
};
ShingleCounts shingle_counts(std::string_view gold, std::string_view system);

// Python's `re.findall(r"\w+", text)` on UTF-8 text: runs of letters, numbers and '_'.
std::vector<std::string_view> word_tokens(std::string_view text);

// Precision, recall and F1 over a set of pages or segments.
struct Score {
  std::size_t items = 0;  // pages (shingle score) or segments (trafilatura score)
  double precision = 0, recall = 0, f1 = 0;
};

// Page-averaged shingle score (score_extraction.py's summary line).
class ShingleScore {
 public:
  void add(const ShingleCounts& page);
  Score score() const;

 private:
  double tp_ = 0, fp_ = 0, fn_ = 0;
  std::size_t pages_ = 0;
};

// Micro-averaged segment score (trafilatura's evaluation).
struct SegmentCounts {
  std::size_t tp = 0, fp = 0, fn = 0, tn = 0;
  void add(const SegmentCounts& other);
  Score score() const;
};
// `with` segments found count as TP (else FN); `without` segments found count as FP (else TN).
// Text and segments are compared with runs of white space collapsed to one space.
SegmentCounts segment_counts(std::string_view extracted, const std::vector<std::string>& with,
                             const std::vector<std::string>& without);

struct Accuracy {
  std::size_t correct = 0, total = 0;
  double value() const { return total ? static_cast<double>(correct) / total : 0.0; }
};

struct ExtractionEvalOptions {
  std::string data;  // ../shared/data/extraction
  // When set, the Zyte bodies are written there as JSON Lines ({"id","text"}), which
  // ../shared/tools/score_extraction.py scores.
  std::string zyte_system_output;
  // The same for the trafilatura pages ({"id": url, "text"}), to compare runs page by page.
  std::string trafilatura_system_output;
};

struct ExtractionEvalReport {
  Score zyte;                                 // all 181 pages
  std::map<std::string, Score> zyte_by_lang;  // languages.json (langdetect) label
  Score trafilatura;                          // all pages
  Score trafilatura_fr;                       // pages langdetect labels "fr"
  // Readability fixtures: title, byline and publishedTime (day) where the fixture has one.
  Accuracy readability_title, readability_byline, readability_date;
  Accuracy htmldate_date;
  std::size_t pages = 0;              // pages extracted in all
  double seconds = 0;                 // wall time for all of it (reading, gunzip, parsing, scoring)
  std::vector<std::string> warnings;  // pages skipped (unreadable), one line each
};

// Runs every benchmark found under options.data. Returns an Error when options.data holds none
// of them or the Zyte ground truth cannot be read.
Expected<ExtractionEvalReport> evaluate_extraction(const ExtractionEvalOptions& options);

// Prints the report as the CLI shows it: one line per figure, the last line a summary.
void print_extraction_report(const ExtractionEvalReport& report, std::ostream& out);

// The whole content of a gzip (or plain) file.
Expected<std::string> read_gzip_file(const std::string& path);

}  // namespace vigie::ingest
