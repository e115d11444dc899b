#include "ingest/ingest.h"

#include "ingest/charset.h"
#include "ingest/containers.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "unicode/utf8.h"

namespace vigie::ingest {
namespace fs = std::filesystem;

namespace {

// A title line longer than this is a paragraph, not a headline.
constexpr std::size_t kMaxTitleBytes = 300;
// Trailing boilerplate blocks are short lines; a line this long is article text and stops the cut.
constexpr std::size_t kMaxBoilerplateLineWords = 20;

const char* const kTextExtensions[] = {".txt", ".text"};
const char* const kHtmlExtensions[] = {".html", ".htm", ".xhtml"};
const char* const kJsonLinesExtensions[] = {".jsonl", ".ndjson"};

template <std::size_t N>
bool has_extension(const std::string& ext, const char* const (&list)[N]) {
  return std::find_if(std::begin(list), std::end(list),
                      [&](const char* e) { return ext == e; }) != std::end(list);
}

InputFormat format_from_extension(const fs::path& path) {
  InputFormat container = container_format_from_name(path.filename().string());
  if (container != InputFormat::kAuto) return container;
  std::string ext = unicode::fold(path.extension().string());
  if (has_extension(ext, kTextExtensions)) return InputFormat::kText;
  if (has_extension(ext, kHtmlExtensions)) return InputFormat::kHtml;
  if (has_extension(ext, kJsonLinesExtensions)) return InputFormat::kJsonLines;
  return InputFormat::kAuto;
}

InputFormat sniff(std::string_view bytes) {
  std::string_view head = unicode::trim_ascii_space(bytes.substr(0, 1024));
  std::string folded = unicode::fold(head.substr(0, 64));
  if (folded.rfind("<!doctype html", 0) == 0 || folded.rfind("<html", 0) == 0 ||
      folded.rfind("<head", 0) == 0 || folded.rfind("<body", 0) == 0) {
    return InputFormat::kHtml;
  }
  if (!head.empty() && head.front() == '{') return InputFormat::kJsonLines;
  if (!head.empty() && head.front() == '<' && folded.find("html") != std::string::npos) {
    return InputFormat::kHtml;
  }
  return InputFormat::kText;
}

std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool ends_like_sentence(std::string_view s) {
  s = unicode::trim_ascii_space(s);
  if (s.empty()) return false;
  for (std::string_view end : {".", "!", "?", "\u2026", "\u00BB", "\u201D", "\"", ":"}) {
    if (s.size() >= end.size() && s.substr(s.size() - end.size()) == end) return true;
  }
  return false;
}

// Splits text into paragraphs at blank lines; single newlines inside a paragraph become spaces
// only when the text is hard-wrapped (every line short), else each line is its own paragraph.
std::vector<std::string> split_paragraphs(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = unicode::trim_ascii_space(text.substr(pos, end - pos));
    if (line.empty()) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      if (!current.empty()) {
        out.push_back(std::move(current));
        current.clear();
      }
      current = std::string(line);
    }
    pos = end + 1;
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}


}  // namespace

Expected<BoilerplateLexicon> BoilerplateLexicon::load(const std::string& path) {
  BoilerplateLexicon lexicon;
  try {
    YAML::Node root = YAML::LoadFile(path);
    if (!root["format"] || root["format"].as<std::string>() != "vigie-boilerplate") {
      return Error{path, "not a vigie-boilerplate file (format: vigie-boilerplate expected)"};
    }
    YAML::Node phrases = root["phrases"];
    if (!phrases || !phrases.IsMap()) return Error{path, "missing 'phrases' map"};
    for (auto language : phrases) {
      if (!language.second.IsSequence()) {
        return Error{path + ":" + std::to_string(language.second.Mark().line + 1),
                     "phrases of '" + language.first.as<std::string>() + "' must be a list"};
      }
      for (auto phrase : language.second) {
        lexicon.phrases_.push_back(unicode::fold(phrase.as<std::string>()));
      }
    }
  } catch (const YAML::Exception& e) {
    return Error{path + ":" + std::to_string(e.mark.line + 1), e.msg};
  }
  return lexicon;
}

bool BoilerplateLexicon::matches(std::string_view paragraph) const {
  std::string folded = unicode::fold(unicode::trim_ascii_space(paragraph));
  for (const std::string& phrase : phrases_) {
    if (folded.rfind(phrase, 0) != 0) continue;
    // Whole-word prefix: "comments" must not match "commentsection" but may match "Comments (3)".
    if (folded.size() == phrase.size()) return true;
    char next = folded[phrase.size()];
    if (!(next >= 'a' && next <= 'z')) return true;
  }
  return false;
}

Document document_from_text(std::string id, std::string_view text,
                            const BoilerplateLexicon* boilerplate) {
  Document document;
  document.id = std::move(id);
  std::vector<std::string> paragraphs = split_paragraphs(text);
  // Title: a short first line without final punctuation, followed by a blank line.
  if (paragraphs.size() > 1) {
    std::string_view first = paragraphs.front();
    std::size_t first_line_end = text.find('\n');
    std::size_t second_line_end = text.find('\n', first_line_end + 1);
    bool blank_after =
        first_line_end != std::string_view::npos &&
        unicode::trim_ascii_space(
            text.substr(first_line_end + 1, second_line_end - first_line_end - 1))
            .empty();
    if (blank_after && first.size() <= kMaxTitleBytes && !ends_like_sentence(first)) {
      document.title = paragraphs.front();
      paragraphs.erase(paragraphs.begin());
    }
  }
  // Trailing boilerplate: the earliest known phrase after which every line is short.
  if (boilerplate) {
    std::size_t cut = paragraphs.size();
    for (std::size_t i = paragraphs.size(); i-- > 0;) {
      bool short_line = word_count(paragraphs[i]) <= kMaxBoilerplateLineWords;
      if (!short_line) break;
      if (boilerplate->matches(paragraphs[i])) cut = i;
    }
    if (cut < paragraphs.size()) {
      document.diagnostics.push_back(
          {"ingest", "dropped " + std::to_string(paragraphs.size() - cut) +
                         " trailing boilerplate line(s) from \"" + paragraphs[cut] + "\""});
      paragraphs.resize(cut);
    }
  }
  for (const std::string& paragraph : paragraphs) {
    if (!document.text.empty()) document.text += "\n\n";
    document.text += paragraph;
  }
  return document;
}

InputReader::InputReader(ReadOptions options, DocumentSink on_document, ErrorSink on_error)
    : options_(std::move(options)),
      on_document_(std::move(on_document)),
      on_error_(std::move(on_error)) {}

std::size_t InputReader::read(const std::string& input) {
  if (input == "-") return read_descriptor_input("-", STDIN_FILENO, InputFormat::kAuto);
  std::error_code ec;
  fs::file_status status = fs::status(input, ec);
  if (ec || !fs::exists(status)) {
    on_error_({input, "no such file or directory"});
    return 0;
  }
  if (!fs::is_directory(status)) return read_file(input);

  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    on_error_({input, "cannot read directory: " + ec.message()});
    return 0;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      on_error_({input, "cannot walk directory: " + ec.message()});
      break;
    }
    const fs::path& path = it->path();
    if (path.filename().string().rfind('.', 0) == 0) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    InputFormat format = format_from_extension(path);
    if (format == InputFormat::kAuto) continue;
    // Any .xml is not a feed (sitemaps, configuration): only those whose root is rss/feed/RDF.
    if (format == InputFormat::kFeed && unicode::fold(path.extension().string()) == ".xml" &&
        !file_looks_like_feed(path.string())) {
      continue;
    }
    std::error_code status_error;
    if (it->is_symlink(status_error) && !fs::exists(path, status_error)) {
      on_error_({path.string(), "broken symbolic link"});
      continue;
    }
    if (it->is_regular_file(status_error)) files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  std::size_t produced = 0;
  for (const fs::path& path : files) produced += read_file(path.string());
  if (files.empty()) {
    on_error_({input, "directory holds no .txt, .html, .jsonl, .warc(.gz) or feed file"});
  }
  return produced;
}

std::size_t InputReader::read_file(const std::string& path) {
  InputFormat format = format_from_extension(path);
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  // JSON Lines, archives and feeds are streamed: the limit is per document, not per file.
  bool streamed = format == InputFormat::kJsonLines || format == InputFormat::kWarc ||
                  format == InputFormat::kFeed;
  if (!ec && size > options_.max_document_bytes && !streamed) {
    on_error_({path, "file is " + std::to_string(size) + " bytes, over the limit of " +
                         std::to_string(options_.max_document_bytes) +
                         " bytes per document (--max-bytes)"});
    return 0;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    on_error_({path, std::string("cannot open: ") + std::strerror(errno)});
    return 0;
  }
  std::size_t produced = read_descriptor_input(path, fd, format);
  ::close(fd);
  return produced;
}

std::size_t InputReader::read_descriptor_input(const std::string& name, int fd,
                                               InputFormat format) {
  // Read up to one chunk to decide the format, then either stream JSON Lines (memory bounded by
  // one line) or read one document (bounded by max_document_bytes); archives and feeds are
  // streamed by their own readers (containers.h).
  if (format == InputFormat::kWarc || format == InputFormat::kFeed) {
    return read_container(name, ByteInput{{}, fd}, format);
  }
  std::string bytes;
  char buffer[1 << 16];
  bool json_lines = format == InputFormat::kJsonLines;
  std::size_t produced = 0;
  std::size_t line_number = 0;
  bool skipping_long_line = false;
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      on_error_({name, std::string("read error: ") + std::strerror(errno) +
                           (produced ? " (documents before it were kept)" : "")});
      return produced;
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (format == InputFormat::kAuto && !unicode::trim_ascii_space(bytes).empty()) {
      InputFormat container = sniff_container(bytes);
      if (container != InputFormat::kAuto) {
        return read_container(name, ByteInput{bytes, fd}, container);
      }
      format = sniff(bytes);
      json_lines = format == InputFormat::kJsonLines;
    }
    if (json_lines) {
      // Hand every complete line over; keep the incomplete tail.
      std::size_t start = 0;
      for (std::size_t end; (end = bytes.find('\n', start)) != std::string::npos; start = end + 1) {
        ++line_number;
        if (skipping_long_line) {
          skipping_long_line = false;
          continue;
        }
        produced += read_json_line(name, line_number,
                                   std::string_view(bytes).substr(start, end - start));
      }
      bytes.erase(0, start);
      if (bytes.size() > options_.max_document_bytes && !skipping_long_line) {
        on_error_({name + ":" + std::to_string(line_number + 1),
                   "line is over the limit of " + std::to_string(options_.max_document_bytes) +
                       " bytes per document (--max-bytes)"});
        skipping_long_line = true;
      }
      if (skipping_long_line) bytes.clear();
    } else if (bytes.size() > options_.max_document_bytes) {
      on_error_({name, "input is over the limit of " + std::to_string(options_.max_document_bytes) +
                           " bytes per document (--max-bytes)"});
      return 0;
    }
  }
  if (json_lines) {
    if (!skipping_long_line && !unicode::trim_ascii_space(bytes).empty()) {
      produced += read_json_line(name, line_number + 1, bytes);
    }
    if (produced == 0 && line_number == 0 && unicode::trim_ascii_space(bytes).empty()) {
      on_error_({name, "empty input"});
    }
    return produced;
  }
  if (unicode::trim_ascii_space(bytes).empty()) {
    on_error_({name, "empty input"});
    return 0;
  }
  return read_document(name, std::move(bytes), format);
}

std::size_t InputReader::read_document(const std::string& name, std::string bytes,
                                       InputFormat format) {
  std::size_t replaced = 0;
  std::string text;
  std::string html_charset;  // an HTML page not in UTF-8 is converted, not repaired
  if (format == InputFormat::kHtml) {
    Utf8Page page = page_to_utf8(bytes);
    text = std::move(page.text);
    replaced = page.replaced;
    if (page.charset != "UTF-8") html_charset = page.charset + " (" + page.evidence + ")";
  } else {
    text = unicode::repair_utf8(bytes, &replaced);
  }
  if (replaced > 0) {
    on_error_({name, std::to_string(replaced) + " invalid UTF-8 byte(s) replaced by U+FFFD",
               /*warning=*/true});
  }
  std::string id = options_.id.empty() ? fs::path(name).filename().string() : options_.id;
  if (name == "-" && options_.id.empty()) id = "stdin";
  Document document = format == InputFormat::kHtml
                          ? document_from_html(std::move(id), text)
                          : document_from_text(std::move(id), text, options_.boilerplate);
  if (!html_charset.empty()) {
    document.diagnostics.push_back({"ingest", "page read as " + html_charset});
  }
  if (replaced > 0) {
    document.diagnostics.push_back(
        {"ingest", std::to_string(replaced) + " invalid UTF-8 byte(s) replaced by U+FFFD"});
  }
  // Archives often name files by date ("2024-03-12-nairobi.txt"): a hint when the page has none.
  if (document.published.empty()) {
    std::string from_name = normalise_date(fs::path(name).filename().string().substr(0, 10));
    if (!from_name.empty()) {
      document.published = from_name;
      document.diagnostics.push_back({"ingest", "publication date taken from the file name"});
    }
  }
  emit(std::move(document));
  return 1;
}

std::size_t InputReader::read_json_line(const std::string& name, std::size_t line_number,
                                        std::string_view raw_line) {
  std::string_view line = unicode::trim_ascii_space(raw_line);
  if (line.empty()) return 0;
  std::string where = name + ":" + std::to_string(line_number);
  if (line.size() > options_.max_document_bytes) {
    on_error_({where, "line is over the limit of " + std::to_string(options_.max_document_bytes) +
                          " bytes per document (--max-bytes)"});
    return 0;
  }
  std::size_t replaced = 0;
  std::string repaired = unicode::repair_utf8(line, &replaced);
  nlohmann::json record = nlohmann::json::parse(repaired, nullptr, false);
  if (record.is_discarded()) {
    on_error_({where, "not valid JSON"});
    return 0;
  }
  if (!record.is_object()) {
    on_error_({where, "a document must be a JSON object"});
    return 0;
  }
  auto string_field = [&](const char* key) -> std::string {
    auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  bool has_text = record.contains("text") && record["text"].is_string();
  bool has_html = record.contains("html") && record["html"].is_string();
  if (!has_text && !has_html) {
    on_error_({where, "document has neither a \"text\" nor an \"html\" string"});
    return 0;
  }
  std::string id = string_field("id");
  if (id.empty() && record.contains("id") && record["id"].is_number()) id = record["id"].dump();
  if (id.empty()) id = fs::path(name).filename().string() + ":" + std::to_string(line_number);
  Document document = has_html
                          ? document_from_html(id, string_field("html"))
                          : document_from_text(id, string_field("text"), options_.boilerplate);
  std::string title = string_field("title");
  if (!title.empty()) document.title = title;
  std::string url = string_field("url");
  if (!url.empty()) document.url = url;
  std::string published = normalise_date(string_field("published"));
  if (!published.empty()) document.published = published;
  std::string lang = string_field("lang");
  if (!lang.empty()) document.lang = unicode::fold(lang);
  if (replaced > 0) {
    on_error_({where, std::to_string(replaced) + " invalid UTF-8 byte(s) replaced by U+FFFD",
               /*warning=*/true});
    document.diagnostics.push_back(
        {"ingest", std::to_string(replaced) + " invalid UTF-8 byte(s) replaced by U+FFFD"});
  }
  emit(std::move(document));
  return 1;
}

std::size_t InputReader::read_container(const std::string& name, ByteInput input,
                                        InputFormat format) {
  auto sink = [this](Document&& document) { emit(std::move(document)); };
  ContainerSummary summary = format == InputFormat::kWarc
                                 ? read_warc(name, input, options_, sink, on_error_)
                                 : read_feed(name, input, options_, sink, on_error_);
  return summary.documents;
}

void InputReader::emit(Document&& document) {
  if (!options_.published.empty()) document.published = options_.published;
  if (!options_.lang.empty()) document.lang = options_.lang;
  on_document_(std::move(document));
}

}  // namespace vigie::ingest
