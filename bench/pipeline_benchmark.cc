// Benchmarks of vigie::Pipeline::run over the example plain-text articles
// (examples/{fr,en}/*.txt), built into Documents the way the CLI builds them.
//
//   BM_Pipeline/fr, /en, /all  every document of the group through pipeline.run(), one pass per
//                              iteration, each on a fresh copy of the ingested Document (the copy
//                              is made with the timer paused)
//   BM_PipelineLoad            Pipeline::load of dictionaries/ (the CLI's start-up cost)
//   BM_EventCoding/fr, /en     the event stage alone (events::EventCoder::code) on documents the
//                              whole pipeline ran on once: tokens, parse and actors given
//
// Reports documents_per_second, sentences_per_second and tokens_per_second (rates).
#include <benchmark/benchmark.h>

#include <cctype>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "document/document.h"
#include "events/events.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"

namespace {

const std::string kDataDir = std::string(VIGIE_SOURCE_DIR) + "/dictionaries";

// "2024-03-11" from "2024-03-11-manila-japan-visit.txt"; empty when the name has no such prefix.
std::string date_prefix(std::string_view name) {
  if (name.size() < 10) return {};
  for (std::size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? name[i] != '-' : !std::isdigit(static_cast<unsigned char>(name[i]))) return {};
  }
  return std::string(name.substr(0, 10));
}

struct Fixture {
  std::unique_ptr<vigie::Pipeline> pipeline;
  std::vector<vigie::Document> documents;  // ingested, not yet run; French first
  std::string error;
};

const Fixture& fixture() {
  static const Fixture instance = [] {
    Fixture f;
    const vigie::bench::Corpus& corpus = vigie::bench::corpus();
    if (!corpus.error.empty()) {
      f.error = corpus.error;
      return f;
    }
    auto loaded = vigie::Pipeline::load(kDataDir);
    if (!loaded) {
      f.error = "cannot load the pipeline: " + loaded.error().to_string();
      return f;
    }
    f.pipeline = std::make_unique<vigie::Pipeline>(std::move(loaded).value());
    for (const vigie::bench::CorpusFile& file : corpus.files) {
      vigie::Document document =
          vigie::ingest::document_from_text(file.name, file.text, &f.pipeline->boilerplate());
      document.lang = file.lang;
      document.published = date_prefix(file.name);
      f.documents.push_back(std::move(document));
    }
    return f;
  }();
  return instance;
}

void BM_Pipeline(benchmark::State& state, std::string_view lang) {
  const Fixture& f = fixture();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  std::vector<const vigie::Document*> inputs;
  std::int64_t bytes_per_pass = 0;
  for (const vigie::Document& document : f.documents) {
    if (lang.empty() || document.lang == lang) {
      inputs.push_back(&document);
      bytes_per_pass += static_cast<std::int64_t>(document.title.size() + document.text.size());
    }
  }
  if (inputs.empty()) {
    state.SkipWithError(
        ("corpus missing: no document for language '" + std::string(lang) + "'").c_str());
    return;
  }

  std::vector<vigie::Document> work;
  work.reserve(inputs.size());
  std::int64_t documents = 0, sentences = 0, tokens = 0, events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    work.clear();
    for (const vigie::Document* input : inputs) work.push_back(*input);
    state.ResumeTiming();
    for (vigie::Document& document : work) {
      f.pipeline->run(document);
      benchmark::DoNotOptimize(document.events.data());
    }
    benchmark::ClobberMemory();
    for (const vigie::Document& document : work) {
      ++documents;
      sentences += static_cast<std::int64_t>(document.sentences.size());
      tokens += static_cast<std::int64_t>(document.tokens.size());
      events += static_cast<std::int64_t>(document.events.size());
    }
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.SetBytesProcessed(bytes_per_pass * static_cast<std::int64_t>(state.iterations()));
  using benchmark::Counter;
  state.counters["documents_per_second"] =
      Counter(static_cast<double>(documents), Counter::kIsRate);
  state.counters["sentences_per_second"] =
      Counter(static_cast<double>(sentences), Counter::kIsRate);
  state.counters["tokens_per_second"] = Counter(static_cast<double>(tokens), Counter::kIsRate);
  state.counters["docs"] = static_cast<double>(inputs.size());
  state.counters["events_per_pass"] = iterations > 0 ? static_cast<double>(events) / iterations : 0;
}

void BM_EventCoding(benchmark::State& state, std::string_view lang) {
  const Fixture& f = fixture();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  auto coder =
      vigie::events::EventCoder::load(kDataDir + "/events", kDataDir + "/cameo/codes.yaml");
  if (!coder) {
    state.SkipWithError(("cannot load the event coder: " + coder.error().to_string()).c_str());
    return;
  }
  // Parsed documents with their actors: what the event stage receives.
  std::vector<vigie::Document> parsed;
  for (const vigie::Document& document : f.documents) {
    if (document.lang != lang) continue;
    parsed.push_back(document);
    f.pipeline->run(parsed.back());
  }
  if (parsed.empty()) {
    state.SkipWithError("corpus missing: no document for this language");
    return;
  }
  std::int64_t sentences = 0, tokens = 0, events = 0;
  for (auto _ : state) {
    for (vigie::Document& document : parsed) {
      document.events.clear();
      document.quotes.clear();
      coder->code(document);
      benchmark::DoNotOptimize(document.events.data());
      sentences += static_cast<std::int64_t>(document.sentences.size());
      tokens += static_cast<std::int64_t>(document.tokens.size());
      events += static_cast<std::int64_t>(document.events.size());
    }
    benchmark::ClobberMemory();
  }
  using benchmark::Counter;
  state.counters["sentences_per_second"] =
      Counter(static_cast<double>(sentences), Counter::kIsRate);
  state.counters["tokens_per_second"] = Counter(static_cast<double>(tokens), Counter::kIsRate);
  state.counters["events_per_second"] = Counter(static_cast<double>(events), Counter::kIsRate);
}

void BM_PipelineLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto loaded = vigie::Pipeline::load(kDataDir);
    if (!loaded) {
      state.SkipWithError(("cannot load the pipeline: " + loaded.error().to_string()).c_str());
      break;
    }
    benchmark::DoNotOptimize(&loaded.value());
  }
}

}  // namespace

BENCHMARK_CAPTURE(BM_Pipeline, fr, std::string_view("fr"))->UseRealTime();
BENCHMARK_CAPTURE(BM_Pipeline, en, std::string_view("en"))->UseRealTime();
BENCHMARK_CAPTURE(BM_Pipeline, all, std::string_view())->UseRealTime();
BENCHMARK_CAPTURE(BM_EventCoding, fr, std::string_view("fr"))->UseRealTime();
BENCHMARK_CAPTURE(BM_EventCoding, en, std::string_view("en"))->UseRealTime();
BENCHMARK(BM_PipelineLoad)->Unit(benchmark::kMillisecond)->UseRealTime();
