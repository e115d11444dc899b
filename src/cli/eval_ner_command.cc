#include "cli/eval_ner_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "entities/entities.h"
#include "entities/ner.h"
#include "entities/ner_eval.h"
#include "geo/gazetteer.h"
#include "geo/geo.h"
#include "langid/langid.h"
#include "pipeline/pipeline.h"
#include "syntax/syntax.h"
#include "text/text.h"

#ifndef VIGIE_GAZETTEER_DEFAULT
#define VIGIE_GAZETTEER_DEFAULT "gazetteer.vgz"
#endif

namespace vigie::cli {

CLI::App* add_eval_ner_command(CLI::App& eval_group, EvalNerOptions& options) {
  CLI::App* cmd = eval_group.add_subcommand(
      "ner", "Named entities scored on a NER file (IOB2/IOB1 token-per-line; CoNLL exact spans)");
  cmd->add_option("gold", options.gold, "The gold NER file (.iob2, .conllu, .bio; not .xz)")
      ->required();
  cmd->add_option("--lang", options.lang, "fr, en, or auto (guessed from the words)");
  cmd->add_option("--system", options.system,
                  "Which entities: combined (the pipeline's), model, dictionary")
      ->check(CLI::IsMember({"combined", "model", "dictionary"}));
  cmd->add_option("--model", options.model, "NER model file (default: models/ner.LANG.bin)");
  cmd->add_option("--data", options.data_dir, "Dictionary folder (models/ is beside it)");
  cmd->add_option("--write", options.write,
                  "Also write the system's entities to this file (ID<TAB>FORM<TAB>IOB2), e.g. "
                  "to label unannotated text for self-training");
  cmd->footer(
      "GPE is scored as LOC; system entities of a type the file never uses are left out.\n"
      "Sentences are read in the file's documents (\"# newdoc\", -DOCSTART-; without marks each\n"
      "sentence alone), within which labels are made consistent as in an article.\n"
      "Exit status: 0 scored, 1 unreadable file, 3 no model.");
  return cmd;
}

namespace {

std::string fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

}  // namespace

int run_eval_ner(const EvalNerOptions& options, const std::string& argv0) {
  auto sentences = entities::read_ner_file(options.gold);
  if (!sentences) {
    std::cerr << "vigie: " << sentences.error().to_string() << "\n";
    return 1;
  }
  std::string lang = options.lang;
  if (lang == "auto") {
    std::string sample;
    for (std::size_t s = 0; s < sentences->size() && s < 500; ++s) {
      for (const std::string& form : (*sentences)[s].forms) sample += form + " ";
    }
    lang = langid::LanguageIdentifier::identify_with_cld2(sample)
               .lang;  // 500 sentences: CLD2 suffices
    if (lang.empty()) {
      std::cerr << "vigie: " << options.gold << ": cannot tell the language, give --lang\n";
      return 1;
    }
  }
  const std::string data_dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
  const auto source = options.system == "dictionary" ? entities::EntitySource::kDictionary
                      : options.system == "model"    ? entities::EntitySource::kModel
                                                     : entities::EntitySource::kCombined;
  std::optional<entities::NerModel> ner;
  if (source != entities::EntitySource::kDictionary) {
    auto loaded = entities::NerModel::load(
        options.model.empty() ? entities::default_ner_model_path(data_dir, lang) : options.model);
    if (!loaded) {
      std::cerr << "vigie: " << loaded.error().to_string() << "\n";
      return 3;
    }
    ner.emplace(std::move(loaded).value());
  }
  auto coder = entities::ActorCoder::load(data_dir + "/actors");
  if (!coder) {
    std::cerr << "vigie: " << coder.error().to_string() << "\n";
    return 1;
  }
  std::optional<syntax::SyntaxModel> parser;
  if (auto loaded = syntax::SyntaxModel::load(syntax::default_model_path(data_dir, lang))) {
    parser.emplace(std::move(loaded).value());
  } else {
    std::cerr << "vigie: " << loaded.error().to_string() << " (entities without a parse)\n";
  }

  entities::NerDocument eval = entities::build_ner_document(*sentences, lang);
  // The gazetteer built at setup, as the pipeline finds it (its place names are a feature).
  std::optional<geo::Gazetteer> gazetteer;
  if (auto opened = geo::Gazetteer::open(geo::find_gazetteer(VIGIE_GAZETTEER_DEFAULT))) {
    gazetteer.emplace(std::move(opened).value());
  } else {
    std::cerr << "vigie: " << opened.error().to_string() << " (no place-name feature)\n";
  }
  if (parser) parser->analyze(eval.document);
  // Timed: the entity stage alone (actor dictionaries, then the model), as the pipeline runs it.
  auto start = std::chrono::steady_clock::now();
  coder->code(eval.document);
  if (gazetteer) eval.place_marks = geo::place_name_marks(*gazetteer, eval.document);
  if (ner)
    entities::add_model_entities(eval.document, *ner, source, eval.place_marks,
                                 eval.article_starts);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<std::vector<entities::NerSpan>> gold;
  for (const auto& s : *sentences) gold.push_back(s.entities);
  const auto system = entities::entity_spans(eval);
  entities::NerScore score = entities::score_ner(gold, system);
  if (!options.write.empty()) {
    std::ofstream out(options.write);
    for (std::size_t s = 0; s < sentences->size(); ++s) {
      const auto& forms = (*sentences)[s].forms;
      std::vector<std::string> tags = entities::tags_from_spans(system[s], forms.size());
      for (std::size_t t = 0; t < forms.size(); ++t) {
        out << t + 1 << '\t' << forms[t] << '\t' << tags[t] << '\n';
      }
      out << '\n';
    }
    if (!out) {
      std::cerr << "vigie: " << options.write << ": cannot write\n";
      return 1;
    }
  }

  std::cout << "vigie eval ner " << std::filesystem::path(options.gold).filename().string()
            << " (system " << options.system << ", lang " << lang << "): " << sentences->size()
            << " sentences in " << eval.article_starts.size() << " documents, "
            << eval.gold_of_token.size() << " tokens, " << score.overall.gold
            << " gold entities; entity stage " << fixed(seconds) << " s ("
            << static_cast<long>(double(eval.gold_of_token.size()) / std::max(seconds, 1e-9))
            << " tokens/s)\n";
  std::cout << "type     gold  system correct  precision recall  F1\n";
  for (EntityType type :
       {EntityType::kPER, EntityType::kORG, EntityType::kLOC, EntityType::kMISC}) {
    if (!score.gold_has_type[std::size_t(type)]) continue;
    const entities::NerCounts& c = score.by_type[std::size_t(type)];
    std::printf("%-7s %6zu %6zu %6zu    %s     %s  %s\n", std::string(to_string(type)).c_str(),
                c.gold, c.system, c.correct, fixed(c.precision()).c_str(),
                fixed(c.recall()).c_str(), fixed(c.f1()).c_str());
  }
  const entities::NerCounts& o = score.overall;
  std::printf("overall %6zu %6zu %6zu    %s     %s  %s\n", o.gold, o.system, o.correct,
              fixed(o.precision()).c_str(), fixed(o.recall()).c_str(), fixed(o.f1()).c_str());
  std::cout << "overall F1 " << fixed(o.f1()) << "\n";
  return 0;
}

}  // namespace vigie::cli
