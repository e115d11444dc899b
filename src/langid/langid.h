// Stage `language`: which language a document is written in.
//
// Two engines, combined:
//   - CLD2 (Debian libcld2), Google's compact language detector: ~80 languages, very accurate on
//     a paragraph or more, and it says itself when it is reliable.
//   - A small fastText classifier that Vigie trains itself (`vigie train-langid`,
//     models/langid.ftz) with three classes: fr, en and "other". It is asked when CLD2 is not
//     reliable or the text is short (a title, a one-line JSON Lines document), where CLD2 often
//     gives up or guesses.
// The combination rule (LanguageIdentifier::identify) and the thresholds it uses are in
// langid.cc, each with the measurement that chose it (`vigie eval langid`).
//
// Thread safety: a loaded LanguageIdentifier is immutable; identify() and the per-engine calls
// may be called from any number of threads at once.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document/expected.h"

namespace vigie::langid {

// Which engine decided.
enum class Engine {
  kNone,      // no engine could tell (empty text, no letters, both engines unsure)
  kCld2,      // CLD2 alone
  kFastText,  // Vigie's fastText model
};
std::string_view engine_name(Engine engine);  // "none", "cld2", "fasttext"

struct LanguageGuess {
  // ISO 639-1 code ("fr", "en", "de" …); a 3-letter ISO 639 code for the few CLD2 languages that
  // have no 2-letter one ("haw", "ceb"); "" when unknown. Vigie's fastText model alone only
  // answers "fr", "en" or "" (its "other" class: not French, not English).
  std::string lang;
  double confidence = 0;  // 0..1: CLD2's percentage of text bytes in `lang`, or fastText's
                          // probability for its label
  Engine engine = Engine::kNone;
  bool reliable = false;  // the deciding engine is confident (CLD2's own flag; for fastText,
                          // probability >= kFastTextReliable in langid.cc)
};

class LanguageIdentifier {
 public:
  // Reads the fastText model written by train_model(): a Vigie header (magic, format version,
  // what it is, how it was trained, a checksum) followed by a quantized fastText model. A missing,
  // truncated or corrupt file is an Error naming the file and the problem.
  static Expected<LanguageIdentifier> load(const std::string& model_path);

  // The language of `text` (UTF-8; invalid bytes are tolerated). Title and body may be given
  // together, separated by a newline. Never throws; empty or letter-less text gives lang "".
  LanguageGuess identify(std::string_view text) const;

  // identify() with another short-text threshold than the one it uses (short_text_bytes()):
  // the evaluation measures the rule at several to justify the choice.
  LanguageGuess identify(std::string_view text, std::size_t short_text_bytes) const;
  static std::size_t short_text_bytes();

  // Each engine alone, for the evaluation (`vigie eval langid`) and the benchmark.
  static LanguageGuess identify_with_cld2(std::string_view text);
  LanguageGuess identify_with_fasttext(std::string_view text) const;

  // One line: the model file and its header's description.
  std::string describe() const;

  LanguageIdentifier(LanguageIdentifier&&) noexcept;
  LanguageIdentifier& operator=(LanguageIdentifier&&) noexcept;
  ~LanguageIdentifier();

 private:
  LanguageIdentifier();
  struct Model;
  std::unique_ptr<Model> model_;
};

// models/langid.ftz beside the dictionary folder `data_dir` (like the syntax models).
std::string default_model_path(const std::string& data_dir);

// ---- Training (`vigie train-langid`) ----

// The fastText model's classes.
inline constexpr std::string_view kLabelFrench = "fr";
inline constexpr std::string_view kLabelEnglish = "en";
inline constexpr std::string_view kLabelOther = "other";

struct TrainingExample {
  std::string label;  // kLabelFrench, kLabelEnglish or kLabelOther
  std::string text;   // raw text; normalised by the trainer
};

struct TrainOptions {
  int epochs = 10;
  int seed = 1;         // fastText's seed, and the shuffle's; one thread: reproducible
  std::string command;  // the command line that rebuilds the model (stored in the header)
  std::string data;     // what it was trained on (stored in the header)
  std::ostream* log = nullptr;
};

// Trains the fastText classifier on `examples` (shuffled with options.seed), quantizes it and
// writes it with its Vigie header to `output`. The training file is a temporary file.
Expected<bool> train_model(const std::vector<TrainingExample>& examples,
                           const TrainOptions& options, const std::string& output);

// The text as the fastText model sees it: case-folded, digits and punctuation dropped, one line.
std::string normalize_for_fasttext(std::string_view text);

// ---- Training and evaluation data readers ----

// The `# text = ` lines of a CoNLL-U file (plain or .xz), one per sentence, with the index of
// the document each belongs to (`# newdoc` comments; files without them get one document per
// `sentences_per_document` sentences).
struct UdText {
  std::string text;
  int document = 0;
};
Expected<std::vector<UdText>> read_ud_texts(const std::string& path, int sentences_per_document);

// The translated strings (msgstr) of a gettext catalogue (.mo), with its original (msgid), format
// directives (%s, %1$d …), accelerator marks and escapes removed; untranslated and one-word
// entries are dropped. For the "other" class: Debian's packages ship translations as .mo files.
struct CatalogueEntry {
  std::string original;
  std::string translation;
};
Expected<std::vector<CatalogueEntry>> read_mo_catalogue(const std::string& path);

}  // namespace vigie::langid
