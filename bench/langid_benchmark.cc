// Stage `language`: identification speed over the example corpus (examples/{fr,en}/*.txt), the
// way the pipeline calls it (title and body together).
//
//   BM_Identify/full       LanguageIdentifier::identify on each whole article (CLD2 decides)
//   BM_Identify/title      identify on each article's first line (short text: fastText decides)
//   BM_Cld2Only, BM_FastTextOnly   each engine alone on the whole articles
//   BM_LoadModel           reading models/langid.ftz
//
// Reports documents/s and bytes/s (SetBytesProcessed).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "corpus.h"
#include "langid/langid.h"

namespace {

const std::string& model_path() {
  static const std::string path = std::string(VIGIE_SOURCE_DIR) + "/models/langid.ftz";
  return path;
}

const vigie::langid::LanguageIdentifier* identifier_or_skip(benchmark::State& state) {
  static auto loaded = vigie::langid::LanguageIdentifier::load(model_path());
  if (!loaded) {
    state.SkipWithError(loaded.error().to_string().c_str());
    return nullptr;
  }
  if (vigie::bench::corpus().files.empty()) {
    state.SkipWithError(vigie::bench::corpus().error.c_str());
    return nullptr;
  }
  return &loaded.value();
}

std::vector<std::string> texts(bool titles) {
  std::vector<std::string> out;
  for (const auto& file : vigie::bench::corpus().files) {
    out.push_back(titles ? file.text.substr(0, file.text.find('\n')) : file.text);
  }
  return out;
}

void run(benchmark::State& state, const std::vector<std::string>& inputs,
         const std::function<vigie::langid::LanguageGuess(const std::string&)>& identify) {
  std::int64_t bytes = 0;
  for (const std::string& text : inputs) bytes += static_cast<std::int64_t>(text.size());
  for (auto _ : state) {
    for (const std::string& text : inputs) {
      vigie::langid::LanguageGuess guess = identify(text);
      benchmark::DoNotOptimize(guess.lang.data());
    }
  }
  state.SetBytesProcessed(bytes * static_cast<std::int64_t>(state.iterations()));
  state.counters["documents_per_second"] = benchmark::Counter(
      static_cast<double>(inputs.size() * state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Identify_Full(benchmark::State& state) {
  const auto* identifier = identifier_or_skip(state);
  if (identifier)
    run(state, texts(false), [&](const std::string& t) { return identifier->identify(t); });
}
void BM_Identify_Title(benchmark::State& state) {
  const auto* identifier = identifier_or_skip(state);
  if (identifier)
    run(state, texts(true), [&](const std::string& t) { return identifier->identify(t); });
}
void BM_Cld2Only(benchmark::State& state) {
  const auto* identifier = identifier_or_skip(state);
  if (identifier) {
    run(state, texts(false), [](const std::string& t) {
      return vigie::langid::LanguageIdentifier::identify_with_cld2(t);
    });
  }
}
void BM_FastTextOnly(benchmark::State& state) {
  const auto* identifier = identifier_or_skip(state);
  if (identifier) {
    run(state, texts(false),
        [&](const std::string& t) { return identifier->identify_with_fasttext(t); });
  }
}
void BM_LoadModel(benchmark::State& state) {
  for (auto _ : state) {
    auto loaded = vigie::langid::LanguageIdentifier::load(model_path());
    if (!loaded) {
      state.SkipWithError(loaded.error().to_string().c_str());
      return;
    }
    benchmark::DoNotOptimize(&loaded);
  }
}

BENCHMARK(BM_Identify_Full)->Name("BM_Identify/full");
BENCHMARK(BM_Identify_Title)->Name("BM_Identify/title");
BENCHMARK(BM_Cld2Only);
BENCHMARK(BM_FastTextOnly);
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond);

}  // namespace
