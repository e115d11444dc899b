#include "cli/eval_extraction_command.h"

#include <iostream>

#include "ingest/extraction_eval.h"

namespace vigie::cli {

CLI::App* add_eval_extraction_command(CLI::App& eval_group, EvalExtractionOptions& options) {
  CLI::App* command = eval_group.add_subcommand(
      "extraction",
      "Article body and metadata extraction from HTML, on ../shared/data/extraction: Zyte "
      "4-gram shingle F1 (as ../shared/tools/score_extraction.py), trafilatura segment F1 "
      "(all and French), Readability title/byline/date and htmldate date accuracy");
  command->add_option("--data", options.data, "Folder holding zyte_article_extraction_benchmark/ …")
      ->default_val("../shared/data/extraction");
  command->add_option("--zyte-output", options.zyte_system_output,
                      "Also write the Zyte bodies there as JSON Lines ({\"id\",\"text\"})");
  command->add_option("--trafilatura-output", options.trafilatura_system_output,
                      "Also write the trafilatura-corpus bodies there as JSON Lines "
                      "({\"id\": url, \"text\"})");
  command->add_option("--min-zyte-f1", options.min_zyte_f1,
                      "Exit 1 when the Zyte shingle F1 is below this");
  return command;
}

int run_eval_extraction(const EvalExtractionOptions& options) {
  ingest::ExtractionEvalOptions eval;
  eval.data = options.data;
  eval.zyte_system_output = options.zyte_system_output;
  eval.trafilatura_system_output = options.trafilatura_system_output;
  Expected<ingest::ExtractionEvalReport> report = ingest::evaluate_extraction(eval);
  if (!report) {
    std::cerr << "vigie: " << report.error().to_string() << "\n";
    return 3;
  }
  ingest::print_extraction_report(*report, std::cout);
  if (report->zyte.f1 < options.min_zyte_f1) {
    std::cerr << "vigie: zyte F1 " << report->zyte.f1 << " is below --min-zyte-f1 "
              << options.min_zyte_f1 << "\n";
    return 1;
  }
  return 0;
}

}  // namespace vigie::cli
