#include "ingest/extraction_eval.h"

#include <utf8proc.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "ingest/ingest.h"
#include "unicode/utf8.h"

namespace vigie::ingest {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Shingle length of the Zyte benchmark's evaluate.py (and score_extraction.py).
constexpr std::size_t kShingleLength = 4;

// Python's str.isalnum() (letters Lu Ll Lt Lm Lo and numbers Nd Nl No) or '_': what `\w`
// matches in a Unicode pattern.
bool is_python_word_char(char32_t cp) {
  if (cp == U'_') return true;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Shingles as joined strings ("a\x1fb\x1fc\x1fd") with their counts.
std::unordered_map<std::string, std::size_t> shingles(std::string_view text) {
  std::vector<std::string_view> tokens = word_tokens(text);
  std::unordered_map<std::string, std::size_t> out;
  auto join = [&](std::size_t first, std::size_t count) {
    std::string key;
    for (std::size_t i = first; i < first + count; ++i) {
      if (i > first) key.push_back('\x1f');
      key.append(tokens[i]);
    }
    return key;
  };
  if (tokens.empty()) return out;
  if (tokens.size() < kShingleLength) {
    out[join(0, tokens.size())] = 1;
    return out;
  }
  for (std::size_t i = 0; i + kShingleLength <= tokens.size(); ++i) ++out[join(i, kShingleLength)];
  return out;
}

Score score_of(double tp, double fp, double fn, std::size_t items) {
  Score score;
  score.items = items;
  score.precision = tp + fp > 0 ? tp / (tp + fp) : 0.0;
  score.recall = tp + fn > 0 ? tp / (tp + fn) : 0.0;
  double sum = score.precision + score.recall;
  score.f1 = sum > 0 ? 2 * score.precision * score.recall / sum : 0.0;
  return score;
}

Expected<json> read_json_file(const std::string& path) {
  Expected<std::string> text = read_gzip_file(path);
  if (!text) return text.error();
  json data = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) return Error{path, "not valid JSON"};
  return data;
}

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The extractor under test, as `vigie extract` runs it on an HTML file.
Expected<Document> extract_page(const std::string& path, const std::string& id) {
  Expected<std::string> bytes = read_gzip_file(path);
  if (!bytes) return bytes.error();
  return document_from_html_bytes(id, *bytes);
}

// One page of a body benchmark: its id (as the gold names it) and its HTML file.
struct BenchmarkPage {
  std::string id;
  fs::path file;
};

// Extracts every page and hands each body to `score` (an unreadable page is scored as an empty
// body and reported in the warnings). When `output` is set, the bodies are also written there
// as JSON Lines ({"id","text"}).
void extract_and_score(const std::vector<BenchmarkPage>& pages, const std::string& output,
                       ExtractionEvalReport& report,
                       const std::function<void(const BenchmarkPage&, const std::string&)>& score) {
  std::FILE* system = nullptr;
  if (!output.empty()) {
    system = std::fopen(output.c_str(), "w");
    if (!system) report.warnings.push_back(output + ": cannot write");
  }
  for (const BenchmarkPage& page : pages) {
    Expected<Document> document = extract_page(page.file.string(), page.id);
    std::string text;
    if (document) {
      text = std::move(document->text);
      ++report.pages;
    } else {
      report.warnings.push_back(document.error().to_string());
    }
    score(page, text);
    if (system) {
      std::string line = json{{"id", page.id}, {"text", text}}.dump() + "\n";
      std::fwrite(line.data(), 1, line.size(), system);
    }
  }
  if (system) std::fclose(system);
}

void evaluate_zyte(const fs::path& dir, const ExtractionEvalOptions& options,
                   ExtractionEvalReport& report) {
  Expected<json> gold = read_json_file((dir / "ground-truth.json.gz").string());
  if (!gold) {
    report.warnings.push_back(gold.error().to_string());
    return;
  }
  std::map<std::string, std::string> languages;
  if (Expected<json> langs = read_json_file((dir / "languages.json").string()); langs) {
    for (auto& [id, item] : langs->items()) languages[id] = string_field(item, "lang");
  }
  std::vector<BenchmarkPage> pages;
  for (auto& [id, item] : gold->items()) {  // nlohmann::json objects iterate in sorted key order
    pages.push_back({id, dir / "html" / (id + ".html.gz")});
  }
  ShingleScore all;
  std::map<std::string, ShingleScore> by_lang;
  extract_and_score(pages, options.zyte_system_output, report,
                    [&](const BenchmarkPage& page, const std::string& text) {
                      ShingleCounts counts =
                          shingle_counts(string_field((*gold)[page.id], "articleBody"), text);
                      all.add(counts);
                      auto lang = languages.find(page.id);
                      by_lang[lang != languages.end() ? lang->second : "?"].add(counts);
                    });
  report.zyte = all.score();
  for (auto& [lang, score] : by_lang) report.zyte_by_lang[lang] = score.score();
}

void evaluate_trafilatura(const fs::path& dir, const ExtractionEvalOptions& options,
                          ExtractionEvalReport& report) {
  Expected<json> annotations = read_json_file((dir / "annotations.json").string());
  if (!annotations) {
    report.warnings.push_back(annotations.error().to_string());
    return;
  }
  std::vector<BenchmarkPage> pages;
  for (auto& [url, item] : annotations->items()) {
    pages.push_back({url, dir / string_field(item, "stored_file")});
  }
  auto segments = [](const json& item, const char* key) {
    std::vector<std::string> out;
    if (auto it = item.find(key); it != item.end() && it->is_array()) {
      for (const json& segment : *it) {
        if (segment.is_string()) out.push_back(segment.get<std::string>());
      }
    }
    return out;
  };
  SegmentCounts all, french;
  extract_and_score(pages, options.trafilatura_system_output, report,
                    [&](const BenchmarkPage& page, const std::string& text) {
                      const json& item = (*annotations)[page.id];
                      SegmentCounts counts =
                          segment_counts(text, segments(item, "with"), segments(item, "without"));
                      all.add(counts);
                      if (string_field(item, "lang_langdetect") == "fr") french.add(counts);
                    });
  report.trafilatura = all.score();
  report.trafilatura_fr = french.score();
}

// A byline as the Readability fixtures and Vigie can both be held to: white space collapsed,
// a leading "By " or "Par " (any case) removed; the rest compared case-sensitively.
std::string comparable_byline(std::string_view byline) {
  std::string out = unicode::collapse_white_space(byline);
  for (std::string_view prefix : {"by ", "par "}) {
    if (out.size() > prefix.size() && unicode::fold(out.substr(0, prefix.size())) == prefix) {
      out.erase(0, prefix.size());
      break;
    }
  }
  return out;
}

void evaluate_readability(const fs::path& dir, ExtractionEvalReport& report) {
  std::error_code error;
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  for (const fs::path& folder : cases) {
    Expected<json> expected = read_json_file((folder / "expected-metadata.json").string());
    if (!expected) continue;
    Expected<Document> page =
        extract_page((folder / "source.html.gz").string(), folder.filename().string());
    if (!page) {
      report.warnings.push_back(page.error().to_string());
      continue;
    }
    ++report.pages;
    std::string title = unicode::collapse_white_space(string_field(*expected, "title"));
    if (!title.empty()) {
      ++report.readability_title.total;
      if (unicode::collapse_white_space(page->title) == title) ++report.readability_title.correct;
    }
    std::string byline = comparable_byline(string_field(*expected, "byline"));
    if (!byline.empty()) {
      ++report.readability_byline.total;
      if (comparable_byline(page->author) == byline) ++report.readability_byline.correct;
    }
    std::string date = normalise_date(string_field(*expected, "publishedTime"));
    if (!date.empty()) {
      ++report.readability_date.total;
      if (page->published == date) ++report.readability_date.correct;
    }
  }
}

void evaluate_htmldate(const fs::path& root, ExtractionEvalReport& report) {
  Expected<json> annotations =
      read_json_file((root / "htmldate_eval" / "annotations.json").string());
  if (!annotations) {
    report.warnings.push_back(annotations.error().to_string());
    return;
  }
  for (auto& [url, item] : annotations->items()) {
    std::string date = string_field(item, "date");
    std::string stored = string_field(item, "stored_file");
    if (date.empty() || stored.empty()) continue;  // no gold date, or page not kept
    Expected<Document> page = extract_page((root / stored).string(), url);
    if (!page) {
      report.warnings.push_back(page.error().to_string());
      continue;
    }
    ++report.pages;
    ++report.htmldate_date.total;
    if (page->published == date) ++report.htmldate_date.correct;
  }
}

}  // namespace

std::vector<std::string_view> word_tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    std::size_t n = unicode::decode(text, i, &cp);
    if (is_python_word_char(cp)) {
      if (start == std::string_view::npos) start = i;
    } else if (start != std::string_view::npos) {
      tokens.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    }
    i += n;
  }
  if (start != std::string_view::npos) tokens.push_back(text.substr(start));
  return tokens;
}

ShingleCounts shingle_counts(std::string_view gold, std::string_view system) {
  auto gold_shingles = shingles(gold);
  auto system_shingles = shingles(system);
  std::size_t gold_total = 0, system_total = 0, tp = 0;
  for (const auto& [key, count] : gold_shingles) gold_total += count;
  for (const auto& [key, count] : system_shingles) {
    system_total += count;
    if (auto it = gold_shingles.find(key); it != gold_shingles.end()) {
      tp += std::min(count, it->second);
    }
  }
  std::size_t fp = system_total - tp, fn = gold_total - tp;
  double total = static_cast<double>(tp + fp + fn);
  if (total == 0) return {1.0, 0.0, 0.0};
  return {tp / total, fp / total, fn / total};
}

void ShingleScore::add(const ShingleCounts& page) {
  tp_ += page.tp;
  fp_ += page.fp;
  fn_ += page.fn;
  ++pages_;
}

Score ShingleScore::score() const {
  return score_of(tp_, fp_, fn_, pages_);
}

void SegmentCounts::add(const SegmentCounts& other) {
  tp += other.tp;
  fp += other.fp;
  fn += other.fn;
  tn += other.tn;
}

Score SegmentCounts::score() const {
  return score_of(tp, fp, fn, tp + fp + fn + tn);
}

SegmentCounts segment_counts(std::string_view extracted, const std::vector<std::string>& with,
                             const std::vector<std::string>& without) {
  std::string text = unicode::collapse_white_space(extracted);
  SegmentCounts counts;
  for (const std::string& segment : with) {
    if (text.find(unicode::collapse_white_space(segment)) != std::string::npos) {
      ++counts.tp;
    } else {
      ++counts.fn;
    }
  }
  for (const std::string& segment : without) {
    if (text.find(unicode::collapse_white_space(segment)) != std::string::npos) {
      ++counts.fp;
    } else {
      ++counts.tn;
    }
  }
  return counts;
}

Expected<std::string> read_gzip_file(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");  // reads plain files unchanged too
  if (!file) return Error{path, "cannot open"};
  std::string out;
  char buffer[1 << 16];
  int n;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) out.append(buffer, n);
  int status = 0;
  const char* message = n < 0 ? gzerror(file, &status) : nullptr;
  std::string reason = message ? message : "";
  gzclose(file);
  if (n < 0) return Error{path, "cannot decompress: " + reason};
  return out;
}

Expected<ExtractionEvalReport> evaluate_extraction(const ExtractionEvalOptions& options) {
  fs::path root(options.data);
  fs::path zyte = root / "zyte_article_extraction_benchmark";
  if (!fs::exists(zyte / "ground-truth.json.gz")) {
    return Error{options.data,
                 "no zyte_article_extraction_benchmark/ground-truth.json.gz here; "
                 "give the folder ../shared/data/extraction"};
  }
  auto start = std::chrono::steady_clock::now();
  ExtractionEvalReport report;
  evaluate_zyte(zyte, options, report);
  if (fs::exists(root / "trafilatura_eval"))
    evaluate_trafilatura(root / "trafilatura_eval", options, report);
  if (fs::exists(root / "mozilla_readability_test_pages")) {
    evaluate_readability(root / "mozilla_readability_test_pages", report);
  }
  if (fs::exists(root / "htmldate_eval")) evaluate_htmldate(root, report);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

void print_extraction_report(const ExtractionEvalReport& report, std::ostream& out) {
  auto line = [&](const std::string& name, const Score& score) {
    out << std::left << std::setw(34) << name << std::right << std::fixed << std::setprecision(3)
        << " items " << std::setw(5) << score.items << "  precision " << score.precision
        << "  recall " << score.recall << "  F1 " << score.f1 << "\n";
  };
  auto accuracy = [&](const std::string& name, const Accuracy& value) {
    out << std::left << std::setw(34) << name << std::right << std::fixed << std::setprecision(3)
        << " items " << std::setw(5) << value.total << "  correct " << value.correct
        << "  accuracy " << value.value() << "\n";
  };
  for (const std::string& warning : report.warnings) out << "warning: " << warning << "\n";
  line("zyte body (shingle F1)", report.zyte);
  for (const auto& [lang, score] : report.zyte_by_lang) line("zyte body, lang " + lang, score);
  line("trafilatura segments", report.trafilatura);
  line("trafilatura segments, lang fr", report.trafilatura_fr);
  accuracy("readability title", report.readability_title);
  accuracy("readability byline", report.readability_byline);
  accuracy("readability publishedTime", report.readability_date);
  accuracy("htmldate date", report.htmldate_date);
  out << std::fixed << std::setprecision(3) << "extraction: zyte F1 " << report.zyte.f1
      << " trafilatura F1 " << report.trafilatura.f1 << " trafilatura fr F1 "
      << report.trafilatura_fr.f1 << " title " << report.readability_title.value() << " byline "
      << report.readability_byline.value() << " date " << report.readability_date.value()
      << " htmldate " << report.htmldate_date.value() << " pages " << report.pages << " seconds "
      << std::setprecision(1) << report.seconds << "\n";
}

}  // namespace vigie::ingest
