// The event store's speed on generated data (issue 8's targets):
//   BM_IngestEvents      EventStore::ingest, events/s (target: at least 20,000 events/s)
//   BM_Query*            filtered queries over a store of 1,000,000 generated events
//                        (target: under 200 ms each)
// The 1M-event store is generated once per process into $TMPDIR through EventStore::ingest
// itself (the path `vigie extract --db` takes), then queried read-only.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

#include "store/store.h"

namespace vigie::store {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kEventsPerDocument = 10;
constexpr std::size_t kQueryStoreEvents = 1000000;
constexpr std::size_t kDocumentsPerBatch = 256;

const char* const kCountries[] = {"PAK", "AFG", "IND", "USA", "RUS", "UKR", "CHN", "FRA", "COD",
                                  "RWA", "SOM", "KEN", "MLI", "SDN", "TCD", "HTI", "PHL", "JPN",
                                  "EGY", "ETH", "IRN", "ISR", "TUR", "SYR", "IRQ", "NGA", "BEL",
                                  "DEU", "GBR", "BRA", "MEX", "PRK", "KOR", "VEN", "COL", "YEM",
                                  "LBY", "NER", "BFA", "MMR"};
const char* const kRoles[] = {"", "GOV", "MIL", "REB", "OPP", "COP", "INS"};
const char* const kCameo[] = {"010", "020", "036", "040", "042", "051", "057", "072", "080",
                              "111", "112", "120", "130", "138", "141", "163", "172", "190",
                              "193", "195"};
const char* const kModalities[] = {"asserted", "alleged", "denied", "possible"};
const char* const kWords[] = {"border", "talks", "sanctions", "troops", "ceasefire", "aid",
                              "protest", "minister", "militants", "elections", "drone", "visit"};

std::string date_of(int day) {
  // 2023-01-01 + day, month lengths of a non-leap year.
  static const int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int year = 2023 + day / 365;
  day %= 365;
  int month = 0;
  while (day >= kMonthDays[month]) day -= kMonthDays[month++];
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month + 1, day + 1);
  return buffer;
}

// A document of kEventsPerDocument one-sentence events with random actors, codes and dates.
Document generated_document(std::mt19937& random, std::size_t serial) {
  auto pick = [&](const auto& array) {
    return array[random() % (sizeof(array) / sizeof(array[0]))];
  };
  Document d;
  d.id = "generated-" + std::to_string(serial);
  d.url = "https://bench.example/" + std::to_string(serial);
  d.site = std::string("Site ") + std::to_string(serial % 50);
  d.lang = "en";
  int day = static_cast<int>(random() % 730);
  d.published = date_of(day);
  for (std::size_t i = 0; i < kEventsPerDocument; ++i) {
    std::string source = std::string(pick(kCountries)) + pick(kRoles);
    std::string target = std::string(pick(kCountries)) + pick(kRoles);
    std::string sentence = source + " and " + target + " " + pick(kWords) + " " + pick(kWords) +
                           " " + std::to_string(serial) + "-" + std::to_string(i) + ". ";
    Sentence s;
    s.span = {static_cast<std::uint32_t>(d.text.size()),
              static_cast<std::uint32_t>(d.text.size() + sentence.size() - 1)};
    d.text += sentence;
    d.sentences.push_back(s);
    Event e;
    e.sentence = static_cast<std::uint32_t>(i);
    e.trigger = {s.span.begin + static_cast<std::uint32_t>(source.size()) + 1,
                 s.span.begin + static_cast<std::uint32_t>(source.size()) + 4};
    e.trigger_text = "and";
    Actor a, b;
    a.code = a.text = a.name = source;
    a.span = {s.span.begin, s.span.begin + static_cast<std::uint32_t>(source.size())};
    b.code = b.text = b.name = target;
    e.source = a;
    e.target = b;
    e.cameo = pick(kCameo);
    e.cameo_name = "generated";
    e.quad_class = 1 + static_cast<int>(random() % 4);
    e.goldstein = static_cast<double>(random() % 200) / 10 - 10;
    e.plover_type = "GENERATED";
    std::string modality = pick(kModalities);
    e.modality = modality == "alleged" ? Modality::kAlleged
                 : modality == "denied" ? Modality::kDenied
                 : modality == "possible" ? Modality::kPossible
                                          : Modality::kAsserted;
    e.date = date_of(day + static_cast<int>(random() % 3));
    e.date_source = "published";
    e.rule = "generated";
    if (random() % 2) {
      Place p;
      p.text = p.name = "Place";
      p.lat = -60 + static_cast<double>(random() % 12000) / 100;
      p.lon = -180 + static_cast<double>(random() % 36000) / 100;
      p.country = pick(kCountries);
      e.location = p;
    }
    d.events.push_back(std::move(e));
  }
  return d;
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()) + ".db")).string();
}

void remove_store(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

void BM_IngestEvents(benchmark::State& state) {
  const std::size_t documents = static_cast<std::size_t>(state.range(0));
  std::mt19937 random(42);
  std::vector<Document> corpus;
  for (std::size_t i = 0; i < documents; ++i) corpus.push_back(generated_document(random, i));
  std::size_t events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string path = temp_path("vigie_bench_ingest");
    remove_store(path);
    auto store = EventStore::open(path);
    if (!store) {
      state.SkipWithError(store.error().to_string().c_str());
      return;
    }
    state.ResumeTiming();
    for (std::size_t begin = 0; begin < corpus.size(); begin += kDocumentsPerBatch) {
      std::vector<const Document*> batch;
      for (std::size_t i = begin; i < std::min(corpus.size(), begin + kDocumentsPerBatch); ++i) {
        batch.push_back(&corpus[i]);
      }
      auto summary = store->ingest(batch);
      if (!summary) {
        state.SkipWithError(summary.error().to_string().c_str());
        return;
      }
      events += summary->events_added;
    }
    state.PauseTiming();
    remove_store(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events_per_s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestEvents)->Arg(2000)->Unit(benchmark::kMillisecond)->UseRealTime();

// The 1M-event store, generated on first use and removed at exit.
const std::string& query_store() {
  static const std::string path = [] {
    std::string p = temp_path("vigie_bench_query");
    remove_store(p);
    auto store = EventStore::open(p);
    if (!store) return std::string();
    std::mt19937 random(7);
    std::size_t serial = 0;
    while (serial * kEventsPerDocument < kQueryStoreEvents) {
      std::vector<Document> batch;
      for (std::size_t i = 0; i < kDocumentsPerBatch && serial * kEventsPerDocument <
                                                            kQueryStoreEvents; ++i) {
        batch.push_back(generated_document(random, serial++));
      }
      std::vector<const Document*> pointers;
      for (const Document& d : batch) pointers.push_back(&d);
      if (!store->ingest(pointers)) return std::string();
    }
    if (store->update_statistics()) return std::string();
    std::atexit([] { remove_store(temp_path("vigie_bench_query")); });
    return p;
  }();
  return path;
}

void run_query(benchmark::State& state, const EventFilter& filter) {
  const std::string& path = query_store();
  auto store = EventStore::open(path, /*read_only=*/true);
  if (path.empty() || !store) {
    state.SkipWithError("could not generate the 1M-event store");
    return;
  }
  std::size_t total = 0;
  for (auto _ : state) {
    auto events = store->events(filter);
    auto count = store->count_events(filter);
    if (!events || !count) {
      state.SkipWithError("query failed");
      return;
    }
    total = count.value();
    benchmark::DoNotOptimize(events->data());
  }
  state.counters["matching_events"] = static_cast<double>(total);
}

void BM_QueryActorAndDates(benchmark::State& state) {
  EventFilter filter;  // every PAK event of one month: page of 100 and the total count
  filter.actor = "PAK";
  filter.from = "2023-06-01";
  filter.to = "2023-06-30";
  run_query(state, filter);
}
BENCHMARK(BM_QueryActorAndDates)->Unit(benchmark::kMillisecond);

void BM_QuerySourceRootModality(benchmark::State& state) {
  EventFilter filter;
  filter.source = "RUSMIL";
  filter.root = "19";
  filter.modality = "alleged";
  run_query(state, filter);
}
BENCHMARK(BM_QuerySourceRootModality)->Unit(benchmark::kMillisecond);

void BM_QueryText(benchmark::State& state) {
  EventFilter filter;
  filter.text = "ceasefire AND drone";
  filter.from = "2024-01-01";
  run_query(state, filter);
}
BENCHMARK(BM_QueryText)->Unit(benchmark::kMillisecond);

void BM_QueryPlaceRadius(benchmark::State& state) {
  EventFilter filter;
  filter.lat = 34.5;
  filter.lon = 69.2;
  filter.radius_km = 300;
  run_query(state, filter);
}
BENCHMARK(BM_QueryPlaceRadius)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vigie::store

BENCHMARK_MAIN();
