// Named-entity evaluation data and scoring (`vigie eval ner`, `vigie train --ner`).
//
// Reads the token-per-line NER files of ../shared/data/nlp, whatever their layout:
//   - UNER (`.iob2`): "# comments", then ID <TAB> FORM <TAB> IOB2 <TAB> ...; blank line between
//     sentences;
//   - WikiGold / WikiNEuRal (`.conllu`): ID <TAB> FORM <TAB> IOB2; a blank line or an ID that
//     does not grow starts a sentence; a "-DOCSTART-" token line starts a document (WikiGold);
//   - Europeana (`.bio`): FORM <SPACE> TAG, IOB1 (entities start with I-), no sentence
//     boundaries: a sentence ends after an untagged ". ! ?" or at kMaxReadSentenceTokens tokens.
// Tags are read as IOB1 or IOB2 alike (an I-X after O or after another type opens an entity, as
// conlleval does).
//
// Scoring is CoNLL exact-span matching: a system entity counts only when its first token, last
// token and type all equal a gold entity's. GPE is scored as LOC (the gold sets have no GPE), and
// system entities of a type the gold file never uses (MISC on UNER, which annotates PER/ORG/LOC
// only) are left out, since the file cannot say whether they are right.
//
// Documents: UNER marks them with "# newdoc id = ..." comments, WikiGold with -DOCSTART- lines;
// WikiNEuRal and Europeana have none, and each of their sentences is read as a document of its own
// (NerDocument::article_starts), since their sentences come from unrelated pages.
//
// Thread safety: all functions are pure.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "document/expected.h"

namespace vigie::entities {

// A run of tokens [begin, end) of one sentence and its type.
struct NerSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  EntityType type = EntityType::kMISC;
  bool operator==(const NerSpan&) const = default;
};

struct NerSentence {
  std::vector<std::string> forms;
  std::vector<NerSpan> entities;  // in token order, not overlapping
  // The file says a new document (article) starts here: a "# newdoc" comment (UNER) or a
  // "-DOCSTART-" line (WikiGold) before the sentence. The -DOCSTART- line itself is no sentence.
  bool starts_document = false;
};

// Longest run of tokens read as one sentence from a file without sentence boundaries (Europeana).
inline constexpr std::size_t kMaxReadSentenceTokens = 80;

// Reads a NER file in any of the layouts above. The Error names the file and line of the first
// malformed line (a tag that is not O, B-TYPE or I-TYPE, or a type that is not PER, ORG, LOC,
// GPE or MISC).
Expected<std::vector<NerSentence>> read_ner_file(const std::string& path);
// The same from text already in memory; `name` is used in errors.
Expected<std::vector<NerSentence>> parse_ner_text(std::string_view text, const std::string& name);

// Entities of IOB1 or IOB2 tags ("O", "B-PER", "I-PER"); tags that are not valid are O.
std::vector<NerSpan> spans_from_tags(const std::vector<std::string>& tags);
// The IOB2 tags of `spans` over `length` tokens.
std::vector<std::string> tags_from_spans(const std::vector<NerSpan>& spans, std::size_t length);

// Reads "PER", "ORG", "LOC", "GPE", "MISC"; false for anything else.
bool parse_entity_type(std::string_view name, EntityType& type);

struct NerCounts {
  std::size_t gold = 0, system = 0, correct = 0;
  double precision() const { return system ? double(correct) / double(system) : 0.0; }
  double recall() const { return gold ? double(correct) / double(gold) : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct NerScore {
  NerCounts overall;
  // Indexed by EntityType; GPE stays empty (scored as LOC).
  std::array<NerCounts, 5> by_type;
  std::array<bool, 5> gold_has_type{};  // types present in the gold file
};

// A NER file's sentences as one Document for the pipeline's stages: the text is the forms joined
// by spaces, a line per sentence, and each form is tokenized by text::tokenize() (it may give
// several Vigie tokens: "l'homme"). `gold_of_token[t]` is the index, in its sentence, of the file
// token that Document token t comes from; `gold` holds the file's entities re-expressed as
// Document token indices relative to their sentence (for training).
struct NerDocument {
  Document document;
  std::vector<std::uint32_t> gold_of_token;
  std::vector<std::vector<NerSpan>> gold;
  std::vector<std::uint8_t> place_marks;  // geo::place_name_marks(), when a gazetteer is there
  // The first sentence of each document (article) of the file, ascending, starting with 0: the
  // sentences marked NerSentence::starts_document, or every sentence when the file marks none.
  // add_model_entities() makes labels consistent within each.
  std::vector<std::uint32_t> article_starts;
};
NerDocument build_ner_document(const std::vector<NerSentence>& sentences, const std::string& lang);

// document.entities as spans of file tokens, one vector per sentence (an entity that covers part
// of a file token covers all of it).
std::vector<std::vector<NerSpan>> entity_spans(const NerDocument& ner_document);

// Scores `system` against `gold`, sentence by sentence (both of the same length).
NerScore score_ner(const std::vector<std::vector<NerSpan>>& gold,
                   const std::vector<std::vector<NerSpan>>& system);

}  // namespace vigie::entities
