#include "cli/dict_command.h"

#include <iostream>

#include "entities/entities.h"
#include "events/events.h"
#include "geo/cue_words.h"
#include "geo/regions.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

namespace vigie::cli {

CLI::App* add_dict_command(CLI::App& app, DictOptions& options) {
  CLI::App* dict = app.add_subcommand("dict", "Work with the dictionaries");
  dict->require_subcommand(1);
  CLI::App* check = dict->add_subcommand(
      "check",
      "Check every dictionary (actors, events, CAMEO table, boilerplate, geographic "
      "regions, the geo stage's cue words); print each problem as FILE:LINE: message; "
      "exit 1 when there is any");
  check->add_option(
      "--data", options.data_dir,
      "Dictionary folder (default: $VIGIE_DATA_DIR or the repository's dictionaries/)");
  return check;
}

int run_dict_check(const DictOptions& options, const std::string& argv0) {
  std::string dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
  std::vector<Error> errors = entities::lint_actor_dictionaries(dir + "/actors");
  for (Error& e : events::lint_event_dictionaries(dir + "/events", dir + "/cameo/codes.yaml")) {
    errors.push_back(std::move(e));
  }
  auto boilerplate = ingest::BoilerplateLexicon::load(dir + "/ingest/boilerplate.yaml");
  if (!boilerplate) errors.push_back(boilerplate.error());
  auto regions = geo::read_regions(dir + "/geo/regions.yaml");
  if (!regions) errors.push_back(regions.error());
  auto cue_words = geo::read_cue_words(dir + "/geo/cue_words.yaml");
  if (!cue_words) errors.push_back(cue_words.error());
  for (const Error& e : errors) std::cout << e.to_string() << "\n";
  if (!errors.empty()) {
    std::cerr << "vigie: " << errors.size() << " problem(s) in the dictionaries under " << dir
              << "\n";
    return 1;
  }
  std::cout << "dictionaries under " << dir << ": no problem found\n";
  return 0;
}

}  // namespace vigie::cli
