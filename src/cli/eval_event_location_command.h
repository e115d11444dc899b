// `vigie eval event-location`: where events happened, measured on the gold subset of
// ahalterman/event_location (../shared/data/events/event_location, the 496 records marked
// `source: RELABEL`: an English sentence, one event verb, and the span(s) of the place that
// verb's event happened at, or none). For each record the whole Pipeline analyses the text, the
// verb becomes the trigger of the event (the one event coding found there, with its actors, else
// an event of its own), and the geo stage places it as it places every event. Reported:
//   - records with a gold place: share whose Vigie place overlaps a gold span, by location_source;
//   - records without one: share Vigie leaves without a place (a place here is a false alarm);
//   - both together.
// The data is a zip holding one JSON array; pass the unzipped file (tests/geo/run_event_location.py
// unzips it). With --min-file, exits 1 when a share falls below its ratchet ("located 0.7").
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vigie::cli {

struct EvalEventLocationOptions {
  std::string data;      // labeled_text.jsonl (a JSON array, unzipped)
  std::string data_dir;  // dictionaries
  std::string min_file;  // ratchet file: `located|unlocated|overall MIN`
  bool errors = false;
};

CLI::App* add_eval_event_location_command(CLI::App& eval_group, EvalEventLocationOptions& options);
// Exit status: 0, 1 below a ratchet or unreadable data, 3 when the pipeline cannot load, 77 (with
// "SKIP: ...") when the data file is absent.
int run_eval_event_location(const EvalEventLocationOptions& options, const std::string& argv0);

}  // namespace vigie::cli
