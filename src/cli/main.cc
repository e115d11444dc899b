// vigie: the command-line front door. Thin by design: each subcommand parses its options and
// calls the library (Pipeline); see `vigie --help` and `vigie SUBCOMMAND --help`.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/dict_command.h"
#include "cli/eval_event_location_command.h"
#include "cli/eval_events_command.h"
#include "cli/eval_extraction_command.h"
#include "cli/eval_geo_command.h"
#include "cli/eval_group.h"
#include "cli/eval_ner_command.h"
#include "cli/eval_ud_command.h"
#include "cli/extract_command.h"
#include "cli/gazetteer_command.h"
#include "cli/langid_commands.h"
#include "cli/parse_command.h"
#include "cli/store_commands.h"
#include "cli/train_command.h"
#include "pipeline/pipeline.h"

#ifndef VIGIE_VERSION
#define VIGIE_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  CLI::App app{
      "Vigie: reads the news and codes who did what to whom, where, when, and on whose "
      "word (CAMEO and PLOVER events)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("vigie ") + VIGIE_VERSION);

  vigie::cli::ExtractOptions extract;
  CLI::App* extract_cmd = vigie::cli::add_extract_command(app, extract);

  // The event store: `vigie query`, `vigie export --gdelt`, `vigie serve` (src/store, src/serve).
  vigie::cli::QueryOptions query, export_options;
  CLI::App* query_cmd = vigie::cli::add_query_command(app, query);
  CLI::App* export_cmd = vigie::cli::add_export_command(app, export_options);
  vigie::cli::ServeCommandOptions serve;
  CLI::App* serve_cmd = vigie::cli::add_serve_command(app, serve);

  // `vigie eval ...`: every evaluation attaches to this one group (see cli/eval_group.h).
  CLI::App* eval = vigie::cli::eval_group(app);
  vigie::cli::EvalEventsOptions eval_events;
  CLI::App* eval_events_cmd = vigie::cli::add_eval_events_command(*eval, eval_events);
  vigie::cli::EvalExtractionOptions eval_extraction;
  CLI::App* eval_extraction_cmd = vigie::cli::add_eval_extraction_command(*eval, eval_extraction);

  vigie::cli::EvalGeoOptions eval_geo;
  CLI::App* eval_geo_cmd = vigie::cli::add_eval_geo_command(*eval, eval_geo);
  vigie::cli::EvalEventLocationOptions eval_event_location;
  CLI::App* eval_event_location_cmd =
      vigie::cli::add_eval_event_location_command(*eval, eval_event_location);
  vigie::cli::GazetteerOptions gazetteer;
  vigie::cli::GazetteerCommands gazetteer_cmds = vigie::cli::add_gazetteer_command(app, gazetteer);

  // Stage `syntax`: `vigie parse`, `vigie train`, `vigie eval ud`.
  vigie::cli::ParseOptions parse;
  CLI::App* parse_cmd = vigie::cli::add_parse_command(app, parse);
  vigie::cli::TrainOptions train;
  CLI::App* train_cmd = vigie::cli::add_train_command(app, train);
  vigie::cli::EvalUdOptions eval_ud;
  CLI::App* eval_ud_cmd = vigie::cli::add_eval_ud_command(*eval, eval_ud);
  // Stage `entities`: `vigie eval ner` (the model is trained by `vigie train --ner`).
  vigie::cli::EvalNerOptions eval_ner;
  CLI::App* eval_ner_cmd = vigie::cli::add_eval_ner_command(*eval, eval_ner);

  // Stage `language`: `vigie train-langid`, `vigie eval langid`.
  vigie::cli::TrainLangidOptions train_langid;
  CLI::App* train_langid_cmd = vigie::cli::add_train_langid_command(app, train_langid);
  vigie::cli::EvalLangidOptions eval_langid;
  CLI::App* eval_langid_cmd = vigie::cli::add_eval_langid_command(*eval, eval_langid);

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
  if (*query_cmd) return vigie::cli::run_query(query);
  if (*export_cmd) return vigie::cli::run_export(export_options);
  if (*serve_cmd) return vigie::cli::run_serve(serve, argv[0]);
  if (*eval_geo_cmd) return vigie::cli::run_eval_geo(eval_geo, argv[0]);
  if (*eval_event_location_cmd) {
    return vigie::cli::run_eval_event_location(eval_event_location, argv[0]);
  }
  if (*gazetteer_cmds.build) return vigie::cli::run_gazetteer_build(gazetteer);
  if (*gazetteer_cmds.lookup) return vigie::cli::run_gazetteer_lookup(gazetteer);
  if (*dict_check_cmd) return vigie::cli::run_dict_check(dict, argv[0]);
  if (*parse_cmd) return vigie::cli::run_parse(parse, argv[0]);
  if (*train_cmd) return vigie::cli::run_train(train, argv[0]);
  if (*eval_ud_cmd) return vigie::cli::run_eval_ud(eval_ud, argv[0]);
  if (*train_langid_cmd) return vigie::cli::run_train_langid(train_langid);
  if (*eval_langid_cmd) return vigie::cli::run_eval_langid(eval_langid, argv[0]);
  if (*eval_ner_cmd) return vigie::cli::run_eval_ner(eval_ner, argv[0]);
  if (*eval_events_cmd) return vigie::cli::run_eval_events(eval_events, argv[0]);
  if (*eval_extraction_cmd) return vigie::cli::run_eval_extraction(eval_extraction);
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
