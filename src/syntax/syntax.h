// Stage `syntax`: part of speech, morphological features, lemmas and labelled dependencies for
// French and English, with models that Vigie trains itself from Universal Dependencies treebanks.
//
// One SyntaxModel per language holds three trained parts, all averaged perceptrons over hashed
// features (see perceptron.h for why sparse weights):
//   - a greedy left-to-right tagger whose classes are whole "UPOS + FEATS" tags (so the mood of
//     "aurait" comes with its part of speech), trained on its own predicted history; it also
//     reads the ambiguity classes of the word and the next two (the UPOS each form had in
//     training, forms seen twice or more);
//   - a lemmatizer: the training lexicon (form, UPOS) -> lemma, backed for unseen forms in French
//     by Debian's Hunspell dictionary (hunspell_lemmas.h), then by the most frequent edit script
//     ("strip 3 bytes, append 'er'") of the longest known suffix;
//   - an arc-hybrid transition parser (Kuhlmann et al. 2011) trained with Goldberg & Nivre's
//     (2013) dynamic oracle, predicting the transition and the full deprel together; it trains
//     on jackknifed tags (TrainOptions::jackknife_folds), as wrong as the tagger's at run time;
//     its features include Zhang & Nivre's (2011) non-local ones (valency, label sets, third
//     order). It stays greedy: see parser_features() for why not a beam.
//
// Model file (models/syntax.LANG.bin), little-endian:
//   8 bytes magic "VIGIESYN", uint32 format version (kSyntaxModelFormatVersion), a text header
//   (what the file is, its language, the training command and data), then the tag set, the
//   ambiguity classes (hash of the lower-cased form -> bit set of UPOS ids), tagger weights,
//   lemma lexicon and rules, deprel set and parser weights; weights in the compact
//   layout of perceptron.h (48-bit keys). load() checks all of it.
//
// Thread safety: a loaded SyntaxModel is immutable; analyze() may run on many threads at once.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "document/expected.h"
#include "syntax/conllu.h"

namespace vigie::syntax {

// 2: weights in the compact layout (48-bit keys, 16-bit row lengths; see perceptron.h).
// 3: the tagger's ambiguity classes (form -> UPOS seen in training) after the tag set; the
//    tagger and parser feature sets of 2026-11-24 evening (their weights mean nothing to 2).
inline constexpr std::uint32_t kSyntaxModelFormatVersion = 3;

struct TrainOptions {
  std::string lang;  // "fr", "en"
  int tagger_epochs = 10;
  int parser_epochs = 10;
  // The parser trains on the tags of `jackknife_folds` taggers, each trained on the other folds
  // (1: on the tags of the final tagger, which has seen every training sentence).
  int jackknife_folds = 4;
  // The tagger's history features read the gold tags of the previous words in training (true:
  // teacher forcing, as before 2026-11-24) or its own guesses, as at run time (false).
  bool gold_tagger_history = false;
  // Averaged parser weights below this magnitude are dropped. The parser trained on jackknifed
  // tags has many small weights in the rows every transition reads; they cost time more than
  // accuracy. Measured 2026-11-24, English, 8 epochs, 4 folds: 0.1 / 0.6 / 1.0 gave EWT dev LAS
  // 80.24 / 80.09 / 79.87, EWT test LAS 80.90 / 80.95 / 80.78, 2.47M / 0.94M parser weights at
  // 0.6 / 1.0 and, in bench/syntax_benchmark (English, against the model before jackknifing,
  // three interleaved runs), median 89k / 106k tokens/s against 86k; scripts/train-syntax-
  // models.sh passes 1.0 for English. The magnitude of the averaged weights grows with the data
  // and the epochs, so the default stays the tagger's 0.1 (a 10-sentence model keeps nothing at
  // 1.0).
  float parser_min_weight = 0.1f;
  std::string command;          // written to the model header: how to retrain
  std::string data;             // written to the model header: the training files
  std::ostream* log = nullptr;  // progress, one line per epoch (dev scores when dev is given)
};

class SyntaxModel {
 public:
  // Reads and checks a model file; the Error names the file and what is wrong with it.
  static Expected<SyntaxModel> load(const std::string& path);

  // Trains every part on `train`; `dev` (may be empty) is only scored for the log.
  static Expected<SyntaxModel> train(const std::vector<UdSentence>& train,
                                     const std::vector<UdSentence>& dev,
                                     const TrainOptions& options);

  Expected<bool> save(const std::string& path) const;

  // Fills LEMMA, UPOS, FEATS, HEAD and DEPREL of every word of `sentence` from the FORMs alone
  // (XPOS and DEPS become "_"; comments, multiword tokens and MISC are kept). French: the
  // tagger's Mood of a finite verb is checked against the model's verb lexicon, so that a known
  // infinitive + imperfect ending ("aimerait", "réagiraient") is Mood=Cnd and a "-rer" verb's
  // imperfect ("tirait") is not. A lemma is always valid UTF-8.
  void analyze(UdSentence& sentence) const;

  // Analyses the surface tokens of one sentence as the syntactic words the models were trained
  // on (see syntactic_words()): French contractions become multiword tokens ("du" = "de" +
  // "le"); "des" is split into "de" + "les" only where a first tagging pass puts a noun,
  // proper noun, adjective, numeral or pronoun just before it ("la plupart des", "l'un des"),
  // and is the article otherwise ("ont des", "Des"), as UD French writes them. In English the
  // clitic tokens of text::tokenize() ("n't", "'s", "'m", "'ll", ...) join the token before
  // them in one multiword token ("do" + "n't" = "don't"), as UD EWT writes them.
  // `token_of_word[i]` is the index in `tokens` of word i's surface token.
  struct TokenAnalysis {
    UdSentence sentence;
    std::vector<std::uint32_t> token_of_word;
  };
  TokenAnalysis analyze_tokens(const std::vector<std::string>& tokens) const;

  // Analyses every sentence of `document` through analyze_tokens() (French contractions
  // expanded, as the models were trained) and fills the Token fields upos, feats, lemma, head
  // and deprel. A token of several words ("du", "aux") takes the analysis of its first word, the
  // preposition (ADP, "case"), its own lower-cased form as lemma, and a head that is any word of
  // such a token points at the token.
  void analyze(Document& document) const;

  const std::string& lang() const;
  // The model file's text header.
  const std::string& header() const;

  SyntaxModel(SyntaxModel&&) noexcept;
  SyntaxModel& operator=(SyntaxModel&&) noexcept;
  ~SyntaxModel();

 private:
  SyntaxModel();
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

// The syntactic words of a French contraction as UD French splits it ("du" -> "de" "le", "Aux" ->
// "À" "les", "duquel" -> "de" "lequel"); empty when `form` is none. `des_is_contraction` says
// which reading of the ambiguous "des" to take (article: not a contraction).
std::vector<std::string> contraction_words(std::string_view form, std::string_view lang,
                                           bool des_is_contraction);

// True for the English clitic tokens that UD EWT joins to the token before them ("n't", "'s",
// "'m", "'re", "'ve", "'ll", "'d", any apostrophe).
bool is_english_clitic(std::string_view token);

// Where the shipped model of `lang` is: models/syntax.LANG.bin beside the dictionary folder
// `data_dir` (the repository's dictionaries/, see Pipeline's find_data_dir()).
std::string default_model_path(const std::string& data_dir, const std::string& lang);

}  // namespace vigie::syntax
