#include "cli/eval_events_command.h"

#include "cli/ratchet.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "pipeline/pipeline.h"

namespace vigie::cli {
namespace {

namespace fs = std::filesystem;

// ConfliBERT's cameo_class labels (SOURCES.md): 0 statement (root 01), 1 verbal cooperation,
// 2 material cooperation, 3 verbal conflict, 4 material conflict.
int five_class(const Event& event) {
  if (event.cameo.rfind("01", 0) == 0) return 0;
  return event.quad_class;
}

struct Labelled {
  std::vector<std::string> tokens;
  std::vector<std::string> tags;  // B-S, I-S, B-T, I-T, B-R, I-R, O
};

std::vector<Labelled> read_conll(const std::string& path) {
  std::vector<Labelled> out(1);
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!out.back().tokens.empty()) out.emplace_back();
      continue;
    }
    std::size_t space = line.rfind(' ');
    if (space == std::string::npos) continue;
    out.back().tokens.push_back(line.substr(0, space));
    out.back().tags.push_back(line.substr(space + 1));
  }
  if (out.back().tokens.empty()) out.pop_back();
  return out;
}

using SpanSet = std::set<std::tuple<char, std::size_t, std::size_t>>;  // (S|T, first, last)

SpanSet gold_spans(const Labelled& sentence) {
  SpanSet spans;
  for (std::size_t i = 0; i < sentence.tags.size(); ++i) {
    const std::string& tag = sentence.tags[i];
    if (tag.size() < 3 || tag[0] != 'B') continue;
    char role = tag[2];
    std::size_t j = i;
    while (j + 1 < sentence.tags.size() && sentence.tags[j + 1] == std::string("I-") + role) ++j;
    if (role == 'R') {  // reciprocal actors count as both source and target
      spans.insert({'S', i, j});
      spans.insert({'T', i, j});
    } else {
      spans.insert({role, i, j});
    }
  }
  return spans;
}

Document document_of(const std::vector<std::string>& tokens, std::vector<std::size_t>* starts) {
  Document document;
  document.id = "conflibert";
  document.lang = "en";
  for (const std::string& token : tokens) {
    if (!document.text.empty()) document.text += ' ';
    starts->push_back(document.text.size());
    document.text += token;
  }
  return document;
}

// Token range [first, last] covered by a byte span, or nothing.
std::optional<std::pair<std::size_t, std::size_t>> token_range(
    const std::vector<std::size_t>& starts, const std::vector<std::string>& tokens, Span span) {
  std::optional<std::size_t> first, last;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    std::size_t begin = starts[i], end = starts[i] + tokens[i].size();
    if (end <= span.begin || begin >= span.end) continue;
    if (!first) first = i;
    last = i;
  }
  if (!first) return std::nullopt;
  return std::make_pair(*first, *last);
}

struct Counts {
  std::size_t tp = 0, system = 0, gold = 0;
  double precision() const { return system ? double(tp) / system : 0; }
  double recall() const { return gold ? double(tp) / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

}  // namespace

CLI::App* add_eval_events_command(CLI::App& eval_group, EvalEventsOptions& options) {
  CLI::App* cmd = eval_group.add_subcommand(
      "events",
      "Event coding on ConfliBERT's CAMEO test sets: source/target span F1 "
      "(cameo_ner) and 5-class accuracy (cameo_class)");
  cmd->add_option("--conflibert", options.data,
                  "Folder with cameo_ner/test.txt and cameo_class/test.tsv")
      ->default_val("../shared/data/events/conflibert_cameo");
  cmd->add_option("--data", options.data_dir, "Dictionary folder");
  cmd->add_flag("-v,--verbose", options.verbose, "Print every sentence's result");
  cmd->add_option("--min-file", options.min_file,
                  "Ratchets (lines \"source_f1 0.36\", \"target_f1\", \"class_accuracy\"): exit 1 "
                  "when a figure falls below its floor, 77 when the data is absent");
  return cmd;
}

int run_eval_events(const EvalEventsOptions& options, const std::string& argv0) {
  std::string ner_path = options.data + "/cameo_ner/test.txt";
  std::string class_path = options.data + "/cameo_class/test.tsv";
  for (const std::string& path : {ner_path, class_path}) {
    if (!fs::exists(path)) {
      std::cerr << "vigie: " << path << ": not found (give --conflibert)\n";
      if (!options.min_file.empty()) {
        std::cout << "SKIP: the ConfliBERT test sets need ../shared beside the repository\n";
        return 77;
      }
      return 1;
    }
  }
  std::string dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
  auto pipeline = Pipeline::load(dir);
  if (!pipeline) {
    std::cerr << "vigie: " << pipeline.error().to_string() << "\n";
    return 3;
  }

  // Source/target spans: the first event coded in the sentence gives the system's spans.
  Counts source, target, any;
  std::size_t with_event = 0;
  std::vector<Labelled> ner = read_conll(ner_path);
  for (const Labelled& sentence : ner) {
    std::vector<std::size_t> starts;
    Document document = document_of(sentence.tokens, &starts);
    pipeline->run(document);
    SpanSet gold = gold_spans(sentence), system;
    if (!document.events.empty()) {
      ++with_event;
      const Event& event = document.events.front();
      if (event.source) {
        if (auto r = token_range(starts, sentence.tokens, event.source->span)) {
          system.insert({'S', r->first, r->second});
        }
      }
      if (event.target) {
        if (auto r = token_range(starts, sentence.tokens, event.target->span)) {
          system.insert({'T', r->first, r->second});
        }
      }
    }
    for (char role : {'S', 'T'}) {
      Counts& counts = role == 'S' ? source : target;
      for (const auto& span : gold) counts.gold += std::get<0>(span) == role;
      for (const auto& span : system) {
        if (std::get<0>(span) != role) continue;
        ++counts.system;
        counts.tp += gold.count(span);
      }
    }
    if (options.verbose) {
      std::cout << (document.events.empty() ? "none" : document.events.front().cameo) << "\t"
                << document.text << "\n";
    }
  }
  any = {source.tp + target.tp, source.system + target.system, source.gold + target.gold};

  // Five-class accuracy: the first event's class; a sentence with no event counts as class 0.
  std::ifstream in(class_path);
  std::string line;
  std::size_t total = 0, correct = 0, coded = 0;
  std::array<std::array<std::size_t, 5>, 5> confusion{};
  while (std::getline(in, line)) {
    std::size_t tab = line.rfind('\t');
    if (tab == std::string::npos) continue;
    int gold_class = std::atoi(line.c_str() + tab + 1);
    if (gold_class < 0 || gold_class > 4) continue;
    Document document;
    document.id = "conflibert";
    document.lang = "en";
    document.text = line.substr(0, tab);
    pipeline->run(document);
    int predicted = 0;
    if (!document.events.empty()) {
      predicted = five_class(document.events.front());
      ++coded;
    }
    ++total;
    correct += predicted == gold_class;
    ++confusion[gold_class][predicted];
  }

  std::printf("ConfliBERT cameo_ner test (%zu sentences; %zu with an event coded)\n", ner.size(),
              with_event);
  std::printf("  source span   P %.3f  R %.3f  F1 %.3f  (%zu/%zu/%zu)\n", source.precision(),
              source.recall(), source.f1(), source.tp, source.system, source.gold);
  std::printf("  target span   P %.3f  R %.3f  F1 %.3f  (%zu/%zu/%zu)\n", target.precision(),
              target.recall(), target.f1(), target.tp, target.system, target.gold);
  std::printf("  both          P %.3f  R %.3f  F1 %.3f\n", any.precision(), any.recall(), any.f1());
  std::printf("ConfliBERT cameo_class test (%zu sentences; %zu with an event coded)\n", total,
              coded);
  std::printf("  5-class accuracy %.3f (%zu/%zu); no event counts as class 0\n",
              total ? double(correct) / total : 0.0, correct, total);
  std::printf("  confusion (rows gold 0-4, columns predicted 0-4):\n");
  for (int g = 0; g < 5; ++g) {
    std::printf("   ");
    for (int p = 0; p < 5; ++p) std::printf(" %4zu", confusion[g][p]);
    std::printf("\n");
  }
  if (options.min_file.empty()) return 0;
  auto floors = read_floors(options.min_file);
  if (!floors) {
    std::cerr << "vigie: " << floors.error().to_string() << "\n";
    return 1;
  }
  std::map<std::string, double> measured = {
      {"source_f1", source.f1()},
      {"target_f1", target.f1()},
      {"class_accuracy", total ? double(correct) / total : 0.0}};
  for (const auto& [name, floor] : floors.value()) {
    if (!measured.count(name)) {
      std::cerr << "vigie: " << options.min_file << ": unknown figure \"" << name
                << "\" (source_f1, target_f1, class_accuracy)\n";
      return 1;
    }
  }
  int status = check_floors(floors.value(), measured, options.min_file) ? 0 : 1;
  return status;
}

}  // namespace vigie::cli
