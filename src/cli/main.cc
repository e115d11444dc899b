// vigie: the command-line front door. Thin by design: each subcommand parses its options and
// calls the library (Pipeline); see `vigie --help` and `vigie SUBCOMMAND --help`.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/dict_command.h"
#include "cli/eval_events_command.h"
#include "cli/eval_group.h"
#include "cli/extract_command.h"
#include "pipeline/pipeline.h"

#ifndef VIGIE_VERSION
#define VIGIE_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  CLI::App app{"Vigie: reads the news and codes who did what to whom, where, when, and on whose "
               "word (CAMEO and PLOVER events)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("vigie ") + VIGIE_VERSION);

  vigie::cli::ExtractOptions extract;
  CLI::App* extract_cmd = vigie::cli::add_extract_command(app, extract);

  // `vigie eval ...`: every evaluation attaches to this one group (see cli/eval_group.h).
  CLI::App* eval = vigie::cli::eval_group(app);
  vigie::cli::EvalEventsOptions eval_events;
  CLI::App* eval_events_cmd = vigie::cli::add_eval_events_command(*eval, eval_events);

  vigie::cli::DictOptions dict;
  CLI::App* dict_check_cmd = vigie::cli::add_dict_command(app, dict);

  std::string version_data_dir;
  CLI::App* version_cmd =
      app.add_subcommand("version", "Print the version and the loaded dictionaries and models");
  version_cmd->add_option("--data", version_data_dir, "Dictionary folder");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every wrong command line exits 2, as documented.
    return app.exit(e) == 0 ? 0 : 2;
  }

  if (*extract_cmd) return vigie::cli::run_extract(extract, argv[0]);
  if (*dict_check_cmd) return vigie::cli::run_dict_check(dict, argv[0]);
  if (*eval_events_cmd) return vigie::cli::run_eval_events(eval_events, argv[0]);
  if (*version_cmd) {
    std::cout << "vigie " << VIGIE_VERSION << "\n";
    std::string dir = version_data_dir.empty() ? vigie::find_data_dir(argv[0]) : version_data_dir;
    auto pipeline = vigie::Pipeline::load(dir);
    if (!pipeline) {
      std::cerr << "vigie: " << pipeline.error().to_string() << "\n";
      return 3;
    }
    std::cout << pipeline->describe();
    return 0;
  }
  return 0;
}
