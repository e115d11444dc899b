// Statistical named-entity recognition: the model Vigie trains itself (`vigie train --ner`) and
// the combination of its entities with the actor dictionaries' ones for the document's
// `entities`.
//
// The model is a greedy left-to-right BIO tagger over four types (PER, ORG, LOC, MISC): an
// averaged perceptron (the one of the syntax stage, syntax/perceptron.h) over hashed features of
// the word and its neighbours (lower-cased forms, shapes, prefixes and suffixes, capitalisation
// at the sentence start, UPOS from the syntax stage, the actor dictionaries' entity over the
// token, the gazetteer's place names over it, membership in the word lists stored in the model)
// and of the two previous labels. Measured gains of the outside knowledge, on the held-out split
// of UNER dev / WikiNEuRal fr val: word lists 0.460 -> 0.482 / 0.554 -> 0.563, gazetteer
// 0.477 -> 0.508 / 0.578 -> 0.602 (overall F1). Decoding
// never opens an I-X after anything but B-X or I-X. Silver training data (UD sentences labelled by
// a first model, checked against their gold proper nouns) was tried and dropped: see
// scripts/train-ner-models.sh.
//
// Model file (models/ner.LANG.bin), little-endian: 8 bytes magic "VIGIENER", uint32 format
// version (kNerModelFormatVersion), a text header (what the file is, its language, the training
// command and data), the language, uint32 bit set of the classes seen in training, the word lists
// (names, then sorted folded-word hashes), then the perceptron weights. load() checks all of it.
//
// Thread safety: a loaded NerModel is immutable; label() and add_model_entities() may run on many
// threads at once.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "document/expected.h"
#include "entities/ner_eval.h"

namespace vigie::entities {

inline constexpr std::uint32_t kNerModelFormatVersion = 1;

// One token as the model sees it. `folded` is unicode::fold(form) (Token::folded in a Document);
// `upos` the syntax stage's tag (empty without a model); `dictionary` says whether the actor
// dictionaries found an entity over the token (0: none, else 1 + EntityType, plus 8 inside it
// after its first token).
struct NerToken {
  std::string_view form;
  std::string_view folded;
  std::string_view upos;
  std::uint8_t dictionary = 0;
  // Whether the gazetteer names a place with the words starting here (1) or continuing one (2);
  // 0 when none or without a gazetteer (see place_name_marks()).
  std::uint8_t place = 0;
};

// The NerTokens of every sentence of `document` (after the syntax stage and ActorCoder::code(),
// whose entities give `dictionary`). The views point into `document`.
// `place_marks` (one per document token, may be empty) fills NerToken::place.
std::vector<std::vector<NerToken>> ner_tokens(const Document& document,
                                              const std::vector<std::uint8_t>& place_marks = {});

struct NerTrainOptions {
  std::string lang;  // "fr", "en"
  int epochs = 10;
  std::string command;          // written to the model header: how to retrain
  std::string data;             // written to the model header: the training files
  std::ostream* log = nullptr;  // one line per epoch (dev F1 when dev is given)
  // Word lists stored in the model, each a feature of the tokens in it (name, words); e.g. first
  // names. At most 64.
  std::vector<std::pair<std::string, std::vector<std::string>>> lexicons;
};

class NerModel {
 public:
  // Reads and checks a model file; the Error names the file and what is wrong with it.
  static Expected<NerModel> load(const std::string& path);

  // Trains on the sentences of `train` (see build_ner_document(); the syntax stage and
  // ActorCoder::code() have run on it) with its gold entities; `dev` (may be null) is only
  // scored for the log. GPE in the data is learnt as LOC.
  static Expected<NerModel> train(const NerDocument& train, const NerDocument* dev,
                                  const NerTrainOptions& options);

  Expected<bool> save(const std::string& path) const;

  // The entities of one sentence (types PER, ORG, LOC, MISC), in token order.
  std::vector<NerSpan> label(const std::vector<NerToken>& tokens) const;

  const std::string& lang() const;
  const std::string& header() const;
  // True when the word list `list` stored in the model holds `folded` (false without the list).
  bool in_word_list(std::string_view list, std::string_view folded) const;

  NerModel(NerModel&&) noexcept;
  NerModel& operator=(NerModel&&) noexcept;
  ~NerModel();

 private:
  NerModel();
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

// How the document's `entities` are made (`vigie eval ner --system`).
enum class EntitySource : std::uint8_t {
  kDictionary,  // the actor dictionaries alone (ActorCoder::code)
  kModel,       // the statistical model alone
  kCombined,    // the pipeline's: see add_model_entities()
};

// Combines the model's entities with the dictionaries' ones already in document.entities
// (ActorCoder::code() runs first): a model entity that overlaps a dictionary entity gives way to
// it, since the dictionaries are curated and carry the actor code; a model LOC that is exactly a
// country or capital of the dictionaries becomes GPE the same way. Every other model entity is
// added (without a code). Entities stay in text order. Actors are not touched.
// With EntitySource::kModel the dictionary entities are replaced instead; kDictionary does nothing.
// `place_marks`: the gazetteer's place names over the document tokens (geo::place_name_marks();
// empty without a gazetteer).
// `article_starts`: the first sentence of each article when the document holds several (an
// evaluation file, NerDocument::article_starts); empty: the document is one article. Within an
// article the entities' types are made consistent (one type per surface string, by majority; the
// untagged repeats of a name tagged too; a person's first or last name alone is that person).
// In English, the entity of an actor mention composed of a name and lower-case role words is the
// name ("US troops" USAMIL -> "US", GPE, coded USA; the actor keeps the whole mention and USAMIL).
// In French, a model entity without a capitalised word or of function words alone is dropped, and
// a plural and its town name a sports club ("Canadiens de Montréal", ORG).
void add_model_entities(Document& document, const NerModel& model,
                        EntitySource source = EntitySource::kCombined,
                        const std::vector<std::uint8_t>& place_marks = {},
                        const std::vector<std::uint32_t>& article_starts = {});

// Where the shipped model of `lang` is: models/ner.LANG.bin beside the dictionary folder.
std::string default_ner_model_path(const std::string& data_dir, const std::string& lang);

}  // namespace vigie::entities
