#include "entities/ner_eval.h"

#include "text/text.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

namespace vigie::entities {
namespace {

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = line.find(sep, start);
    out.push_back(line.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

bool parse_index(std::string_view s, long& value) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool valid_tag(std::string_view tag) {
  if (tag == "O") return true;
  if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-') return false;
  EntityType type;
  return parse_entity_type(tag.substr(2), type);
}

}  // namespace

bool parse_entity_type(std::string_view name, EntityType& type) {
  static const std::map<std::string_view, EntityType> kTypes = {{"PER", EntityType::kPER},
                                                                {"ORG", EntityType::kORG},
                                                                {"LOC", EntityType::kLOC},
                                                                {"GPE", EntityType::kGPE},
                                                                {"MISC", EntityType::kMISC}};
  auto it = kTypes.find(name);
  if (it == kTypes.end()) return false;
  type = it->second;
  return true;
}

std::vector<NerSpan> spans_from_tags(const std::vector<std::string>& tags) {
  std::vector<NerSpan> spans;
  bool open = false;
  for (std::uint32_t i = 0; i < tags.size(); ++i) {
    const std::string& tag = tags[i];
    EntityType type;
    if (!valid_tag(tag) || tag == "O" ||
        !parse_entity_type(std::string_view(tag).substr(2), type)) {
      open = false;
      continue;
    }
    if (tag[0] == 'I' && open && spans.back().type == type) {
      spans.back().end = i + 1;
      continue;
    }
    spans.push_back({i, i + 1, type});
    open = true;
  }
  return spans;
}

std::vector<std::string> tags_from_spans(const std::vector<NerSpan>& spans, std::size_t length) {
  std::vector<std::string> tags(length, "O");
  for (const NerSpan& span : spans) {
    for (std::uint32_t t = span.begin; t < span.end && t < length; ++t) {
      tags[t] = std::string(t == span.begin ? "B-" : "I-") + std::string(to_string(span.type));
    }
  }
  return tags;
}

Expected<std::vector<NerSentence>> parse_ner_text(std::string_view text, const std::string& name) {
  std::vector<NerSentence> sentences;
  std::vector<std::string> forms, tags;
  long last_index = -1;
  bool document_start = false;  // the next sentence starts a document
  auto flush = [&] {
    if (forms.empty()) return;
    sentences.push_back({std::move(forms), spans_from_tags(tags), document_start});
    document_start = false;
    forms.clear();
    tags.clear();
    last_index = -1;
  };
  std::size_t line_number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      if (eol == text.size()) break;
      continue;
    }
    if (line[0] == '#') {
      if (line.starts_with("# newdoc")) {
        flush();
        document_start = true;
      }
      continue;
    }
    std::string_view form, tag;
    bool boundary_free = false;  // a "FORM TAG" file: no sentence boundaries of its own
    auto columns = split(line, '\t');
    long index = 0;
    if (columns.size() >= 3 && parse_index(columns[0], index)) {
      if (index <= last_index) flush();
      last_index = index;
      form = columns[1];
      tag = columns[2];
    } else {
      std::size_t space = line.rfind(' ');
      if (columns.size() != 1 || space == std::string_view::npos || space == 0) {
        return Error{name + ":" + std::to_string(line_number),
                     "expected \"ID<TAB>FORM<TAB>TAG\" or \"FORM TAG\""};
      }
      form = line.substr(0, space);
      tag = line.substr(space + 1);
      boundary_free = true;
    }
    if (form == "-DOCSTART-") {
      flush();
      document_start = true;
      continue;
    }
    if (!valid_tag(tag)) {
      return Error{
          name + ":" + std::to_string(line_number),
          "tag \"" + std::string(tag) + "\" is not O, B-TYPE or I-TYPE (PER ORG LOC GPE MISC)"};
    }
    forms.emplace_back(form);
    tags.emplace_back(tag);
    if (boundary_free && tag == "O" &&
        (form == "." || form == "!" || form == "?" || forms.size() >= kMaxReadSentenceTokens)) {
      flush();
    }
  }
  flush();
  return sentences;
}

Expected<std::vector<NerSentence>> read_ner_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, "cannot open the file"};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  auto sentences = parse_ner_text(buffer.str(), path);
  if (sentences && sentences->empty()) return Error{path, "no tokens in the file"};
  return sentences;
}

NerDocument build_ner_document(const std::vector<NerSentence>& sentences, const std::string& lang) {
  NerDocument out;
  Document& doc = out.document;
  doc.lang = lang;
  for (const NerSentence& s : sentences) {
    Sentence sentence;
    sentence.first_token = static_cast<std::uint32_t>(doc.tokens.size());
    sentence.span.begin = static_cast<std::uint32_t>(doc.text.size());
    std::vector<std::uint32_t> first_of_gold;  // Document token (in the sentence) of each form
    for (std::uint32_t g = 0; g < s.forms.size(); ++g) {
      if (g > 0) doc.text += ' ';
      const std::uint32_t offset = static_cast<std::uint32_t>(doc.text.size());
      doc.text += s.forms[g];
      first_of_gold.push_back(static_cast<std::uint32_t>(doc.tokens.size()) - sentence.first_token);
      std::vector<Token> pieces = text::tokenize(s.forms[g], lang);
      if (pieces.empty()) {  // a form of spaces or controls: one symbol token
        Token token;
        token.span = {0, static_cast<std::uint32_t>(s.forms[g].size())};
        token.kind = TokenKind::kSymbol;
        token.folded = s.forms[g];
        pieces.push_back(token);
      }
      for (Token& token : pieces) {
        token.span.begin += offset;
        token.span.end += offset;
        doc.tokens.push_back(std::move(token));
        out.gold_of_token.push_back(g);
      }
    }
    first_of_gold.push_back(static_cast<std::uint32_t>(doc.tokens.size()) - sentence.first_token);
    std::vector<NerSpan> gold;
    for (const NerSpan& span : s.entities) {
      gold.push_back({first_of_gold[span.begin], first_of_gold[span.end], span.type});
    }
    out.gold.push_back(std::move(gold));
    sentence.span.end = static_cast<std::uint32_t>(doc.text.size());
    sentence.token_count = static_cast<std::uint32_t>(doc.tokens.size()) - sentence.first_token;
    doc.text += '\n';
    if (s.starts_document || out.article_starts.empty()) {
      out.article_starts.push_back(static_cast<std::uint32_t>(doc.sentences.size()));
    }
    doc.sentences.push_back(sentence);
  }
  const bool marked = std::any_of(sentences.begin(), sentences.end(),
                                  [](const NerSentence& s) { return s.starts_document; });
  if (!marked) {  // no document marks: every sentence alone
    out.article_starts.resize(doc.sentences.size());
    std::iota(out.article_starts.begin(), out.article_starts.end(), 0u);
  }
  return out;
}

std::vector<std::vector<NerSpan>> entity_spans(const NerDocument& ner_document) {
  const Document& doc = ner_document.document;
  std::vector<std::vector<NerSpan>> out(doc.sentences.size());
  std::size_t s = 0;
  for (const Entity& entity : doc.entities) {
    while (s < doc.sentences.size() && doc.sentences[s].span.end < entity.span.begin) ++s;
    if (s == doc.sentences.size()) break;
    const Sentence& sentence = doc.sentences[s];
    std::uint32_t first = sentence.first_token, last = first + sentence.token_count;
    std::uint32_t begin = last, end = last;
    for (std::uint32_t t = first; t < last; ++t) {
      if (begin == last && doc.tokens[t].span.end > entity.span.begin) begin = t;
      if (doc.tokens[t].span.begin < entity.span.end) end = t;
    }
    if (begin == last || end == last || end < begin) continue;
    out[s].push_back(
        {ner_document.gold_of_token[begin], ner_document.gold_of_token[end] + 1, entity.type});
  }
  return out;
}

NerScore score_ner(const std::vector<std::vector<NerSpan>>& gold,
                   const std::vector<std::vector<NerSpan>>& system) {
  NerScore score;
  auto scored = [](EntityType type) { return type == EntityType::kGPE ? EntityType::kLOC : type; };
  for (const auto& sentence : gold) {
    for (const NerSpan& span : sentence) score.gold_has_type[std::size_t(scored(span.type))] = true;
  }
  for (std::size_t s = 0; s < gold.size(); ++s) {
    std::set<std::tuple<std::uint32_t, std::uint32_t, EntityType>> gold_set;
    for (const NerSpan& span : gold[s]) {
      gold_set.insert({span.begin, span.end, scored(span.type)});
      ++score.by_type[std::size_t(scored(span.type))].gold;
      ++score.overall.gold;
    }
    if (s >= system.size()) continue;
    std::set<std::tuple<std::uint32_t, std::uint32_t, EntityType>> seen;
    for (const NerSpan& span : system[s]) {
      EntityType type = scored(span.type);
      if (!score.gold_has_type[std::size_t(type)]) continue;
      if (!seen.insert({span.begin, span.end, type}).second) continue;  // counted once
      NerCounts& counts = score.by_type[std::size_t(type)];
      ++counts.system;
      ++score.overall.system;
      if (gold_set.count({span.begin, span.end, type})) {
        ++counts.correct;
        ++score.overall.correct;
      }
    }
  }
  return score;
}

}  // namespace vigie::entities
