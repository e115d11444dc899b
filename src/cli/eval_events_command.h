// `vigie eval events`: event coding measured on ConfliBERT's CAMEO test sets (English):
// source/target span F1 on cameo_ner and 5-class accuracy on cameo_class.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vigie::cli {

struct EvalEventsOptions {
  std::string data;      // folder holding cameo_ner/ and cameo_class/
  std::string data_dir;  // dictionaries
  bool verbose = false;
  std::string min_file;  // ratchets: "source_f1 0.36" lines; exit 1 below any of them
};

CLI::App* add_eval_events_command(CLI::App& eval_group, EvalEventsOptions& options);
int run_eval_events(const EvalEventsOptions& options, const std::string& argv0);

}  // namespace vigie::cli
