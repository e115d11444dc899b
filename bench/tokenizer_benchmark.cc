// Micro-benchmarks of stage `text` over the example corpus (examples/{fr,en}/*.txt).
//
//   BM_Tokenize_French   vigie::text::tokenize on every French file, one pass per iteration
//   BM_Tokenize_English  the same on every English file
//   BM_SplitSentences    tokenize + vigie::text::split_sentences on every file
//
// Reports bytes/s (SetBytesProcessed) and tokens_per_second / sentences_per_second rates.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "text/text.h"

namespace {

using vigie::bench::CorpusFile;

// The files of `lang`, or nullptr after SkipWithError when there are none.
const std::vector<const CorpusFile*>* files_or_skip(benchmark::State& state,
                                                    std::string_view lang) {
  static const std::vector<const CorpusFile*> fr = vigie::bench::corpus().of_lang("fr");
  static const std::vector<const CorpusFile*> en = vigie::bench::corpus().of_lang("en");
  const auto& files = lang == "fr" ? fr : en;
  if (!vigie::bench::corpus().error.empty()) {
    state.SkipWithError(vigie::bench::corpus().error.c_str());
    return nullptr;
  }
  if (files.empty()) {
    state.SkipWithError(("corpus missing: no " + std::string(lang) + " .txt file under " +
                         vigie::bench::examples_dir())
                            .c_str());
    return nullptr;
  }
  return &files;
}

void tokenize_language(benchmark::State& state, std::string_view lang) {
  const auto* files = files_or_skip(state, lang);
  if (files == nullptr) return;
  std::int64_t bytes_per_pass = 0;
  for (const CorpusFile* file : *files) bytes_per_pass += static_cast<std::int64_t>(file->text.size());

  std::int64_t tokens = 0;
  for (auto _ : state) {
    for (const CorpusFile* file : *files) {
      std::vector<vigie::Token> result = vigie::text::tokenize(file->text, file->lang);
      tokens += static_cast<std::int64_t>(result.size());
      benchmark::DoNotOptimize(result.data());
      benchmark::ClobberMemory();
    }
  }
  state.SetBytesProcessed(bytes_per_pass * static_cast<std::int64_t>(state.iterations()));
  state.counters["tokens_per_second"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["files"] = static_cast<double>(files->size());
  state.counters["tokens_per_pass"] =
      state.iterations() > 0 ? static_cast<double>(tokens) / static_cast<double>(state.iterations())
                             : 0.0;
}

void BM_Tokenize_French(benchmark::State& state) { tokenize_language(state, "fr"); }
void BM_Tokenize_English(benchmark::State& state) { tokenize_language(state, "en"); }

void BM_SplitSentences(benchmark::State& state) {
  const auto& corpus = vigie::bench::corpus();
  if (!corpus.error.empty() || corpus.files.empty()) {
    state.SkipWithError(corpus.error.empty() ? "corpus missing" : corpus.error.c_str());
    return;
  }
  std::int64_t bytes_per_pass = 0;
  for (const CorpusFile& file : corpus.files) bytes_per_pass += static_cast<std::int64_t>(file.text.size());

  std::int64_t tokens = 0, sentences = 0;
  for (auto _ : state) {
    for (const CorpusFile& file : corpus.files) {
      std::vector<vigie::Token> result = vigie::text::tokenize(file.text, file.lang);
      std::vector<vigie::text::SentenceBounds> bounds =
          vigie::text::split_sentences(file.text, result, file.lang);
      tokens += static_cast<std::int64_t>(result.size());
      sentences += static_cast<std::int64_t>(bounds.size());
      benchmark::DoNotOptimize(bounds.data());
      benchmark::ClobberMemory();
    }
  }
  state.SetBytesProcessed(bytes_per_pass * static_cast<std::int64_t>(state.iterations()));
  state.counters["tokens_per_second"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["sentences_per_second"] =
      benchmark::Counter(static_cast<double>(sentences), benchmark::Counter::kIsRate);
  state.counters["files"] = static_cast<double>(corpus.files.size());
}

}  // namespace

BENCHMARK(BM_Tokenize_French);
BENCHMARK(BM_Tokenize_English);
BENCHMARK(BM_SplitSentences);
