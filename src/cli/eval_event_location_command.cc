#include "cli/eval_event_location_command.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/ratchet.h"
#include "geo/geo.h"
#include "pipeline/pipeline.h"

namespace vigie::cli {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

struct GoldRecord {
  std::string text;
  Span verb;
  std::vector<Span> places;
};

// The character span of tokens[first..last] (the annotation's token indices are reliable; its
// character offsets are not always).
std::optional<Span> token_span(const json& tokens, const json& span) {
  if (!span.contains("token_start") || !span.contains("token_end")) return std::nullopt;
  const std::size_t first = span["token_start"].get<std::size_t>(),
                    last = span["token_end"].get<std::size_t>();
  if (first > last || last >= tokens.size()) return std::nullopt;
  return Span{tokens[first].value("start", 0u), tokens[last].value("end", 0u)};
}

Expected<std::vector<GoldRecord>> read_gold(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path, "cannot read"};
  std::stringstream buffer;
  buffer << in.rdbuf();
  json all = json::parse(buffer.str(), nullptr, false);
  if (all.is_discarded() || !all.is_array()) return Error{path, "expected one JSON array"};
  std::vector<GoldRecord> records;
  for (const json& item : all) {
    if (!item.is_object() || item.value("source", "") != "RELABEL") continue;
    if (!item.contains("tokens") || !item.contains("spans")) continue;
    GoldRecord r;
    r.text = item.value("text", "");
    bool has_verb = false;
    for (const json& span : item["spans"]) {
      auto chars = token_span(item["tokens"], span);
      if (!chars || chars->end > r.text.size()) continue;
      if (span.value("label", "") == "VERB") {
        r.verb = *chars;
        has_verb = true;
      } else if (span.value("label", "") == "LOCATION") {
        r.places.push_back(*chars);
      }
    }
    if (has_verb) records.push_back(std::move(r));
  }
  return records;
}

bool overlaps(Span a, Span b) {
  return a.begin < b.end && b.begin < a.end;
}

}  // namespace

CLI::App* add_eval_event_location_command(CLI::App& eval_group, EvalEventLocationOptions& options) {
  CLI::App* cmd = eval_group.add_subcommand(
      "event-location",
      "Where events happened: Vigie's event location for the gold verbs of the RELABEL subset of "
      "ahalterman/event_location");
  cmd->add_option("--data", options.data, "labeled_text.jsonl, unzipped (one JSON array)")
      ->required();
  cmd->add_option("--dictionaries", options.data_dir, "Dictionary folder");
  cmd->add_option("--min-file", options.min_file,
                  "Ratchet: lines `located|unlocated|overall MIN`; exit 1 when a share is lower");
  cmd->add_flag("--errors", options.errors, "Print each record Vigie gets wrong");
  return cmd;
}

int run_eval_event_location(const EvalEventLocationOptions& options, const std::string& argv0) {
  if (!fs::is_regular_file(options.data)) {
    std::cout << "SKIP: " << options.data
              << " not found (the event-location gold lives in ../shared)\n";
    return 77;
  }
  auto records = read_gold(options.data);
  if (!records) {
    std::cerr << "vigie: " << records.error().to_string() << "\n";
    return 1;
  }
  std::string dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
  auto pipeline = Pipeline::load(dir);
  if (!pipeline) {
    std::cerr << "vigie: " << pipeline.error().to_string() << "\n";
    return 3;
  }
  const geo::Geocoder* geocoder = pipeline->geocoder();
  if (!geocoder) {
    std::cerr << "vigie: no gazetteer (run `vigie gazetteer build`, or make deps and build)\n";
    return 3;
  }
  std::size_t located = 0, located_right = 0, unlocated = 0, unlocated_right = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_source;  // source -> (given, right)
  for (std::size_t n = 0; n < records->size(); ++n) {
    const GoldRecord& gold = (*records)[n];
    Document document;
    document.id = "event_location#" + std::to_string(n);
    document.lang = "en";
    document.text = gold.text;
    pipeline->run(document);
    // The verb's event: the one event coding made there (its actors are not its place), else an
    // event of its own.
    std::optional<Event> event;
    for (const Event& e : document.events) {
      if (document.sentences[e.sentence].field == Field::kBody && overlaps(e.trigger, gold.verb)) {
        event = e;
        event->location.reset();
        event->location_source.clear();
        break;
      }
    }
    if (!event) {
      for (std::uint32_t s = 0; s < document.sentences.size(); ++s) {
        const Sentence& sentence = document.sentences[s];
        if (sentence.field != Field::kBody) continue;
        const Token& first = document.tokens[sentence.first_token];
        const Token& last = document.tokens[sentence.first_token + sentence.token_count - 1];
        if (first.span.begin <= gold.verb.begin && gold.verb.begin < last.span.end) {
          event = Event{};
          event->sentence = s;
          event->trigger = gold.verb;
          event->trigger_text = gold.text.substr(gold.verb.begin, gold.verb.end - gold.verb.begin);
          break;
        }
      }
    }
    if (!event) continue;  // the verb is in no sentence: not scored
    document.events = {*event};
    document.places.clear();
    geocoder->geocode(document);
    std::vector<const Event*> placed;
    for (const Event& e : document.events) {
      if (e.location) placed.push_back(&e);
    }
    bool right;
    if (gold.places.empty()) {
      ++unlocated;
      right = placed.empty();
      unlocated_right += right;
    } else {
      ++located;
      right = std::any_of(placed.begin(), placed.end(), [&](const Event* e) {
        return std::any_of(gold.places.begin(), gold.places.end(),
                           [&](Span g) { return overlaps(e->location->span, g); });
      });
      located_right += right;
    }
    if (!placed.empty()) {
      auto& [given, source_right] = by_source[placed.front()->location_source];
      ++given;
      source_right += right;
    }
    if (options.errors && !right) {
      std::string gold_places;
      for (Span g : gold.places) {
        gold_places +=
            (gold_places.empty() ? "" : "|") + gold.text.substr(g.begin, g.end - g.begin);
      }
      std::printf("%zu\tverb %s\tgold %s\tvigie %s (%s)\t%s\n", n, event->trigger_text.c_str(),
                  gold_places.empty() ? "-" : gold_places.c_str(),
                  placed.empty() ? "-" : placed.front()->location->text.c_str(),
                  placed.empty() ? "" : placed.front()->location_source.c_str(), gold.text.c_str());
    }
  }
  auto share = [](std::size_t a, std::size_t b) { return b ? double(a) / double(b) : 0.0; };
  const std::map<std::string, double> figures = {
      {"located", share(located_right, located)},
      {"unlocated", share(unlocated_right, unlocated)},
      {"overall", share(located_right + unlocated_right, located + unlocated)}};
  std::printf("event location, RELABEL gold subset: %zu records\n", located + unlocated);
  std::printf("  with a gold place    %4zu  Vigie's place overlaps it   %.3f (%zu)\n", located,
              figures.at("located"), located_right);
  std::printf("  without a gold place %4zu  Vigie gives no place        %.3f (%zu)\n", unlocated,
              figures.at("unlocated"), unlocated_right);
  std::printf("  all                  %4zu  right                       %.3f\n",
              located + unlocated, figures.at("overall"));
  for (const auto& [source, counts] : by_source) {
    std::printf("  place from the %-9s given %4zu, right %.3f\n", source.c_str(), counts.first,
                share(counts.second, counts.first));
  }
  int status = 0;
  if (!options.min_file.empty()) {
    auto floors = read_floors(options.min_file);
    if (!floors) {
      std::cerr << "vigie: " << floors.error().to_string() << "\n";
      return 1;
    }
    if (!check_floors(floors.value(), figures, options.min_file)) status = 1;
  }
  return status;
}

}  // namespace vigie::cli
