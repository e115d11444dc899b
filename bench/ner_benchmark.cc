// Named entities and actor coding speed over the example plain-text articles
// (examples/{fr,en}/*.txt): the entity stage as the pipeline runs it, after tokens, sentences and
// the parse (made once, untimed).
//
//   BM_EntityStage/fr, /en   ActorCoder::code (dictionary actors and entities), the gazetteer's
//                            place-name marks, then add_model_entities (models/ner.LANG.bin
//                            combined with them), as Pipeline::run does
//   BM_NerModel/fr, /en      the marks and add_model_entities alone
//
// Reports tokens_per_second. Target (issue 5): NER + actor coding >= 200,000 tokens/s on one core.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "corpus.h"
#include "document/document.h"
#include "entities/entities.h"
#include "entities/ner.h"
#include "geo/gazetteer.h"
#include "geo/geo.h"
#include "syntax/syntax.h"
#include "text/text.h"

namespace {

const std::string kDataDir = std::string(VIGIE_SOURCE_DIR) + "/dictionaries";

struct Language {
  std::optional<vigie::entities::NerModel> ner;
  std::vector<vigie::Document> documents;  // segmented and parsed
  std::int64_t tokens = 0;
};

struct Fixture {
  std::optional<vigie::entities::ActorCoder> coder;
  std::optional<vigie::geo::Gazetteer> gazetteer;  // place-name feature, when built
  std::map<std::string, Language, std::less<>> languages;
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
    auto coder = vigie::entities::ActorCoder::load(kDataDir + "/actors");
    if (!coder) {
      f.error = coder.error().to_string();
      return f;
    }
    f.coder.emplace(std::move(coder).value());
    if (auto gazetteer =
            vigie::geo::Gazetteer::open(vigie::geo::find_gazetteer(VIGIE_GAZETTEER_DEFAULT))) {
      f.gazetteer.emplace(std::move(gazetteer).value());
    }
    for (const char* lang : {"fr", "en"}) {
      Language& language = f.languages[lang];
      auto ner =
          vigie::entities::NerModel::load(vigie::entities::default_ner_model_path(kDataDir, lang));
      auto parser =
          vigie::syntax::SyntaxModel::load(vigie::syntax::default_model_path(kDataDir, lang));
      if (!ner || !parser) {
        f.error = !ner ? ner.error().to_string() : parser.error().to_string();
        return f;
      }
      language.ner.emplace(std::move(ner).value());
      for (const vigie::bench::CorpusFile* file : corpus.of_lang(lang)) {
        vigie::Document document;
        document.lang = lang;
        document.text = file->text;
        vigie::text::segment(document);
        parser->analyze(document);
        language.tokens += static_cast<std::int64_t>(document.tokens.size());
        language.documents.push_back(std::move(document));
      }
    }
    return f;
  }();
  return instance;
}

void run(benchmark::State& state, std::string_view lang, bool with_actors) {
  const Fixture& f = fixture();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  const Language& language = f.languages.find(lang)->second;
  // Each stage clears and refills its own fields, so the same documents can run again.
  std::vector<vigie::Document> documents = language.documents;
  for (vigie::Document& document : documents) f.coder->code(document);
  for (auto _ : state) {
    for (vigie::Document& document : documents) {
      if (with_actors) f.coder->code(document);
      std::vector<std::uint8_t> marks;
      if (f.gazetteer) marks = vigie::geo::place_name_marks(*f.gazetteer, document);
      vigie::entities::add_model_entities(document, *language.ner,
                                          vigie::entities::EntitySource::kCombined, marks);
    }
    benchmark::ClobberMemory();
  }
  state.counters["tokens_per_second"] = benchmark::Counter(
      static_cast<double>(language.tokens * state.iterations()), benchmark::Counter::kIsRate);
}

void BM_EntityStage(benchmark::State& state, std::string_view lang) {
  run(state, lang, true);
}
void BM_NerModel(benchmark::State& state, std::string_view lang) {
  run(state, lang, false);
}

BENCHMARK_CAPTURE(BM_EntityStage, fr, "fr")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EntityStage, en, "en")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_NerModel, fr, "fr")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_NerModel, en, "en")->Unit(benchmark::kMillisecond);

}  // namespace
