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
  std::vector<std::string> comments;               // without the leading "# "
  std::vector<UdWord> words;                       // words[i] has ID i + 1
  std::vector<UdMultiwordToken> multiword_tokens;  // in order of `first`
  std::vector<std::string> empty_node_lines;  // "8.1 ..." lines, kept verbatim after their word
  std::vector<int> empty_node_after;          // word ID each empty node line follows
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
  // Conditional mood (Mood=Cnd in FEATS): gold words that have it, system words that have it,
  // and words that have it in both (recall = found / gold, precision = found / system).
  std::size_t conditional_gold = 0, conditional_system = 0, conditional_found = 0;
};

// Scores `system` against `gold`. Both must have the same sentences and the same words (gold
// tokenization); otherwise an Error names the first sentence that differs.
Expected<UdScores> score_ud(const std::vector<UdSentence>& gold,
                            const std::vector<UdSentence>& system);

// ---- CoNLL 2018 scores with the system's own tokenization (raw text in, tokens, words and
// sentences out), aligned on characters as the shared task's evaluation script does.
//
// Offsets count the non-whitespace code points of the text: the gold and the system segment the
// same raw text, so their non-whitespace characters are the same and every token, word and
// sentence is a [begin, end) range of them. The words of a multiword token all carry the token's
// range.

struct SegmentedWord {
  std::uint32_t begin = 0, end = 0;  // the characters of its token
  bool multiword = false;            // one of the words of a multiword token
  std::string form, upos, deprel;
  int head = -1;  // index of the head in Segmentation::words; -1 for the root or unknown
};

struct CharRange {
  std::uint32_t begin = 0, end = 0;
  bool operator==(const CharRange&) const = default;
};

struct Segmentation {
  std::vector<CharRange> tokens;     // surface tokens (a multiword token counts once)
  std::vector<CharRange> sentences;  // from the first token's begin to the last token's end
  std::vector<SegmentedWord> words;  // syntactic words, in order
};

// The segmentation of `sentences` (gold or system CoNLL-U), forms stripped of whitespace.
Segmentation segmentation_of(const std::vector<UdSentence>& sentences);

// The raw text the gold sentences were cut from: token forms (multiword tokens' surface forms)
// joined by a space unless MISC has SpaceAfter=No; sentences joined by a space, or by a blank
// line where a comment "newpar" or "newdoc" starts a paragraph or a document.
std::string raw_text_of(const std::vector<UdSentence>& sentences);

// Counts of one F1 figure: gold items, system items, items in both.
struct AlignedCount {
  std::size_t gold = 0, system = 0, correct = 0;
  double precision() const { return system == 0 ? 0.0 : 100.0 * correct / system; }
  double recall() const { return gold == 0 ? 0.0 : 100.0 * correct / gold; }
  double f1() const { return gold + system == 0 ? 0.0 : 200.0 * correct / (gold + system); }
};

// Tokens and sentences: equal character ranges. Words: equal ranges outside multiword tokens;
// inside a stretch of overlapping multiword tokens, the longest common subsequence of the
// lower-cased forms (the CoNLL 2018 alignment). UPOS and LAS count aligned words with the same
// UPOS / with aligned heads (or both roots) and the same universal deprel.
struct SegmentationScores {
  AlignedCount tokens, sentences, words, upos, las;
};
SegmentationScores score_segmentation(const Segmentation& gold, const Segmentation& system);

// The value of feature `name` in a feats string ("Mood=Cnd|Number=Sing"); "" when absent.
std::string_view feature_value(std::string_view feats, std::string_view name);

}  // namespace vigie::syntax
