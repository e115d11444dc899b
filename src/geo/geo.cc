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

// ---- The steps of Geocoder::geocode() that need no gazetteer lookup, in the order it runs them.

// "Paris, Texas": a toponym right after another one and a comma qualifies it (apply_qualifiers
// then keeps the readings that fit together).
void link_qualifiers(const std::vector<Token>& tokens, const std::vector<Mention>& mentions,
                     std::vector<Candidates>& candidates) {
  for (std::size_t i = 0; i + 1 < mentions.size(); ++i) {
    const Mention &a = mentions[i], &b = mentions[i + 1];
    if (a.sentence == b.sentence && b.token_begin == a.token_end + 1 &&
        tokens[a.token_end].folded == ",") {
      candidates[i].qualified_by = static_cast<int>(i + 1);
    }
  }
}

// What the whole document says for its mentions being places, gathered from the resolved
// mentions before any is dropped.
struct PlaceEvidence {
  // Per mention: a town and the division or country that qualifies it ("Charleston, W.Va.",
  // "LONDON, Ky."), when one lies in the other; each vouches for the other.
  std::vector<std::uint8_t> in_qualified_pair;
  // The countries the document names, itself or by its capital ("Damas" vouches for "Homs"):
  // alpha-3 codes.
  std::set<std::string> named_countries;
  // Folded names introduced as a place at least once (a coded actor, a locative, a qualified
  // pair): a name introduced as a place once is a place in every mention ("in Laurel County" ...
  // "the Laurel County sheriff"), as it has one reading per document.
  std::set<std::string> cued_names;
  // Per token: part of some toponym mention (after_name_word() does not count those as the
  // words of a longer name).
  std::vector<std::uint8_t> in_mention;
};

PlaceEvidence gather_place_evidence(const std::vector<Token>& tokens,
                                    const std::vector<Mention>& mentions,
                                    const std::vector<Candidates>& candidates,
                                    const std::vector<std::optional<PlaceView>>& resolved) {
  PlaceEvidence evidence;
  evidence.in_qualified_pair.assign(mentions.size(), 0);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const int q = candidates[i].qualified_by;
    if (q >= 0 && resolved[i] && resolved[q] && lies_in(*resolved[i], *resolved[q])) {
      evidence.in_qualified_pair[i] = evidence.in_qualified_pair[q] = 1;
    }
  }
  for (std::size_t i = 0; i < resolved.size(); ++i) {
    if (resolved[i] && (resolved[i]->record->kind == PlaceKind::kCountry ||
                        resolved[i]->record->kind == PlaceKind::kCapital)) {
      evidence.named_countries.insert(std::string(resolved[i]->country3()));
    }
  }
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (mentions[i].actor_place || mentions[i].locative || evidence.in_qualified_pair[i])
      evidence.cued_names.insert(candidates[i].folded);
  }
  evidence.in_mention.assign(tokens.size(), 0);
  for (const Mention& m : mentions) {
    for (std::uint32_t t = m.token_begin; t < m.token_end; ++t) evidence.in_mention[t] = 1;
  }
  return evidence;
}

// A division found by capitalisation alone, without a cue or its country, that shares its name
// with a large town of its own is that town ("Rebels attacked Kandahar"): that town among the
// name's `readings`, if any.
std::optional<PlaceView> namesake_town(const PlaceView& division,
                                       const std::vector<PlaceView>& readings) {
  const PlaceKind k = division.record->kind;
  for (const PlaceView& town : readings) {
    if ((town.record->kind == PlaceKind::kCity || town.record->kind == PlaceKind::kCapital) &&
        town.record->population >= kMinDivisionTownPopulation &&
        town.country3() == division.country3() &&
        (k == PlaceKind::kAdmin1 ? town.admin1 == division.name : town.admin1 == division.admin1)) {
      return town;
    }
  }
  return std::nullopt;
}

// Whether a reading of this kind has the support it needs: an acronym ("KEN", "MIL", "US") is a
// place only as a country or a region ("EU") or a coded actor; a division found by
// capitalisation alone ("South", "Western") needs a cue or its country, unless it is a large
// first-level division the tagger reads as a name ("an Ohio church"); a town needs a cue, its
// country named, or a size that makes a homonym unlikely. `folded` is the mention's name.
bool kind_is_supported(const Document& document, const Mention& m, const PlaceView& p,
                       const std::string& folded, bool cued, bool in_named_country) {
  const PlaceKind kind = p.record->kind;
  const std::string_view surface = document.slice(m.field, m.span);
  const bool acronym =
      surface.size() <= 4 &&
      std::all_of(surface.begin(), surface.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (acronym && kind != PlaceKind::kCountry && kind != PlaceKind::kRegion && !m.actor_place)
    return false;
  const bool proper_name =
      std::all_of(document.tokens.begin() + m.token_begin, document.tokens.begin() + m.token_end,
                  [](const Token& t) { return t.upos == "PROPN" || t.kind != TokenKind::kWord; });
  const bool large_named_division = kind == PlaceKind::kAdmin1 && proper_name &&
                                    p.record->population >= kMinBareDivisionPopulation &&
                                    fold_place_name(p.name) == folded;
  if ((kind == PlaceKind::kAdmin1 || kind == PlaceKind::kAdmin2) && !cued && !m.prefers_division &&
      !in_named_country && !large_named_division) {
    return false;
  }
  if (kind == PlaceKind::kCity && !cued && !in_named_country &&
      p.record->population < kMinBareTownPopulation) {
    return false;
  }
  return true;
}

// True when the word before a mention (over a name connector: "Chamber of Commerce") is a
// capitalised word that is no place and no place modifier, so that the mention is the end of a
// longer proper name ("Ohio State University", "President Obama").
bool after_name_word(const CueWords& cue, const Document& document,
                     const std::vector<std::uint8_t>& in_mention, const Mention& m) {
  const std::vector<Token>& tokens = document.tokens;
  const std::uint32_t first = document.sentences[m.sentence].first_token;
  if (m.token_begin <= first) return false;
  std::uint32_t t = m.token_begin - 1;
  if (cue.name_connectors.contains(tokens[t].folded) && t > first) --t;  // "Chamber of Commerce"
  const Token& word = tokens[t];
  // A sentence's first word is capitalised anyway: "The Laurel County sheriff".
  const bool capitalised_as_first = t == first && is_function_or_modifier_word(word.upos);
  return word.kind == TokenKind::kWord && word.capitalized && !capitalised_as_first &&
         !in_mention[t] && !cue.place_modifiers.contains(word.folded);
}

// True when a mention heads "X of Y" ("University of Kentucky", "Bank of America").
bool heads_x_of_y(const CueWords& cue, const Document& document, const Mention& m) {
  const std::vector<Token>& tokens = document.tokens;
  const std::uint32_t end =
      document.sentences[m.sentence].first_token + document.sentences[m.sentence].token_count;
  return m.token_end + 1 < end && cue.name_of_links.contains(tokens[m.token_end].folded) &&
         tokens[m.token_end + 1].capitalized;
}

// Whether a town or county reading (not introduced by a locative) is rather a word of another
// name: of a longer proper name (after_name_word, heads_x_of_y), of a person's name elsewhere in
// the document ("Baker said", after "Bill Baker"), a sentence's capitalised first word.
// `folded` is the mention's name, `person_words` the folded words of people's names.
bool town_is_word_of_other_name(const CueWords& cue, const Document& document, const Mention& m,
                                const PlaceView& p, const std::string& folded, bool cued,
                                const std::vector<std::uint8_t>& in_mention,
                                const std::unordered_set<std::string>& person_words) {
  const std::vector<Token>& tokens = document.tokens;
  if (after_name_word(cue, document, in_mention, m) || heads_x_of_y(cue, document, m)) return true;
  const bool one_word = m.token_end == m.token_begin + 1;
  if (one_word && person_words.count(tokens[m.token_begin].folded)) return true;
  const bool sentence_initial = m.token_begin == document.sentences[m.sentence].first_token;
  // A sentence's first word that the tagger reads as no name ("Most", "Of", "None", "Much");
  // inside a sentence a place name may well be a modifier ("their north Belfast home").
  if (!cued && one_word && sentence_initial &&
      is_function_or_modifier_word(tokens[m.token_begin].upos)) {
    return true;
  }
  // A sentence's first word is capitalised anyway: read it as a town only under its own name
  // ("Barrage" is an alternate name of Al Qanatir), or with a cue.
  return sentence_initial && !cued && fold_place_name(p.name) != folded;
}

// The mentions kept as places, in text order, and the reading kept for each.
struct KeptMentions {
  std::vector<Mention> mentions;
  std::vector<PlaceView> places;
};

// Drops the mentions that are not places. Keeps a mention when its place is a country, division
// or capital, a coded actor, a town introduced by a locative, a large town, or lies in a country
// the document names; and not when the words around it show a town's name to be part of another
// name. `resolved` is each mention's reading (resolve_candidates), `person_words` the folded
// words of people's names.
KeptMentions drop_mentions_that_are_not_places(
    const CueWords& cue, const Document& document, const std::vector<Mention>& mentions,
    const std::vector<Candidates>& candidates,
    const std::vector<std::optional<PlaceView>>& resolved,
    const std::unordered_set<std::string>& person_words) {
  const PlaceEvidence evidence =
      gather_place_evidence(document.tokens, mentions, candidates, resolved);
  KeptMentions kept;
  for (std::size_t i = 0; i < resolved.size(); ++i) {
    if (!resolved[i]) continue;
    const Mention& m = mentions[i];
    const std::string& folded = candidates[i].folded;
    const bool cued = m.actor_place || m.locative || evidence.in_qualified_pair[i] ||
                      evidence.cued_names.count(folded) > 0;
    PlaceView p = *resolved[i];
    if ((p.record->kind == PlaceKind::kAdmin1 || p.record->kind == PlaceKind::kAdmin2) && !cued &&
        !m.prefers_division && !evidence.named_countries.count(std::string(p.country3()))) {
      if (std::optional<PlaceView> town = namesake_town(p, candidates[i].places)) p = *town;
    }
    const bool in_named_country = evidence.named_countries.count(std::string(p.country3())) > 0;
    if (!kind_is_supported(document, m, p, folded, cued, in_named_country)) continue;
    const bool town = p.record->kind == PlaceKind::kCity || p.record->kind == PlaceKind::kAdmin2;
    if (town && !m.locative &&
        town_is_word_of_other_name(cue, document, m, p, folded, cued, evidence.in_mention,
                                   person_words)) {
      continue;
    }
    kept.mentions.push_back(m);
    kept.places.push_back(p);
  }
  return kept;
}

// Appends the kept mentions' places to document.places, in text order.
void add_kept_places(const KeptMentions& kept, Document& document) {
  for (std::size_t k = 0; k < kept.mentions.size(); ++k) {
    const Mention& m = kept.mentions[k];
    document.places.push_back(
        to_place(kept.places[k], std::string(document.slice(m.field, m.span)), m.field, m.span));
  }
}

// True when a place mention lies inside the span of `actor`.
bool inside_actor(const std::optional<Actor>& actor, const Mention& m) {
  return actor && actor->field == m.field && actor->span.begin <= m.span.begin &&
         m.span.end <= actor->span.end;
}

// True when a place mention lies inside the event's source or target.
bool inside_event_actor(const Event& event, const Mention& m) {
  return inside_actor(event.source, m) || inside_actor(event.target, m);
}

// Bytes between a place mention and the event's trigger (0 when they overlap).
std::uint32_t distance_to_trigger(const Span& trigger, const Mention& m) {
  return m.span.begin >= trigger.end ? m.span.begin - trigger.end
                                     : trigger.begin - std::min(trigger.begin, m.span.end);
}

// True when no ";" lies between the trigger and the place: a ";" ends the clause (another
// statement follows).
bool in_trigger_clause(const std::vector<Token>& tokens, const Sentence& sentence,
                       const Span& trigger, const Mention& m) {
  std::uint32_t from = m.span.begin < trigger.begin ? m.span.end : trigger.end;
  std::uint32_t to = m.span.begin < trigger.begin ? trigger.begin : m.span.begin;
  for (std::uint32_t t = sentence.first_token; t < sentence.first_token + sentence.token_count;
       ++t) {
    if (tokens[t].span.begin >= from && tokens[t].span.end <= to && tokens[t].folded == ";")
      return false;
  }
  return true;
}

// A place inside a quotation the trigger is not in belongs to the quoted words ("ont scandé
// « Mort au Pakistan »"), not to the event.
bool quoted_apart(const std::vector<Quote>& quotes, const Span& trigger, const Mention& m) {
  for (const Quote& q : quotes) {
    if (q.field != m.field) continue;
    bool place_in = q.span.begin <= m.span.begin && m.span.end <= q.span.end;
    bool trigger_in = q.span.begin <= trigger.begin && trigger.end <= q.span.end;
    if (place_in && !trigger_in) return true;
  }
  return false;
}

// The event trigger's tokens in its sentence ("s'est rendu": 3), and whether the parse can say
// which places hang under it (the sentence is parsed and the trigger found).
struct TriggerTokens {
  int begin = -1, end = -1;
  bool parsed = false;
};

TriggerTokens find_trigger_tokens(const std::vector<Token>& tokens, const Sentence& sentence,
                                  const Span& trigger) {
  TriggerTokens out;
  const std::uint32_t first = sentence.first_token, last = first + sentence.token_count;
  for (std::uint32_t t = first; t < last; ++t) {
    if (tokens[t].head >= 0) out.parsed = true;
    if (tokens[t].span.begin < trigger.end && trigger.begin < tokens[t].span.end) {
      if (out.begin < 0) out.begin = int(t);
      out.end = int(t) + 1;
    }
  }
  out.parsed = out.parsed && out.begin >= 0;
  return out;
}

// Per word of the sentence, the strongest locative case word that hangs on it
// (locative_strength), for attach(): the parse says which places are an event's ("in Khartoum"
// under "bombed"). `locative_case` is reused from event to event.
void mark_locative_cases(const CueWords& cue, const std::vector<Token>& tokens,
                         const Sentence& sentence, std::vector<std::int8_t>& locative_case) {
  locative_case.assign(tokens.size(), 0);
  const std::uint32_t first = sentence.first_token, last = first + sentence.token_count;
  for (std::uint32_t t = first; t < last; ++t) {
    if (tokens[t].head >= 0 && (tokens[t].deprel == "case" || tokens[t].deprel == "fixed")) {
      locative_case[tokens[t].head] =
          std::max<std::int8_t>(locative_case[tokens[t].head],
                                static_cast<std::int8_t>(locative_strength(cue, tokens[t].folded)));
    }
  }
}

// The token of a mention that hangs outside it in the parse (its head word).
int mention_head(const std::vector<Token>& tokens, const Mention& m) {
  for (std::uint32_t t = m.token_begin; t < m.token_end; ++t) {
    if (tokens[t].head < int(m.token_begin) || tokens[t].head >= int(m.token_end)) return int(t);
  }
  return int(m.token_begin);
}

// True when a verb lies between the mention and the trigger's tokens.
bool verb_between(const std::vector<Token>& tokens, const Mention& m,
                  const TriggerTokens& trigger) {
  const std::uint32_t from =
      m.token_begin < std::uint32_t(trigger.begin) ? m.token_end : trigger.end;
  const std::uint32_t to =
      m.token_begin < std::uint32_t(trigger.begin) ? trigger.begin : m.token_begin;
  for (std::uint32_t t = from; t < to; ++t) {
    if (tokens[t].upos == "VERB") return true;
  }
  return false;
}

// The place an event happened at, as an index into the kept mentions (-1 when none), and the
// rule that chose it (Event::location_source).
struct EventPlace {
  int mention = -1;
  const char* source = nullptr;    // "clause", "sentence" or "paragraph"
  bool in_event_sentence = false;  // "clause" or "sentence": a list around it counts too
};

// The place introduced by a locative nearest the trigger in the event's sentence ("clause"),
// else the nearest place of the sentence that is not the event's source or target
// ("sentence"), else the nearest earlier place of the paragraph ("paragraph").
// `locative_case` is mark_locative_cases()'s, when `trigger.parsed`.
EventPlace choose_event_place(const Document& document, const std::vector<Mention>& kept,
                              const Event& event, const TriggerTokens& trigger,
                              const std::vector<std::int8_t>& locative_case) {
  const std::vector<Token>& tokens = document.tokens;
  const Sentence& sentence = document.sentences[event.sentence];
  int clause = -1, in_sentence = -1, in_paragraph = -1, clause_steps = 0;
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Mention& m = kept[k];
    if (m.sentence == event.sentence) {
      // The event's own actors are not its place ("démentie par Islamabad"), unless introduced
      // as one ("s'est rendu à Kaboul", where the visited capital is also the target).
      bool own_actor = inside_event_actor(event, m);
      if (!in_trigger_clause(tokens, sentence, event.trigger, m) ||
          quoted_apart(document.quotes, event.trigger, m)) {
        continue;
      }
      std::optional<Attachment> attachment;
      if (trigger.parsed) {
        attachment =
            attach(tokens, locative_case, mention_head(tokens, m), trigger.begin, trigger.end);
        // The event's target is its place only when a word says where ("à Kaboul"), not
        // whom ("sanctions on Pyongyang").
        if (attachment && own_actor && attachment->strength < 2) attachment.reset();
      }
      // The event's source is never its place, even as the trigger's object ("Eritrea captured").
      // Where the parse does not hang the place under the trigger, a word that only says where
      // right before it, with no other verb in between, still does ("en visite à Nairobi",
      // whose parse hangs Nairobi under "président").
      const bool is_source = inside_actor(event.source, m);
      const bool under_trigger =
          !is_source && (trigger.parsed ? attachment.has_value() ||
                                              (m.says_where && !verb_between(tokens, m, trigger))
                                        : m.locative);
      if (own_actor && !under_trigger) continue;
      if (under_trigger) {
        const int s_here = attachment ? attachment->steps : 0;
        if (clause < 0 || s_here < clause_steps ||
            (s_here == clause_steps && distance_to_trigger(event.trigger, m) <
                                           distance_to_trigger(event.trigger, kept[clause]))) {
          clause = int(k);
          clause_steps = s_here;
        }
      }
      // A country or capital that is not introduced as a place is an actor ("les États-Unis
      // accusent"), not where the event happened.
      if (m.actor_place && !m.locative && !under_trigger) continue;
      if (in_sentence < 0 || distance_to_trigger(event.trigger, m) <
                                 distance_to_trigger(event.trigger, kept[in_sentence])) {
        in_sentence = int(k);
      }
    } else if (m.sentence < event.sentence && m.field == sentence.field &&
               document.sentences[m.sentence].paragraph == sentence.paragraph) {
      in_paragraph = int(k);  // the last one before the event's sentence
    }
  }
  EventPlace out;
  out.mention = clause >= 0 ? clause : in_sentence >= 0 ? in_sentence : in_paragraph;
  out.source = clause >= 0 ? "clause" : in_sentence >= 0 ? "sentence" : "paragraph";
  out.in_event_sentence = clause >= 0 || in_sentence >= 0;
  return out;
}

// A list of places in the same sentence ("Kaboul, et de la ville de Mazar-i-Sharif"): the kept
// mentions listed with `chosen`, itself included, in text order. Two places are listed when only
// list words lie between them, one a conjunction (cue_words.yaml's list_glue and
// list_conjunctions); the event's source and target are not.
std::vector<std::size_t> places_listed_with(const CueWords& cue, const std::vector<Token>& tokens,
                                            const std::vector<Mention>& kept, const Event& event,
                                            std::size_t chosen) {
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
  std::vector<std::size_t> list = {chosen};
  while (list.front() > 0 && listed(kept[list.front() - 1], kept[list.front()]) &&
         !inside_event_actor(event, kept[list.front() - 1])) {
    list.insert(list.begin(), list.front() - 1);
  }
  while (list.back() + 1 < kept.size() && listed(kept[list.back()], kept[list.back() + 1]) &&
         !inside_event_actor(event, kept[list.back() + 1])) {
    list.push_back(list.back() + 1);
  }
  return list;
}

// Gives every event the place it happened at (choose_event_place), copying an event once per
// place of a list ("à Kaboul et Mazar-i-Sharif"). `kept` are the document's place mentions in
// text order, whose places start at document.places[first_place].
void locate_events(const CueWords& cue, const std::vector<Mention>& kept, std::size_t first_place,
                   Document& document) {
  const std::vector<Token>& tokens = document.tokens;
  std::vector<std::int8_t> locative_case;
  std::vector<Event> located;
  located.reserve(document.events.size());
  for (Event& event : document.events) {
    const Sentence& sentence = document.sentences[event.sentence];
    const TriggerTokens trigger = find_trigger_tokens(tokens, sentence, event.trigger);
    if (trigger.parsed) mark_locative_cases(cue, tokens, sentence, locative_case);
    const EventPlace place = choose_event_place(document, kept, event, trigger, locative_case);
    if (place.mention < 0) {
      located.push_back(std::move(event));
      continue;
    }
    const std::vector<std::size_t> list =
        place.in_event_sentence
            ? places_listed_with(cue, tokens, kept, event, std::size_t(place.mention))
            : std::vector<std::size_t>{std::size_t(place.mention)};
    for (std::size_t k : list) {
      Event copy = event;
      copy.location = document.places[first_place + k];
      copy.location_source = place.source;
      located.push_back(std::move(copy));
    }
  }
  document.events = std::move(located);
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

// What the entities stage says about each document token (the first step of geocode()).
struct Geocoder::TokenRoles {
  // Inside a named person or organisation: never part of a toponym.
  std::vector<std::uint8_t> blocked;
  // Inside a country or capital actor: a place mention even where it acts as the country's
  // government ("Islamabad a démenti").
  std::vector<std::uint8_t> actor_place;
  // The folded words of people's names, to recognise them alone later ("Bill Baker ... Baker
  // said").
  std::unordered_set<std::string> person_words;
};

// The toponym candidates of a document, in text order: where each is written and its readings.
struct Geocoder::FoundMentions {
  std::vector<Mention> mentions;
  std::vector<Candidates> candidates;  // one per mention
};

// The longest name starting at a token that the gazetteer knows, and its readings.
struct Geocoder::KnownName {
  std::uint32_t end = 0;  // one past its last token; 0 when there is none
  Candidates candidates;
};

Geocoder::TokenRoles Geocoder::mark_actor_tokens(const Document& document) const {
  const CueWords& cue = *cue_;
  const std::vector<Token>& tokens = document.tokens;
  TokenRoles roles;
  roles.blocked.assign(tokens.size(), 0);
  roles.actor_place.assign(tokens.size(), 0);
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
      if (named) roles.blocked[t] = 1;
      if (country) roles.actor_place[t] = 1;
    }
  }
  return roles;
}

void Geocoder::block_person_names(const Document& document, TokenRoles& roles) const {
  const CueWords& cue = *cue_;
  const std::vector<Token>& tokens = document.tokens;
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
            !roles.actor_place[t]) {
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
        roles.blocked[t] = 1;
        roles.person_words.insert(tokens[t].folded);
      }
    }
  }
}

Geocoder::KnownName Geocoder::longest_known_name(const std::vector<Token>& tokens,
                                                 const std::string& text, std::uint32_t begin,
                                                 std::uint32_t end,
                                                 const std::vector<std::uint8_t>& blocked) const {
  const CueWords& cue = *cue_;
  const Token& first = tokens[begin];
  KnownName best;
  std::uint32_t capitalised = 0;
  for (std::uint32_t u = begin; u < end && u - begin < kMaxNameTokens + 2; ++u) {
    const Token& token = tokens[u];
    if (blocked[u] || token.kind != TokenKind::kWord) break;
    // A lower-case word right after a capitalised one may end a country's or division's name
    // ("Arabie saoudite", "Guinée équatoriale"): tried once, then the sequence ends.
    bool lower_tail = false;
    if (!token.capitalized) {
      if (cue.name_connectors.contains(token.folded)) continue;
      if (u == begin || !tokens[u - 1].capitalized) break;
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
    best.end = u + 1;
    best.candidates = std::move(c);
    if (lower_tail) break;
  }
  return best;
}

Geocoder::FoundMentions Geocoder::find_mentions(const Document& document,
                                                const TokenRoles& roles) const {
  const CueWords& cue = *cue_;
  const std::vector<Token>& tokens = document.tokens;
  FoundMentions found;
  for (std::uint32_t s = 0; s < document.sentences.size(); ++s) {
    const Sentence& sentence = document.sentences[s];
    const std::string& text = document.field_text(sentence.field);
    const std::uint32_t end = sentence.first_token + sentence.token_count;
    for (std::uint32_t t = sentence.first_token; t < end;) {
      const Token& first = tokens[t];
      if (first.kind != TokenKind::kWord || !first.capitalized || roles.blocked[t]) {
        ++t;
        continue;
      }
      KnownName name = longest_known_name(tokens, text, t, end, roles.blocked);
      if (name.end == 0) {
        ++t;
        continue;
      }
      Mention m{s, t, name.end, sentence.field,
                Span{first.span.begin, tokens[name.end - 1].span.end}};
      read_cues(cue, tokens, sentence, m);
      m.actor_place = roles.actor_place[t];
      name.candidates.prefers_division = name.candidates.prefers_division || m.prefers_division;
      if (name.candidates.places.size() > kMaxCandidates) {
        name.candidates.places.resize(kMaxCandidates);
      }
      found.mentions.push_back(m);
      found.candidates.push_back(std::move(name.candidates));
      t = name.end;
    }
  }
  return found;
}

void Geocoder::geocode(Document& document) const {
  // Which tokens the entities stage has already read as people, organisations or countries.
  TokenRoles roles = mark_actor_tokens(document);
  block_person_names(document, roles);
  // The capitalised names the gazetteer knows, each resolved with the whole document's context.
  FoundMentions found = find_mentions(document, roles);
  link_qualifiers(document.tokens, found.mentions, found.candidates);
  const std::vector<std::optional<PlaceView>> resolved = resolve_candidates(found.candidates);
  KeptMentions kept = drop_mentions_that_are_not_places(
      *cue_, document, found.mentions, found.candidates, resolved, roles.person_words);
  const std::size_t first_place = document.places.size();
  add_kept_places(kept, document);
  // Names the gazetteer lacks that a noun introduces as places ("the town of Bakwa").
  place_introduced_toponyms(*cue_, document, roles.blocked, kept.mentions, kept.places, first_place,
                            [this](const std::string& folded, std::vector<PlaceView>& places) {
                              part_of_name_places(folded, places);
                            });
  // Every event's place, from the places kept (document.places from first_place on).
  locate_events(*cue_, kept.mentions, first_place, document);
}

}  // namespace vigie::geo
