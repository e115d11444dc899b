// `vigie eval ner FILE`: named entities scored on a token-per-line NER file (UNER `.iob2`,
// WikiGold and WikiNEuRal `.conllu`, Europeana `.bio`: see entities/ner_eval.h), CoNLL exact-span
// precision, recall and F1 overall and per type. The file's tokens go through the pipeline's
// entity stages (syntax model, actor dictionaries, NER model) as one document, sentence by
// sentence; --system picks which entities are scored.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vigie::cli {

struct EvalNerOptions {
  std::string gold;
  std::string lang = "auto";
  std::string system = "combined";  // combined, model, dictionary
  std::string model;                // default: models/ner.LANG.bin
  std::string data_dir;
  std::string write;  // writes the system's entities as "ID<TAB>FORM<TAB>IOB2" here
};

CLI::App* add_eval_ner_command(CLI::App& eval_group, EvalNerOptions& options);
int run_eval_ner(const EvalNerOptions& options, const std::string& argv0);

}  // namespace vigie::cli
