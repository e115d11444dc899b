// `vigie eval ud FILE.conllu`: re-analyses a UD treebank file with its gold tokenization and
// prints the CoNLL 2018 scores (UPOS, UFeats, lemmas, UAS, LAS), the accuracy of the features
// Mood, Tense, VerbForm, Person, Number, Polarity one by one, and the conditional mood recall.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vigie::cli {

struct EvalUdOptions {
  std::string gold;      // the treebank file
  std::string system;    // an existing analysis to score instead of running Vigie
  std::string lang = "auto";
  std::string model;
  std::string data_dir;
};

CLI::App* add_eval_ud_command(CLI::App& eval_group, EvalUdOptions& options);
int run_eval_ud(const EvalUdOptions& options, const std::string& argv0);

}  // namespace vigie::cli
