#include "entities/entities.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

#include "entities/actor_dictionary.h"

namespace vigie::entities {
namespace {

// Words that may stand between two dictionary words of one noun phrase
// ("soldats de l'armée afghane", "un haut responsable pakistanais").
const std::unordered_set<std::string> kPhraseLinkers = {"de",
                                                        "du",
                                                        "des",
                                                        "d'",
                                                        "la",
                                                        "le",
                                                        "les",
                                                        "l'",
                                                        "of",
                                                        "the",
                                                        "'s",
                                                        "ancien",
                                                        "ancienne",
                                                        "anciens",
                                                        "anciennes",
                                                        "haut",
                                                        "haute",
                                                        "hauts",
                                                        "hautes",
                                                        "nouveau",
                                                        "nouvelle",
                                                        "nouveaux",
                                                        "nouvelles",
                                                        "puissant",
                                                        "puissante",
                                                        "former",
                                                        "senior",
                                                        "top",
                                                        "local",
                                                        "locale",
                                                        "locaux",
                                                        "locales",
                                                        "chef",
                                                        "chefs",
                                                        "head",
                                                        "-",
                                                        "lieutenant-général",
                                                        "général"};

// Words a mention extends over to its left ("les talibans", "un haut responsable").
const std::unordered_set<std::string> kLeftModifiers = {
    "le",    "la",       "les",      "l'",        "un",      "une",       "des",     "the",
    "a",     "an",       "ce",       "cette",     "ces",     "leur",      "leurs",   "son",
    "sa",    "ses",      "ancien",   "ancienne",  "anciens", "anciennes", "haut",    "haute",
    "hauts", "hautes",   "former",   "senior",    "top",     "plusieurs", "several", "many",
    "some",  "quelques", "nombreux", "nombreuses"};

// "des centaines d'Afghans", "thousands of protesters": quantity + de/of is part of the mention.
const std::unordered_set<std::string> kQuantities = {
    "centaines", "milliers", "dizaines", "millions", "hundreds", "thousands", "dozens",
    "millions",  "scores",   "groupe",   "group",    "groups",   "groupes"};

// "le chef de l'espionnage", "the head of intelligence": a head noun + de/of joins the mention.
const std::unordered_set<std::string> kHeads = {
    "chef",    "chefs",     "dirigeant", "dirigeants", "commandant", "head",         "leader",
    "leaders", "commander", "patron",    "directeur",  "director",   "porte-parole", "spokesman"};

const std::unordered_set<std::string> kOfWords = {"de", "du", "d'", "of", "des"};

const std::unordered_set<std::string> kPluralDeterminers = {"les", "des", "ces", "leurs",
                                                            "ses", "nos", "vos", "mes"};

// Geographic features named after a country: "le lac Tchad", "la mer de Chine", "the Gulf of
// Guinea", "le fleuve Niger". The country name there is a place, never an actor.
// Not islands: "l'île Maurice" is the country.
const std::unordered_set<std::string> kPlaceNouns = {
    "lac",   "lake",   "fleuve", "river",   "rivière", "mer",   "sea",  "golfe", "gulf", "bassin",
    "basin", "désert", "desert", "détroit", "strait",  "delta", "mont", "mount", "baie", "bay"};

const std::unordered_set<std::string> kTitleCaseLowerWords = {
    "with", "from", "into", "onto", "over", "upon",   "after", "about", "than", "that",
    "pour", "dans", "avec", "sous", "vers", "contre", "entre", "chez",  "sans", "selon"};

const std::unordered_set<std::string> kPlaceLinkers = {"de", "du", "d'", "of", "des", "l'"};

// Capitalized words after a country name that make an institution of that country.
const std::unordered_set<std::string> kInstitutionHeads = {
    "assembly", "parliament", "government",  "army",         "police",
    "council",  "ministry",   "association", "municipality", "party",
    "court",    "senate",     "congress",    "navy",         "cabinet"};

// A part of a country is still in it: "South Lebanon", "Northern Ireland", "eastern Congo".
const std::unordered_set<std::string> kCompassWords = {
    "north",   "south",     "east",      "west",      "northern",  "southern", "eastern", "western",
    "central", "northeast", "northwest", "southeast", "southwest", "upper",    "lower"};

struct Piece {
  std::uint32_t begin = 0;  // token indices
  std::uint32_t end = 0;
  std::vector<const DictionaryEntry*> entries;
  const DictionaryEntry* first_of(EntryKind kind) const {
    for (const DictionaryEntry* e : entries) {
      if (e->kind == kind) return e;
    }
    return nullptr;
  }
  bool is_countryish() const {
    return first_of(EntryKind::kCountryName) || first_of(EntryKind::kDemonym) ||
           first_of(EntryKind::kCapital);
  }
};

struct Group {
  std::vector<Piece> pieces;
  std::uint32_t begin = 0;  // extended to the left over determiners
  std::uint32_t end = 0;
  bool quantity = false;
  bool plural_determiner = false;
};

// A country or capital name that is not the country: written in lower case ("a turkey farm"),
// inside a longer proper name ("Paris Saint-Germain", "Michael Jordan", "the Washington Post"),
// or naming a geographic feature ("le lac Tchad", "the Gulf of Guinea").
bool is_place_or_other_name(const std::vector<Token>& tokens, const Piece& piece,
                            std::uint32_t first, std::uint32_t last,
                            const std::vector<bool>& in_piece, bool title_case) {
  bool capitalized = false;  // "the Philippines", "la République centrafricaine"
  for (std::uint32_t t = piece.begin; t < piece.end; ++t) capitalized |= tokens[t].capitalized;
  if (!capitalized) return true;
  // Another capitalized word right before or after, not a function word. The first word of a
  // sentence or clause (after punctuation: a dateline, a quote) only counts when the tagger says
  // it is a proper noun ("Michael Jordan", but not "When Russia invaded", "(AFP) - The US").
  auto other_name = [&](std::uint32_t t) {
    const Token& token = tokens[t];
    if (token.kind != TokenKind::kWord || !token.capitalized || in_piece[t - first]) return false;
    if (kLeftModifiers.count(token.folded) || kPhraseLinkers.count(token.folded) ||
        kCompassWords.count(token.folded) || token.folded.back() == '\'') {
      return false;
    }
    bool clause_start = t == first || tokens[t - 1].kind == TokenKind::kPunctuation;
    return !clause_start || token.upos == "PROPN";
  };
  if (!title_case) {
    if (piece.begin > first && other_name(piece.begin - 1)) return true;
    // After the name, a capitalized word makes another name ("Paris Saint-Germain", "Kenya
    // Airways", "the Washington Post"), save the heads of a state's institutions, which the
    // country codes ("the Montenegro Assembly", "Montenegro Municipality Association").
    if (piece.end < last && other_name(piece.end) &&
        !kInstitutionHeads.count(tokens[piece.end].folded)) {
      return true;
    }
  }
  if (piece.begin > first) {
    std::uint32_t t = piece.begin - 1;
    if (kPlaceLinkers.count(tokens[t].folded) && t > first) --t;
    if (kPlaceNouns.count(tokens[t].folded)) return true;
  }
  return false;
}

bool ends_with_plural_mark(const std::string& folded) {
  return !folded.empty() && (folded.back() == 's' || folded.back() == 'x');
}

// How many adjectives may stand between a demonym and the noun it qualifies ("deux travailleurs
// humanitaires kényans", "a British aid worker").
constexpr std::uint32_t kMaxWordsToQualifiedNoun = 2;

// The noun a demonym adjective qualifies, as a token range that includes the demonym: French puts
// the adjective after the noun ("ressortissants français"), English before ("Palestinian
// homes"). Needs the tagger; without it (empty upos) there is none.
std::optional<std::pair<std::uint32_t, std::uint32_t>> qualified_noun(
    const std::vector<Token>& tokens, std::uint32_t demonym_begin, std::uint32_t demonym_end,
    std::uint32_t first, std::uint32_t last, const std::string& lang) {
  auto is = [&](std::uint32_t t, const char* upos) { return tokens[t].upos == upos; };
  if (lang == "fr") {
    std::uint32_t t = demonym_begin;
    for (std::uint32_t skipped = 0; t > first && skipped <= kMaxWordsToQualifiedNoun; ++skipped) {
      --t;
      if (is(t, "NOUN")) return std::make_pair(t, demonym_end);
      if (!is(t, "ADJ")) break;
    }
    return std::nullopt;
  }
  std::uint32_t end = demonym_end;
  while (end < last && end - demonym_end <= kMaxWordsToQualifiedNoun &&
         (is(end, "NOUN") || is(end, "ADJ"))) {
    ++end;
  }
  while (end > demonym_end && !is(end - 1, "NOUN")) --end;  // the phrase ends on its noun
  if (end == demonym_end) return std::nullopt;
  return std::make_pair(demonym_begin, end);
}

}  // namespace

namespace {

// Generic anaphors naming both sides of what the text has just told ("les deux camps", "the two
// sides"); `each` ones make the sides act on each other ("chaque partie accusant l'autre").
// Closed-class phrases, like pronouns: kept here rather than in a dictionary.
struct GenericAnaphor {
  std::array<std::string_view, 3> words;  // folded, "" past the end
  bool each = false;
};
constexpr GenericAnaphor kGenericAnaphora[] = {
    {{"les", "deux", "camps"}},        {{"les", "deux", "parties"}},
    {{"les", "deux", "côtés"}},        {{"les", "deux", "pays"}},
    {{"les", "deux", "belligérants"}}, {{"chaque", "camp", ""}, true},
    {{"chaque", "partie", ""}, true},  {{"chaque", "côté", ""}, true},
    {{"the", "two", "sides"}},         {{"both", "sides", ""}},
    {{"the", "two", "countries"}},     {{"both", "countries", ""}},
    {{"the", "two", "parties"}},       {{"the", "warring", "parties"}},
    {{"each", "side", ""}, true}};
// How many sentences back the two sides may have been named.
constexpr std::uint32_t kSidesSentenceWindow = 2;

bool same_side(const std::string& a, const std::string& b) {
  // "PAK" and "PAKGOV" are one side; "AFGINS" and "AFGREB" are two.
  return a == b || (a.size() == 3 && b.compare(0, 3, a) == 0) ||
         (b.size() == 3 && a.compare(0, 3, b) == 0);
}

}  // namespace

void ActorCoder::code_generic_anaphora(Document& document, std::uint32_t s) {
  const Sentence& sentence = document.sentences[s];
  const auto& tokens = document.tokens;
  const std::uint32_t first = sentence.first_token, last = first + sentence.token_count;
  const std::size_t sentence_actors_begin = [&] {
    std::size_t i = document.actors.size();
    while (i > 0 && document.actors[i - 1].sentence == s) --i;
    return i;
  }();
  std::vector<Actor> found;
  for (std::uint32_t t = first; t < last; ++t) {
    for (const GenericAnaphor& g : kGenericAnaphora) {
      std::uint32_t n = 0;
      while (n < g.words.size() && !g.words[n].empty()) ++n;
      if (t + n > last) continue;
      bool match = true;
      for (std::uint32_t i = 0; i < n && match; ++i) match = tokens[t + i].folded == g.words[i];
      // Behind a preposition it is a place or a detail, not an actor ("officials on both
      // sides", "des pertes des deux côtés").
      if (!match || (t > first && tokens[t - 1].upos == "ADP")) continue;
      // The two latest distinct sides named in the sentences before, in text order; the
      // anaphor's own sentence only when they name fewer ("The UN urged the two sides": the UN
      // is no side).
      std::vector<const Actor*> sides;
      for (bool own_sentence : {false, true}) {
        for (std::size_t i = document.actors.size(); i-- > 0 && sides.size() < 2;) {
          const Actor& a = document.actors[i];
          if (s - a.sentence > kSidesSentenceWindow) break;
          if ((a.sentence == s) != own_sentence || (a.sentence == s && a.token_end > t)) continue;
          if (a.code.empty() || a.metonymy_only || !a.sides.empty()) continue;
          bool known = std::any_of(sides.begin(), sides.end(),
                                   [&](const Actor* b) { return same_side(a.code, b->code); });
          if (!known) sides.push_back(&a);
        }
      }
      if (sides.size() < 2) break;  // unresolvable: stays uncoded, never guessed
      Actor actor;
      actor.field = sentence.field;
      actor.sentence = s;
      actor.token_begin = t;
      actor.token_end = t + n;
      actor.span = {tokens[t].span.begin, tokens[t + n - 1].span.end};
      actor.text = std::string(document.slice(sentence.field, actor.span));
      actor.plural = true;
      actor.each_other = g.each;
      actor.sides = {sides[1]->code, sides[0]->code};
      actor.code = actor.sides.front();
      actor.rule = "coref:generic -> \"" + sides[1]->text + "\" + \"" + sides[0]->text + "\"";
      found.push_back(std::move(actor));
      t += n - 1;
      break;
    }
  }
  if (found.empty()) return;
  for (Actor& a : found) document.actors.push_back(std::move(a));
  std::stable_sort(document.actors.begin() + static_cast<std::ptrdiff_t>(sentence_actors_begin),
                   document.actors.end(),
                   [](const Actor& a, const Actor& b) { return a.token_begin < b.token_begin; });
}

ActorCoder::ActorCoder() = default;
ActorCoder::ActorCoder(ActorCoder&&) noexcept = default;
ActorCoder& ActorCoder::operator=(ActorCoder&&) noexcept = default;
ActorCoder::~ActorCoder() = default;

Expected<ActorCoder> ActorCoder::load(const std::string& actors_dir) {
  auto dictionary = ActorDictionary::load(actors_dir);
  if (!dictionary) return dictionary.error();
  ActorCoder coder;
  coder.dictionary_ = std::make_unique<ActorDictionary>(std::move(dictionary).value());
  return coder;
}

std::size_t ActorCoder::entry_count() const {
  return dictionary_ ? dictionary_->size() : 0;
}

void ActorCoder::code(Document& document) const {
  document.actors.clear();
  document.entities.clear();
  const auto& tokens = document.tokens;
  for (std::uint32_t s = 0; s < document.sentences.size(); ++s) {
    const Sentence& sentence = document.sentences[s];
    const std::uint32_t first = sentence.first_token;
    const std::uint32_t last = first + sentence.token_count;

    // 1. Dictionary pieces, longest match first.
    std::vector<Piece> pieces;
    for (std::uint32_t t = first; t < last;) {
      auto match = dictionary_->longest_match(document, sentence.field, t, last);
      if (match.length == 0) {
        ++t;
        continue;
      }
      pieces.push_back({t, t + match.length, std::move(match.entries)});
      t += match.length;
    }

    // Country and capital names that name something else are dropped (is_place_or_other_name).
    // In a title-case headline ("Kenya Says Talks With Rebels Failed") capitalized words say
    // nothing: it is one where every word of four letters or more is capitalized, save the
    // prepositions title case keeps in lower case.
    std::vector<bool> in_piece(last - first, false);
    for (const Piece& piece : pieces) {
      for (std::uint32_t t = piece.begin; t < piece.end; ++t) in_piece[t - first] = true;
    }
    bool title_case = true;
    for (std::uint32_t t = first; t < last && title_case; ++t) {
      const Token& token = tokens[t];
      if (token.kind == TokenKind::kWord && !token.capitalized && token.span.size() >= 4 &&
          !kTitleCaseLowerWords.count(token.folded)) {
        title_case = false;
      }
    }
    std::erase_if(pieces, [&](const Piece& piece) {
      for (const DictionaryEntry* e : piece.entries) {
        if (e->kind != EntryKind::kCountryName && e->kind != EntryKind::kCapital) return false;
      }
      return is_place_or_other_name(tokens, piece, first, last, in_piece, title_case);
    });

    // 2. Pieces of one noun phrase form a group: at most one country and one named actor.
    std::vector<Group> groups;
    for (const Piece& piece : pieces) {
      bool joins = false;
      if (!groups.empty()) {
        Group& g = groups.back();
        std::uint32_t gap_begin = g.pieces.back().end;
        joins = piece.begin - gap_begin <= 3;
        // English possessive: "Kenya's interior minister", "Russia's top foreign diplomat".
        const bool possessive =
            joins && piece.begin > gap_begin && tokens[gap_begin].folded == "'s";
        for (std::uint32_t t = gap_begin; joins && t < piece.begin; ++t) {
          joins = kPhraseLinkers.count(tokens[t].folded) > 0 ||
                  (possessive && tokens[t].kind == TokenKind::kWord && !tokens[t].capitalized &&
                   (tokens[t].upos.empty() || tokens[t].upos == "ADJ" || tokens[t].upos == "NOUN"));
        }
        bool named = piece.first_of(EntryKind::kNamed) != nullptr;
        for (const Piece& other : g.pieces) {
          if (named && other.first_of(EntryKind::kNamed)) joins = false;
          if (piece.is_countryish() && other.is_countryish() && !named &&
              !other.first_of(EntryKind::kNamed)) {
            joins = false;
          }
        }
      }
      if (joins) {
        groups.back().pieces.push_back(piece);
        groups.back().end = piece.end;
      } else {
        groups.push_back({{piece}, piece.begin, piece.end});
      }
    }

    // 3. Extend each group to the left over determiners, quantities and heads.
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
      Group& g = groups[gi];
      std::uint32_t floor = gi > 0 ? groups[gi - 1].end : first;
      while (g.begin > floor) {
        const std::string& prev = tokens[g.begin - 1].folded;
        // "aux" (à + les) marks a plural noun but, being a preposition too, stays outside.
        if (prev == "aux") {
          g.plural_determiner = true;
          break;
        }
        if (kLeftModifiers.count(prev)) {
          if (kPluralDeterminers.count(prev)) g.plural_determiner = true;
          --g.begin;
          continue;
        }
        if (kOfWords.count(prev) && g.begin - 1 > floor) {
          const std::string& before = tokens[g.begin - 2].folded;
          if (kQuantities.count(before)) {
            g.quantity = true;
            g.begin -= 2;
            continue;
          }
          if (kHeads.count(before)) {
            g.begin -= 2;
            continue;
          }
        }
        break;
      }
    }

    // A demonym's noun phrase must not swallow the next mention ("the Japanese foreign
    // minister": "minister" is a role of its own).
    auto overlaps_next_group = [&](const Group& g, std::uint32_t end) {
      std::size_t index = static_cast<std::size_t>(&g - groups.data());
      return index + 1 < groups.size() && groups[index + 1].begin < end;
    };

    // 4. Code each group.
    for (const Group& g : groups) {
      const DictionaryEntry* named = nullptr;
      const DictionaryEntry* country = nullptr;
      EntryKind country_kind = EntryKind::kCountryName;
      std::vector<const DictionaryEntry*> roles;
      for (const Piece& piece : g.pieces) {
        if (!named) named = piece.first_of(EntryKind::kNamed);
        for (EntryKind kind : {EntryKind::kCountryName, EntryKind::kCapital, EntryKind::kDemonym}) {
          if (const DictionaryEntry* e = piece.first_of(kind); e && !country) {
            country = e;
            country_kind = kind;
          }
        }
        if (const DictionaryEntry* role = piece.first_of(EntryKind::kRole)) {
          if (std::none_of(roles.begin(), roles.end(),
                           [&](const DictionaryEntry* r) { return r->code == role->code; })) {
            roles.push_back(role);
          }
        }
      }
      const Piece& head_piece = g.pieces.front();
      const std::string& last_word = tokens[g.pieces.back().end - 1].folded;

      Actor actor;
      actor.field = sentence.field;
      actor.sentence = s;
      actor.token_begin = g.begin;
      actor.token_end = g.end;
      actor.span = {tokens[g.begin].span.begin, tokens[g.end - 1].span.end};
      actor.text = std::string(document.slice(sentence.field, actor.span));
      actor.plural = g.quantity || g.plural_determiner;

      Entity entity;
      entity.field = sentence.field;
      entity.span = {tokens[head_piece.begin].span.begin, tokens[g.pieces.back().end - 1].span.end};
      entity.text = std::string(document.slice(sentence.field, entity.span));
      bool emit_actor = true;

      if (named) {
        actor.code = ActorDictionary::code_on(*named, document.published);
        actor.name = named->name;
        actor.plural = actor.plural || named->plural;
        actor.rule = named->rule;
        entity.type = named->type;
      } else if (country) {
        actor.name = country->name;
        actor.rule = country->rule;
        entity.type = country_kind == EntryKind::kDemonym && roles.empty() ? EntityType::kMISC
                                                                           : EntityType::kGPE;
        if (!roles.empty()) {
          actor.code = country->code;
          for (const DictionaryEntry* role : roles) {
            actor.code += role->code;
            actor.rule += " + " + role->rule;
          }
          entity.type = EntityType::kORG;
        } else if (country_kind == EntryKind::kCountryName) {
          actor.code = country->code;
        } else if (country_kind == EntryKind::kCapital) {
          actor.code = country->code + "GOV";
          actor.metonymy_only = true;
          actor.rule += " (capital: government by metonymy)";
        } else {
          // A demonym alone is an actor only as a plural noun: "des centaines d'Afghans".
          // After a quantity the demonym is a plural noun even without a plural mark
          // ("hundreds of Sudanese", "des milliers de Suisses").
          bool people = g.quantity || (g.plural_determiner && ends_with_plural_mark(last_word));
          auto noun = people ? std::nullopt
                             : qualified_noun(tokens, head_piece.begin, g.pieces.back().end, first,
                                              last, document.lang);
          // "the Kenyan shilling", "la langue arabe": a thing, not the nation's people or
          // property.
          const bool thing =
              noun && std::any_of(tokens.begin() + noun->first, tokens.begin() + noun->second,
                                  [&](const Token& t) { return dictionary_->is_thing(t.folded); });
          if (people) {
            actor.code = country->code + (g.quantity ? "CVL" : "");
            actor.plural = true;
          } else if (thing) {
            emit_actor = false;
          } else if (noun && !overlaps_next_group(g, noun->second)) {
            // "deux ressortissants français", "Palestinian homes", "le consulat iranien": the
            // country, as CAMEO codes a nation's people and property without a role.
            std::uint32_t begin = std::min(noun->first, g.begin);
            actor.token_begin = begin;
            actor.token_end = std::max(noun->second, g.end);
            actor.span = {tokens[begin].span.begin, tokens[actor.token_end - 1].span.end};
            actor.text = std::string(document.slice(sentence.field, actor.span));
            actor.code = country->code;
            actor.nationality_only = true;
            std::uint32_t noun_token = document.lang == "fr" ? noun->first : noun->second - 1;
            actor.plural = tokens[noun_token].feats.find("Number=Plur") != std::string::npos;
            actor.rule += " (demonym qualifying \"" + tokens[noun_token].folded + "\")";
          } else {
            emit_actor = false;
          }
        }
      } else {
        // Role words alone: the latest actor of the document with this role lends its country.
        // Of several, the sector is the complement: last in French ("un dirigeant de
        // l'opposition"), first in English ("opposition leaders", "police chief").
        const DictionaryEntry* role = document.lang == "fr" ? roles.back() : roles.front();
        // In French a role word right after a noun, with no determiner, is an adjective:
        // "une aide militaire", "la situation politique".
        bool postposed_adjective =
            document.lang == "fr" && g.begin == head_piece.begin && g.begin > first &&
            tokens[g.begin - 1].kind == TokenKind::kWord && !tokens[g.begin - 1].capitalized;
        if (postposed_adjective) continue;
        actor.name.clear();
        actor.plural = actor.plural || role->plural ||
                       (g.plural_determiner && ends_with_plural_mark(last_word));
        for (auto it = document.actors.rbegin(); it != document.actors.rend(); ++it) {
          if (it->metonymy_only) continue;  // a capital is a place until it acts
          const std::string& code = it->code;
          if (code.size() >= 6 && code.compare(code.size() - 3, 3, role->code) == 0) {
            actor.code = code;
            actor.name = it->name;
            actor.rule = role->rule + " + coref:role of \"" + it->text + "\"";
            break;
          }
        }
        if (actor.code.empty()) {
          actor.rule = role->rule + " (no country known)";
          actor.role = role->code;
        }
        emit_actor = true;
        entity.type = EntityType::kMISC;
      }
      if (named || country) {
        entity.code = emit_actor ? actor.code : std::string();
        document.entities.push_back(entity);
      }
      if (emit_actor) document.actors.push_back(std::move(actor));
    }
    code_generic_anaphora(document, s);
  }
}

}  // namespace vigie::entities
