#include "cli/langid_commands.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>

#include "langid/langid.h"
#include "pipeline/pipeline.h"

namespace vigie::cli {

namespace fs = std::filesystem;

namespace {

// ---- The "other" class: languages that are neither French nor English, from the gettext
// catalogues (.mo) that Debian's essential packages install under /usr/share/locale. Those
// packages are Essential or Priority: required, so every Debian machine has them; their
// translations are under the packages' free licences (GPL-2+/GPL-3+). ----

// Languages of the "other" class (locale folder names; Latin script first: the ones a French or
// English model could mistake).
const char* const kOtherLanguages[] = {"de", "es", "it", "pt", "nl", "ca", "ro", "pl", "sv", "da",
                                       "nb", "fi", "cs", "sk", "sl", "hr", "hu", "et", "lt", "id",
                                       "tr", "eo", "gl", "eu", "ru", "uk", "bg", "el", "vi"};
// Catalogues trained on (their French translations and English originals also go to fr / en).
const char* const kTrainingCatalogues[] = {"coreutils", "dpkg", "bash", "tar", "apt"};
// Catalogues never trained on: the held-out "other languages" evaluation set.
const char* const kHeldOutCatalogues[] = {"findutils", "grep", "diffutils", "sed"};
// Strings per other language: 29 languages x 400 keeps the "other" class about as large as the
// English one (12,544 EWT sentences + catalogue originals).
constexpr std::size_t kOtherStringsPerLanguage = 400;

std::string catalogue_path(const std::string& locale_dir, const std::string& lang,
                           const std::string& package) {
  return locale_dir + "/" + lang + "/LC_MESSAGES/" + package + ".mo";
}

// Language codes compared the way CLD2 names them (Norwegian Bokmål is CLD2's "no").
std::string canonical(const std::string& lang) {
  if (lang == "nb" || lang == "nn") return "no";
  return lang;
}

bool is_fr_or_en(const std::string& lang) {
  return lang == "fr" || lang == "en";
}

}  // namespace

CLI::App* add_train_langid_command(CLI::App& app, TrainLangidOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "train-langid",
      "Train the fastText language classifier (fr / en / other) that backs CLD2 on short or "
      "uncertain text (models/langid.ftz)");
  cmd->add_option("--fr", options.french, "French CoNLL-U file (plain or .xz; repeat)")->required();
  cmd->add_option("--en", options.english, "English CoNLL-U file (plain or .xz; repeat)")
      ->required();
  cmd->add_option("--locale-dir", options.locale_dir,
                  "Where Debian's gettext catalogues are (the 'other' class)");
  cmd->add_option("--epochs", options.epochs, "Passes over the data");
  cmd->add_option("--seed", options.seed, "Random seed (training is single-threaded)");
  cmd->add_option("-o,--output", options.output, "Model file to write")->required();
  cmd->footer("Exit status: 0 model written, 1 unreadable data, 3 model not written.");
  return cmd;
}

int run_train_langid(const TrainLangidOptions& options) {
  std::vector<langid::TrainingExample> examples;
  std::string data, command = "vigie train-langid";
  std::map<std::string, std::size_t> counts;
  auto add = [&](std::string_view label, std::string text) {
    ++counts[std::string(label)];
    examples.push_back({std::string(label), std::move(text)});
  };
  for (const auto& [label, files] : {std::pair{langid::kLabelFrench, &options.french},
                                     std::pair{langid::kLabelEnglish, &options.english}}) {
    for (const std::string& path : *files) {
      auto texts = langid::read_ud_texts(path, 10);
      if (!texts) {
        std::cerr << "vigie: " << texts.error().to_string() << "\n";
        return 1;
      }
      for (auto& t : *texts) add(label, std::move(t.text));
      std::string name = fs::path(path).filename().string();
      data += (data.empty() ? "" : " + ") + name;
      command += " --" + std::string(label) + " " + name;
    }
  }
  std::size_t catalogues = 0;
  for (const char* package : kTrainingCatalogues) {
    // French translations, and their English originals, of the same catalogue: French and
    // English then have short interface strings too, so that "short" does not mean "other".
    auto french = langid::read_mo_catalogue(catalogue_path(options.locale_dir, "fr", package));
    if (!french) {
      std::cerr << "vigie: " << french.error().to_string() << "\n";
      return 1;
    }
    for (auto& entry : *french) {
      add(langid::kLabelEnglish, std::move(entry.original));
      add(langid::kLabelFrench, std::move(entry.translation));
    }
    ++catalogues;
  }
  for (const char* lang : kOtherLanguages) {
    std::size_t taken = 0;
    for (const char* package : kTrainingCatalogues) {
      std::string path = catalogue_path(options.locale_dir, lang, package);
      if (!fs::exists(path)) continue;  // not every package is translated into every language
      auto entries = langid::read_mo_catalogue(path);
      if (!entries) {
        std::cerr << "vigie: " << entries.error().to_string() << "\n";
        return 1;
      }
      ++catalogues;
      for (auto& entry : *entries) {
        if (taken == kOtherStringsPerLanguage) break;
        add(langid::kLabelOther, std::move(entry.translation));
        ++taken;
      }
    }
  }
  data += " + " + std::to_string(catalogues) + " gettext catalogues of Debian's ";
  for (const char* package : kTrainingCatalogues) data += std::string(package) + " ";
  data += "(fr, and " + std::to_string(std::size(kOtherLanguages)) + " other languages)";
  command += " --epochs " + std::to_string(options.epochs) + " --seed " +
             std::to_string(options.seed) + " (make models)";
  std::cerr << "train-langid: fr " << counts["fr"] << ", en " << counts["en"] << ", other "
            << counts["other"] << " texts\n";
  langid::TrainOptions train;
  train.epochs = options.epochs;
  train.seed = options.seed;
  train.command = command;
  train.data = data;
  train.log = &std::cerr;
  auto written = langid::train_model(examples, train, options.output);
  if (!written) {
    std::cerr << "vigie: " << written.error().to_string() << "\n";
    return 3;
  }
  std::cerr << "wrote " << options.output << " (" << fs::file_size(options.output) / 1024
            << " KiB)\n";
  return 0;
}

// ---------------------------------------------------------------------------------------------

CLI::App* add_eval_langid_command(CLI::App& eval_group, EvalLangidOptions& options) {
  CLI::App* cmd = eval_group.add_subcommand(
      "langid",
      "Language identification: CLD2 alone, fastText alone and Vigie's combination, "
      "per language, on sentences, short inputs (< 40 bytes) and documents");
  cmd->add_option("--data", options.nlp_dir, "The UD folder (../shared/data/nlp)")->required();
  cmd->add_option("--locale-dir", options.locale_dir,
                  "Debian's gettext catalogues (held-out packages: other languages)");
  cmd->add_option("--cld2-samples", options.cld2_samples,
                  "CLD2's unittest_data.h (one text per language, from libcld2-dev)");
  cmd->add_option("--model", options.model, "fastText model (default: models/langid.ftz)");
  cmd->add_option("--dictionaries", options.data_dir, "Dictionary folder (models/ is beside it)");
  cmd->add_option("--min-file", options.min_file,
                  "Ratchet: lines `KEY MIN_ACC`; exit 1 when a combined accuracy is lower");
  cmd->add_flag("--errors", options.errors, "Print each text the combination gets wrong");
  cmd->footer(
      "Exit status: 0 measured, 1 below the ratchet or unreadable data, 3 no model, "
      "77 no data (skipped).");
  return cmd;
}

namespace {

struct Tally {
  std::size_t n = 0, right = 0;
  void add(bool ok) {
    ++n;
    right += ok;
  }
  double accuracy() const { return n ? double(right) / n : 0; }
};

enum EngineIndex { kCld2 = 0, kFastText = 1, kCombined = 2, kEngines = 3 };
const char* const kEngineNames[kEngines] = {"cld2", "fasttext", "combined"};

struct Row {
  Tally engine[kEngines];
};

// The texts of CLD2's own unit test (one per language): name `kTeststr_LANG_Script`.
std::vector<std::pair<std::string, std::string>> read_cld2_samples(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(path);
  std::string line;
  std::map<std::string, bool> seen;
  while (std::getline(in, line)) {
    const std::string prefix = "const char* kTeststr_";
    if (line.rfind(prefix, 0) != 0) continue;
    std::size_t name_end = line.find(' ', prefix.size());
    std::size_t open = line.find('"'), close = line.rfind('"');
    if (name_end == std::string::npos || open == std::string::npos || close <= open) continue;
    std::string name = line.substr(prefix.size(), name_end - prefix.size());
    std::string text = line.substr(open + 1, close - open - 1);
    if (text.find('\\') != std::string::npos || seen[name]) continue;  // escaped duplicates
    seen[name] = true;
    out.push_back({name.substr(0, name.find('_')), text});
  }
  return out;
}

}  // namespace

int run_eval_langid(const EvalLangidOptions& options, const std::string& argv0) {
  if (!fs::is_directory(options.nlp_dir)) {
    std::cout << "SKIP: " << options.nlp_dir
              << " not found (the UD treebanks live in ../shared/data/nlp)\n";
    return 77;
  }
  std::string model_path = options.model;
  if (model_path.empty()) {
    std::string dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
    model_path = langid::default_model_path(dir);
  }
  auto identifier = langid::LanguageIdentifier::load(model_path);
  if (!identifier) {
    std::cerr << "vigie: " << identifier.error().to_string() << "\n";
    return 3;
  }
  auto guess = [&](int engine, const std::string& text) {
    switch (engine) {
      case kCld2:
        return langid::LanguageIdentifier::identify_with_cld2(text);
      case kFastText:
        return identifier->identify_with_fasttext(text);
      default:
        return identifier->identify(text);
    }
  };

  // Rows keyed "GROUP UNIT" in print order.
  std::vector<std::string> order;
  std::map<std::string, Row> rows;
  auto row = [&](const std::string& key) -> Row& {
    if (!rows.count(key)) order.push_back(key);
    return rows[key];
  };
  // Accuracy by length, for the threshold kShortTextBytes (fr/en and other languages apart).
  const std::size_t kBuckets[] = {40, 100, 200};
  auto bucket_name = [&](std::size_t bytes) {
    if (bytes < kBuckets[0]) return std::string("<40");
    if (bytes < kBuckets[1]) return std::string("40-99");
    if (bytes < kBuckets[2]) return std::string("100-199");
    return std::string(">=200");
  };
  std::map<std::string, Row> by_length;
  std::map<std::string, Tally> cld2_reliable, fasttext_reliable;
  // The conflicts the combination rule settles, on sentences: CLD2 reliably names a language
  // that is neither fr nor en while fastText says fr or en. Tallied by who was right.
  std::map<std::string, Tally> conflicts;
  // Every scored sentence, for the sweep of the short-text threshold.
  std::vector<std::pair<std::string, std::string>> sentences, documents;  // gold, text

  auto score = [&](const std::string& set, const std::string& lang_group, const std::string& unit,
                   const std::string& gold, const std::string& text, bool exact_for_other) {
    std::string length = bucket_name(text.size());
    if (unit == "sentence" && !exact_for_other) sentences.push_back({gold, text});
    if (unit == "document" && !exact_for_other) documents.push_back({gold, text});
    if (unit == "sentence" && !exact_for_other) {
      langid::LanguageGuess c = guess(kCld2, text), f = guess(kFastText, text);
      if (c.reliable && !c.lang.empty() && !is_fr_or_en(c.lang) && is_fr_or_en(f.lang)) {
        std::string key = std::string(text.size() < 100 ? "<100" : ">=100") +
                          (f.reliable ? " fasttext reliable" : " fasttext unsure");
        conflicts[key].add(is_fr_or_en(gold));  // right = fastText was right to say fr/en
      }
    }
    for (int e = 0; e < kEngines; ++e) {
      langid::LanguageGuess g = guess(e, text);
      bool ok;
      if (is_fr_or_en(gold)) {
        ok = g.lang == gold;
      } else if (exact_for_other) {
        ok = !g.lang.empty() && canonical(g.lang) == canonical(gold);
      } else {
        ok = !is_fr_or_en(g.lang);
      }
      std::string suffix = is_fr_or_en(gold) ? "" : exact_for_other ? " exact" : " not-fr/en";
      row(set + "|" + unit + suffix).engine[e].add(ok);
      row(lang_group + "|" + unit + suffix).engine[e].add(ok);
      if (unit == "sentence") {
        by_length[(is_fr_or_en(gold) ? "fr+en " : "other ") + length + suffix].engine[e].add(ok);
        if (e == kCld2 && g.reliable)
          cld2_reliable[(is_fr_or_en(gold) ? "fr+en " : "other ") + length + suffix].add(ok);
        if (e == kFastText && g.reliable)
          fasttext_reliable[(is_fr_or_en(gold) ? "fr+en " : "other ") + length + suffix].add(ok);
      }
      if (e == kCombined && !ok && options.errors) {
        std::printf("ERROR %s %s gold %s got '%s' (%s %.2f): %s\n", set.c_str(), unit.c_str(),
                    gold.c_str(), g.lang.c_str(),
                    std::string(langid::engine_name(g.engine)).c_str(), g.confidence,
                    text.substr(0, 200).c_str());
      }
    }
  };

  // UD test files: never trained on (the model uses Sequoia train, GSD dev, EWT train).
  const struct {
    const char* set;
    const char* file;
    const char* lang;
  } kUdTests[] = {
      {"fr_sequoia_test", "ud_fr_sequoia/fr_sequoia-ud-test.conllu", "fr"},
      {"fr_gsd_test", "ud_fr_gsd/fr_gsd-ud-test.conllu", "fr"},
      {"fr_pud", "ud_fr_pud/fr_pud-ud-test.conllu.xz", "fr"},
      {"en_ewt_test", "ud_en_ewt/en_ewt-ud-test.conllu.xz", "en"},
      {"en_pud", "ud_en_pud/en_pud-ud-test.conllu.xz", "en"},
  };
  for (const auto& test : kUdTests) {
    auto texts = langid::read_ud_texts(options.nlp_dir + "/" + test.file, 10);
    if (!texts) {
      std::cerr << "vigie: " << texts.error().to_string() << "\n";
      return 1;
    }
    std::map<int, std::string> texts_by_document;
    for (const auto& t : *texts) {
      score(test.set, test.lang, "sentence", test.lang, t.text, false);
      if (t.text.size() < 40) score(test.set, test.lang, "short<40", test.lang, t.text, false);
      std::string& d = texts_by_document[t.document];
      d += (d.empty() ? "" : " ") + t.text;
    }
    for (const auto& [id, text] : texts_by_document) {
      score(test.set, test.lang, "document", test.lang, text, false);
    }
  }
  // Other languages: the held-out catalogues, one string = one sentence.
  for (const char* lang : kOtherLanguages) {
    for (const char* package : kHeldOutCatalogues) {
      std::string path = catalogue_path(options.locale_dir, lang, package);
      if (!fs::exists(path)) continue;
      auto entries = langid::read_mo_catalogue(path);
      if (!entries) continue;
      for (const auto& entry : *entries) {
        for (bool exact : {false, true}) {
          score("catalogues", "other", "sentence", lang, entry.translation, exact);
          if (entry.translation.size() < 40) {
            score("catalogues", "other", "short<40", lang, entry.translation, exact);
          }
        }
      }
    }
  }
  // CLD2's own sample texts (document-sized, ~100 languages): fr and en ones count as such.
  for (const auto& [lang, text] : read_cld2_samples(options.cld2_samples)) {
    // Many of these languages are not in Debian's CLD2 tables (only its ~80 "small" ones), so
    // only "not called fr/en" is scored.
    if (is_fr_or_en(lang)) continue;
    score("cld2_samples", "other", "document", lang, text, false);
  }

  std::printf("%-16s %-20s %6s %9s %9s %9s\n", "set", "unit", "n", "cld2", "fasttext", "combined");
  for (const std::string& key : order) {
    const Row& r = rows[key];
    std::size_t bar = key.find('|');
    std::printf("%-16s %-20s %6zu %9.3f %9.3f %9.3f\n", key.substr(0, bar).c_str(),
                key.substr(bar + 1).c_str(), r.engine[0].n, r.engine[0].accuracy(),
                r.engine[1].accuracy(), r.engine[2].accuracy());
  }
  std::printf("\nsentences by length (bytes)\n");
  for (const auto& [key, r] : by_length) {
    std::printf(
        "%-30s %6zu %9.3f %9.3f %9.3f | cld2 reliable %5zu %6.3f | fasttext reliable %5zu %6.3f\n",
        key.c_str(), r.engine[0].n, r.engine[0].accuracy(), r.engine[1].accuracy(),
        r.engine[2].accuracy(), cld2_reliable[key].n, cld2_reliable[key].accuracy(),
        fasttext_reliable[key].n, fasttext_reliable[key].accuracy());
  }

  std::printf(
      "\nconflicts on sentences: CLD2 reliably says another language, fastText says fr/en\n");
  for (const auto& [key, tally] : conflicts) {
    std::printf("%-30s %6zu  fastText right %5zu  CLD2 side right %5zu\n", key.c_str(), tally.n,
                tally.right, tally.n - tally.right);
  }

  // The combination rule at other short-text thresholds (Vigie uses the marked one).
  std::printf(
      "\ncombination by short-text threshold (sentences): CLD2 alone decides at or above it "
      "when reliable\n%-10s %9s %9s %14s %12s | %9s %15s\n",
      "threshold", "fr+en", "fr+en<40", "other not-fr/en", "other exact", "doc fr+en",
      "doc not-fr/en");
  for (std::size_t threshold : {std::size_t{0}, std::size_t{40}, std::size_t{70}, std::size_t{100},
                                std::size_t{150}, std::size_t{200}, std::size_t{1000000}}) {
    Tally fren, fren_short, other, other_exact;
    for (const auto& [gold, text] : sentences) {
      langid::LanguageGuess g = identifier->identify(text, threshold);
      if (is_fr_or_en(gold)) {
        fren.add(g.lang == gold);
        if (text.size() < 40) fren_short.add(g.lang == gold);
      } else {
        other.add(!is_fr_or_en(g.lang));
        other_exact.add(!g.lang.empty() && canonical(g.lang) == canonical(gold));
      }
    }
    Tally doc_fren, doc_other;
    for (const auto& [gold, text] : documents) {
      langid::LanguageGuess g = identifier->identify(text, threshold);
      if (is_fr_or_en(gold)) {
        doc_fren.add(g.lang == gold);
      } else {
        doc_other.add(!is_fr_or_en(g.lang));
      }
    }
    std::printf("%-10s %9.4f %9.4f %14.4f %12.4f | %9.4f %15.4f%s\n",
                threshold == 1000000 ? "never" : std::to_string(threshold).c_str(), fren.accuracy(),
                fren_short.accuracy(), other.accuracy(), other_exact.accuracy(),
                doc_fren.accuracy(), doc_other.accuracy(),
                threshold == langid::LanguageIdentifier::short_text_bytes() ? "  <- Vigie" : "");
  }

  int status = 0;
  if (!options.min_file.empty()) {
    std::ifstream in(options.min_file);
    if (!in) {
      std::cerr << "vigie: " << options.min_file << ": cannot open the ratchet file\n";
      return 1;
    }
    // KEY is "GROUP|UNIT" with spaces as '_' ("fr|short<40", "other|sentence_not-fr/en").
    std::string key;
    double minimum;
    while (in >> key >> minimum) {
      for (char& c : key) c = c == '_' ? ' ' : c;
      auto it = rows.find(key);
      if (it == rows.end()) {
        // No text for it on this machine (no catalogues under --locale-dir, say): not a failure.
        std::printf("NOTE %s: nothing to score, ratchet not checked\n", key.c_str());
        continue;
      }
      double accuracy = it->second.engine[kCombined].accuracy();
      if (accuracy + 1e-9 < minimum) {
        std::printf("FAIL %s combined accuracy %.3f below the ratchet %.3f (%s)\n", key.c_str(),
                    accuracy, minimum, options.min_file.c_str());
        status = 1;
      }
    }
  }
  return status;
}

}  // namespace vigie::cli
