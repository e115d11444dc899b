// `vigie parse`: prints the syntactic analysis (UPOS, FEATS, LEMMA, HEAD, DEPREL) as CoNLL-U,
// either of raw text (tokenized by the text stage) or of a CoNLL-U file whose tokens are kept.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vigie::cli {

struct ParseOptions {
  std::string input;       // a text file, or "-" for standard input
  std::string conllu_in;   // a CoNLL-U file to re-analyse with its own tokens
  std::string lang = "auto";
  std::string model;       // a model file; default models/syntax.LANG.bin
  std::string data_dir;
};

CLI::App* add_parse_command(CLI::App& app, ParseOptions& options);
int run_parse(const ParseOptions& options, const std::string& argv0);

// The language of a CoNLL-U file from its UD name ("fr_gsd-ud-test.conllu" -> "fr"), or "".
std::string lang_from_ud_file_name(const std::string& path);

}  // namespace vigie::cli
