// The document model: one plain struct that every pipeline stage fills in.
//
// Contract:
// - `Document::text` (the article body) and `Document::title` are the only copies of the text.
//   Every other structure refers to them by UTF-8 byte offsets (`Span`), tagged with the `Field`
//   they point into. No stage keeps a private copy of the text.
// - Offsets are half-open: [begin, end).
// - Stages append; they never reorder `tokens` or `sentences`, so indices stay valid.
// - A Document is a value: not shared between threads while a stage works on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie {

// Which string of the document a span points into.
enum class Field : std::uint8_t { kBody, kTitle };

// Half-open UTF-8 byte range [begin, end) in one field of the document.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

enum class TokenKind : std::uint8_t {
  kWord,         // letters, possibly with inner hyphens or apostrophes ("lieutenant-général")
  kNumber,       // digits with inner separators ("1,000", "7,8")
  kPunctuation,  // one punctuation mark, or an ellipsis
  kQuote,        // an opening or closing quotation mark: " « » “ ” ‘ ’ (as a quote)
  kSymbol,       // anything else (%, $, emoji)
};

struct Token {
  Span span;           // in the field of its sentence
  std::string folded;  // lower-cased form used for dictionary look-ups ("états-unis")
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;  // first character is an upper-case letter
  // Filled by the syntax stage (src/syntax/syntax.h); empty / -1 when no model was loaded.
  std::string upos;        // Universal POS tag ("VERB", "PROPN")
  std::string feats;       // UD features, "Mood=Cnd|Number=Sing|..."; empty when none
  std::string lemma;       // "fournir" for "aurait fourni"'s "fourni"
  std::int32_t head = -1;  // index into Document::tokens of the syntactic head; -1 for the root
  std::string deprel;      // UD relation to the head ("nsubj", "obl:agent", "root")
};

struct Sentence {
  Field field = Field::kBody;
  Span span;                      // the sentence's bytes in its field
  std::uint32_t first_token = 0;  // index into Document::tokens
  std::uint32_t token_count = 0;
  std::uint32_t paragraph = 0;  // 0-based paragraph number in the body (0 for the title)
};

enum class EntityType : std::uint8_t { kPER, kORG, kLOC, kGPE, kMISC };
std::string_view to_string(EntityType type);

// A mention that codes to an actor (or fails to: `code` empty).
struct Actor {
  std::string text;  // the words of the mention, verbatim
  std::string code;  // CAMEO actor code ("PAKSPY"); empty when unknown
  std::string name;  // canonical name of what the code stands for ("Pakistan")
  Field field = Field::kBody;
  Span span;
  std::uint32_t sentence = 0;     // index into Document::sentences
  std::uint32_t token_begin = 0;  // Document::tokens range [token_begin, token_end)
  std::uint32_t token_end = 0;
  bool plural = false;  // grammatically plural ("les talibans"), for pronouns
  // A capital city alone ("Islamabad"): an actor (the government, by metonymy) only where it
  // acts, as a subject or a passive agent; elsewhere it is a place. The event stage decides.
  bool metonymy_only = false;
  // A demonym qualifying a common noun ("ressortissants français", "Palestinian homes"): coded
  // as the country, but weaker evidence than a name or a role. The event stage takes it only as
  // the head of an argument, never from deep inside one ("le roman de l'écrivain algérien").
  bool nationality_only = false;
  // How the code was obtained, for explainability ("countries.yaml:PAK + roles.yaml:SPY").
  std::string rule;
  // A role word whose country the text does not give ("un dirigeant de l'opposition"): its CAMEO
  // role code ("OPP"), with `code` empty. The event stage may complete it from the event's other
  // actor (a domestic dyad: "la police ougandaise a arrêté un dirigeant de l'opposition").
  std::string role;
  // A generic anaphor standing for the two sides the text has just named ("les deux camps",
  // "the two sides", "chaque partie"): their codes, in text order; `code` is the first. The event
  // stage codes one event per side. Empty for every other mention.
  std::vector<std::string> sides;
  bool each_other = false;  // "chaque partie ... l'autre", "each side": one side acts on the other
};

struct Entity {
  std::string text;
  EntityType type = EntityType::kMISC;
  Field field = Field::kBody;
  Span span;
  std::string code;  // CAMEO actor code when the entity is an actor, else empty
};

struct Place {
  std::string text;  // as written ("Kaboul")
  Field field = Field::kBody;
  Span span;
  std::string name;            // canonical name ("Kabul")
  std::int64_t geonameid = 0;  // 0 when unknown
  double lat = 0;
  double lon = 0;
  std::string country;  // ISO 3166-1 alpha-3
  std::string admin1;
  std::string feature;  // "country", "capital", "city", "region" ...
  // How the place was found (geo::Match): "" when the gazetteer names the toponym itself;
  // "part" for a name inside it ("Colorado" for "Colorado State University"); "context" for a
  // toponym no gazetteer name covers, placed at the document's nearest town.
  std::string match;
};

struct Quote {
  std::string text;  // the quoted words, without the quote marks
  Field field = Field::kBody;
  Span span;                     // of the quoted words
  std::optional<Actor> speaker;  // who said it, when known
};

enum class Modality : std::uint8_t { kAsserted, kAlleged, kDenied, kNegated, kPossible, kIntended };
std::string_view to_string(Modality modality);

struct Event {
  std::uint32_t sentence = 0;  // index into Document::sentences
  Span trigger;                // in the sentence's field
  std::string trigger_text;    // "aurait fourni"
  std::optional<Actor> source;
  std::optional<Actor> target;
  std::string cameo;       // "072"
  std::string cameo_name;  // Vigie's short name for the code ("Give military aid")
  int quad_class = 0;      // 1..4
  double goldstein = 0;
  std::string plover_type;  // "AID"
  std::string plover_mode;  // "military"; may be empty
  Modality modality = Modality::kAsserted;
  std::optional<Actor> attribution;  // whose claim, when reported
  std::optional<Place> location;
  // Which words gave `location` (stage geo): "clause" (a place introduced by a locative near the
  // trigger: "à Kaboul", "in Khartoum"), "sentence" (another place of the sentence), "paragraph"
  // (the nearest earlier place of the paragraph); empty when no place is known.
  std::string location_source;
  std::string date;         // YYYY-MM-DD, or empty when unknown
  std::string date_source;  // "text:samedi", "published" ...
  // How precisely `date` is known (stage time): "day", "week" ("plus tôt dans la semaine", "last
  // week": `date` is then a day of that week, see time/time.h), "month"; empty when unknown.
  std::string date_precision;
  std::string rule;  // "dictionaries/events/verbs.fr.yaml:42 (fournir)"
};

// Non-fatal remarks about a document ("invalid UTF-8 repaired at byte 120").
struct Diagnostic {
  std::string stage;  // "ingest", "text" ...
  std::string message;
};

struct Document {
  std::string id;     // caller's id; for a file, its base name
  std::string url;    // empty when unknown
  std::string title;  // empty when none
  std::string site;
  std::string author;
  std::string published;  // YYYY-MM-DD or empty
  std::string lang;       // ISO 639-1 ("fr", "en")
  std::string text;       // the article body, boilerplate removed

  std::vector<Token> tokens;        // all tokens, title sentences first, in order
  std::vector<Sentence> sentences;  // title sentences first, then body sentences
  std::vector<Entity> entities;
  std::vector<Actor> actors;  // every actor mention found, in text order
  std::vector<Place> places;
  std::vector<Quote> quotes;
  std::vector<Event> events;
  std::vector<Diagnostic> diagnostics;

  // The string a span of `field` points into.
  const std::string& field_text(Field field) const { return field == Field::kTitle ? title : text; }
  std::string_view slice(Field field, Span span) const {
    return std::string_view(field_text(field)).substr(span.begin, span.size());
  }
  std::string_view token_text(const Token& token, Field field) const {
    return slice(field, token.span);
  }
};

}  // namespace vigie
