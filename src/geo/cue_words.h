// The words the geo stage reads around capitalised names (locative prepositions, division nouns,
// nouns that introduce a village, words of longer names, list glue), read from
// dictionaries/geo/cue_words.yaml; its header documents the format and what each list does.
// Geocoder::load reads it once and shares it between copies of the Geocoder; `vigie dict check`
// runs read_cue_words() to report malformed entries.
//
// Thread safety: a CueWords is immutable after read_cue_words(); any number of threads may look
// words up at once.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "document/expected.h"

namespace vigie::geo {

// A set of folded words looked up by std::string_view without building a std::string.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view word) const {
    return std::hash<std::string_view>{}(word);
  }
};
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

// One member per section of cue_words.yaml, same name. Words matched against the text's tokens
// are folded like Token::folded (lower case, accents kept); those matched against place names
// like fold_place_name (no accents).
struct CueWords {
  WordSet locatives;           // "à", "in": a toponym after one is a place
  WordSet says_where;          // "in", "dans": locative_strength 2
  WordSet says_where_or_whom;  // "on", "sur": locative_strength 1
  WordSet name_connectors;     // "de", "of" inside "Rio de Janeiro", "Isle of Man"
  WordSet generic_name_words;  // place-name folded: "river", "state", "center"
  // Place-name folded, in the file's order, each with its space: "vallee du ", "vallee de l'";
  // " valley", " province".
  std::vector<std::string> division_prefixes, division_suffixes;
  WordSet division_nouns_before;   // "vallée", "province" a few words before a toponym
  WordSet division_nouns_after;    // "valley", "province" right after it
  WordSet skippable_before_place;  // "la", "central", "outskirts" between those and the toponym
  // introducing_nouns_before: "the town of X", "la commune de X" (town and division together,
  // and the division ones alone).
  WordSet introducing_nouns_before, introducing_division_nouns_before;
  WordSet introducing_links;         // "of", "de", "d'"
  WordSet introducing_conjunctions;  // "and", "et"
  // introducing_nouns_after: "the Aziziyah district" (town and division together, and the town
  // ones alone).
  WordSet introducing_nouns_after, introducing_town_nouns_after;
  WordSet place_modifiers;    // "north", "greater": part of where, not of a longer name
  WordSet name_of_links;      // "of", "de" of "University of Kentucky"
  WordSet list_glue;          // ",", "et", "de", "ville" between the places of a list
  WordSet list_conjunctions;  // ",", "et", "and": what makes them a list
};

// The cue words of `path`. An Error names the file and, where it can, the line: missing or wrong
// `format`/`version`, a missing section, an unknown section or key, an item that is not a word,
// a word listed twice in a section.
Expected<CueWords> read_cue_words(const std::string& path);

}  // namespace vigie::geo
