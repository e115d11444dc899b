#include "geo/regions.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>

#include "geo/dictionary_file.h"
#include "geo/gazetteer.h"

namespace vigie::geo {
namespace {

std::string where(const std::string& path, const YAML::Node& node) {
  return path + ":" + std::to_string(node.Mark().line + 1);
}

// `{en: [...], fr: [...]}` into `out`; only the languages Vigie reads.
std::optional<Error> read_by_language(const std::string& path, const YAML::Node& node,
                                      std::string_view field, std::vector<std::string>& out) {
  if (!node) return std::nullopt;
  if (!node.IsMap())
    return Error{where(path, node), std::string(field) + " must be {en: [...], fr: [...]}"};
  for (const auto& entry : node) {
    const std::string lang = entry.first.as<std::string>();
    if (lang != "en" && lang != "fr") {
      return Error{where(path, entry.first),
                   std::string(field) + ": unknown language `" + lang + "`"};
    }
    if (!entry.second.IsSequence()) {
      return Error{where(path, entry.second), std::string(field) + "." + lang + " must be a list"};
    }
    for (const YAML::Node& name : entry.second) {
      if (!name.IsScalar() || name.as<std::string>().empty()) {
        return Error{where(path, name), std::string(field) + "." + lang + ": expected a name"};
      }
      out.push_back(name.as<std::string>());
    }
  }
  return std::nullopt;
}

}  // namespace

Expected<std::vector<Region>> read_regions(const std::string& path) {
  auto file = read_dictionary_file(path, "vigie-regions", 1);
  if (!file) return file.error();
  const YAML::Node root = file.value();
  const YAML::Node list = root["regions"];
  if (!list || !list.IsSequence()) return Error{path, "expected a `regions:` list"};
  std::vector<Region> regions;
  std::set<std::string> seen;
  try {
    for (const YAML::Node& node : list) {
      if (!node.IsMap()) return Error{where(path, node), "expected a region (a map)"};
      Region r;
      r.name = node["name"].as<std::string>("");
      if (r.name.empty()) return Error{where(path, node), "region without `name`"};
      r.geonameid = node["geonameid"].as<std::int64_t>(0);
      if (r.geonameid <= 0)
        return Error{where(path, node), r.name + ": `geonameid` must be a positive id"};
      const YAML::Node point = node["point"];
      if (!point || !point.IsSequence() || point.size() != 2) {
        return Error{where(path, node), r.name + ": `point` must be [latitude, longitude]"};
      }
      r.lat = point[0].as<double>();
      r.lon = point[1].as<double>();
      if (r.lat < -90 || r.lat > 90 || r.lon < -180 || r.lon > 180) {
        return Error{where(path, point), r.name + ": point out of range"};
      }
      r.feature = node["feature"].as<std::string>("");
      if (r.feature.empty() || r.feature.size() > 5) {
        return Error{where(path, node), r.name + ": `feature` must be a GeoNames feature code"};
      }
      if (auto e = read_by_language(path, node["names"], "names", r.names)) return *e;
      if (auto e = read_by_language(path, node["demonyms"], "demonyms", r.demonyms)) return *e;
      if (r.names.empty()) return Error{where(path, node), r.name + ": no `names`"};
      // One name, one region (the same name in both languages is fine: "Europe").
      std::set<std::string> own;
      for (const std::string& name : r.names) own.insert(fold_place_name(name));
      for (const std::string& name : own) {
        if (!seen.insert(name).second) {
          return Error{where(path, node), r.name + ": `" + name + "` names another region too"};
        }
      }
      regions.push_back(std::move(r));
    }
  } catch (const YAML::Exception& e) {
    return Error{path + ":" + std::to_string(e.mark.line + 1), e.msg};
  }
  return regions;
}

}  // namespace vigie::geo
