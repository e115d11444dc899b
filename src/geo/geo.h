// Stage `geo`: finds the toponyms of a document, resolves them against the gazetteer, and gives
// every event the place it happened at.
//
//   Geocoder::geocode(document)   fills Document::places (every resolved toponym, in text order)
//                                 and Event::location / Event::location_source; an event whose
//                                 clause lists several places ("à Kaboul et Mazar-i-Sharif") is
//                                 copied once per place.
//   Geocoder::resolve(toponyms)   resolves surface names given by a caller (the evaluation's gold
//                                 spans, another tool's NER), with the same document-level
//                                 context; a name the gazetteer lacks takes a name inside it or
//                                 the document's nearest town, and says so (Match).
//
// Toponym candidates are capitalised token sequences found in the gazetteer ("Mazar-i-Sharif",
// "New York"), including country and capital actors of the entities stage ("Islamabad" is a place
// mention even where it acts as the Pakistani government); names inside other named actors
// (people, organisations) are not, nor demonyms ("Afghan", "European"), nor the words listed in
// dictionaries/geo/not_places.yaml. Everyday country names GeoNames lacks ("UK", "Britain") come
// from dictionaries/geo/country_aliases.yaml. "vallée du X", "province de X", "X Valley", "X
// Province" ask for a division rather than a town. A name the gazetteer lacks is a toponym when
// the noun that introduces it says so ("the town of Bakwa", "le village de Tamthil", "the
// Aziziyah district"); it is placed at the document's nearest place, with Place::match "context".
// These words, the locative prepositions ("à", "in", "près de") and the other small words the
// stage reads around names are in dictionaries/geo/cue_words.yaml (geo/cue_words.h).
//
// Resolution scores each candidate place: a population prior, a feature prior (region, country >
// first-level division > capital > town), the document's context (countries and divisions it
// names, or that its unambiguous toponyms lie in), a qualifier right after a comma ("Paris,
// Texas"), and nearness to the document's other towns; a name keeps one reading per document. Event
// location: the place introduced by a locative preposition nearest the trigger in the event's
// sentence ("clause"), else the nearest place of the sentence that is not the event's source or
// target ("sentence"), else the nearest earlier place of the paragraph ("paragraph").
//
// Thread safety: a Geocoder is immutable after load; geocode() may run on many documents at once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "document/document.h"
#include "document/expected.h"
#include "geo/gazetteer.h"

namespace vigie::geo {

struct CueWords;  // geo/cue_words.h

// How a toponym got its place (Place::match in the output).
enum class Match : std::uint8_t {
  kName,     // the gazetteer knows the toponym itself
  kPart,     // it does not, but a name inside it ("Colorado" in "Colorado State University",
             // "Kanawha" in "Kanawha River"), read with the document's context
  kContext,  // nothing inside it either ("Barclays Center", "Cauvery"): the document's nearest
             // town, so that a map shows it roughly where the story is
};
// "" for kName (the output leaves the field out), "part", "context".
std::string_view to_string(Match match);

// A toponym's place and how it was found.
struct Resolution {
  PlaceView place;
  Match match = Match::kName;
};

// A toponym to resolve, as the caller found it.
struct Toponym {
  std::string text;                  // as written ("Kaboul", "Panjshir")
  bool prefers_division = false;     // introduced as a valley, province or region
  std::uint32_t begin = 0, end = 0;  // byte offsets in the caller's text, when it gives one
};

class Geocoder {
 public:
  // Opens `gazetteer_path` and reads `data_dir`/geo/not_places.yaml, country_aliases.yaml and
  // cue_words.yaml. Errors name the file (and the line, where it can).
  static Expected<Geocoder> load(const std::string& gazetteer_path, const std::string& data_dir);

  void geocode(Document& document) const;

  // The best place for each toponym, all resolved together (nullopt only when the gazetteer
  // knows no name inside it and the document no other place). With `text` (the document the
  // toponyms' offsets point into), a toponym right after another and a comma qualifies it
  // ("Paris, Texas"). A demonym ("Canadian") stands for its country.
  std::vector<std::optional<Resolution>> resolve(const std::vector<Toponym>& toponyms,
                                                 std::string_view text = {}) const;

  const Gazetteer& gazetteer() const { return *gazetteer_; }

 private:
  Geocoder() = default;
  std::shared_ptr<const Gazetteer> gazetteer_;
  // The gazetteer's places for a folded name, country aliases (dictionaries/geo) first.
  void lookup_with_aliases(const std::string& folded, std::vector<PlaceView>& out) const;
  // The places of the longest run of words inside `folded` that the gazetteer knows, leftmost
  // first, leaving out runs of generic words alone ("river", "state", "university").
  void part_of_name_places(const std::string& folded, std::vector<PlaceView>& out) const;

  // The steps of geocode() that read the gazetteer, in the order it runs them; the types they
  // pass and the other steps are internal to geo.cc.
  struct TokenRoles;     // per token: blocked, an actor place; the words of people's names
  struct FoundMentions;  // toponym candidates in text order, with their readings
  struct KnownName;      // the longest name at a token the gazetteer knows
  // Tokens of the entities stage's actors: those of named people and organisations cannot be
  // toponyms, unless a locative introduces a name the gazetteer knows ("réunis à Bruxelles");
  // those of countries and capitals are places.
  TokenRoles mark_actor_tokens(const Document& document) const;
  // Blocks the words of the people the NER stage found ("Abu Layla", "Vieira") and records them
  // (a person's name alone later is no town: "Baker said"), except entities coded as a country,
  // introduced by a locative ("à El Geneina"), or going on into a place name ("the Laurel County
  // sheriff").
  void block_person_names(const Document& document, TokenRoles& roles) const;
  // Candidate toponyms: at each capitalised token that is not blocked, the longest name the
  // gazetteer knows, with the cues around it (read_cues) and at most kMaxCandidates readings.
  FoundMentions find_mentions(const Document& document, const TokenRoles& roles) const;
  // The longest capitalised sequence from `begin` (with inner connectors, and a lower-case tail
  // that ends a country's or division's name: "Arabie saoudite") the gazetteer knows, leaving
  // out not_places.yaml and demonyms; `text` is the sentence's field, `end` its end.
  KnownName longest_known_name(const std::vector<Token>& tokens, const std::string& text,
                               std::uint32_t begin, std::uint32_t end,
                               const std::vector<std::uint8_t>& blocked) const;

  std::shared_ptr<const std::vector<std::string>> not_places_;                 // folded, sorted
  std::shared_ptr<const std::map<std::string, std::string>> country_aliases_;  // folded -> "iso:gb"
  std::shared_ptr<const CueWords> cue_;  // dictionaries/geo/cue_words.yaml, shared by copies
};

// Great-circle distance in kilometres between two points given in degrees (haversine).
double distance_km(double lat1, double lon1, double lat2, double lon2);

// The document model's Place for a gazetteer place written `text` at `span`.
Place to_place(const PlaceView& place, std::string text, Field field, Span span,
               Match match = Match::kName);

// For the NER model (entities/ner.h): one mark per document token, 1 where the gazetteer names a
// place with the longest run of up to kMaxPlaceNameTokens tokens starting at a capitalised word,
// 2 on the run's other tokens, 0 elsewhere.
inline constexpr std::uint32_t kMaxPlaceNameTokens = 4;
std::vector<std::uint8_t> place_name_marks(const Gazetteer& gazetteer, const Document& document);

}  // namespace vigie::geo
