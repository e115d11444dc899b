#include "syntax/conllu.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <ostream>
#include <sstream>

#include "unicode/utf8.h"

namespace vigie::syntax {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

bool to_int(std::string_view s, int& value) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// The universal features of the CoNLL 2018 evaluation script (conll18_ud_eval.py).
constexpr std::string_view kUniversalFeatures[] = {
    "PronType", "NumType", "Poss",  "Reflex",   "Foreign",  "Abbr",     "Gender",
    "Animacy",  "Number",  "Case",  "Definite", "Degree",   "VerbForm", "Mood",
    "Tense",    "Aspect",  "Voice", "Evident",  "Polarity", "Person",   "Polite"};

std::string universal_feats(std::string_view feats) {
  std::vector<std::string_view> kept;
  std::size_t start = 0;
  while (start < feats.size()) {
    std::size_t bar = feats.find('|', start);
    if (bar == std::string_view::npos) bar = feats.size();
    std::string_view item = feats.substr(start, bar - start);
    std::string_view name = item.substr(0, item.find('='));
    if (std::find(std::begin(kUniversalFeatures), std::end(kUniversalFeatures), name) !=
        std::end(kUniversalFeatures)) {
      kept.push_back(item);
    }
    start = bar + 1;
  }
  std::sort(kept.begin(), kept.end());
  std::string out;
  for (std::string_view item : kept) {
    if (!out.empty()) out += '|';
    out += item;
  }
  return out;
}

std::string_view universal_deprel(std::string_view deprel) {
  return deprel.substr(0, deprel.find(':'));
}

}  // namespace

std::string_view feature_value(std::string_view feats, std::string_view name) {
  std::size_t start = 0;
  while (start < feats.size()) {
    std::size_t bar = feats.find('|', start);
    if (bar == std::string_view::npos) bar = feats.size();
    std::string_view item = feats.substr(start, bar - start);
    if (item.size() > name.size() && item.substr(0, name.size()) == name &&
        item[name.size()] == '=') {
      return item.substr(name.size() + 1);
    }
    start = bar + 1;
  }
  return {};
}

Expected<std::vector<UdSentence>> parse_conllu(std::string_view text, const std::string& source) {
  std::vector<UdSentence> sentences;
  UdSentence current;
  bool open = false;
  std::size_t line_number = 0;
  std::size_t pos = 0;
  auto fail = [&](const std::string& why) {
    return Error{source + ":" + std::to_string(line_number), why};
  };
  auto close = [&]() -> bool {
    for (const auto& mwt : current.multiword_tokens) {
      if (mwt.first < 1 || mwt.last > static_cast<int>(current.words.size()) ||
          mwt.last < mwt.first) {
        return false;
      }
    }
    sentences.push_back(std::move(current));
    current = UdSentence{};
    open = false;
    return true;
  };
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (open && !close()) return fail("multiword token range outside its sentence");
      if (eol == text.size()) break;
      continue;
    }
    open = true;
    if (line[0] == '#') {
      std::string_view comment = line.substr(1);
      if (!comment.empty() && comment[0] == ' ') comment.remove_prefix(1);
      current.comments.emplace_back(comment);
      continue;
    }
    auto columns = split_tabs(line);
    if (columns.size() != 10) {
      return fail("expected 10 TAB-separated columns, found " + std::to_string(columns.size()));
    }
    std::string_view id = columns[0];
    if (id.find('.') != std::string_view::npos) {
      current.empty_node_lines.emplace_back(line);
      current.empty_node_after.push_back(static_cast<int>(current.words.size()));
      continue;
    }
    if (std::size_t dash = id.find('-'); dash != std::string_view::npos) {
      UdMultiwordToken mwt;
      if (!to_int(id.substr(0, dash), mwt.first) || !to_int(id.substr(dash + 1), mwt.last)) {
        return fail("bad multiword token range '" + std::string(id) + "'");
      }
      mwt.form = columns[1];
      mwt.misc = columns[9];
      current.multiword_tokens.push_back(std::move(mwt));
      continue;
    }
    int word_id = 0;
    if (!to_int(id, word_id) || word_id != static_cast<int>(current.words.size()) + 1) {
      return fail("word ID '" + std::string(id) + "' out of sequence");
    }
    UdWord word;
    word.form = columns[1];
    word.lemma = columns[2];
    word.upos = columns[3];
    word.xpos = columns[4];
    word.feats = columns[5];
    if (columns[6] != "_" && !to_int(columns[6], word.head)) {
      return fail("bad HEAD '" + std::string(columns[6]) + "'");
    }
    word.deprel = columns[7];
    word.deps = columns[8];
    word.misc = columns[9];
    current.words.push_back(std::move(word));
  }
  if (open && !current.words.empty() && !close()) {
    return fail("multiword token range outside its sentence");
  }
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const int n = static_cast<int>(sentences[s].words.size());
    for (const UdWord& w : sentences[s].words) {
      if (w.head > n || w.head < -1) {
        return Error{source, "sentence " + std::to_string(s + 1) + ": HEAD " +
                                 std::to_string(w.head) + " beyond its " + std::to_string(n) +
                                 " words"};
      }
    }
  }
  return sentences;
}

Expected<std::vector<UdSentence>> read_conllu(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, "cannot open file"};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_conllu(buffer.str(), path);
}

void write_conllu(std::ostream& out, const std::vector<UdSentence>& sentences) {
  auto column = [](const std::string& s) -> const std::string& {
    static const std::string kEmpty = "_";
    return s.empty() ? kEmpty : s;
  };
  for (const UdSentence& sentence : sentences) {
    for (const std::string& comment : sentence.comments) out << "# " << comment << '\n';
    std::size_t next_mwt = 0, next_empty = 0;
    for (std::size_t i = 0; i < sentence.words.size(); ++i) {
      const int id = static_cast<int>(i) + 1;
      while (next_mwt < sentence.multiword_tokens.size() &&
             sentence.multiword_tokens[next_mwt].first == id) {
        const auto& mwt = sentence.multiword_tokens[next_mwt++];
        out << mwt.first << '-' << mwt.last << '\t' << mwt.form << "\t_\t_\t_\t_\t_\t_\t_\t"
            << column(mwt.misc) << '\n';
      }
      const UdWord& w = sentence.words[i];
      out << id << '\t' << column(w.form) << '\t' << column(w.lemma) << '\t' << column(w.upos)
          << '\t' << column(w.xpos) << '\t' << column(w.feats) << '\t';
      if (w.head < 0) {
        out << '_';
      } else {
        out << w.head;
      }
      out << '\t' << column(w.deprel) << '\t' << column(w.deps) << '\t' << column(w.misc) << '\n';
      while (next_empty < sentence.empty_node_lines.size() &&
             sentence.empty_node_after[next_empty] == id) {
        out << sentence.empty_node_lines[next_empty++] << '\n';
      }
    }
    out << '\n';
  }
}

Expected<UdScores> score_ud(const std::vector<UdSentence>& gold,
                            const std::vector<UdSentence>& system) {
  if (gold.size() != system.size()) {
    return Error{"", "gold has " + std::to_string(gold.size()) + " sentences, system " +
                         std::to_string(system.size()) + " (gold tokenization expected)"};
  }
  UdScores scores;
  std::size_t upos = 0, ufeats = 0, lemmas = 0, uas = 0, las = 0;
  std::size_t feature_ok[std::size(kReportedFeatures)] = {};
  for (std::size_t s = 0; s < gold.size(); ++s) {
    const auto& g = gold[s].words;
    const auto& y = system[s].words;
    if (g.size() != y.size()) {
      return Error{"", "sentence " + std::to_string(s + 1) + ": gold has " +
                           std::to_string(g.size()) + " words, system " + std::to_string(y.size())};
    }
    ++scores.sentences;
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (g[i].form != y[i].form) {
        return Error{"", "sentence " + std::to_string(s + 1) + " word " + std::to_string(i + 1) +
                             ": gold '" + g[i].form + "', system '" + y[i].form + "'"};
      }
      ++scores.words;
      if (g[i].upos == y[i].upos) ++upos;
      if (universal_feats(g[i].feats == "_" ? "" : g[i].feats) ==
          universal_feats(y[i].feats == "_" ? "" : y[i].feats)) {
        ++ufeats;
      }
      if (g[i].lemma == "_" || g[i].lemma == y[i].lemma) ++lemmas;
      if (g[i].head == y[i].head) {
        ++uas;
        if (universal_deprel(g[i].deprel) == universal_deprel(y[i].deprel)) ++las;
      }
      for (std::size_t f = 0; f < std::size(kReportedFeatures); ++f) {
        if (feature_value(g[i].feats, kReportedFeatures[f]) ==
            feature_value(y[i].feats, kReportedFeatures[f])) {
          ++feature_ok[f];
        }
      }
      const bool gold_conditional = feature_value(g[i].feats, "Mood") == "Cnd";
      const bool system_conditional = feature_value(y[i].feats, "Mood") == "Cnd";
      scores.conditional_gold += gold_conditional;
      scores.conditional_system += system_conditional;
      scores.conditional_found += gold_conditional && system_conditional;
    }
  }
  const double n = scores.words == 0 ? 1.0 : static_cast<double>(scores.words);
  scores.upos = 100.0 * upos / n;
  scores.ufeats = 100.0 * ufeats / n;
  scores.lemmas = 100.0 * lemmas / n;
  scores.uas = 100.0 * uas / n;
  scores.las = 100.0 * las / n;
  for (std::size_t f = 0; f < std::size(kReportedFeatures); ++f) {
    scores.feature_accuracy[f] = 100.0 * feature_ok[f] / n;
  }
  return scores;
}

// ---------------------------------------------------------------- system tokenization

namespace {

std::uint32_t non_space_length(std::string_view form) {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < form.size();) {
    char32_t cp;
    i += unicode::decode(form, i, &cp);
    if (!unicode::is_space(cp)) ++n;
  }
  return n;
}

bool has_misc(std::string_view misc, std::string_view item) {
  std::size_t start = 0;
  while (start <= misc.size()) {
    std::size_t bar = misc.find('|', start);
    if (bar == std::string_view::npos) bar = misc.size();
    if (misc.substr(start, bar - start) == item) return true;
    start = bar + 1;
  }
  return false;
}

// Calls visit(form, misc, first_word, last_word) for every surface token of `sentence`, with
// 1-based word IDs; a plain word is its own token (first == last).
template <typename Visit>
void for_each_token(const UdSentence& sentence, Visit visit) {
  const int count = static_cast<int>(sentence.words.size());
  std::size_t m = 0;
  for (int id = 1; id <= count;) {
    while (m < sentence.multiword_tokens.size() && sentence.multiword_tokens[m].first < id) ++m;
    if (m < sentence.multiword_tokens.size() && sentence.multiword_tokens[m].first == id) {
      const UdMultiwordToken& mwt = sentence.multiword_tokens[m];
      int last = std::min(std::max(mwt.last, id), count);
      visit(std::string_view(mwt.form), std::string_view(mwt.misc), id, last);
      id = last + 1;
      continue;
    }
    const UdWord& w = sentence.words[id - 1];
    visit(std::string_view(w.form), std::string_view(w.misc), id, id);
    ++id;
  }
}

// True when the word at `i` lies beyond the end of the multiword stretch ending at `end`.
bool beyond_end(const std::vector<SegmentedWord>& words, std::size_t i, std::uint32_t end) {
  if (i >= words.size()) return true;
  if (words[i].multiword) return words[i].begin >= end;
  return words[i].end > end;
}

std::uint32_t extended_end(const SegmentedWord& word, std::uint32_t end) {
  return word.multiword && word.end > end ? word.end : end;
}

// Aligns the words gold[g0, g1) and system[s0, s1) of one multiword stretch by the longest
// common subsequence of their lower-cased forms.
void align_stretch(const std::vector<SegmentedWord>& gold, const std::vector<SegmentedWord>& system,
                   std::size_t g0, std::size_t g1, std::size_t s0, std::size_t s1,
                   std::vector<int>& gold_to_system) {
  const std::size_t n = g1 - g0, m = s1 - s0;
  std::vector<std::string> gf(n), sf(m);
  for (std::size_t i = 0; i < n; ++i) gf[i] = unicode::fold(gold[g0 + i].form);
  for (std::size_t j = 0; j < m; ++j) sf[j] = unicode::fold(system[s0 + j].form);
  // lcs[i][j]: LCS length of gf[i..] and sf[j..].
  std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = gf[i] == sf[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (gf[i] == sf[j]) {
      gold_to_system[g0 + i] = static_cast<int>(s0 + j);
      ++i;
      ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
}

AlignedCount match_ranges(const std::vector<CharRange>& gold,
                          const std::vector<CharRange>& system) {
  AlignedCount count{gold.size(), system.size(), 0};
  std::size_t g = 0, s = 0;
  while (g < gold.size() && s < system.size()) {
    if (system[s].begin < gold[g].begin) {
      ++s;
    } else if (gold[g].begin < system[s].begin) {
      ++g;
    } else {
      if (gold[g].end == system[s].end) ++count.correct;
      ++g;
      ++s;
    }
  }
  return count;
}

}  // namespace

Segmentation segmentation_of(const std::vector<UdSentence>& sentences) {
  Segmentation out;
  std::uint32_t pos = 0;
  for (const UdSentence& sentence : sentences) {
    const std::size_t base = out.words.size();
    const std::uint32_t sentence_begin = pos;
    bool any = false;
    for_each_token(sentence, [&](std::string_view form, std::string_view, int first, int last) {
      CharRange range{pos, pos + non_space_length(form)};
      pos = range.end;
      out.tokens.push_back(range);
      any = true;
      for (int id = first; id <= last; ++id) {
        const UdWord& w = sentence.words[id - 1];
        SegmentedWord word;
        word.begin = range.begin;
        word.end = range.end;
        word.multiword = last > first;
        word.form = w.form;
        word.upos = w.upos;
        word.deprel = w.deprel;
        word.head = w.head > 0 && w.head <= static_cast<int>(sentence.words.size())
                        ? static_cast<int>(base) + w.head - 1
                        : -1;
        out.words.push_back(std::move(word));
      }
    });
    if (any) out.sentences.push_back({sentence_begin, pos});
  }
  return out;
}

std::string raw_text_of(const std::vector<UdSentence>& sentences) {
  std::string text;
  bool space_pending = false;
  for (const UdSentence& sentence : sentences) {
    bool new_paragraph = false;
    for (const std::string& comment : sentence.comments) {
      if (comment.starts_with("newpar") || comment.starts_with("newdoc")) new_paragraph = true;
    }
    if (!text.empty()) text += new_paragraph ? "\n\n" : " ";
    space_pending = false;
    for_each_token(sentence, [&](std::string_view form, std::string_view misc, int, int) {
      if (space_pending) text += ' ';
      text += form;
      space_pending = !has_misc(misc, "SpaceAfter=No");
    });
  }
  return text;
}

SegmentationScores score_segmentation(const Segmentation& gold, const Segmentation& system) {
  SegmentationScores scores;
  scores.tokens = match_ranges(gold.tokens, system.tokens);
  scores.sentences = match_ranges(gold.sentences, system.sentences);
  const auto& g = gold.words;
  const auto& s = system.words;
  std::vector<int> gold_to_system(g.size(), -1);
  std::size_t gi = 0, si = 0;
  while (gi < g.size() && si < s.size()) {
    if (g[gi].multiword || s[si].multiword) {
      // The stretch starts at whichever side is multiword; a plain word of the other side that
      // starts earlier is left out of it.
      std::uint32_t end;
      if (g[gi].multiword) {
        end = g[gi].end;
        if (!s[si].multiword && s[si].begin < g[gi].begin) ++si;
      } else {
        end = s[si].end;
        if (!g[gi].multiword && g[gi].begin < s[si].begin) ++gi;
      }
      const std::size_t g0 = gi, s0 = si;
      while (!beyond_end(g, gi, end) || !beyond_end(s, si, end)) {
        if (gi < g.size() && (si >= s.size() || g[gi].begin <= s[si].begin)) {
          end = extended_end(g[gi++], end);
        } else {
          end = extended_end(s[si++], end);
        }
      }
      align_stretch(g, s, g0, gi, s0, si, gold_to_system);
    } else if (g[gi].begin == s[si].begin && g[gi].end == s[si].end) {
      gold_to_system[gi++] = static_cast<int>(si++);
    } else if (g[gi].begin <= s[si].begin) {
      ++gi;
    } else {
      ++si;
    }
  }
  scores.words = scores.upos = scores.las = AlignedCount{g.size(), s.size(), 0};
  for (std::size_t i = 0; i < g.size(); ++i) {
    const int j = gold_to_system[i];
    if (j < 0) continue;
    ++scores.words.correct;
    if (g[i].upos == s[j].upos) ++scores.upos.correct;
    const bool heads_agree =
        g[i].head < 0 ? s[j].head < 0 : s[j].head >= 0 && gold_to_system[g[i].head] == s[j].head;
    if (heads_agree && universal_deprel(g[i].deprel) == universal_deprel(s[j].deprel)) {
      ++scores.las.correct;
    }
  }
  return scores;
}

}  // namespace vigie::syntax
