// CoNLL-U (Universal Dependencies) sentences: reading, writing, and the CoNLL 2018 scores.
//
// The format is https://universaldependencies.org/format.html: one word per line, ten TAB-separated
// columns, multiword tokens as "4-5" range lines, empty nodes "8.1" (kept verbatim, ignored by
// analysis and scores), comments "# ...", a blank line after each sentence.
//
// Thread safety: all functions are pure; call them from any number of threads.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "document/expected.h"

namespace vigie::syntax {

// One syntactic word (an integer ID line). `head` is 0 for the root, -1 when unknown ("_").
struct UdWord {
  std::string form, lemma, upos, xpos, feats, deprel, deps, misc;
  int head = -1;
};

// A multiword token ("du" = "de" + "le"): surface form over words [first, last] (1-based IDs).
struct UdMultiwordToken {
  int first = 0;
  int last = 0;
  std::string form;
  std::string misc;
};

struct UdSentence {
  std::vector<std::string> comments;            // without the leading "# "
  std::vector<UdWord> words;                    // words[i] has ID i + 1
  std::vector<UdMultiwordToken> multiword_tokens;  // in order of `first`
  std::vector<std::string> empty_node_lines;    // "8.1 ..." lines, kept verbatim after their word
  std::vector<int> empty_node_after;            // word ID each empty node line follows
};

// Parses CoNLL-U text. `source` names the input in error messages ("file.conllu:12: ...").
Expected<std::vector<UdSentence>> parse_conllu(std::string_view text, const std::string& source);

// Reads a whole CoNLL-U file.
Expected<std::vector<UdSentence>> read_conllu(const std::string& path);

// Writes sentences in CoNLL-U (every sentence followed by a blank line).
void write_conllu(std::ostream& out, const std::vector<UdSentence>& sentences);

// The universal features of the CoNLL 2018 UFeats score, and the ones Vigie reports one by one.
inline constexpr std::string_view kReportedFeatures[] = {"Mood",   "Tense",  "VerbForm",
                                                         "Person", "Number", "Polarity"};

// CoNLL 2018 shared-task scores with gold tokenization: every figure is correct / gold words, in
// percent. UPOS, UFeats (all universal features equal), Lemmas, UAS, LAS (deprel compared
// without its subtype, "obl:mod" = "obl"). `feature_accuracy[i]` is the accuracy of
// kReportedFeatures[i] (value equal, absence included). `conditional_*` counts words whose gold
// feats have Mood=Cnd and how many the system also marked Mood=Cnd.
struct UdScores {
  std::size_t words = 0;
  std::size_t sentences = 0;
  double upos = 0, ufeats = 0, lemmas = 0, uas = 0, las = 0;
  double feature_accuracy[std::size(kReportedFeatures)] = {};
  std::size_t conditional_gold = 0, conditional_found = 0;
};

// Scores `system` against `gold`. Both must have the same sentences and the same words (gold
// tokenization); otherwise an Error names the first sentence that differs.
Expected<UdScores> score_ud(const std::vector<UdSentence>& gold,
                            const std::vector<UdSentence>& system);

// The value of feature `name` in a feats string ("Mood=Cnd|Number=Sing"); "" when absent.
std::string_view feature_value(std::string_view feats, std::string_view name);

}  // namespace vigie::syntax
