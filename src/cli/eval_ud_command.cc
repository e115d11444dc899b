#include "cli/eval_ud_command.h"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/parse_command.h"
#include "pipeline/pipeline.h"
#include "syntax/conllu.h"
#include "syntax/syntax.h"

namespace vigie::cli {

CLI::App* add_eval_ud_command(CLI::App& eval_group, EvalUdOptions& options) {
  CLI::App* cmd = eval_group.add_subcommand(
      "ud", "Tagging, lemmas and parsing scored on a UD CoNLL-U file (gold tokenization, "
            "CoNLL 2018 definitions)");
  cmd->add_option("gold", options.gold, "The gold CoNLL-U file")->required();
  cmd->add_option("--system", options.system,
                  "Score this CoNLL-U analysis instead of running Vigie's model");
  cmd->add_option("--lang", options.lang, "fr, en, or auto (from the UD file name)");
  cmd->add_option("--model", options.model, "Model file (default: models/syntax.LANG.bin)");
  cmd->add_option("--data", options.data_dir, "Dictionary folder (models/ is beside it)");
  cmd->footer("Exit status: 0 scored, 1 unreadable or mismatched files, 3 no model.");
  return cmd;
}

int run_eval_ud(const EvalUdOptions& options, const std::string& argv0) {
  auto gold = syntax::read_conllu(options.gold);
  if (!gold) {
    std::cerr << "vigie: " << gold.error().to_string() << "\n";
    return 1;
  }
  std::vector<syntax::UdSentence> system;
  double seconds = 0;
  if (!options.system.empty()) {
    auto read = syntax::read_conllu(options.system);
    if (!read) {
      std::cerr << "vigie: " << read.error().to_string() << "\n";
      return 1;
    }
    system = std::move(read).value();
  } else {
    std::string lang = options.lang != "auto" ? options.lang : lang_from_ud_file_name(options.gold);
    if (lang.empty() && options.model.empty()) {
      std::cerr << "vigie: " << options.gold << ": cannot tell the language, give --lang\n";
      return 1;
    }
    std::string data_dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
    auto model = syntax::SyntaxModel::load(
        options.model.empty() ? syntax::default_model_path(data_dir, lang) : options.model);
    if (!model) {
      std::cerr << "vigie: " << model.error().to_string() << "\n";
      return 3;
    }
    system = *gold;
    auto start = std::chrono::steady_clock::now();
    for (auto& sentence : system) model->analyze(sentence);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  auto scores = syntax::score_ud(*gold, system);
  if (!scores) {
    std::cerr << "vigie: " << options.gold << ": " << scores.error().to_string() << "\n";
    return 1;
  }
  std::printf("%s: %zu sentences, %zu words\n", options.gold.c_str(), scores->sentences,
              scores->words);
  std::printf("UPOS %.2f  UFeats %.2f  Lemmas %.2f  UAS %.2f  LAS %.2f\n", scores->upos,
              scores->ufeats, scores->lemmas, scores->uas, scores->las);
  for (std::size_t f = 0; f < std::size(syntax::kReportedFeatures); ++f) {
    std::printf("%s%s %.2f", f ? "  " : "", std::string(syntax::kReportedFeatures[f]).c_str(),
                scores->feature_accuracy[f]);
  }
  std::printf("\n");
  if (scores->conditional_gold > 0) {
    std::printf("conditional mood recall %.2f (%zu/%zu)\n",
                100.0 * scores->conditional_found / scores->conditional_gold,
                scores->conditional_found, scores->conditional_gold);
  }
  if (seconds > 0) {
    std::printf("analysis (tag + lemma + parse, gold tokens): %.0f words/s\n",
                scores->words / seconds);
  }
  return 0;
}

}  // namespace vigie::cli
