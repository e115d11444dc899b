// Reading the geo stage's YAML dictionaries (dictionaries/geo/*.yaml): the file, its `format:` and
// its `version:`, with errors that name the file (and the line of a YAML syntax error).
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "document/expected.h"

namespace vigie::geo {

// The root map of `path`, once its `format:` is `format` and its `version:` is `version`.
Expected<YAML::Node> read_dictionary_file(const std::string& path, std::string_view format,
                                          int version);

}  // namespace vigie::geo
