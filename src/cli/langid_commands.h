// Stage `language` on the command line:
//   `vigie train-langid` trains models/langid.ftz (fastText fr/en/other) from UD treebank text and
//      the gettext catalogues of Debian packages (scripts/train-syntax-models.sh, `make models`);
//   `vigie eval langid` measures CLD2 alone, fastText alone and their combination on held-out
//      text, per language, at sentence and document level and on short inputs.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace vigie::cli {

struct TrainLangidOptions {
  std::vector<std::string> french, english;  // CoNLL-U files (plain or .xz)
  std::string locale_dir = "/usr/share/locale";
  std::string output;
  int epochs = 10;
  int seed = 1;
};
CLI::App* add_train_langid_command(CLI::App& app, TrainLangidOptions& options);
int run_train_langid(const TrainLangidOptions& options);

struct EvalLangidOptions {
  std::string nlp_dir;  // ../shared/data/nlp
  std::string locale_dir = "/usr/share/locale";
  std::string cld2_samples = "/usr/include/cld2/internal/unittest_data.h";
  std::string model;     // default: models/langid.ftz
  std::string data_dir;  // dictionaries (models/ is beside it)
  std::string min_file;  // ratchet
  bool errors = false;
};
CLI::App* add_eval_langid_command(CLI::App& eval_group, EvalLangidOptions& options);
int run_eval_langid(const EvalLangidOptions& options, const std::string& argv0);

}  // namespace vigie::cli
