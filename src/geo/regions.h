// Places above or across countries that news names as places (continents, the European Union,
// world regions, seas), read from dictionaries/geo/regions.yaml (its header documents the
// format). The gazetteer builder compiles them in as places of kind "region"; `vigie dict check`
// runs read_regions() to report malformed entries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "document/expected.h"

namespace vigie::geo {

struct Region {
  std::string name;  // canonical (English) name
  std::int64_t geonameid = 0;
  double lat = 0, lon = 0;
  std::string feature;                // GeoNames feature code: CONT, RGN, OCN, SEA, ...
  std::vector<std::string> names;     // every language together, as written in the file
  std::vector<std::string> demonyms;  // likewise
};

// Every region of `path`; an Error names FILE:LINE and the problem (missing field, point out of
// range, unknown language key, duplicate name).
Expected<std::vector<Region>> read_regions(const std::string& path);

}  // namespace vigie::geo
