// `vigie train`: trains the syntax model of one language (tagger, lemmatizer, parser) from UD
// CoNLL-U files and writes models/syntax.LANG.bin; with --ner, the named-entity model
// (models/ner.LANG.bin) from token-per-line NER files. `make models` retrains them all.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace vigie::cli {

struct TrainOptions {
  std::string lang;
  std::vector<std::string> train;
  std::string dev;
  std::string output;
  int tagger_epochs = 10;
  int parser_epochs = 10;
  int jackknife_folds = 4;  // the parser trains on tags of taggers that did not see the sentence
  bool gold_tagger_history = false;  // syntax::TrainOptions::gold_tagger_history
  float parser_min_weight = 0.1f;    // syntax::TrainOptions::parser_min_weight
  // --ner: the named-entity model (models/ner.LANG.bin) from NER files (entities/ner_eval.h)
  bool ner = false;
  int ner_epochs = 10;
  std::vector<std::string> ner_lexicons;  // NAME=FILE, one word a line, stored in the model
};

CLI::App* add_train_command(CLI::App& app, TrainOptions& options);
int run_train(const TrainOptions& options, const std::string& argv0);

}  // namespace vigie::cli
