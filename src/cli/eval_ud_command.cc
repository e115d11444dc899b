#include "cli/eval_ud_command.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/parse_command.h"
#include "pipeline/pipeline.h"
#include "syntax/conllu.h"
#include "syntax/syntax.h"
#include "text/text.h"

namespace vigie::cli {

CLI::App* add_eval_ud_command(CLI::App& eval_group, EvalUdOptions& options) {
  CLI::App* cmd = eval_group.add_subcommand(
      "ud",
      "Tagging, lemmas and parsing scored on a UD CoNLL-U file (gold tokenization, "
      "CoNLL 2018 definitions)");
  cmd->add_option("gold", options.gold, "The gold CoNLL-U file")->required();
  cmd->add_option("--system", options.system,
                  "Score this CoNLL-U analysis instead of running Vigie's model");
  cmd->add_option("--lang", options.lang, "fr, en, or auto (from the UD file name)");
  cmd->add_option("--model", options.model, "Model file (default: models/syntax.LANG.bin)");
  cmd->add_option("--data", options.data_dir, "Dictionary folder (models/ is beside it)");
  cmd->add_flag(
      "--tokenize", options.tokenize,
      "Segment the file's raw text with Vigie's tokenizer and sentence splitter (or score "
      "--system's own segmentation) and print CoNLL 2018 token, word, sentence, UPOS "
      "and LAS F1 aligned on characters");
  cmd->add_flag("--no-multiword", options.no_multiword,
                "With --tokenize: analyse each surface token as one word (no contraction "
                "expansion), the pipeline's behaviour before it had one");
  cmd->footer("Exit status: 0 scored, 1 unreadable or mismatched files, 3 no model.");
  return cmd;
}

namespace {

// The model `vigie eval ud` scores: --model, else models/syntax.LANG.bin for --lang or the UD
// file's language. Prints the problem and sets `exit_code` when there is none.
std::optional<syntax::SyntaxModel> load_model(const EvalUdOptions& options,
                                              const std::string& argv0, int* exit_code) {
  std::string lang = options.lang != "auto" ? options.lang : lang_from_ud_file_name(options.gold);
  if (lang.empty() && options.model.empty()) {
    std::cerr << "vigie: " << options.gold << ": cannot tell the language, give --lang\n";
    *exit_code = 1;
    return std::nullopt;
  }
  std::string data_dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
  auto model = syntax::SyntaxModel::load(
      options.model.empty() ? syntax::default_model_path(data_dir, lang) : options.model);
  if (!model) {
    std::cerr << "vigie: " << model.error().to_string() << "\n";
    *exit_code = 3;
    return std::nullopt;
  }
  return std::move(model).value();
}

// --system: another tool's CoNLL-U output, scored instead of Vigie's analysis.
bool read_system(const EvalUdOptions& options, std::vector<syntax::UdSentence>* system) {
  auto read = syntax::read_conllu(options.system);
  if (!read) {
    std::cerr << "vigie: " << read.error().to_string() << "\n";
    return false;
  }
  *system = std::move(read).value();
  return true;
}

void print_count(const char* name, const syntax::AlignedCount& count) {
  std::printf("%s F1 %.2f (precision %.2f, recall %.2f; gold %zu, system %zu, correct %zu)\n", name,
              count.f1(), count.precision(), count.recall(), count.gold, count.system,
              count.correct);
}

// --tokenize: our own segmentation of the gold file's raw text, scored on characters.
int run_eval_ud_tokenize(const EvalUdOptions& options, const std::string& argv0,
                         const std::vector<syntax::UdSentence>& gold) {
  const std::string raw = syntax::raw_text_of(gold);
  std::vector<syntax::UdSentence> system;
  double seconds = 0;
  if (!options.system.empty()) {
    if (!read_system(options, &system)) return 1;
  } else {
    int exit_code = 0;
    std::optional<syntax::SyntaxModel> model = load_model(options, argv0, &exit_code);
    if (!model) return exit_code;
    const std::string& lang = model->lang();
    auto start = std::chrono::steady_clock::now();
    std::vector<Token> tokens = text::tokenize(raw, lang);
    for (const text::SentenceBounds& b : text::split_sentences(raw, tokens, lang)) {
      std::vector<std::string> forms;
      for (std::uint32_t t = b.first_token; t < b.first_token + b.token_count; ++t) {
        forms.emplace_back(raw.substr(tokens[t].span.begin, tokens[t].span.size()));
      }
      if (options.no_multiword) {
        syntax::UdSentence sentence;
        for (std::string& form : forms) sentence.words.push_back({.form = std::move(form)});
        model->analyze(sentence);
        system.push_back(std::move(sentence));
      } else {
        system.push_back(model->analyze_tokens(forms).sentence);
      }
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  const syntax::Segmentation gold_segments = syntax::segmentation_of(gold);
  const syntax::Segmentation system_segments = syntax::segmentation_of(system);
  const auto characters = [](const syntax::Segmentation& s) {
    return s.tokens.empty() ? 0u : s.tokens.back().end;
  };
  if (characters(gold_segments) != characters(system_segments)) {
    std::cerr << "vigie: " << options.gold << ": the system segmented "
              << characters(system_segments) << " non-space characters, the gold has "
              << characters(gold_segments) << " (not the same raw text)\n";
    return 1;
  }
  const syntax::SegmentationScores scores =
      syntax::score_segmentation(gold_segments, system_segments);
  std::printf("%s: raw text of %zu bytes, %u non-space characters, segmented by %s\n",
              options.gold.c_str(), raw.size(), characters(gold_segments),
              options.system.empty() ? "Vigie" : options.system.c_str());
  std::printf("Tokens %.2f  Words %.2f  Sentences %.2f  UPOS %.2f  LAS %.2f  (F1)\n",
              scores.tokens.f1(), scores.words.f1(), scores.sentences.f1(), scores.upos.f1(),
              scores.las.f1());
  print_count("tokens", scores.tokens);
  print_count("words", scores.words);
  print_count("sentences", scores.sentences);
  print_count("UPOS", scores.upos);
  print_count("LAS", scores.las);
  if (seconds > 0) {
    std::printf("segmentation + analysis: %.0f characters/s\n",
                characters(gold_segments) / seconds);
  }
  return 0;
}

}  // namespace

int run_eval_ud(const EvalUdOptions& options, const std::string& argv0) {
  auto gold = syntax::read_conllu(options.gold);
  if (!gold) {
    std::cerr << "vigie: " << gold.error().to_string() << "\n";
    return 1;
  }
  if (options.tokenize) return run_eval_ud_tokenize(options, argv0, *gold);
  std::vector<syntax::UdSentence> system;
  double seconds = 0;
  if (!options.system.empty()) {
    if (!read_system(options, &system)) return 1;
  } else {
    int exit_code = 0;
    std::optional<syntax::SyntaxModel> model = load_model(options, argv0, &exit_code);
    if (!model) return exit_code;
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
  if (scores->conditional_gold > 0 || scores->conditional_system > 0) {
    // The "conditional mood recall >= 95%" (the events stage reads Mood=Cnd as
    // "alleged"); precision says how often a word tagged conditional is one.
    const auto percent = [](std::size_t part, std::size_t whole) {
      return whole == 0 ? 100.0 : 100.0 * part / whole;
    };
    std::printf(
        "Mood=Cnd recall %.2f (%zu/%zu gold words)  Mood=Cnd precision %.2f (%zu/%zu "
        "system words)\n",
        percent(scores->conditional_found, scores->conditional_gold), scores->conditional_found,
        scores->conditional_gold, percent(scores->conditional_found, scores->conditional_system),
        scores->conditional_found, scores->conditional_system);
  }
  if (seconds > 0) {
    std::printf("analysis (tag + lemma + parse, gold tokens): %.0f words/s\n",
                scores->words / seconds);
  }
  return 0;
}

}  // namespace vigie::cli
