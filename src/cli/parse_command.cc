#include "cli/parse_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "document/document.h"
#include "langid/langid.h"
#include "pipeline/pipeline.h"
#include "syntax/conllu.h"
#include "syntax/syntax.h"
#include "text/text.h"

namespace vigie::cli {

std::string lang_from_ud_file_name(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  std::size_t underscore = name.find('_');
  if (underscore == 2 || underscore == 3) return name.substr(0, underscore);
  return {};
}

CLI::App* add_parse_command(CLI::App& app, ParseOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "parse", "Print the syntactic analysis of a text (or of a CoNLL-U file, keeping its tokens) "
               "as CoNLL-U");
  cmd->add_option("input", options.input, "Text file to analyse, or - for standard input");
  cmd->add_option("--conllu-in", options.conllu_in,
                  "CoNLL-U file to re-analyse with its own tokenization (gold tokens)");
  cmd->add_option("--lang", options.lang, "fr, en, or auto (guessed from the text or file name)");
  cmd->add_option("--model", options.model, "Model file (default: models/syntax.LANG.bin)");
  cmd->add_option("--data", options.data_dir, "Dictionary folder (models/ is beside it)");
  cmd->footer("Exit status: 0 analysed, 1 input unreadable, 2 bad command line, 3 no model.");
  return cmd;
}

int run_parse(const ParseOptions& options, const std::string& argv0) {
  if (options.input.empty() == options.conllu_in.empty()) {
    std::cerr << "vigie parse: give either INPUT or --conllu-in FILE\n";
    return 2;
  }
  std::string data_dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
  if (!options.conllu_in.empty()) {
    auto sentences = syntax::read_conllu(options.conllu_in);
    if (!sentences) {
      std::cerr << "vigie: " << sentences.error().to_string() << "\n";
      return 1;
    }
    std::string lang = options.lang != "auto" ? options.lang : lang_from_ud_file_name(options.conllu_in);
    if (lang.empty() && options.model.empty()) {
      std::cerr << "vigie: " << options.conllu_in << ": cannot tell the language, give --lang\n";
      return 2;
    }
    auto model = syntax::SyntaxModel::load(
        options.model.empty() ? syntax::default_model_path(data_dir, lang) : options.model);
    if (!model) {
      std::cerr << "vigie: " << model.error().to_string() << "\n";
      return 3;
    }
    for (auto& sentence : *sentences) model->analyze(sentence);
    syntax::write_conllu(std::cout, *sentences);
    return 0;
  }
  Document document;
  document.id = options.input;
  if (options.input == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    document.text = buffer.str();
  } else {
    std::ifstream in(options.input, std::ios::binary);
    if (!in) {
      std::cerr << "vigie: " << options.input << ": cannot open file\n";
      return 1;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    document.text = buffer.str();
  }
  if (options.lang != "auto") {
    document.lang = options.lang;
  } else {
    // Stage `language`; without a readable models/langid.ftz, CLD2 alone.
    auto identifier = langid::LanguageIdentifier::load(langid::default_model_path(data_dir));
    if (!identifier) std::cerr << "vigie: warning: " << identifier.error().to_string() << "\n";
    document.lang = identifier ? identifier->identify(document.text).lang
                               : langid::LanguageIdentifier::identify_with_cld2(document.text).lang;
  }
  if (document.lang.empty()) document.lang = "en";
  auto model = syntax::SyntaxModel::load(
      options.model.empty() ? syntax::default_model_path(data_dir, document.lang) : options.model);
  if (!model) {
    std::cerr << "vigie: " << model.error().to_string() << "\n";
    return 3;
  }
  text::segment(document);
  model->analyze(document);
  std::vector<syntax::UdSentence> out;
  for (std::size_t s = 0; s < document.sentences.size(); ++s) {
    const Sentence& sentence = document.sentences[s];
    const std::string& field = sentence.field == Field::kTitle ? document.title : document.text;
    syntax::UdSentence ud;
    ud.comments.push_back("sent_id = " + std::to_string(s + 1));
    ud.comments.push_back("text = " + field.substr(sentence.span.begin, sentence.span.size()));
    for (std::uint32_t i = 0; i < sentence.token_count; ++i) {
      const Token& token = document.tokens[sentence.first_token + i];
      syntax::UdWord w;
      w.form = field.substr(token.span.begin, token.span.size());
      w.lemma = token.lemma;
      w.upos = token.upos;
      w.feats = token.feats;
      w.head = token.head < 0 ? 0 : token.head - static_cast<int>(sentence.first_token) + 1;
      w.deprel = token.deprel;
      bool last = i + 1 == sentence.token_count;
      if (!last && document.tokens[sentence.first_token + i + 1].span.begin == token.span.end) {
        w.misc = "SpaceAfter=No";
      }
      ud.words.push_back(std::move(w));
    }
    out.push_back(std::move(ud));
  }
  syntax::write_conllu(std::cout, out);
  return 0;
}

}  // namespace vigie::cli
