#include "cli/train_command.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "entities/entities.h"
#include "entities/ner.h"
#include "pipeline/pipeline.h"
#include "entities/ner_eval.h"
#include "geo/gazetteer.h"
#include "geo/geo.h"
#include "syntax/conllu.h"
#include "syntax/syntax.h"

#ifndef VIGIE_GAZETTEER_DEFAULT
#define VIGIE_GAZETTEER_DEFAULT "gazetteer.vgz"
#endif

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
  cmd->add_option("--jackknife-folds", options.jackknife_folds,
                  "The parser trains on the tags of this many taggers, each trained without the "
                  "fold it tags (1: the final tagger's tags)");
  cmd->add_flag("--gold-tagger-history", options.gold_tagger_history,
                "Train the tagger on the gold tags of the previous words (default: its own "
                "guesses)");
  cmd->add_option("--parser-min-weight", options.parser_min_weight,
                  "Drop averaged parser weights below this magnitude");
  cmd->add_flag("--ner", options.ner,
                "Train the named-entity model instead, from NER files (UNER .iob2, CoNLL-like "
                ".conllu, Europeana .bio)");
  cmd->add_option("--ner-epochs", options.ner_epochs, "Passes over the data (--ner)");
  cmd->add_option("--lexicon", options.ner_lexicons,
                  "--ner: NAME=FILE, a word list (one word a line, # comments) stored in the model as a "
                  "feature (repeat for several)");
  cmd->footer("Exit status: 0 model written, 1 unreadable data, 3 model not written.");
  return cmd;
}

namespace {

// Saves a trained model (syntax or NER) to `output` and says its size and the training time.
// Exit status 0, or 3 when the file cannot be written.
template <typename Model>
int save_trained_model(const Model& model, const std::string& output,
                       std::chrono::steady_clock::time_point start) {
  auto saved = model.save(output);
  if (!saved) {
    std::cerr << "vigie: " << saved.error().to_string() << "\n";
    return 3;
  }
  std::cerr << "wrote " << output << " (" << std::filesystem::file_size(output) / 1024
            << " KiB) in "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()
            << " s\n";
  return 0;
}

// A NER file set as a document that the syntax model and the actor dictionaries have read, as
// the pipeline reads a document before the NER model (its features use both).
Expected<entities::NerDocument> prepare_ner_document(const std::vector<entities::NerSentence>& sentences,
                                                     const std::string& lang,
                                                     const std::string& data_dir) {
  entities::NerDocument out = entities::build_ner_document(sentences, lang);
  auto coder = entities::ActorCoder::load(data_dir + "/actors");
  if (!coder) return coder.error();
  auto parser = syntax::SyntaxModel::load(syntax::default_model_path(data_dir, lang));
  if (!parser) return parser.error();
  parser->analyze(out.document);
  coder->code(out.document);
  // The gazetteer built at setup (`vigie gazetteer build`): its place names are a feature.
  auto gazetteer = geo::Gazetteer::open(geo::find_gazetteer(VIGIE_GAZETTEER_DEFAULT));
  if (!gazetteer) return gazetteer.error();
  out.place_marks = geo::place_name_marks(*gazetteer, out.document);
  return out;
}

int run_train_ner(const TrainOptions& options, const std::string& argv0) {
  std::vector<entities::NerSentence> train, dev;
  const std::string data_dir = find_data_dir(argv0);
  std::string data, command = "vigie train --ner --lang " + options.lang;
  for (const std::string& path : options.train) {
    auto read = entities::read_ner_file(path);
    if (!read) {
      std::cerr << "vigie: " << read.error().to_string() << "\n";
      return 1;
    }
    std::string name = std::filesystem::path(path).filename().string();
    data += (data.empty() ? "" : " + ") + name + " (" + std::to_string(read->size()) +
            " sentences)";
    command += " --train " + name;
    for (auto& s : *read) train.push_back(std::move(s));
  }
  if (!options.dev.empty()) {
    auto read = entities::read_ner_file(options.dev);
    if (!read) {
      std::cerr << "vigie: " << read.error().to_string() << "\n";
      return 1;
    }
    dev = std::move(read).value();
    command += " --dev " + std::filesystem::path(options.dev).filename().string();
  }
  command += " --ner-epochs " + std::to_string(options.ner_epochs);
  std::vector<std::pair<std::string, std::vector<std::string>>> lexicons;
  for (const std::string& spec : options.ner_lexicons) {
    std::size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "vigie: --lexicon " << spec << ": expected NAME=FILE\n";
      return 1;
    }
    std::ifstream in(spec.substr(eq + 1));
    if (!in) {
      std::cerr << "vigie: " << spec.substr(eq + 1) << ": cannot open the word list\n";
      return 1;
    }
    std::vector<std::string> words;
    for (std::string line; std::getline(in, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (!line.empty() && line[0] != '#') words.push_back(line);
    }
    lexicons.emplace_back(spec.substr(0, eq), std::move(words));
    command += " --lexicon " + spec.substr(0, eq) + "=" +
               std::filesystem::path(spec.substr(eq + 1)).filename().string();
  }
  command += " (make models)";
  entities::NerTrainOptions train_options;
  train_options.lang = options.lang;
  train_options.epochs = options.ner_epochs;
  train_options.command = command;
  train_options.data = data;
  train_options.log = &std::cerr;
  train_options.lexicons = std::move(lexicons);
  auto start = std::chrono::steady_clock::now();
  auto train_document = prepare_ner_document(train, options.lang, data_dir);
  if (!train_document) {
    std::cerr << "vigie: " << train_document.error().to_string() << "\n";
    return 1;
  }
  std::optional<entities::NerDocument> dev_document;
  if (!dev.empty()) {
    auto prepared = prepare_ner_document(dev, options.lang, data_dir);
    if (!prepared) {
      std::cerr << "vigie: " << prepared.error().to_string() << "\n";
      return 1;
    }
    dev_document.emplace(std::move(prepared).value());
  }
  auto model = entities::NerModel::train(*train_document,
                                         dev_document ? &*dev_document : nullptr, train_options);
  if (!model) {
    std::cerr << "vigie: " << model.error().to_string() << "\n";
    return 1;
  }
  return save_trained_model(*model, options.output, start);
}

}  // namespace

int run_train(const TrainOptions& options, const std::string& argv0) {
  if (options.ner) return run_train_ner(options, argv0);
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
             std::to_string(options.parser_epochs) + " --jackknife-folds " +
             std::to_string(options.jackknife_folds) +
             (options.gold_tagger_history ? " --gold-tagger-history" : "") +
             " --parser-min-weight " + std::to_string(options.parser_min_weight) + " (make models)";
  syntax::TrainOptions train_options;
  train_options.lang = options.lang;
  train_options.tagger_epochs = options.tagger_epochs;
  train_options.parser_epochs = options.parser_epochs;
  train_options.jackknife_folds = options.jackknife_folds;
  train_options.gold_tagger_history = options.gold_tagger_history;
  train_options.parser_min_weight = options.parser_min_weight;
  train_options.command = command;
  train_options.data = data + " (" + std::to_string(train.size()) + " sentences)";
  train_options.log = &std::cerr;
  auto start = std::chrono::steady_clock::now();
  auto model = syntax::SyntaxModel::train(train, dev, train_options);
  if (!model) {
    std::cerr << "vigie: " << model.error().to_string() << "\n";
    return 1;
  }
  return save_trained_model(*model, options.output, start);
}

}  // namespace vigie::cli
