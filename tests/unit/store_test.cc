// The event store: round trip, idempotence, new page versions, cross-article dedup, filters.
// Articles are built by hand (no pipeline), so each test states exactly what it stores.
#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/export.h"

namespace vigie::store {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() /
             ("vigie_store_test_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    remove_files();
    auto store = EventStore::open(path_);
    ASSERT_TRUE(store) << store.error().to_string();
    store_ = std::make_unique<EventStore>(std::move(*store));
  }
  void TearDown() override {
    store_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  IngestSummary ingest(const std::vector<Document>& documents) {
    std::vector<const Document*> pointers;
    for (const Document& d : documents) pointers.push_back(&d);
    auto summary = store_->ingest(pointers);
    EXPECT_TRUE(summary) << summary.error().to_string();
    return summary ? *summary : IngestSummary{};
  }
  std::vector<StoredEvent> events(EventFilter filter = {}) {
    auto found = store_->events(filter);
    EXPECT_TRUE(found) << found.error().to_string();
    return found ? *found : std::vector<StoredEvent>{};
  }
  std::vector<StoredCluster> clusters(EventFilter filter = {}) {
    auto found = store_->clusters(filter);
    EXPECT_TRUE(found) << found.error().to_string();
    return found ? *found : std::vector<StoredCluster>{};
  }

  std::string path_;
  std::unique_ptr<EventStore> store_;
};

Actor actor(const std::string& code, const std::string& text, std::uint32_t begin) {
  Actor a;
  a.code = code;
  a.name = text;
  a.text = text;
  a.span = {begin, begin + static_cast<std::uint32_t>(text.size())};
  return a;
}

Place place(const std::string& name, double lat, double lon, const std::string& country) {
  Place p;
  p.text = p.name = name;
  p.lat = lat;
  p.lon = lon;
  p.country = country;
  p.feature = "city";
  return p;
}

// One article of one sentence "SOURCE VERB TARGET." with one event.
Document article(const std::string& id, const std::string& site, const std::string& date,
                 const std::string& source, const std::string& verb, const std::string& target,
                 const std::string& cameo, Modality modality = Modality::kAsserted,
                 std::optional<Place> where = std::nullopt) {
  Document d;
  d.id = id;
  d.site = site;
  d.published = date;
  d.lang = "en";
  d.text = source + " " + verb + " " + target + " in " + id + ".";
  Sentence s;
  s.span = {0, static_cast<std::uint32_t>(d.text.size())};
  d.sentences.push_back(s);
  Event e;
  e.sentence = 0;
  std::uint32_t verb_begin = static_cast<std::uint32_t>(source.size() + 1);
  e.trigger = {verb_begin, verb_begin + static_cast<std::uint32_t>(verb.size())};
  e.trigger_text = verb;
  e.source = actor(source, source, 0);
  e.target = actor(target, target, e.trigger.end + 1);
  e.cameo = cameo;
  e.cameo_name = "name of " + cameo;
  e.quad_class = 3;
  e.goldstein = -2;
  e.plover_type = "ACCUSE";
  e.modality = modality;
  e.date = date;
  e.date_source = "published";
  e.rule = "verbs.en.yaml:1";
  e.location = where;
  if (where) d.places.push_back(*where);
  d.events.push_back(e);
  Entity entity;
  entity.text = source;
  entity.type = EntityType::kGPE;
  entity.span = {0, static_cast<std::uint32_t>(source.size())};
  entity.code = source;
  d.entities.push_back(entity);
  return d;
}

TEST_F(StoreTest, ApproximatePlaceKeepsHowItWasFound) {
  // "the town of Bakwa", which the gazetteer lacks, placed at the document's nearest place.
  Place bakwa = place("Kandahar", 31.61, 65.71, "AFG");
  bakwa.text = "Bakwa";
  bakwa.match = "context";
  ingest({article("a1", "Wire", "2024-03-19", "AFGINS", "captured", "AFG", "190",
                  Modality::kAsserted, bakwa)});
  auto found = events();
  ASSERT_EQ(found.size(), 1u);
  ASSERT_TRUE(found[0].place);
  EXPECT_EQ(found[0].place->text, "Bakwa");
  EXPECT_EQ(found[0].place->match, "context");
  EXPECT_EQ(to_json(found[0])["location"]["match"], "context");
}

TEST_F(StoreTest, RoundTripKeepsEveryEventField) {
  Document d = article("a1", "Wire", "2024-03-19", "PAK", "accuses", "AFGINS", "112",
                       Modality::kAlleged, place("Kabul", 34.53, 69.17, "AFG"));
  d.url = "https://example.test/a1";
  d.events[0].attribution = actor("PAKGOV", "officials", 3);
  IngestSummary summary = ingest({d});
  EXPECT_EQ(summary.documents_added, 1u);
  EXPECT_EQ(summary.events_added, 1u);
  auto found = events();
  ASSERT_EQ(found.size(), 1u);
  const StoredEvent& e = found[0];
  EXPECT_EQ(e.document_id, "a1");
  EXPECT_EQ(e.url, "https://example.test/a1");
  EXPECT_EQ(e.news_source, "Wire");
  EXPECT_EQ(e.sentence, d.text);
  EXPECT_EQ(e.trigger_text, "accuses");
  EXPECT_EQ(e.sentence.substr(e.trigger.begin, e.trigger.size()), "accuses");
  ASSERT_TRUE(e.source && e.target && e.attribution);
  EXPECT_EQ(e.source->code, "PAK");
  EXPECT_EQ(e.target->code, "AFGINS");
  EXPECT_EQ(e.sentence.substr(e.target->span.begin, e.target->span.size()), "AFGINS");
  EXPECT_EQ(e.attribution->code, "PAKGOV");
  EXPECT_EQ(e.cameo, "112");
  EXPECT_EQ(e.modality, "alleged");
  EXPECT_EQ(e.date, "2024-03-19");
  EXPECT_EQ(e.rule, "verbs.en.yaml:1");
  ASSERT_TRUE(e.place);
  EXPECT_EQ(e.place->name, "Kabul");
  EXPECT_NEAR(e.place->lat, 34.53, 1e-9);
  EXPECT_EQ(e.place->match, "");
  // The stored document is the OUTPUT.md record with the store ids added.
  auto json = store_->document_json(e.document);
  ASSERT_TRUE(json) << json.error().to_string();
  EXPECT_NE(json->find("\"store_id\":" + std::to_string(e.id)), std::string::npos);
  EXPECT_FALSE(store_->document_json(9999));
}

TEST_F(StoreTest, ReingestingTheSameDocumentChangesNothing) {
  Document d = article("a1", "Wire", "2024-03-19", "PAK", "accuses", "AFG", "112");
  ingest({d});
  IngestSummary again = ingest({d});
  EXPECT_EQ(again.documents_unchanged, 1u);
  EXPECT_EQ(again.events_added, 0u);
  // Same text with other whitespace, under another id and URL: the same document.
  Document spaced = d;
  spaced.id = "copy";
  spaced.url = "https://mirror.test/copy";
  spaced.text = "  " + d.text + "\n\n";
  EXPECT_EQ(normalised_text_hash(spaced), normalised_text_hash(d));
  EXPECT_EQ(ingest({spaced}).documents_unchanged, 1u);
  EXPECT_EQ(events().size(), 1u);
  ASSERT_EQ(clusters().size(), 1u);
  EXPECT_EQ(clusters()[0].mentions, 1u);
}

TEST_F(StoreTest, NewVersionOfAPageReplacesItsEvents) {
  Document v1 = article("page", "Wire", "2024-03-19", "PAK", "accuses", "AFG", "112");
  v1.url = "https://example.test/page";
  ingest({v1});
  Document v2 = article("page", "Wire", "2024-03-19", "PAK", "threatens", "AFG", "138");
  v2.url = v1.url;
  IngestSummary summary = ingest({v2});
  EXPECT_EQ(summary.documents_replaced, 1u);
  auto found = events();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].cameo, "138");
  // The old version's cluster is gone with its only mention.
  auto all = clusters();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].cameo, "138");
  EventFilter text;
  text.text = "accuses";
  EXPECT_TRUE(events(text).empty()) << "the old sentence is still in the text index";
}

TEST_F(StoreTest, SameEventInTwoPapersIsOneClusterWithBothModalities) {
  // Feature: cross-article dedup. Expected: PAK / AFG / 112, 2 mentions, 2 documents, 2 sources,
  // modalities {alleged, denied} kept per mention.
  ingest(
      {article("wire", "Wire", "2024-03-19", "PAK", "accuses", "AFG", "112", Modality::kAlleged),
       article("paper", "Paper", "2024-03-20", "PAK", "accused", "AFG", "112", Modality::kDenied)});
  auto all = clusters();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].mentions, 2u);
  EXPECT_EQ(all[0].documents, 2u);
  EXPECT_EQ(all[0].sources, 2u);
  EXPECT_EQ(all[0].modalities, (std::vector<std::string>{"alleged", "denied"}));
  EXPECT_EQ(all[0].first_date, "2024-03-19");
  EXPECT_EQ(all[0].last_date, "2024-03-20");
}

TEST_F(StoreTest, DedupKeepsApartOtherDatesPlacesCodesAndActors) {
  ingest({article("d0", "A", "2024-03-19", "PAK", "accuses", "AFG", "112"),
          article("d1", "B", "2024-03-19", "PAK", "accuses", "AFG", "112"),
          // beyond kClusterDateWindowDays
          article("d2", "C", "2024-03-25", "PAK", "accuses", "AFG", "112"),
          // other CAMEO code, same root
          article("d3", "D", "2024-03-19", "PAK", "blames", "AFG", "111"),
          // other target
          article("d4", "E", "2024-03-19", "PAK", "accuses", "IND", "112")});
  EXPECT_EQ(clusters().size(), 4u);
  // Places: Kabul and its outskirts merge; Kandahar (450 km away) does not.
  ingest({article("p1", "A", "2024-04-01", "USA", "strikes", "AFGINS", "195", Modality::kAsserted,
                  place("Kabul", 34.53, 69.17, "AFG")),
          article("p2", "B", "2024-04-01", "USA", "strikes", "AFGINS", "195", Modality::kAsserted,
                  place("Paghman", 34.59, 68.95, "AFG")),
          article("p3", "C", "2024-04-01", "USA", "strikes", "AFGINS", "195", Modality::kAsserted,
                  place("Kandahar", 31.61, 65.71, "AFG"))});
  EventFilter strikes;
  strikes.cameo = "195";
  auto found = clusters(strikes);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].mentions, 2u);
  EXPECT_EQ(found[1].mentions, 1u);
}

TEST_F(StoreTest, RepresentativeIsTheMostConfidentMention) {
  Document reported =
      article("r", "A", "2024-03-19", "PAK", "accuses", "AFG", "112", Modality::kAlleged);
  Document asserted = article("s", "B", "2024-03-19", "PAK", "accuses", "AFG", "112");
  ingest({reported, asserted});
  auto all = clusters();
  ASSERT_EQ(all.size(), 1u);
  EventFilter one;
  one.event = all[0].representative;
  auto representative = events(one);
  ASSERT_EQ(representative.size(), 1u);
  EXPECT_EQ(representative[0].document_id, "s");
}

TEST_F(StoreTest, FiltersSelectWhatTheySay) {
  ingest({article("k", "A", "2024-03-19", "PAKGOV", "accuses", "AFG", "112", Modality::kAlleged,
                  place("Kabul", 34.53, 69.17, "AFG")),
          article("n", "B", "2024-03-21", "IND", "meets", "PAKGOV", "040", Modality::kAsserted,
                  place("New Delhi", 28.61, 77.21, "IND")),
          article("b", "C", "2024-03-22", "BEL", "sanctions", "RUS", "163")});
  auto ids = [&](EventFilter filter) {
    std::vector<std::string> out;
    for (const StoredEvent& e : events(filter)) out.push_back(e.document_id);
    std::sort(out.begin(), out.end());
    return out;
  };
  EventFilter f;
  f.actor = "pak";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"k", "n"}));
  f = {};
  f.source = "PAK";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"k"}));
  f = {};
  f.root = "04";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"n"}));
  f = {};
  f.modality = "alleged";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"k"}));
  f = {};
  f.from = "2024-03-20";
  f.to = "2024-03-21";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"n"}));
  f = {};
  f.country = "ind";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"n"}));
  f = {};
  f.lat = 34.0;
  f.lon = 69.0;
  f.radius_km = 100;
  EXPECT_EQ(ids(f), (std::vector<std::string>{"k"}));
  f = {};
  f.text = "sanctions";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"b"}));
  auto count = store_->count_events({});
  ASSERT_TRUE(count);
  EXPECT_EQ(count.value(), 3u);
  auto actors = store_->actors({});
  ASSERT_TRUE(actors);
  ASSERT_FALSE(actors->empty());
  EXPECT_EQ(actors->front().code, "PAKGOV");
  EXPECT_EQ(actors->front().as_source + actors->front().as_target, 2u);
  auto days = store_->timeseries({});
  ASSERT_TRUE(days);
  EXPECT_EQ(days->size(), 3u);
}

TEST(StoreValidate, NamesTheBadField) {
  EventFilter f;
  f.from = "19/03/2024";
  ASSERT_TRUE(validate(f));
  EXPECT_EQ(validate(f)->where, "from");
  f = {};
  f.modality = "rumoured";
  EXPECT_EQ(validate(f)->where, "modality");
  f = {};
  f.lat = 10;
  EXPECT_EQ(validate(f)->where, "radius");
  EXPECT_FALSE(validate(EventFilter{}));
}

// A file written by schema version 1 (no match_kind columns) is migrated on open and keeps its
// events.
TEST_F(StoreTest, VersionOneFileIsMigrated) {
  ingest({article("a1", "Wire", "2024-03-19", "PAK", "accuses", "AFGINS", "112", Modality::kAlleged,
                  place("Kabul", 34.53, 69.17, "AFG"))});
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  for (const char* sql : {"ALTER TABLE places DROP COLUMN match_kind",
                          "ALTER TABLE events DROP COLUMN place_match_kind",
                          "DELETE FROM schema_migrations WHERE version > 1"}) {
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  }
  sqlite3_close(db);
  auto migrated = EventStore::open(path_);
  ASSERT_TRUE(migrated) << migrated.error().to_string();
  EXPECT_EQ(migrated->schema_version(), kSchemaVersion);
  store_ = std::make_unique<EventStore>(std::move(*migrated));
  auto found = events();
  ASSERT_EQ(found.size(), 1u);
  ASSERT_TRUE(found[0].place);
  EXPECT_EQ(found[0].place->name, "Kabul");
  EXPECT_EQ(found[0].place->match, "");
}

TEST_F(StoreTest, SchemaIsVersionedAndReopenDoesNotMigrateAgain) {
  EXPECT_EQ(store_->schema_version(), kSchemaVersion);
  store_.reset();
  auto again = EventStore::open(path_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->schema_version(), kSchemaVersion);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM schema_migrations", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), kSchemaVersion);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(StoreOpen, RefusesAFileThatIsNotAStore) {
  std::string path = (fs::temp_directory_path() / "vigie_store_test_not_a_store.txt").string();
  {
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("hello, not sqlite\n", f);
    std::fclose(f);
  }
  auto store = EventStore::open(path, /*read_only=*/true);
  EXPECT_FALSE(store);
  if (!store) {
    EXPECT_EQ(store.error().where, path);
  }
  fs::remove(path);
  EXPECT_FALSE(EventStore::open("/nonexistent/dir/x.db", true));
}

TEST(GdeltExport, RowsHaveTheSixtyOneColumns) {
  EXPECT_EQ(gdelt_columns().size(), 61u);
  StoredCluster cluster;
  cluster.id = 7;
  cluster.first_date = "2024-03-19";
  cluster.mentions = 3;
  StoredEvent e;
  e.cameo = "112";
  e.source = StoredActor{"PAKGOV", "Pakistan", "Pakistan", {}};
  std::string row = gdelt_row(cluster, e);
  EXPECT_EQ(std::count(row.begin(), row.end(), '\t'), 60);
  EXPECT_EQ(row.rfind("7\t20240319\t202403\t2024\t", 0), 0u);
  EXPECT_NE(row.find("PAKGOV\tPAKISTAN\tPAK\t\t\t\t\tGOV\t"), std::string::npos);
}

}  // namespace
}  // namespace vigie::store
