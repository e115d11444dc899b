// `vigie gazetteer build`: compiles the installed GeoNames-derived packages into the gazetteer
// file the geo stage memory-maps (format and sources: geo/gazetteer.h).
// `vigie gazetteer lookup NAME...`: prints the places a name may stand for, best prior first.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace vigie::cli {

struct GazetteerOptions {
  std::string node_modules;  // default: node_modules/ of the source tree
  std::string locale_dir = "/usr/share/locale";
  std::string dictionaries;        // default: dictionaries/ of the source tree
  std::string output;              // default: geo::find_gazetteer()
  std::vector<std::string> names;  // for lookup
};

struct GazetteerCommands {
  CLI::App* build = nullptr;
  CLI::App* lookup = nullptr;
};

GazetteerCommands add_gazetteer_command(CLI::App& app, GazetteerOptions& options);

// Exit status: 0 on success, 1 when a source is missing or malformed (message names it).
int run_gazetteer_build(const GazetteerOptions& options);
// Exit status: 0 when every name was found, 1 otherwise, 3 when the gazetteer cannot be opened.
int run_gazetteer_lookup(const GazetteerOptions& options);

}  // namespace vigie::cli
