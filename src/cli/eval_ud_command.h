// `vigie eval ud FILE.conllu`: re-analyses a UD treebank file with its gold tokenization and
// prints the CoNLL 2018 scores (UPOS, UFeats, lemmas, UAS, LAS), the accuracy of the features
// Mood, Tense, VerbForm, Person, Number, Polarity one by one, and the recall and precision of
// the conditional mood (Mood=Cnd) with their counts.
// With --tokenize: rebuilds the file's raw text, segments it with text::tokenize() and
// split_sentences(), analyses it with SyntaxModel::analyze_tokens() and prints the CoNLL 2018
// F1 of tokens, words, sentences, UPOS and LAS aligned on characters.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vigie::cli {

struct EvalUdOptions {
  std::string gold;    // the treebank file
  std::string system;  // an existing analysis to score instead of running Vigie
  std::string lang = "auto";
  std::string model;
  std::string data_dir;
  bool tokenize = false;      // segment the raw text ourselves (CoNLL 2018 F1 on characters)
  bool no_multiword = false;  // with tokenize: analyse surface tokens as words (no expansion)
};

CLI::App* add_eval_ud_command(CLI::App& eval_group, EvalUdOptions& options);
int run_eval_ud(const EvalUdOptions& options, const std::string& argv0);

}  // namespace vigie::cli
