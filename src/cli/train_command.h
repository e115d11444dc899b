// `vigie train`: trains the syntax model of one language (tagger, lemmatizer, parser) from UD
// CoNLL-U files and writes models/syntax.LANG.bin. `make models` retrains both languages.
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
};

CLI::App* add_train_command(CLI::App& app, TrainOptions& options);
int run_train(const TrainOptions& options, const std::string& argv0);

}  // namespace vigie::cli
