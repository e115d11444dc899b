// `vigie extract`: reads inputs, runs the pipeline, writes OUTPUT.md JSON Lines or a table.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace vigie::cli {

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string published;
  std::string lang = "auto";
  std::string id;
  std::string format = "jsonl";
  std::string output;
  std::string data_dir;
  std::size_t max_bytes = 0;
  unsigned threads = 1;
  std::string db;  // --db: also write into this event store (src/store); empty: no store
};

// Registers the subcommand on `app`; `run` is set to the function to call when it is chosen.
CLI::App* add_extract_command(CLI::App& app, ExtractOptions& options);

// Runs the command. Returns the process exit status (see the subcommand's --help).
int run_extract(const ExtractOptions& options, const std::string& argv0);

}  // namespace vigie::cli
