// The `vigie eval` command group. Every evaluation (extraction, ud, ner, geo, events …) is a
// subcommand of this one group: call eval_group(app) to get it (created on first use), then
// add your own subcommand to it — never add a second "eval" subcommand to the app.
#pragma once

#include <CLI/CLI.hpp>

namespace vigie::cli {

inline CLI::App* eval_group(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name() == "eval") return sub;
  }
  CLI::App* group = app.add_subcommand(
      "eval", "Measure Vigie on evaluation data (../shared/data); each subcommand prints its figures");
  group->require_subcommand(1);
  return group;
}

}  // namespace vigie::cli
