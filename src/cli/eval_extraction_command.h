// `vigie eval extraction`: the HTML -> article body and metadata extractor measured on
// ../shared/data/extraction (Zyte shingle F1, trafilatura segment F1, Readability title/date,
// htmldate date accuracy). See ingest/extraction_eval.h for each metric.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vigie::cli {

struct EvalExtractionOptions {
  std::string data;  // ../shared/data/extraction
  std::string
      zyte_system_output;  // optional JSON Lines of the Zyte bodies, for score_extraction.py
  std::string trafilatura_system_output;  // optional JSON Lines of the trafilatura-corpus bodies
  double min_zyte_f1 = 0.0;               // exit 1 when the Zyte F1 is below it
};

CLI::App* add_eval_extraction_command(CLI::App& eval_group, EvalExtractionOptions& options);

// Exit status: 0 measured (and at or above --min-zyte-f1), 1 below it, 3 data not found.
int run_eval_extraction(const EvalExtractionOptions& options);

}  // namespace vigie::cli
