#include "geo/geo.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "geo/cue_words.h"

namespace vigie::geo {
namespace {

// Scoring weights, in units of log10(population). Chosen by hand on LGL, GeoWebNews and TR-News
// given gold spans (`vigie eval geo`, see README "Measured"; no held-out set remains, so the
// figures there are tuned figures): a country outranks any town of the same name ("Georgia",
// "Jordan"), a first-level division outranks towns up to ~100x its summed population, and a
// document whose other names lie in a country outweighs a 100x population gap ("Paris" in a
// Texas story), the more so the larger that country's share of the document's names.
constexpr double kCountryPrior = 3.0;
constexpr double kAdmin1Prior = 1.0;
constexpr double kCapitalPrior = 2.5;
constexpr double kAdmin2Prior = -1.0;
// A continent, the EU, a sea (population 0 in the gazetteer): as strong as a country of ten
// million, so that "Europe" or "the Atlantic" is not read as a village or a county of that name.
constexpr double kRegionPrior = kCountryPrior + 7.0;
constexpr double kDocumentCountryBonus = 2.5;
constexpr double kCountryShareWeight = 0.75;  // x (1 + this x the country's share of the names)
constexpr double kDocumentAdmin1Bonus = 1.5;
constexpr double kPrimaryNameBonus = 0.5;  // the name is the place's own, not an alternate
// A town under one of its alternate names (GeoNames lists old names, nicknames and translations:
// Swainsboro, Georgia is also "Paris") unless it is large enough for its translations to be what
// the text uses ("Londres", "Kaboul"; which also leaves New York City under "Manhattan").
constexpr double kSmallTownAlternatePenalty = 2.0;
constexpr std::uint32_t kTranslatedTownPopulation = 100000;
constexpr double kDivisionCueBonus = 3.0;  // "vallée du X", "province de X", "X Province"
// Nearness to the document's other towns and counties (local news): within kNearKm of one of
// them, or within kRegionalKm; re-scored kProximityRounds times from the previous readings.
constexpr double kNearKm = 50.0;
constexpr double kNearBonus = 2.0;
constexpr double kRegionalKm = 250.0;
constexpr double kRegionalBonus = 1.0;
// A reading near some reading of another name (neither chosen yet) gets kNearBonus times this,
// divided by the square root of that name's number of town readings.
constexpr double kAnyReadingShare = 1.0;
// A country or first-level division that holds the document's towns.
constexpr double kContainsBonus = 2.0;
constexpr int kProximityRounds = 2;
// Candidates examined per name: the gazetteer returns them by kind then population, and past the
// 64 largest homonyms ("San José" has hundreds) none wins on context alone in the corpora.
constexpr std::size_t kMaxCandidates = 64;
// A town found only by capitalisation must be this large unless a locative cue or the document
// context supports it (villages named "Mort", "Saleh", "Hameed" exist in cities500; so do
// "Abu", "Street", "College"). Own detection precision / recall at 5,000 / 20,000 / 100,000
// (2026-11-24): LGL 0.774/0.727, 0.805/0.711, 0.826/0.685; GWN 0.875/0.706, 0.900/0.701,
// 0.924/0.696; TR-News 0.833/0.769, 0.851/0.763, 0.872/0.755: 20,000 has the best F1 on all three.
constexpr std::uint32_t kMinBareTownPopulation = 20000;
// A first-level division found by capitalisation alone, without a cue or its country named, must
// hold this many people (in its cities500 places) and be written under its own name ("Ohio").
constexpr std::uint32_t kMinBareDivisionPopulation = 1000000;
// A place read from a name inside a toponym the gazetteer lacks ("Kanawha" in "Kanawha River")
// is kept when it is a country, division or region, lies within kRegionalKm of the document's
// other places, or, in a document with no other place, is a town this large; otherwise the
// toponym falls back to the document's nearest town. Measured on the three corpora given gold
// spans (`vigie eval geo`): every inner reading kept cost LGL 0.4 points ("Cherry Hinton" read
// as some "Cherry"), these conditions gain GWN 0.7.
constexpr std::uint32_t kMinLonePartTownPopulation = 100000;
// A division found by capitalisation alone is read as its namesake town of this size instead of
// being dropped ("Rebels attacked Kandahar").
constexpr std::uint32_t kMinDivisionTownPopulation = 100000;
// Longest capitalised sequence tried as one name ("Rio Grande do Sul").
constexpr std::uint32_t kMaxNameTokens = 5;

// The space-separated words of `text` (the views point into it).
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t end = std::min(text.find(' ', begin), text.size());
    if (end > begin) out.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

// country_aliases_ values with this prefix name a first-level division (the yaml's `names:`).
constexpr std::string_view kDivisionAliasPrefix = "adm1:";

double log_population(std::uint32_t population) {
  return std::log10(double(population) + 10.0);
}

// What the rest of the document says: for each country and first-level division, how many
// other mentions read best (by the priors alone) as lying in it.
struct Context {
  std::map<std::string, int> countries;  // alpha-3 -> distinct names
  std::map<std::string, int> admin1;     // "AFG|Panjshir" -> distinct names
  int names = 0;                         // distinct names with a country
};

double prior(const PlaceView& p, bool prefers_division) {
  double score = log_population(p.record->population);
  switch (p.record->kind) {
    case PlaceKind::kCountry:
      score += kCountryPrior;
      break;
    case PlaceKind::kAdmin1:
      score += kAdmin1Prior + (prefers_division ? kDivisionCueBonus : 0);
      break;
    case PlaceKind::kCapital:
      score += kCapitalPrior;
      break;
    case PlaceKind::kAdmin2:
      score += kAdmin2Prior + (prefers_division ? kDivisionCueBonus : 0);
      break;
    case PlaceKind::kCity:
      break;
    case PlaceKind::kRegion:
      score += kRegionPrior;
      break;
  }
  return score;
}

// `own_country`/`own_admin1`: what this mention itself contributed to the context, discounted so
// that a name does not vouch for itself.
double score(const PlaceView& p, const std::string& folded, bool prefers_division,
             const Context& context, const std::string& own_country,
             const std::string& own_admin1) {
  double s = prior(p, prefers_division);
  std::string country(p.country3());
  auto others = [](const std::map<std::string, int>& counts, const std::string& key,
                   const std::string& own) {
    auto it = counts.find(key);
    return it == counts.end() ? 0 : it->second - (key == own ? 1 : 0);
  };
  if (const int n = others(context.countries, country, own_country); n > 0) {
    // More when the country is most of what the document names (a local paper's towns).
    const int named = context.names - (own_country.empty() ? 0 : 1);
    s += kDocumentCountryBonus * (1.0 + kCountryShareWeight * double(n) / std::max(1, named));
  }
  std::string admin1 =
      country + "|" + std::string(p.record->kind == PlaceKind::kAdmin1 ? p.name : p.admin1);
  if (!p.admin1.empty() && others(context.admin1, admin1, own_admin1) > 0)
    s += kDocumentAdmin1Bonus;
  if (fold_place_name(p.name) == folded) {
    s += kPrimaryNameBonus;
  } else if ((p.record->kind == PlaceKind::kCity || p.record->kind == PlaceKind::kAdmin2) &&
             p.record->population < kTranslatedTownPopulation) {
    s -= kSmallTownAlternatePenalty;
  }
  return s;
}

struct Candidates {
  std::string folded;
  bool prefers_division = false;
  std::vector<PlaceView> places;
  // The index of the toponym that follows this one after a comma and qualifies it ("Paris,
  // Texas", "London, Ont.", "Alexandria, Va."), or -1.
  int qualified_by = -1;
};

// True when `inner` lies in `outer`: its country, or its first-level division.
bool lies_in(const PlaceView& inner, const PlaceView& outer) {
  if (outer.record->kind == PlaceKind::kCountry) {
    return inner.record->kind != PlaceKind::kCountry && inner.country3() == outer.country3();
  }
  if (outer.record->kind == PlaceKind::kAdmin1) {
    return inner.record->kind != PlaceKind::kAdmin1 && inner.record->kind != PlaceKind::kCountry &&
           inner.country3() == outer.country3() && inner.admin1 == outer.name;
  }
  return false;
}

// "Paris, Texas": keep the readings of the name that lie in some reading of its qualifier, and
// the qualifier's readings that contain one of them. Nothing changes when no pair fits (a list
// "Kaboul, Hérat" is two towns).
void apply_qualifiers(std::vector<Candidates>& all) {
  for (Candidates& c : all) {
    if (c.qualified_by < 0) continue;
    Candidates& q = all[c.qualified_by];
    std::vector<PlaceView> inside, containers;
    for (const PlaceView& p : c.places) {
      bool fits = false;
      for (const PlaceView& outer : q.places) {
        if (!lies_in(p, outer)) continue;
        fits = true;
        if (std::none_of(containers.begin(), containers.end(),
                         [&](const PlaceView& k) { return k.index == outer.index; })) {
          containers.push_back(outer);
        }
      }
      if (fits) inside.push_back(p);
    }
    if (inside.empty()) continue;
    c.places = std::move(inside);
    q.places = std::move(containers);
  }
}

// A point place (town, capital, county) that can vouch for its neighbours.
bool is_local(const PlaceView& p) {
  return p.record->kind == PlaceKind::kCity || p.record->kind == PlaceKind::kCapital ||
         p.record->kind == PlaceKind::kAdmin2;
}

// How much the nearest other local place of the document supports a reading `p`: local news
// names places near each other ("Mansfield" near "Shreveport" is the Louisiana one).
double proximity_bonus(const PlaceView& p, const std::vector<std::optional<PlaceView>>& chosen,
                       const std::vector<Candidates>& all, std::size_t self,
                       double any_reading_support) {
  if (p.record->kind == PlaceKind::kCountry || p.record->kind == PlaceKind::kAdmin1) {
    // A country or division holding the document's towns is as well supported as a town near
    // them ("Mexico" among Mexican towns is the country, not Mexico City).
    for (std::size_t j = 0; j < chosen.size(); ++j) {
      if (j != self && chosen[j] && is_local(*chosen[j]) && all[j].folded != all[self].folded &&
          lies_in(*chosen[j], p)) {
        return kContainsBonus;
      }
    }
    return 0;
  }
  if (!is_local(p)) return 0;
  double nearest = 1e9;
  for (std::size_t j = 0; j < chosen.size(); ++j) {
    if (j == self || !chosen[j] || !is_local(*chosen[j]) || all[j].folded == all[self].folded)
      continue;
    nearest = std::min(nearest, distance_km(p.record->lat, p.record->lon, chosen[j]->record->lat,
                                            chosen[j]->record->lon));
  }
  if (nearest <= kNearKm) return kNearBonus;
  double support = any_reading_support;
  if (nearest <= kRegionalKm) support = std::max(support, kRegionalBonus);
  return support;
}

// Support from another name that could be read as a town near `p` ("Paris" and "Henry County"
// in Tennessee, before either is read so), weaker the more such readings that name has; once per
// distinct name, with a latitude test before the distance.
double any_reading_support(const PlaceView& p, const std::vector<Candidates>& all,
                           const std::string& own_name) {
  if (!is_local(p)) return 0;
  const double near_degrees = kNearKm / 111.0;  // a degree of latitude is 111 km
  double support = 0;
  std::set<std::string_view> seen;
  for (const Candidates& other : all) {
    if (other.folded == own_name || !seen.insert(other.folded).second) continue;
    int local = 0;
    bool near = false;
    for (const PlaceView& q : other.places) {
      if (!is_local(q)) continue;
      ++local;
      if (!near && std::fabs(q.record->lat - p.record->lat) <= near_degrees &&
          distance_km(p.record->lat, p.record->lon, q.record->lat, q.record->lon) <= kNearKm) {
        near = true;
      }
    }
    if (near) support = std::max(support, kNearBonus * kAnyReadingShare / std::sqrt(double(local)));
  }
  return support;
}

// Resolution in four steps: qualifiers narrow the readings ("Paris, Texas"); the context is what
// the best reading of every name says by the priors alone (the countries and divisions it lies
// in); every name is scored with that context; then, twice, with the nearness of the other
// names' current readings (local news). One reading per name and document: the mentions of a
// name take the reading of its best-supported mention.
std::vector<std::optional<PlaceView>> resolve_candidates(std::vector<Candidates> all) {
  apply_qualifiers(all);
  // Each distinct name counts once in the context, and never for itself: sixteen "Dublin" of an
  // Ohio paper must not vouch for Ireland.
  Context context;
  std::vector<std::string> own_country(all.size()), own_admin1(all.size());
  std::set<std::string> counted;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Candidates& c = all[i];
    if (c.places.empty()) continue;
    const PlaceView* best = nullptr;
    double best_prior = -1e9;
    for (const PlaceView& p : c.places) {
      double s = prior(p, c.prefers_division);
      if (s > best_prior) {
        best_prior = s;
        best = &p;
      }
    }
    if (best->record->kind == PlaceKind::kRegion) continue;  // above countries: no context
    own_country[i] = std::string(best->country3());
    std::string_view admin1 = best->record->kind == PlaceKind::kAdmin1 ? best->name : best->admin1;
    if (!admin1.empty() && best->record->kind != PlaceKind::kCountry) {
      own_admin1[i] = own_country[i] + "|" + std::string(admin1);
    }
    if (!counted.insert(c.folded).second) continue;
    ++context.countries[own_country[i]];
    ++context.names;
    if (!own_admin1[i].empty()) ++context.admin1[own_admin1[i]];
  }
  // Support from other names' readings, once per distinct name (and candidate list).
  std::vector<std::vector<double>> support(all.size());
  std::map<std::string, std::size_t> first_of_name;
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto [it, inserted] = first_of_name.emplace(all[i].folded, i);
    if (!inserted && all[it->second].places.size() == all[i].places.size()) {
      support[i] = support[it->second];
      continue;
    }
    if (all[i].places.size() < 2) {  // nothing to decide
      support[i].assign(all[i].places.size(), 0.0);
      continue;
    }
    for (const PlaceView& p : all[i].places) {
      support[i].push_back(any_reading_support(p, all, all[i].folded));
    }
  }
  // Each reading's score without nearness: the same in every round, computed once.
  std::vector<std::vector<double>> base(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (const PlaceView& p : all[i].places) {
      base[i].push_back(
          score(p, all[i].folded, all[i].prefers_division, context, own_country[i], own_admin1[i]));
    }
  }
  std::vector<std::optional<PlaceView>> chosen(all.size());
  std::vector<double> chosen_score(all.size(), -1e9);
  auto choose = [&](bool with_proximity) {
    std::vector<std::optional<PlaceView>> next(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Candidates& c = all[i];
      double best_score = -1e9;
      for (std::size_t k = 0; k < c.places.size(); ++k) {
        const PlaceView& p = c.places[k];
        double s = base[i][k];
        if (with_proximity) s += proximity_bonus(p, chosen, all, i, support[i][k]);
        if (s > best_score) {
          best_score = s;
          next[i] = p;
        }
      }
      chosen_score[i] = best_score;
    }
    chosen = std::move(next);
  };
  choose(false);
  for (int round = 0; round < kProximityRounds; ++round) choose(true);
  // One reading per name: the one of the mention whose reading scored best (a qualified
  // mention, "Paris, Texas", has only fitting readings left and decides for the others).
  std::map<std::string, std::size_t> lead;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!chosen[i]) continue;
    auto [it, inserted] = lead.emplace(all[i].folded, i);
    const bool qualified = all[i].qualified_by >= 0,
               lead_qualified = all[it->second].qualified_by >= 0;
    if (!inserted &&
        ((qualified && !lead_qualified) ||
         (qualified == lead_qualified && chosen_score[i] > chosen_score[it->second]))) {
      it->second = i;
    }
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!chosen[i]) continue;
    const std::optional<PlaceView>& reading = chosen[lead[all[i].folded]];
    if (std::any_of(all[i].places.begin(), all[i].places.end(),
                    [&](const PlaceView& p) { return p.index == reading->index; })) {
      chosen[i] = reading;
    }
  }
  return chosen;
}

// resolve_candidates(), then for each name the gazetteer lacks altogether (Match):
//  - a name inside it (`part_places`, see Geocoder::part_of_name_places), read in a second
//    resolution with the document's context, and kept under the conditions of
//    kMinLonePartTownPopulation; the second resolution places only these names, the others keep
//    their first readings (an inner "Cherry" must not move the document's "Dublin");
//  - else the town chosen for the nearest other mention (one mention before counts as near as
//    two after: a story names its town before the town's landmarks), else the nearest division
//    or country, else nothing.
template <typename PartPlaces>
std::vector<std::optional<Resolution>> resolve_with_fallbacks(std::vector<Candidates> all,
                                                              PartPlaces part_places) {
  std::vector<Candidates> with_parts;
  if (std::any_of(all.begin(), all.end(), [](const Candidates& c) { return c.places.empty(); }))
    with_parts = all;
  const std::vector<std::optional<PlaceView>> chosen = resolve_candidates(std::move(all));
  std::vector<std::optional<Resolution>> out(chosen.size());
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    if (chosen[i]) out[i] = Resolution{*chosen[i], Match::kName};
  }
  if (with_parts.empty()) return out;
  std::vector<std::uint8_t> has_part(chosen.size(), 0);
  for (std::size_t i = 0; i < with_parts.size(); ++i) {
    if (!with_parts[i].places.empty()) continue;
    part_places(with_parts[i].folded, with_parts[i].places);
    if (with_parts[i].places.size() > kMaxCandidates) with_parts[i].places.resize(kMaxCandidates);
    has_part[i] = !with_parts[i].places.empty();
  }
  if (std::find(has_part.begin(), has_part.end(), 1) != has_part.end()) {
    const std::vector<std::optional<PlaceView>> second = resolve_candidates(std::move(with_parts));
    for (std::size_t i = 0; i < second.size(); ++i) {
      if (!has_part[i] || !second[i]) continue;
      const PlaceView& p = *second[i];
      const PlaceKind kind = p.record->kind;
      bool keep =
          kind == PlaceKind::kCountry || kind == PlaceKind::kAdmin1 || kind == PlaceKind::kRegion;
      bool others = false;
      for (std::size_t j = 0; j < chosen.size() && !keep; ++j) {
        if (!chosen[j]) continue;
        others = true;
        keep = distance_km(p.record->lat, p.record->lon, chosen[j]->record->lat,
                           chosen[j]->record->lon) <= kRegionalKm;
      }
      if (!others && p.record->population >= kMinLonePartTownPopulation) keep = true;
      if (keep) out[i] = Resolution{p, Match::kPart};
    }
  }
  auto nearest_chosen = [&](std::size_t i, auto accept) -> std::optional<PlaceView> {
    std::optional<PlaceView> best;
    std::size_t best_distance = std::numeric_limits<std::size_t>::max();
    for (std::size_t j = 0; j < chosen.size(); ++j) {
      if (!chosen[j] || !accept(*chosen[j])) continue;
      const std::size_t d = j < i ? i - j : 2 * (j - i);
      if (d < best_distance) {
        best_distance = d;
        best = chosen[j];
      }
    }
    return best;
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i]) continue;
    auto place = nearest_chosen(i, is_local);
    if (!place) place = nearest_chosen(i, [](const PlaceView&) { return true; });
    if (place) out[i] = Resolution{*place, Match::kContext};
  }
  return out;
}

// `folded` without the words that ask for a division ("vallee du ", " province": cue_words.yaml's
// division_prefixes and division_suffixes, tried in the file's order).
std::string strip_division_words(const CueWords& cue, std::string folded, bool* prefers_division) {
  for (std::string_view prefix : cue.division_prefixes) {
    if (folded.starts_with(prefix)) {
      *prefers_division = true;
      folded.erase(0, prefix.size());
    }
  }
  for (std::string_view suffix : cue.division_suffixes) {
    if (folded.size() > suffix.size() && folded.ends_with(suffix)) {
      *prefers_division = true;
      folded.resize(folded.size() - suffix.size());
    }
  }
  return folded;
}

// One toponym found in the document, before and after resolution.
struct Mention {
  std::uint32_t sentence, token_begin, token_end;
  Field field;
  Span span;
  bool prefers_division = false;
  bool locative = false;     // introduced by "à", "dans", "in", "at"...
  bool says_where = false;   // ... by a word that only says where (locative_strength 2)
  bool actor_place = false;  // a country or capital the entities stage coded
};

// Parts of speech that are never a place name's (a capitalised "Most", "Of", "None").
bool is_function_or_modifier_word(std::string_view upos) {
  static const std::unordered_set<std::string_view> kNotNames = {
      "ADP", "DET", "PRON", "ADV", "ADJ", "AUX", "VERB", "CCONJ", "SCONJ", "NUM", "PART", "INTJ"};
  return kNotNames.count(upos) > 0;
}

// Case words that put a place under an event ("in Khartoum", "à Kaboul", "on the edge of
// Damascus", "off Mogadishu"): 2 for the words that only say where, 1 for those that may also
// say whom ("sanctions on Pyongyang", "frappes sur Gaza"); "from", "de", "of" give an origin or
// an owner, not a place (0). The words: cue_words.yaml's says_where and says_where_or_whom.
int locative_strength(const CueWords& cue, std::string_view folded) {
  return cue.says_where.contains(folded) ? 2 : cue.says_where_or_whom.contains(folded) ? 1 : 0;
}

// Cues around a toponym, over articles and head nouns before it ("dans la vallée du X", "à la
// capitale, X", "the X Valley"): a locative preposition, a division word (cue_words.yaml's
// locatives, division_nouns_before/after and skippable_before_place).
void read_cues(const CueWords& cue, const std::vector<Token>& tokens, const Sentence& sentence,
               Mention& m) {
  const std::uint32_t t = m.token_begin;
  for (std::uint32_t back = 1; back <= 5 && t >= sentence.first_token + back; ++back) {
    const std::string& w = tokens[t - back].folded;
    if (cue.division_nouns_before.contains(w)) {
      m.prefers_division = true;
      continue;
    }
    if (cue.locatives.contains(w)) {
      m.locative = true;
      m.says_where = locative_strength(cue, w) == 2;
      break;
    }
    // Articles, head nouns and the modifiers of where in a place ("in central Moscow", "the
    // southern city of Kandahar", "dans le centre de Bamako").
    if (!cue.skippable_before_place.contains(w)) break;
  }
  if (m.token_end < sentence.first_token + sentence.token_count &&
      cue.division_nouns_after.contains(tokens[m.token_end].folded)) {
    m.prefers_division = true;
  }
}

// Toponyms the gazetteer lacks, found by the noun that introduces them: "the town of Bakwa",
// "le village de Tamthil", "the Aziziyah district", "Nuwakot district" (cue_words.yaml's
// introducing_nouns_before/after). The name is a run of capitalised words (with "al", "de"...
// inside) whose tokens `free` allows; at most kMaxNameTokens.
std::vector<Mention> find_introduced_toponyms(const CueWords& cue, const Document& document,
                                              std::uint32_t s,
                                              const std::vector<std::uint8_t>& free) {
  const std::vector<Token>& tokens = document.tokens;
  const Sentence& sentence = document.sentences[s];
  const std::uint32_t first = sentence.first_token, end = first + sentence.token_count;
  auto name_run = [&](std::uint32_t t) {  // the end of the capitalised run starting at t
    std::uint32_t u = t, words = 0;
    while (u < end && free[u] && tokens[u].kind == TokenKind::kWord && words < kMaxNameTokens) {
      if (!tokens[u].capitalized) {
        if (!cue.name_connectors.contains(tokens[u].folded) || u + 1 >= end ||
            !tokens[u + 1].capitalized)
          break;
      } else {
        ++words;
      }
      ++u;
    }
    return u;
  };
  std::vector<Mention> out;
  auto add = [&](std::uint32_t b, std::uint32_t e, bool division) {
    if (e <= b || !tokens[b].capitalized) return;
    if (!out.empty() && out.back().token_end > b) return;
    Mention m{s, b, e, sentence.field, Span{tokens[b].span.begin, tokens[e - 1].span.end}};
    m.prefers_division = division;
    out.push_back(m);
  };
  for (std::uint32_t t = first; t + 1 < end; ++t) {
    const std::string& w = tokens[t].folded;
    // "the town of X (and Y)", "la ville de X"
    if (cue.introducing_nouns_before.contains(w) && t + 2 < end &&
        cue.introducing_links.contains(tokens[t + 1].folded)) {
      std::uint32_t b = t + 2, e = name_run(b);
      const bool division = cue.introducing_division_nouns_before.contains(w);
      add(b, e, division);
      if (e + 1 < end && cue.introducing_conjunctions.contains(tokens[e].folded)) {
        add(e + 1, name_run(e + 1), division);
      }
      continue;
    }
    // "the Aziziyah district", "in Nuwakot district" (English; not from a sentence's first word,
    // capitalised anyway)
    if (document.lang == "en" && free[t] && tokens[t].capitalized && t > first &&
        (!tokens[t - 1].capitalized || !free[t - 1])) {
      std::uint32_t e = name_run(t);
      if (e < end && e > t && cue.introducing_nouns_after.contains(tokens[e].folded)) {
        add(t, e, !cue.introducing_town_nouns_after.contains(tokens[e].folded));
      }
    }
  }
  return out;
}

// The toponyms of find_introduced_toponyms() that the gazetteer lacks, placed with the document's
// kept places fixed (resolve_with_fallbacks: a name inside them, else the nearest kept place;
// Place::match says which); `kept` and the document's places from `first_place` stay in text
// order.
template <typename PartPlaces>
void place_introduced_toponyms(const CueWords& cue, Document& document,
                               const std::vector<std::uint8_t>& blocked, std::vector<Mention>& kept,
                               const std::vector<PlaceView>& kept_places, std::size_t first_place,
                               PartPlaces part_places) {
  std::vector<std::uint8_t> free(document.tokens.size(), 1);
  for (std::size_t t = 0; t < free.size(); ++t) free[t] = !blocked[t];
  for (const Mention& m : kept) {
    for (std::uint32_t t = m.token_begin; t < m.token_end; ++t) free[t] = 0;
  }
  std::vector<std::pair<Mention, std::optional<PlaceView>>> ordered;
  for (std::size_t k = 0; k < kept.size(); ++k) ordered.emplace_back(kept[k], kept_places[k]);
  bool any = false;
  for (std::uint32_t s = 0; s < document.sentences.size(); ++s) {
    for (Mention& m : find_introduced_toponyms(cue, document, s, free)) {
      read_cues(cue, document.tokens, document.sentences[s], m);
      ordered.emplace_back(m, std::nullopt);
      any = true;
    }
  }
  if (!any) return;
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.sentence, a.first.token_begin) <
           std::tie(b.first.sentence, b.first.token_begin);
  });
  std::vector<Candidates> all(ordered.size());
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    const Mention& m = ordered[i].first;
    all[i].folded = fold_place_name(document.slice(m.field, m.span));
    all[i].prefers_division = m.prefers_division;
    if (ordered[i].second) all[i].places.push_back(*ordered[i].second);
  }
  const auto placed = resolve_with_fallbacks(std::move(all), part_places);
  std::vector<Place> places;
  std::vector<Mention> mentions;
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    const Mention& m = ordered[i].first;
    if (!placed[i]) continue;
    places.push_back(to_place(placed[i]->place, std::string(document.slice(m.field, m.span)),
                              m.field, m.span,
                              ordered[i].second ? Match::kName : placed[i]->match));
    mentions.push_back(m);
  }
  document.places.resize(first_place);
  document.places.insert(document.places.end(), places.begin(), places.end());
  kept = std::move(mentions);
}

// Relations through which a place hangs under the event word: obliques and nominal modifiers
// ("killed [in fighting in [Aleppo]]"), appositions, flat names and conjuncts of them.
bool is_place_path(std::string_view deprel) {
  std::string_view base = deprel.substr(0, deprel.find(':'));
  return base == "obl" || base == "nmod" || base == "appos" || base == "flat" ||
         base == "compound" || base == "conj" || base == "advmod";
}

// How a place hangs under the event's trigger in the parse: through place relations with a
// locative case word on the way ("killed ... in the south of [Lebanon]": 2 steps), or as the
// trigger's direct object ("captured [Badme]", "patrolled [Manger Square]"): 1 step.
struct Attachment {
  int steps = 0;
  int strength = 0;  // the strongest locative case word on the way (locative_strength)
};
constexpr int kMaxAttachmentSteps = 4;
std::optional<Attachment> attach(const std::vector<Token>& tokens,
                                 const std::vector<std::int8_t>& locative_case, int place_head,
                                 int trigger_begin, int trigger_end) {
  auto is_trigger = [&](int t) { return t >= trigger_begin && t < trigger_end; };
  if (tokens[place_head].deprel == "obj" && is_trigger(tokens[place_head].head)) {
    return Attachment{1, 1};  // where, or whom ("accuse Kigali")
  }
  Attachment a;
  int t = place_head;
  for (int steps = 0; steps <= kMaxAttachmentSteps && t >= 0; ++steps) {
    if (is_trigger(t)) {
      if (a.strength == 0) return std::nullopt;
      a.steps = steps;
      return a;
    }
    a.strength = std::max<int>(a.strength, locative_case[t]);
    if (!is_place_path(tokens[t].deprel)) return std::nullopt;
    t = tokens[t].head;
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::uint8_t> place_name_marks(const Gazetteer& gazetteer, const Document& document) {
  std::vector<std::uint8_t> marks(document.tokens.size(), 0);
  std::vector<PlaceView> found;
  for (const Sentence& sentence : document.sentences) {
    const std::uint32_t last = sentence.first_token + sentence.token_count;
    for (std::uint32_t t = sentence.first_token; t < last;) {
      const Token& token = document.tokens[t];
      std::uint32_t length = 0;
      if (token.kind == TokenKind::kWord && token.capitalized) {
        for (std::uint32_t n = std::min(kMaxPlaceNameTokens, last - t); n > 0 && !length; --n) {
          const Span span{token.span.begin, document.tokens[t + n - 1].span.end};
          found.clear();
          gazetteer.lookup(fold_place_name(document.slice(sentence.field, span)), found);
          if (!found.empty()) length = n;
        }
      }
      if (length == 0) {
        ++t;
        continue;
      }
      for (std::uint32_t i = 0; i < length; ++i) marks[t + i] = i == 0 ? 1 : 2;
      t += length;
    }
  }
  return marks;
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0, kRad = M_PI / 180.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, a)));
}

std::string_view to_string(Match match) {
  switch (match) {
    case Match::kName:
      return "";
    case Match::kPart:
      return "part";
    case Match::kContext:
      return "context";
  }
  return "";
}

Place to_place(const PlaceView& place, std::string text, Field field, Span span, Match match) {
  Place out;
  out.match = std::string(to_string(match));
  out.text = std::move(text);
  out.field = field;
  out.span = span;
  out.name = std::string(place.name);
  out.geonameid = place.record->geonameid;
  out.lat = std::round(double(place.record->lat) * 1e4) / 1e4;
  out.lon = std::round(double(place.record->lon) * 1e4) / 1e4;
  out.country = std::string(place.country3());
  if (place.record->kind != PlaceKind::kCountry && place.record->kind != PlaceKind::kAdmin1) {
    out.admin1 = std::string(place.admin1);
  }
  out.feature = std::string(to_string(place.record->kind));
  return out;
}

Expected<Geocoder> Geocoder::load(const std::string& gazetteer_path, const std::string& data_dir) {
  auto gazetteer = Gazetteer::open(gazetteer_path);
  if (!gazetteer) return gazetteer.error();
  const std::string words_path = data_dir + "/geo/not_places.yaml";
  std::vector<std::string> words;
  try {
    YAML::Node root = YAML::LoadFile(words_path);
    if (!root["words"] || !root["words"].IsSequence()) {
      return Error{words_path, "expected a `words:` list"};
    }
    for (const YAML::Node& word : root["words"]) {
      if (!word.IsScalar()) {
        return Error{words_path + ":" + std::to_string(word.Mark().line + 1), "expected a word"};
      }
      words.push_back(fold_place_name(word.as<std::string>()));
    }
  } catch (const YAML::Exception& e) {
    return Error{words_path, e.what()};
  }
  const std::string aliases_path = data_dir + "/geo/country_aliases.yaml";
  std::map<std::string, std::string> aliases;
  try {
    YAML::Node root = YAML::LoadFile(aliases_path);
    if (!root["aliases"] || !root["aliases"].IsMap()) {
      return Error{aliases_path, "expected an `aliases:` map"};
    }
    for (const auto& entry : root["aliases"]) {
      aliases[fold_place_name(entry.first.as<std::string>())] =
          std::string(kIsoCodeKeyPrefix) + fold_place_name(entry.second.as<std::string>());
    }
    // Optional `names:` map: abbreviation -> the gazetteer name it stands for ("S.C." -> "South
    // Carolina", the news-agency abbreviations of US states).
    if (root["names"]) {
      if (!root["names"].IsMap()) return Error{aliases_path, "`names:` must be a map"};
      for (const auto& entry : root["names"]) {
        aliases[fold_place_name(entry.first.as<std::string>())] =
            std::string(kDivisionAliasPrefix) + fold_place_name(entry.second.as<std::string>());
      }
    }
  } catch (const YAML::Exception& e) {
    return Error{aliases_path, e.what()};
  }
  auto cue_words = read_cue_words(data_dir + "/geo/cue_words.yaml");
  if (!cue_words) return cue_words.error();
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  Geocoder geocoder;
  geocoder.gazetteer_ = std::make_shared<const Gazetteer>(std::move(gazetteer).value());
  geocoder.not_places_ = std::make_shared<const std::vector<std::string>>(std::move(words));
  geocoder.country_aliases_ =
      std::make_shared<const std::map<std::string, std::string>>(std::move(aliases));
  geocoder.cue_ = std::make_shared<const CueWords>(std::move(cue_words).value());
  return geocoder;
}

std::vector<std::optional<Resolution>> Geocoder::resolve(const std::vector<Toponym>& toponyms,
                                                         std::string_view text) const {
  std::vector<Candidates> all(toponyms.size());
  for (std::size_t i = 0; i < toponyms.size(); ++i) {
    all[i].prefers_division = toponyms[i].prefers_division;
    all[i].folded =
        strip_division_words(*cue_, fold_place_name(toponyms[i].text), &all[i].prefers_division);
    // A demonym is its country or region ("Canadian" is not Canadian, Texas).
    if (auto country = gazetteer_->demonym_country(all[i].folded)) {
      all[i].places.push_back(*country);
      continue;
    }
    // ("U.S.", "U.K." are country aliases: dictionaries/geo/country_aliases.yaml; dropping the
    // dots of any short name read "Ind." as India and "L.A." as Laos.)
    lookup_with_aliases(all[i].folded, all[i].places);
    if (all[i].places.size() > kMaxCandidates) all[i].places.resize(kMaxCandidates);
  }
  // Qualifiers: the next toponym after a comma and spaces only.
  for (std::size_t i = 0; i + 1 < toponyms.size() && !text.empty(); ++i) {
    const Toponym &a = toponyms[i], &b = toponyms[i + 1];
    if (a.end <= a.begin || b.begin < a.end || b.end > text.size()) continue;
    std::string_view between = text.substr(a.end, b.begin - a.end);
    if (std::count(between.begin(), between.end(), ',') == 1 &&
        between.find_first_not_of(", ") == std::string_view::npos) {
      all[i].qualified_by = static_cast<int>(i + 1);
    }
  }
  return resolve_with_fallbacks(std::move(all),
                                [this](const std::string& folded, std::vector<PlaceView>& places) {
                                  part_of_name_places(folded, places);
                                });
}

void Geocoder::part_of_name_places(const std::string& folded, std::vector<PlaceView>& out) const {
  const std::vector<std::string_view> words = split_words(folded);
  for (std::size_t length = words.size(); length-- > 1;) {
    for (std::size_t first = 0; first + length <= words.size(); ++first) {
      const auto run = std::span(words).subspan(first, length);
      if (std::all_of(run.begin(), run.end(), [&](std::string_view word) {
            return cue_->generic_name_words.contains(word);
          })) {
        continue;
      }
      const std::string name(run.front().data(), run.back().data() + run.back().size());
      lookup_with_aliases(name, out);
      if (!out.empty()) return;
    }
  }
}

void Geocoder::lookup_with_aliases(const std::string& folded, std::vector<PlaceView>& out) const {
  if (auto it = country_aliases_->find(folded); it != country_aliases_->end()) {
    if (it->second.starts_with(kDivisionAliasPrefix)) {
      // Only the divisions of that name: "Ga." is the US state, never the country Georgia.
      gazetteer_->lookup(std::string_view(it->second).substr(kDivisionAliasPrefix.size()), out);
      std::erase_if(out, [](const PlaceView& p) { return p.record->kind != PlaceKind::kAdmin1; });
    } else {
      gazetteer_->lookup(it->second, out);
    }
    if (!out.empty()) return;
  }
  gazetteer_->lookup(folded, out);
}

void Geocoder::geocode(Document& document) const {
  const CueWords& cue = *cue_;
  const std::vector<Token>& tokens = document.tokens;
  // Tokens inside named people and organisations are not toponyms; countries and capitals are.
  std::vector<std::uint8_t> blocked(tokens.size(), 0), actor_place(tokens.size(), 0);
  for (const Actor& actor : document.actors) {
    // A named actor introduced by a locative is a place after all ("réunis à Bruxelles", where
    // "Bruxelles" elsewhere stands for the European Commission).
    bool introduced_as_place = actor.token_begin > 0 && actor.token_begin < tokens.size() &&
                               cue.locatives.contains(tokens[actor.token_begin - 1].folded);
    if (introduced_as_place) {  // the whole name must be a place ("à l'Union africaine" is not)
      std::vector<PlaceView> places;
      lookup_with_aliases(fold_place_name(actor.text), places);
      introduced_as_place = !places.empty();
    }
    bool named = actor.rule.rfind("named.yaml", 0) == 0 && !introduced_as_place;
    bool country = actor.rule.rfind("countries.yaml", 0) == 0;
    for (std::uint32_t t = actor.token_begin; t < actor.token_end && t < tokens.size(); ++t) {
      if (named) blocked[t] = 1;
      if (country) actor_place[t] = 1;
    }
  }
  // The words of people's names, to recognise them alone later ("Bill Baker ... Baker said").
  std::unordered_set<std::string> person_words;
  // So are the words of people the NER stage found ("Abu Layla", "Vieira"),
  // unless the entity codes to a country or is written as a place name itself.
  for (const Entity& entity : document.entities) {
    if (entity.type != EntityType::kPER) continue;
    if (entity.code.size() == 3) continue;  // a country's code ("Islamabad a démenti": PAK...)
    for (std::uint32_t s = 0; s < document.sentences.size(); ++s) {
      const Sentence& sentence = document.sentences[s];
      if (sentence.field != entity.field || sentence.span.end <= entity.span.begin ||
          entity.span.end <= sentence.span.begin) {
        continue;
      }
      // ... unless a locative introduces it ("à El Geneina": the NER model's "person").
      std::vector<std::uint32_t> words;
      for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count;
           ++t) {
        if (entity.span.begin <= tokens[t].span.begin && tokens[t].span.end <= entity.span.end &&
            !actor_place[t]) {
          words.push_back(t);
        }
      }
      if (words.empty() || (words.front() > sentence.first_token &&
                            cue.locatives.contains(tokens[words.front() - 1].folded))) {
        continue;
      }
      // ... or the name goes on into a longer place name ("the Laurel County sheriff", where
      // the model saw a person "Laurel").
      const std::uint32_t sentence_end = sentence.first_token + sentence.token_count;
      bool longer_place = false;
      std::string name(document.slice(
          sentence.field, Span{tokens[words.front()].span.begin, tokens[words.back()].span.end}));
      for (std::uint32_t t = words.back() + 1;
           t < sentence_end && t <= words.back() + 2 && tokens[t].capitalized && !longer_place;
           ++t) {
        name += ' ';
        name += document.slice(sentence.field, tokens[t].span);
        std::vector<PlaceView> places;
        lookup_with_aliases(fold_place_name(name), places);
        longer_place = !places.empty();
      }
      if (longer_place) continue;
      for (std::uint32_t t : words) {
        blocked[t] = 1;
        person_words.insert(tokens[t].folded);
      }
    }
  }
  std::vector<Mention> mentions;
  std::vector<Candidates> candidates;
  std::vector<PlaceView> found;
  for (std::uint32_t s = 0; s < document.sentences.size(); ++s) {
    const Sentence& sentence = document.sentences[s];
    const std::string& text = document.field_text(sentence.field);
    const std::uint32_t end = sentence.first_token + sentence.token_count;
    for (std::uint32_t t = sentence.first_token; t < end;) {
      const Token& first = tokens[t];
      if (first.kind != TokenKind::kWord || !first.capitalized || blocked[t]) {
        ++t;
        continue;
      }
      // Longest capitalised sequence (with inner connectors) that the gazetteer knows.
      std::uint32_t best_end = 0;
      Candidates best;
      std::uint32_t capitalised = 0;
      for (std::uint32_t u = t; u < end && u - t < kMaxNameTokens + 2; ++u) {
        const Token& token = tokens[u];
        if (blocked[u] || token.kind != TokenKind::kWord) break;
        // A lower-case word right after a capitalised one may end a country's or division's name
        // ("Arabie saoudite", "Guinée équatoriale"): tried once, then the sequence ends.
        bool lower_tail = false;
        if (!token.capitalized) {
          if (cue.name_connectors.contains(token.folded)) continue;
          if (u == t || !tokens[u - 1].capitalized) break;
          lower_tail = true;
        }
        if (!lower_tail && ++capitalised > kMaxNameTokens) break;
        std::string_view surface(text.data() + first.span.begin, token.span.end - first.span.begin);
        Candidates c;
        c.folded = strip_division_words(cue, fold_place_name(surface), &c.prefers_division);
        if (std::binary_search(not_places_->begin(), not_places_->end(), c.folded)) continue;
        if (gazetteer_->is_demonym(c.folded)) continue;
        // Country codes count only where country_aliases.yaml lists them ("US", "UAE"): read as
        // ISO codes, capitals words were mostly something else ("BA", "PM", "TV", "GW"; removed
        // 2026-11-24: own detection precision LGL 0.767 -> 0.776, GWN 0.841 -> 0.875).
        lookup_with_aliases(c.folded, c.places);
        if (lower_tail) {
          std::erase_if(c.places, [](const PlaceView& p) {
            return p.record->kind != PlaceKind::kCountry && p.record->kind != PlaceKind::kAdmin1;
          });
        }
        if (c.places.empty()) {
          if (lower_tail) break;
          continue;
        }
        best_end = u + 1;
        best = std::move(c);
        if (lower_tail) break;
      }
      if (best_end == 0) {
        ++t;
        continue;
      }
      Mention m{s, t, best_end, sentence.field,
                Span{first.span.begin, tokens[best_end - 1].span.end}};
      read_cues(cue, tokens, sentence, m);
      m.actor_place = actor_place[t];
      best.prefers_division = best.prefers_division || m.prefers_division;
      if (best.places.size() > kMaxCandidates) best.places.resize(kMaxCandidates);
      mentions.push_back(m);
      candidates.push_back(std::move(best));
      t = best_end;
    }
  }
  // "Paris, Texas": a toponym right after this one and a comma qualifies it.
  for (std::size_t i = 0; i + 1 < mentions.size(); ++i) {
    const Mention &a = mentions[i], &b = mentions[i + 1];
    if (a.sentence == b.sentence && b.token_begin == a.token_end + 1 &&
        tokens[a.token_end].folded == ",") {
      candidates[i].qualified_by = static_cast<int>(i + 1);
    }
  }
  std::vector<std::optional<PlaceView>> resolved = resolve_candidates(candidates);
  // A town and the division or country that qualifies it ("Charleston, W.Va.", "LONDON, Ky.")
  // vouch for each other when one lies in the other.
  std::vector<std::uint8_t> in_qualified_pair(mentions.size(), 0);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const int q = candidates[i].qualified_by;
    if (q >= 0 && resolved[i] && resolved[q] && lies_in(*resolved[i], *resolved[q])) {
      in_qualified_pair[i] = in_qualified_pair[q] = 1;
    }
  }

  // Keep a mention when its place is a country, division or capital, a coded actor, a town
  // introduced by a locative, a large town, or lies in a country the document names.
  std::set<std::string> countries;
  // The countries the document names, itself or by its capital ("Damas" vouches for "Homs").
  for (std::size_t i = 0; i < resolved.size(); ++i) {
    if (resolved[i] && (resolved[i]->record->kind == PlaceKind::kCountry ||
                        resolved[i]->record->kind == PlaceKind::kCapital)) {
      countries.insert(std::string(resolved[i]->country3()));
    }
  }
  auto acronym = [&](const Mention& m) {
    std::string_view surface = document.slice(m.field, m.span);
    return surface.size() <= 4 &&
           std::all_of(surface.begin(), surface.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  };
  // Tokens that belong to some toponym mention, for after_name_word().
  std::vector<std::uint8_t> in_mention(tokens.size(), 0);
  for (const Mention& m : mentions) {
    for (std::uint32_t t = m.token_begin; t < m.token_end; ++t) in_mention[t] = 1;
  }
  auto after_name_word = [&](const Mention& m) {
    const std::uint32_t first = document.sentences[m.sentence].first_token;
    if (m.token_begin <= first) return false;
    std::uint32_t t = m.token_begin - 1;
    if (cue.name_connectors.contains(tokens[t].folded) && t > first) --t;  // "Chamber of Commerce"
    const Token& word = tokens[t];
    // A sentence's first word is capitalised anyway: "The Laurel County sheriff".
    const bool capitalised_as_first = t == first && is_function_or_modifier_word(word.upos);
    return word.kind == TokenKind::kWord && word.capitalized && !capitalised_as_first &&
           !in_mention[t] && !cue.place_modifiers.contains(word.folded);
  };
  auto heads_x_of_y = [&](const Mention& m) {
    const std::uint32_t end =
        document.sentences[m.sentence].first_token + document.sentences[m.sentence].token_count;
    return m.token_end + 1 < end && cue.name_of_links.contains(tokens[m.token_end].folded) &&
           tokens[m.token_end + 1].capitalized;
  };
  // A name introduced as a place once is a place in every mention ("in Laurel County" ... "the
  // Laurel County sheriff"), as it has one reading per document.
  std::set<std::string> cued_names;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (mentions[i].actor_place || mentions[i].locative || in_qualified_pair[i])
      cued_names.insert(candidates[i].folded);
  }
  std::vector<Mention> kept;
  std::vector<PlaceView> kept_places;
  const std::size_t first_place = document.places.size();
  for (std::size_t i = 0; i < resolved.size(); ++i) {
    if (!resolved[i]) continue;
    const Mention& m = mentions[i];
    // A division found by capitalisation alone, without a cue or its country, that shares its
    // name with a large town of its own is that town ("Rebels attacked Kandahar").
    if (const PlaceKind k = resolved[i]->record->kind;
        (k == PlaceKind::kAdmin1 || k == PlaceKind::kAdmin2) && !m.actor_place && !m.locative &&
        !m.prefers_division && !in_qualified_pair[i] && !cued_names.count(candidates[i].folded) &&
        !countries.count(std::string(resolved[i]->country3()))) {
      for (const PlaceView& town : candidates[i].places) {
        if ((town.record->kind == PlaceKind::kCity || town.record->kind == PlaceKind::kCapital) &&
            town.record->population >= kMinDivisionTownPopulation &&
            town.country3() == resolved[i]->country3() &&
            (k == PlaceKind::kAdmin1 ? town.admin1 == resolved[i]->name
                                     : town.admin1 == resolved[i]->admin1)) {
          resolved[i] = town;
          break;
        }
      }
    }
    const PlaceView& p = *resolved[i];
    const PlaceKind kind = p.record->kind;
    const bool in_named_country = countries.count(std::string(p.country3())) > 0;
    const bool cued = m.actor_place || m.locative || in_qualified_pair[i] ||
                      cued_names.count(candidates[i].folded) > 0;
    // An acronym ("KEN", "MIL", "US") is a place only when it names a country or a region
    // ("EU").
    if (acronym(m) && kind != PlaceKind::kCountry && kind != PlaceKind::kRegion && !m.actor_place)
      continue;
    // A division found by capitalisation alone ("South", "Western") needs a cue or its country,
    // unless it is a large first-level division the tagger reads as a name ("an Ohio church").
    const bool proper_name =
        std::all_of(tokens.begin() + m.token_begin, tokens.begin() + m.token_end,
                    [](const Token& t) { return t.upos == "PROPN" || t.kind != TokenKind::kWord; });
    const bool large_named_division = kind == PlaceKind::kAdmin1 && proper_name &&
                                      p.record->population >= kMinBareDivisionPopulation &&
                                      fold_place_name(p.name) == candidates[i].folded;
    if ((kind == PlaceKind::kAdmin1 || kind == PlaceKind::kAdmin2) && !cued &&
        !m.prefers_division && !in_named_country && !large_named_division) {
      continue;
    }
    // A town needs a cue, its country named, or a size that makes a homonym unlikely.
    if (kind == PlaceKind::kCity && !cued && !in_named_country &&
        p.record->population < kMinBareTownPopulation) {
      continue;
    }
    const bool town = kind == PlaceKind::kCity || kind == PlaceKind::kAdmin2;
    // A town or county reading of a word inside a longer proper name: right after a capitalised
    // word that is no place ("Ohio State University", "President Obama", "Chamber of Commerce"),
    // or heading "X of Y" ("University of Kentucky", "Bank of America").
    if (town && !m.locative && (after_name_word(m) || heads_x_of_y(m))) continue;
    // A word of a person's name elsewhere in the document ("Baker said", after "Bill Baker").
    if (town && !m.locative && m.token_end == m.token_begin + 1 &&
        person_words.count(tokens[m.token_begin].folded)) {
      continue;
    }
    // A sentence's first word that the tagger reads as no name ("Most", "Of", "None", "Much");
    // inside a sentence a place name may well be a modifier ("their north Belfast home").
    if (town && !cued && m.token_end == m.token_begin + 1 &&
        m.token_begin == document.sentences[m.sentence].first_token &&
        is_function_or_modifier_word(tokens[m.token_begin].upos)) {
      continue;
    }
    // A sentence's first word is capitalised anyway: read it as a town only under its own name
    // ("Barrage" is an alternate name of Al Qanatir), or with a cue.
    const bool sentence_initial = m.token_begin == document.sentences[m.sentence].first_token;
    if (sentence_initial && !cued && (kind == PlaceKind::kCity || kind == PlaceKind::kAdmin2) &&
        fold_place_name(p.name) != candidates[i].folded) {
      continue;
    }
    document.places.push_back(
        to_place(p, std::string(document.slice(m.field, m.span)), m.field, m.span));
    kept.push_back(m);
    kept_places.push_back(p);
  }
  place_introduced_toponyms(cue, document, blocked, kept, kept_places, first_place,
                            [this](const std::string& folded, std::vector<PlaceView>& places) {
                              part_of_name_places(folded, places);
                            });

  // Event locations.
  std::vector<std::int8_t> locative_case;
  std::vector<Event> located;
  located.reserve(document.events.size());
  for (Event& event : document.events) {
    const Sentence& sentence = document.sentences[event.sentence];
    auto inside = [](const std::optional<Actor>& actor, const Mention& m) {
      return actor && actor->field == m.field && actor->span.begin <= m.span.begin &&
             m.span.end <= actor->span.end;
    };
    auto distance = [&](const Mention& m) -> std::uint32_t {
      return m.span.begin >= event.trigger.end
                 ? m.span.begin - event.trigger.end
                 : event.trigger.begin - std::min(event.trigger.begin, m.span.end);
    };
    // A ";" between the trigger and the place ends the clause: another statement.
    auto same_clause = [&](const Mention& m) {
      std::uint32_t from = m.span.begin < event.trigger.begin ? m.span.end : event.trigger.end;
      std::uint32_t to = m.span.begin < event.trigger.begin ? event.trigger.begin : m.span.begin;
      for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count;
           ++t) {
        if (tokens[t].span.begin >= from && tokens[t].span.end <= to && tokens[t].folded == ";")
          return false;
      }
      return true;
    };
    // A place inside a quotation the trigger is not in belongs to the quoted words ("ont scandé
    // « Mort au Pakistan »"), not to the event.
    auto quoted_apart = [&](const Mention& m) {
      for (const Quote& q : document.quotes) {
        if (q.field != m.field) continue;
        bool place_in = q.span.begin <= m.span.begin && m.span.end <= q.span.end;
        bool trigger_in = q.span.begin <= event.trigger.begin && event.trigger.end <= q.span.end;
        if (place_in && !trigger_in) return true;
      }
      return false;
    };
    // The trigger's word and, per word of the sentence, whether a locative case word hangs on
    // it: the parse says which places are this event's ("in Khartoum" under "bombed").
    const std::uint32_t first = sentence.first_token, last = first + sentence.token_count;
    int trigger_begin = -1, trigger_end = -1;  // the trigger's words ("s'est rendu": 3)
    bool parsed = false;
    for (std::uint32_t t = first; t < last; ++t) {
      if (tokens[t].head >= 0) parsed = true;
      if (tokens[t].span.begin < event.trigger.end && event.trigger.begin < tokens[t].span.end) {
        if (trigger_begin < 0) trigger_begin = int(t);
        trigger_end = int(t) + 1;
      }
    }
    parsed = parsed && trigger_begin >= 0;
    if (parsed) {
      locative_case.assign(tokens.size(), 0);
      for (std::uint32_t t = first; t < last; ++t) {
        if (tokens[t].head >= 0 && (tokens[t].deprel == "case" || tokens[t].deprel == "fixed")) {
          locative_case[tokens[t].head] = std::max<std::int8_t>(
              locative_case[tokens[t].head],
              static_cast<std::int8_t>(locative_strength(cue, tokens[t].folded)));
        }
      }
    }
    auto mention_head = [&](const Mention& m) {
      for (std::uint32_t t = m.token_begin; t < m.token_end; ++t) {
        if (tokens[t].head < int(m.token_begin) || tokens[t].head >= int(m.token_end))
          return int(t);
      }
      return int(m.token_begin);
    };
    int clause = -1, in_sentence = -1, in_paragraph = -1, clause_steps = 0;
    for (std::size_t k = 0; k < kept.size(); ++k) {
      const Mention& m = kept[k];
      if (m.sentence == event.sentence) {
        // The event's own actors are not its place ("démentie par Islamabad"), unless introduced
        // as one ("s'est rendu à Kaboul", where the visited capital is also the target).
        bool own_actor = inside(event.source, m) || inside(event.target, m);
        if (!same_clause(m) || quoted_apart(m)) continue;
        std::optional<Attachment> attachment;
        if (parsed) {
          attachment = attach(tokens, locative_case, mention_head(m), trigger_begin, trigger_end);
          // The event's target is its place only when a word says where ("à Kaboul"), not
          // whom ("sanctions on Pyongyang").
          if (attachment && own_actor && attachment->strength < 2) attachment.reset();
        }
        // The event's source is never its place, even as the trigger's object ("Eritrea captured").
        // Where the parse does not hang the place under the trigger, a word that only says where
        // right before it, with no other verb in between, still does ("en visite à Nairobi",
        // whose parse hangs Nairobi under "président").
        const bool is_source = inside(event.source, m);
        auto verb_between = [&] {
          const std::uint32_t from =
              m.token_begin < std::uint32_t(trigger_begin) ? m.token_end : trigger_end;
          const std::uint32_t to =
              m.token_begin < std::uint32_t(trigger_begin) ? trigger_begin : m.token_begin;
          for (std::uint32_t t = from; t < to; ++t) {
            if (tokens[t].upos == "VERB") return true;
          }
          return false;
        };
        const bool under_trigger =
            !is_source &&
            (parsed ? attachment.has_value() || (m.says_where && !verb_between()) : m.locative);
        if (own_actor && !under_trigger) continue;
        if (under_trigger) {
          const int s_here = attachment ? attachment->steps : 0;
          if (clause < 0 || s_here < clause_steps ||
              (s_here == clause_steps && distance(m) < distance(kept[clause]))) {
            clause = int(k);
            clause_steps = s_here;
          }
        }
        // A country or capital that is not introduced as a place is an actor ("les États-Unis
        // accusent"), not where the event happened.
        if (m.actor_place && !m.locative && !under_trigger) continue;
        if (in_sentence < 0 || distance(m) < distance(kept[in_sentence])) in_sentence = int(k);
      } else if (m.sentence < event.sentence && m.field == sentence.field &&
                 document.sentences[m.sentence].paragraph == sentence.paragraph) {
        in_paragraph = int(k);  // the last one before the event's sentence
      }
    }
    int chosen = clause >= 0 ? clause : in_sentence >= 0 ? in_sentence : in_paragraph;
    const char* source = clause >= 0 ? "clause" : in_sentence >= 0 ? "sentence" : "paragraph";
    if (chosen < 0) {
      located.push_back(std::move(event));
      continue;
    }
    // A list of places in the same sentence ("Kaboul, et de la ville de Mazar-i-Sharif"):
    // one event per place.
    std::vector<std::size_t> list = {std::size_t(chosen)};
    if (clause >= 0 || in_sentence >= 0) {
      // Two places of one sentence with only list words between them, one a conjunction
      // (cue_words.yaml's list_glue and list_conjunctions).
      auto listed = [&](const Mention& a, const Mention& b) {
        if (a.sentence != b.sentence) return false;
        bool conjunction = false;
        for (std::uint32_t t = a.token_end; t < b.token_begin; ++t) {
          const std::string& w = tokens[t].folded;
          if (!cue.list_glue.contains(w)) return false;
          if (cue.list_conjunctions.contains(w)) conjunction = true;
        }
        return conjunction;
      };
      auto actor = [&](const Mention& m) {
        return inside(event.source, m) || inside(event.target, m);
      };
      while (list.front() > 0 && listed(kept[list.front() - 1], kept[list.front()]) &&
             !actor(kept[list.front() - 1])) {
        list.insert(list.begin(), list.front() - 1);
      }
      while (list.back() + 1 < kept.size() && listed(kept[list.back()], kept[list.back() + 1]) &&
             !actor(kept[list.back() + 1])) {
        list.push_back(list.back() + 1);
      }
    }
    for (std::size_t k : list) {
      Event copy = event;
      copy.location = document.places[first_place + k];
      copy.location_source = source;
      located.push_back(std::move(copy));
    }
  }
  document.events = std::move(located);
}

}  // namespace vigie::geo
