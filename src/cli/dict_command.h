// `vigie dict check`: lints every dictionary and reports each problem with file and line.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vigie::cli {

struct DictOptions {
  std::string data_dir;
};

CLI::App* add_dict_command(CLI::App& app, DictOptions& options);

// Exit status: 0 when every dictionary is clean, 1 when problems were found.
int run_dict_check(const DictOptions& options, const std::string& argv0);

}  // namespace vigie::cli
