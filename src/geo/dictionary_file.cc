#include "geo/dictionary_file.h"

namespace vigie::geo {

Expected<YAML::Node> read_dictionary_file(const std::string& path, std::string_view format,
                                          int version) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
    if (!root.IsMap() || root["format"].as<std::string>("") != format) {
      return Error{path, "expected `format: " + std::string(format) + "`"};
    }
    if (root["version"].as<int>(0) != version) {
      return Error{path, "expected `version: " + std::to_string(version) + "`"};
    }
  } catch (const YAML::BadFile&) {
    return Error{path, "cannot read"};
  } catch (const YAML::Exception& e) {
    return Error{path + ":" + std::to_string(e.mark.line + 1), e.msg};
  }
  return root;
}

}  // namespace vigie::geo
