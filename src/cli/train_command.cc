#include "cli/train_command.h"

#include <chrono>
#include <filesystem>
#include <iostream>

#include "syntax/conllu.h"
#include "syntax/syntax.h"

namespace vigie::cli {

CLI::App* add_train_command(CLI::App& app, TrainOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "train", "Train the syntax model of one language (tagger, lemmatizer, parser) from UD "
               "CoNLL-U files");
  cmd->add_option("--lang", options.lang, "fr or en")->required();
  cmd->add_option("--train", options.train, "Training CoNLL-U file (repeat for several)")
      ->required();
  cmd->add_option("--dev", options.dev, "Development CoNLL-U file, scored after training");
  cmd->add_option("-o,--output", options.output, "Model file to write")->required();
  cmd->add_option("--tagger-epochs", options.tagger_epochs, "Passes over the data (tagger)");
  cmd->add_option("--parser-epochs", options.parser_epochs, "Passes over the data (parser)");
  cmd->footer("Exit status: 0 model written, 1 unreadable data, 3 model not written.");
  return cmd;
}

int run_train(const TrainOptions& options, const std::string&) {
  std::vector<syntax::UdSentence> train, dev;
  std::string data, command = "vigie train --lang " + options.lang;
  for (const std::string& path : options.train) {
    auto read = syntax::read_conllu(path);
    if (!read) {
      std::cerr << "vigie: " << read.error().to_string() << "\n";
      return 1;
    }
    for (auto& s : *read) train.push_back(std::move(s));
    std::string name = std::filesystem::path(path).filename().string();
    data += (data.empty() ? "" : " + ") + name;
    command += " --train " + name;
  }
  if (!options.dev.empty()) {
    auto read = syntax::read_conllu(options.dev);
    if (!read) {
      std::cerr << "vigie: " << read.error().to_string() << "\n";
      return 1;
    }
    dev = std::move(read).value();
    command += " --dev " + std::filesystem::path(options.dev).filename().string();
  }
  command += " --tagger-epochs " + std::to_string(options.tagger_epochs) + " --parser-epochs " +
             std::to_string(options.parser_epochs) + " (make models)";
  syntax::TrainOptions train_options;
  train_options.lang = options.lang;
  train_options.tagger_epochs = options.tagger_epochs;
  train_options.parser_epochs = options.parser_epochs;
  train_options.command = command;
  train_options.data = data + " (" + std::to_string(train.size()) + " sentences)";
  train_options.log = &std::cerr;
  auto start = std::chrono::steady_clock::now();
  auto model = syntax::SyntaxModel::train(train, dev, train_options);
  if (!model) {
    std::cerr << "vigie: " << model.error().to_string() << "\n";
    return 1;
  }
  auto saved = model->save(options.output);
  if (!saved) {
    std::cerr << "vigie: " << saved.error().to_string() << "\n";
    return 3;
  }
  std::cerr << "wrote " << options.output << " ("
            << std::filesystem::file_size(options.output) / 1024 << " KiB) in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
            << " s\n";
  return 0;
}

}  // namespace vigie::cli
