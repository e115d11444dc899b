// Gazetteer look-ups per second (folded names of real places, a mix of hits and misses) and
// Geocoder::resolve on a document's worth of toponyms. Reads the gazetteer built with the binary.
#include <benchmark/benchmark.h>

#include <iostream>
#include <optional>

#include "geo/gazetteer.h"
#include "geo/geo.h"

namespace {

const std::vector<std::string> kNames = {
    "kaboul", "kabul", "mazar-i-sharif", "islamabad", "panjshir", "paris", "london", "new york",
    "washington", "moscou", "beyrouth", "khartoum", "springfield", "georgia", "twitter", "massoud",
    "nairobi", "alexandria", "dublin", "not a place at all"};

const vigie::geo::Gazetteer* gazetteer() {
  static std::optional<vigie::geo::Gazetteer> opened = [] {
    auto g = vigie::geo::Gazetteer::open(vigie::geo::find_gazetteer(VIGIE_GAZETTEER_DEFAULT));
    if (!g) {
      std::cerr << g.error().to_string() << "\n";
      return std::optional<vigie::geo::Gazetteer>();
    }
    return std::optional<vigie::geo::Gazetteer>(std::move(g).value());
  }();
  return opened ? &*opened : nullptr;
}

void BM_GazetteerLookup(benchmark::State& state) {
  const vigie::geo::Gazetteer* g = gazetteer();
  if (!g) {
    state.SkipWithError("no gazetteer (vigie gazetteer build)");
    return;
  }
  std::vector<vigie::geo::PlaceView> out;
  std::size_t i = 0;
  for (auto _ : state) {
    g->lookup(kNames[i++ % kNames.size()], out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GazetteerLookup);

void BM_FoldAndLookup(benchmark::State& state) {
  const vigie::geo::Gazetteer* g = gazetteer();
  if (!g) {
    state.SkipWithError("no gazetteer (vigie gazetteer build)");
    return;
  }
  const std::vector<std::string> written = {"Kaboul", "Mazar-i-Sharif", "Islamabad", "Genève", "Beyrouth"};
  std::vector<vigie::geo::PlaceView> out;
  std::size_t i = 0;
  for (auto _ : state) {
    g->lookup(vigie::geo::fold_place_name(written[i++ % written.size()]), out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FoldAndLookup);

void BM_GazetteerOpen(benchmark::State& state) {
  for (auto _ : state) {
    auto g = vigie::geo::Gazetteer::open(vigie::geo::find_gazetteer(VIGIE_GAZETTEER_DEFAULT));
    benchmark::DoNotOptimize(g.ok());
  }
}
BENCHMARK(BM_GazetteerOpen)->Unit(benchmark::kMillisecond);

}  // namespace
