#include "store/store.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "document/document_json.h"
#include "store/sqlite.h"

namespace vigie::store {
namespace {

using sql::Statement;
using sql::Value;

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kKmPerDegreeLatitude = 111.32;

// Schema migrations, in order: entry i brings a file from version i to version i + 1.
// Never edit a released entry; append a new one and raise kSchemaVersion.
const char* const kMigrations[] = {
    // Version 1: documents and what the pipeline found in them, events, clusters, FTS5 index.
    R"sql(
CREATE TABLE documents(
  id INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL,          -- the caller's id (file name, JSON Lines "id")
  url TEXT,                           -- NULL when unknown
  text_hash TEXT NOT NULL,            -- normalised_text_hash()
  title TEXT, site TEXT, author TEXT, published TEXT, lang TEXT,
  news_source TEXT NOT NULL,          -- news_source(): site, URL host, or (unknown)
  text TEXT NOT NULL,
  output_json TEXT NOT NULL,          -- the OUTPUT.md record, spans included
  ingested_at TEXT NOT NULL);
CREATE INDEX documents_url ON documents(url);
CREATE INDEX documents_hash ON documents(text_hash);
CREATE TABLE sentences(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, in_title INTEGER NOT NULL, begin INTEGER NOT NULL, end INTEGER NOT NULL,
  paragraph INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX sentences_document ON sentences(document_id);
CREATE VIRTUAL TABLE sentence_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE entities(
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  text TEXT NOT NULL, type TEXT NOT NULL, in_title INTEGER NOT NULL,
  begin INTEGER NOT NULL, end INTEGER NOT NULL, code TEXT);
CREATE INDEX entities_document ON entities(document_id);
CREATE TABLE places(
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  text TEXT NOT NULL, in_title INTEGER NOT NULL, begin INTEGER NOT NULL, end INTEGER NOT NULL,
  name TEXT, geonameid INTEGER, lat REAL, lon REAL, country TEXT, admin1 TEXT, feature TEXT);
CREATE INDEX places_document ON places(document_id);
CREATE TABLE quotes(
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  text TEXT NOT NULL, in_title INTEGER NOT NULL, begin INTEGER NOT NULL, end INTEGER NOT NULL,
  speaker_code TEXT, speaker_name TEXT, speaker_text TEXT);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE TABLE clusters(
  id INTEGER PRIMARY KEY,
  source_code TEXT NOT NULL, target_code TEXT NOT NULL, cameo TEXT NOT NULL,  -- '' when absent
  day INTEGER NOT NULL,               -- days since 1970-01-01 of the first mention; -1000000 undated
  has_place INTEGER NOT NULL, lat REAL, lon REAL,
  first_date TEXT, last_date TEXT,
  mentions INTEGER NOT NULL DEFAULT 0, documents INTEGER NOT NULL DEFAULT 0,
  sources INTEGER NOT NULL DEFAULT 0, representative INTEGER,
  representative_confidence REAL NOT NULL DEFAULT -1);
CREATE INDEX clusters_key ON clusters(source_code, target_code, cameo, has_place, day);
CREATE INDEX clusters_mentions ON clusters(mentions);
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence_id INTEGER NOT NULL, cluster_id INTEGER,
  in_title INTEGER NOT NULL, trigger_begin INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
  trigger_text TEXT NOT NULL,
  source_code TEXT, source_name TEXT, source_text TEXT, source_begin INTEGER, source_end INTEGER,
  target_code TEXT, target_name TEXT, target_text TEXT, target_begin INTEGER, target_end INTEGER,
  attribution_code TEXT, attribution_name TEXT, attribution_text TEXT,
  attribution_begin INTEGER, attribution_end INTEGER,
  cameo TEXT NOT NULL, cameo_root TEXT NOT NULL, cameo_name TEXT, quad_class INTEGER,
  goldstein REAL, plover_type TEXT, plover_mode TEXT, modality TEXT NOT NULL,
  date TEXT, date_source TEXT, rule TEXT,
  place_text TEXT, place_name TEXT, place_country TEXT, place_admin1 TEXT, place_feature TEXT,
  geonameid INTEGER, lat REAL, lon REAL,
  confidence REAL NOT NULL);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_root ON events(cameo_root);
CREATE INDEX events_cluster ON events(cluster_id);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_country ON events(place_country);
CREATE INDEX events_place ON events(lat, lon);
CREATE INDEX events_sentence ON events(sentence_id);
)sql",
    // Version 2: how a place was found (Place::match: '' for a gazetteer name, 'part', 'context';
    // NULL in rows written by version 1).
    R"sql(
ALTER TABLE places ADD COLUMN match_kind TEXT;
ALTER TABLE events ADD COLUMN place_match_kind TEXT;
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion);

constexpr std::int64_t kUndatedDay = -1000000;

// Days since 1970-01-01 (proleptic Gregorian), Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t day_number(const std::string& date) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) != 3)
    return kUndatedDay;
  return days_from_civil(y, m, d);
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRadians = M_PI / 180.0;
  double dlat = (lat2 - lat1) * kRadians, dlon = (lon2 - lon1) * kRadians;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRadians) *
                                                           std::cos(lat2 * kRadians) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

void sql_distance_km(sqlite3_context* context, int, sqlite3_value** values) {
  for (int i = 0; i < 4; ++i) {
    if (sqlite3_value_type(values[i]) == SQLITE_NULL) return sqlite3_result_null(context);
  }
  sqlite3_result_double(
      context, distance_km(sqlite3_value_double(values[0]), sqlite3_value_double(values[1]),
                           sqlite3_value_double(values[2]), sqlite3_value_double(values[3])));
}

std::string now_utc() {
  std::time_t now = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buffer;
}

// The smallest string greater than every string starting with `prefix` (for index range scans).
std::string prefix_upper_bound(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// WHERE clause over `events e` and its bound values.
struct Where {
  std::string sql = "1";
  std::vector<Value> values;
  void add(const std::string& clause, std::vector<Value> more = {}) {
    sql += " AND " + clause;
    for (Value& value : more) values.push_back(std::move(value));
  }
};

Where where_of(const EventFilter& f) {
  Where w;
  auto prefix = [&](const std::string& column, const std::string& code) {
    std::string low = upper(code);
    return std::make_pair("(" + column + " >= ? AND " + column + " < ?)",
                          std::vector<Value>{low, prefix_upper_bound(low)});
  };
  if (!f.actor.empty()) {
    auto [s, sv] = prefix("e.source_code", f.actor);
    auto [t, tv] = prefix("e.target_code", f.actor);
    sv.insert(sv.end(), tv.begin(), tv.end());
    w.add("(" + s + " OR " + t + ")", sv);
  }
  if (!f.source.empty()) {
    auto [s, sv] = prefix("e.source_code", f.source);
    w.add(s, sv);
  }
  if (!f.target.empty()) {
    auto [t, tv] = prefix("e.target_code", f.target);
    w.add(t, tv);
  }
  // With an actor filter, the code filters must not drive the plan: a CAMEO root matches ~15 %
  // of the events, an actor prefix far fewer, and SQLite's statistics cannot compare a range with
  // an equality (store_benchmark BM_QuerySourceRootModality: 204 ms of CPU with the root index,
  // see bench/README.md for the figure without). The unary + keeps the column out of the index.
  const bool by_actor = !f.actor.empty() || !f.source.empty() || !f.target.empty();
  const std::string code_column = by_actor ? "+e." : "e.";
  if (!f.cameo.empty()) w.add(code_column + "cameo = ?", {f.cameo});
  if (!f.root.empty()) w.add(code_column + "cameo_root = ?", {f.root});
  if (!f.plover.empty()) w.add("e.plover_type = ?", {upper(f.plover)});
  if (!f.modality.empty()) w.add("e.modality = ?", {f.modality});
  if (!f.from.empty()) w.add("e.date >= ?", {f.from});
  if (!f.to.empty()) w.add("e.date <= ?", {f.to});
  if (!f.country.empty()) w.add("e.place_country = ?", {upper(f.country)});
  if (f.lat && f.lon && f.radius_km) {
    // A bounding box the (lat, lon) index can answer, then the exact great-circle distance.
    double dlat = *f.radius_km / kKmPerDegreeLatitude;
    double cos_lat = std::cos((std::abs(*f.lat) + dlat) * M_PI / 180.0);
    double dlon = cos_lat > 0.01 ? dlat / cos_lat : 360.0;
    if (*f.lon - dlon >= -180.0 && *f.lon + dlon <= 180.0) {
      w.add("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?",
            {*f.lat - dlat, *f.lat + dlat, *f.lon - dlon, *f.lon + dlon});
    } else {
      w.add("e.lat BETWEEN ? AND ?", {*f.lat - dlat, *f.lat + dlat});
    }
    w.add("distance_km(e.lat, e.lon, ?, ?) <= ?", {*f.lat, *f.lon, *f.radius_km});
  }
  if (!f.text.empty()) {
    w.add("e.sentence_id IN (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?)", {f.text});
  }
  if (f.cluster) w.add("e.cluster_id = ?", {f.cluster});
  if (f.document) w.add("e.document_id = ?", {f.document});
  if (f.event) w.add("e.id = ?", {f.event});
  return w;
}

}  // namespace

std::optional<Error> validate(const EventFilter& filter) {
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
  if (!filter.from.empty() && !std::regex_match(filter.from, kDate))
    return Error{"from", "expected YYYY-MM-DD, got '" + filter.from + "'"};
  if (!filter.to.empty() && !std::regex_match(filter.to, kDate))
    return Error{"to", "expected YYYY-MM-DD, got '" + filter.to + "'"};
  static const std::set<std::string> kModalities = {"asserted", "alleged",  "denied",
                                                    "negated",  "possible", "intended"};
  if (!filter.modality.empty() && !kModalities.count(filter.modality))
    return Error{"modality",
                 "expected one of asserted, alleged, denied, negated, possible, "
                 "intended; got '" +
                     filter.modality + "'"};
  bool any_place = filter.lat || filter.lon || filter.radius_km;
  bool all_place = filter.lat && filter.lon && filter.radius_km;
  if (any_place && !all_place) return Error{"radius", "a place filter needs lat, lon and radius"};
  if (filter.lat && (*filter.lat < -90 || *filter.lat > 90))
    return Error{"lat", "must be between -90 and 90"};
  if (filter.lon && (*filter.lon < -180 || *filter.lon > 180))
    return Error{"lon", "must be between -180 and 180"};
  if (filter.radius_km && !(*filter.radius_km > 0)) return Error{"radius", "must be positive"};
  if (!filter.root.empty() && filter.root.size() != 2)
    return Error{"root", "a CAMEO root has two digits ('11'), got '" + filter.root + "'"};
  return std::nullopt;
}

double mention_confidence(const Event& event) {
  // An ordering, not a probability: what a reader would trust first.
  double score = 0.2;
  if (event.modality == Modality::kAsserted) score += 0.3;
  if (event.source && !event.source->code.empty()) score += 0.15;
  if (event.target && !event.target->code.empty()) score += 0.15;
  if (event.date_source.rfind("text", 0) == 0) score += 0.1;
  if (event.location) score += 0.1;
  return std::min(score, 1.0);
}

std::string normalised_text_hash(const Document& document) {
  std::uint64_t hash = 14695981039346656037ull;
  bool pending_space = false, started = false;
  auto feed = [&](std::string_view text) {
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        pending_space = started;
        continue;
      }
      if (pending_space) {
        hash = (hash ^ static_cast<unsigned char>(' ')) * 1099511628211ull;
        pending_space = false;
      }
      hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      started = true;
    }
  };
  feed(document.title);
  pending_space = started;
  feed(document.text);
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string news_source(const Document& document) {
  if (!document.site.empty()) return document.site;
  static const std::regex kHost(R"(^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:?#]+))");
  std::smatch match;
  if (std::regex_search(document.url, match, kHost)) return match[1].str();
  return "(unknown)";
}

struct EventStore::Impl {
  sqlite3* db = nullptr;
  int version = 0;
  ~Impl() { sqlite3_close_v2(db); }

  Expected<Statement> prepare(const std::string& text) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, text.c_str(), static_cast<int>(text.size()), &stmt, nullptr) !=
        SQLITE_OK) {
      return Error{"sqlite", std::string(sqlite3_errmsg(db)) + " in: " + text.substr(0, 120)};
    }
    return Statement(db, stmt);
  }
  std::optional<Error> exec(const char* text) {
    char* message = nullptr;
    if (sqlite3_exec(db, text, nullptr, nullptr, &message) != SQLITE_OK) {
      Error error{"sqlite", message ? message : "unknown error"};
      sqlite3_free(message);
      return error;
    }
    return std::nullopt;
  }
  Expected<std::int64_t> scalar(const std::string& text, const std::vector<Value>& values = {}) {
    auto stmt = prepare(text);
    if (!stmt) return stmt.error();
    stmt->bind_all(values);
    auto row = stmt->step();
    if (!row) return row.error();
    return *row ? stmt->integer(0) : std::int64_t{0};
  }

  std::optional<Error> migrate() {
    if (auto e = exec("CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, "
                      "applied_at TEXT NOT NULL)")) {
      return e;
    }
    auto current = scalar("SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (!current) return current.error();
    version = static_cast<int>(*current);
    if (version > kSchemaVersion) {
      return Error{"", "schema version " + std::to_string(version) +
                           " is newer than this vigie understands (" +
                           std::to_string(kSchemaVersion) + ")"};
    }
    for (int v = version; v < kSchemaVersion; ++v) {
      if (auto e = exec("BEGIN IMMEDIATE")) return e;
      auto failed = exec(kMigrations[v]);
      if (!failed) {
        auto record = prepare("INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)");
        if (!record) {
          failed = record.error();
        } else {
          failed = record->bind_all({std::int64_t{v + 1}, now_utc()}).run();
        }
      }
      if (failed) {
        exec("ROLLBACK");
        return Error{"", "migration to schema version " + std::to_string(v + 1) +
                             " failed: " + failed->message};
      }
      if (auto e = exec("COMMIT")) return e;
      version = v + 1;
    }
    return std::nullopt;
  }

  // Statements of one ingest batch.
  struct Writer {
    Statement find_hash, find_url, old_clusters, delete_fts, delete_document, insert_document,
        insert_sentence, insert_fts, insert_entity, insert_place, insert_quote, find_clusters,
        insert_cluster, insert_event, source_in_cluster, add_mention, refresh_cluster,
        delete_empty_cluster;
  };
  Expected<Writer> writer();
  std::optional<Error> write_document(Writer& w, const Document& document, const std::string& hash,
                                      std::set<std::int64_t>& recount, IngestSummary& summary);
  // The cluster `event` joins; `created` tells whether it was made for it.
  Expected<std::int64_t> cluster_for(Writer& w, const Event& event, std::int64_t day,
                                     bool& created);
  Expected<std::vector<StoredEvent>> read_events(Statement& stmt);
};

EventStore::EventStore() : impl_(std::make_unique<Impl>()) {}
EventStore::EventStore(EventStore&&) noexcept = default;
EventStore& EventStore::operator=(EventStore&&) noexcept = default;
EventStore::~EventStore() = default;

int EventStore::schema_version() const {
  return impl_->version;
}

std::optional<Error> EventStore::update_statistics() {
  return impl_->exec("PRAGMA analysis_limit = 1000; ANALYZE;");
}

Expected<EventStore> EventStore::open(const std::string& path, bool read_only) {
  EventStore store;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &store.impl_->db, flags | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string message = store.impl_->db ? sqlite3_errmsg(store.impl_->db) : "out of memory";
    return Error{path, "cannot open the event store: " + message};
  }
  Impl& impl = *store.impl_;
  // A writer holding the lock (a running `vigie extract --db`) makes others wait, not fail.
  sqlite3_busy_timeout(impl.db, 10000);
  sqlite3_create_function(impl.db, "distance_km", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                          sql_distance_km, nullptr, nullptr);
  if (read_only) {
    auto version = impl.scalar(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations') "
        "THEN 1 ELSE 0 END");
    if (!version) return Error{path, "not a Vigie event store: " + version.error().message};
    if (*version == 0) return Error{path, "not a Vigie event store (no schema_migrations table)"};
    auto current = impl.scalar("SELECT max(version) FROM schema_migrations");
    if (!current) return Error{path, current.error().message};
    impl.version = static_cast<int>(*current);
    if (impl.version != kSchemaVersion) {
      return Error{path, "schema version " + std::to_string(impl.version) + ", expected " +
                             std::to_string(kSchemaVersion) +
                             " (run `vigie extract --db` on it "
                             "to migrate)"};
    }
    return store;
  }
  // The page cache: SQLite's default 2 MiB thrashes once the event indexes outgrow it (ingest
  // fell from ~12,000 to ~1,800 events/s between 20,000 and 650,000 stored events in
  // store_benchmark, 2 MiB cache, loaded machine: 655,000 events in 6 minutes); with 64 MiB the
  // same 1M events took under 4 minutes.
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                             "PRAGMA foreign_keys = ON", "PRAGMA cache_size = -65536"}) {
    if (auto e = impl.exec(pragma)) return Error{path, e->message};
  }
  if (auto e = impl.migrate()) return Error{path, e->message};
  return store;
}

Expected<EventStore::Impl::Writer> EventStore::Impl::writer() {
  Writer w;
  struct Item {
    Statement* target;
    const char* text;
  };
  const Item items[] = {
      {&w.find_hash, "SELECT id FROM documents WHERE text_hash = ? LIMIT 1"},
      {&w.find_url, "SELECT id FROM documents WHERE url = ? LIMIT 1"},
      {&w.old_clusters, "SELECT DISTINCT cluster_id FROM events WHERE document_id = ?"},
      {&w.delete_fts,
       "DELETE FROM sentence_fts WHERE rowid IN (SELECT id FROM sentences WHERE document_id = ?)"},
      {&w.delete_document, "DELETE FROM documents WHERE id = ?"},
      {&w.insert_document,
       "INSERT INTO documents(external_id, url, text_hash, title, site, author, published, lang, "
       "news_source, text, output_json, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"},
      {&w.insert_sentence,
       "INSERT INTO sentences(document_id, idx, in_title, begin, end, paragraph, text) "
       "VALUES (?,?,?,?,?,?,?)"},
      {&w.insert_fts, "INSERT INTO sentence_fts(rowid, text) VALUES (?, ?)"},
      {&w.insert_entity,
       "INSERT INTO entities(document_id, text, type, in_title, begin, end, code) "
       "VALUES (?,?,?,?,?,?,?)"},
      {&w.insert_place,
       "INSERT INTO places(document_id, text, in_title, begin, end, name, geonameid, lat, lon, "
       "country, admin1, feature, match_kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"},
      {&w.insert_quote,
       "INSERT INTO quotes(document_id, text, in_title, begin, end, speaker_code, speaker_name, "
       "speaker_text) VALUES (?,?,?,?,?,?,?,?)"},
      {&w.find_clusters,
       "SELECT id, day, lat, lon FROM clusters WHERE source_code = ? AND target_code = ? AND "
       "cameo = ? AND has_place = ? AND day BETWEEN ? AND ?"},
      {&w.insert_cluster,
       "INSERT INTO clusters(source_code, target_code, cameo, day, has_place, lat, lon) "
       "VALUES (?,?,?,?,?,?,?)"},
      {&w.insert_event,
       "INSERT INTO events(document_id, sentence_id, cluster_id, in_title, trigger_begin, "
       "trigger_end, trigger_text, source_code, source_name, source_text, source_begin, "
       "source_end, target_code, target_name, target_text, target_begin, target_end, "
       "attribution_code, attribution_name, attribution_text, attribution_begin, "
       "attribution_end, cameo, cameo_root, cameo_name, quad_class, goldstein, plover_type, "
       "plover_mode, modality, date, date_source, rule, place_text, place_name, place_country, "
       "place_admin1, place_feature, geonameid, lat, lon, confidence, place_match_kind) VALUES "
       "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
      {&w.source_in_cluster,
       "SELECT EXISTS (SELECT 1 FROM events e JOIN documents d ON d.id = e.document_id "
       "WHERE e.cluster_id = ? AND d.news_source = ?)"},
      // Counts kept incrementally as mentions arrive; refresh_cluster recounts after deletions.
      {&w.add_mention,
       "UPDATE clusters SET mentions = mentions + 1, documents = documents + ?2, "
       "sources = sources + ?3, "
       "representative = CASE WHEN ?4 > representative_confidence THEN ?5 ELSE representative END, "
       "representative_confidence = max(representative_confidence, ?4), "
       "first_date = CASE WHEN first_date IS NULL OR ?6 < first_date THEN ?6 ELSE first_date END, "
       "last_date = CASE WHEN last_date IS NULL OR ?6 > last_date THEN ?6 ELSE last_date END "
       "WHERE id = ?1"},
      {&w.refresh_cluster,
       "UPDATE clusters SET "
       "mentions = (SELECT count(*) FROM events WHERE cluster_id = ?1), "
       "documents = (SELECT count(DISTINCT document_id) FROM events WHERE cluster_id = ?1), "
       "sources = (SELECT count(DISTINCT d.news_source) FROM events e JOIN documents d "
       "           ON d.id = e.document_id WHERE e.cluster_id = ?1), "
       "representative = (SELECT id FROM events WHERE cluster_id = ?1 "
       "                  ORDER BY confidence DESC, id LIMIT 1), "
       "representative_confidence = coalesce((SELECT max(confidence) FROM events "
       "                                      WHERE cluster_id = ?1), -1), "
       "first_date = (SELECT min(date) FROM events WHERE cluster_id = ?1), "
       "last_date = (SELECT max(date) FROM events WHERE cluster_id = ?1) "
       "WHERE id = ?1"},
      {&w.delete_empty_cluster, "DELETE FROM clusters WHERE id = ? AND mentions = 0"},
  };
  for (const Item& item : items) {
    auto stmt = prepare(item.text);
    if (!stmt) return stmt.error();
    *item.target = std::move(*stmt);
  }
  return w;
}

Expected<std::int64_t> EventStore::Impl::cluster_for(Writer& w, const Event& event,
                                                     std::int64_t day, bool& created) {
  created = false;
  std::string source = event.source ? event.source->code : "";
  std::string target = event.target ? event.target->code : "";
  bool has_place = event.location.has_value();
  std::int64_t window = day == kUndatedDay ? 0 : kClusterDateWindowDays;
  w.find_clusters.reset().bind_all(
      {source, target, event.cameo, std::int64_t{has_place}, day - window, day + window});
  std::int64_t best = 0;
  double best_score = 1e300;
  for (;;) {
    auto row = w.find_clusters.step();
    if (!row) return row.error();
    if (!*row) break;
    double score = static_cast<double>(std::llabs(w.find_clusters.integer(1) - day)) * 1e6;
    if (has_place) {
      double km = distance_km(event.location->lat, event.location->lon, w.find_clusters.real(2),
                              w.find_clusters.real(3));
      if (km > kClusterRadiusKm) continue;
      score += km;
    }
    if (score < best_score) {
      best_score = score;
      best = w.find_clusters.integer(0);
    }
  }
  if (best) return best;
  w.insert_cluster.reset().bind_all({source, target, event.cameo, day, std::int64_t{has_place}});
  if (has_place) w.insert_cluster.bind(6, event.location->lat).bind(7, event.location->lon);
  if (auto e = w.insert_cluster.run()) return *e;
  created = true;
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db));
}

std::optional<Error> EventStore::Impl::write_document(Writer& w, const Document& doc,
                                                      const std::string& hash,
                                                      std::set<std::int64_t>& recount,
                                                      IngestSummary& summary) {
  w.find_hash.reset().bind(1, hash);
  auto same_text = w.find_hash.step();
  if (!same_text) return same_text.error();
  if (*same_text) {
    ++summary.documents_unchanged;
    return std::nullopt;
  }
  if (!doc.url.empty()) {
    w.find_url.reset().bind(1, doc.url);
    auto old = w.find_url.step();
    if (!old) return old.error();
    if (*old) {
      std::int64_t old_id = w.find_url.integer(0);
      w.old_clusters.reset().bind(1, old_id);
      for (;;) {
        auto row = w.old_clusters.step();
        if (!row) return row.error();
        if (!*row) break;
        if (!w.old_clusters.is_null(0)) recount.insert(w.old_clusters.integer(0));
      }
      if (auto e = w.delete_fts.reset().bind(1, old_id).run()) return e;
      if (auto e = w.delete_document.reset().bind(1, old_id).run()) return e;
      ++summary.documents_replaced;
    } else {
      ++summary.documents_added;
    }
  } else {
    ++summary.documents_added;
  }

  const std::string source_name = news_source(doc);
  w.insert_document.reset().bind_all({doc.id, nullptr, hash});
  w.insert_document.bind_text_or_null(2, doc.url)
      .bind_text_or_null(4, doc.title)
      .bind_text_or_null(5, doc.site)
      .bind_text_or_null(6, doc.author)
      .bind_text_or_null(7, doc.published)
      .bind_text_or_null(8, doc.lang)
      .bind(9, source_name)
      .bind(10, doc.text)
      .bind(11, to_output_line(doc))
      .bind(12, now_utc());
  if (auto e = w.insert_document.run()) return e;
  const std::int64_t id = sqlite3_last_insert_rowid(db);

  auto in_title = [](Field field) { return std::int64_t{field == Field::kTitle}; };
  std::vector<std::int64_t> sentence_ids;
  sentence_ids.reserve(doc.sentences.size());
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    std::string text(doc.slice(s.field, s.span));
    w.insert_sentence.reset().bind_all({id, std::int64_t(i), in_title(s.field),
                                        std::int64_t{s.span.begin}, std::int64_t{s.span.end},
                                        std::int64_t{s.paragraph}, text});
    if (auto e = w.insert_sentence.run()) return e;
    std::int64_t sentence_id = sqlite3_last_insert_rowid(db);
    sentence_ids.push_back(sentence_id);
    if (auto e = w.insert_fts.reset().bind_all({sentence_id, text}).run()) return e;
  }
  for (const Entity& entity : doc.entities) {
    w.insert_entity.reset().bind_all({id, entity.text, std::string(to_string(entity.type)),
                                      in_title(entity.field), std::int64_t{entity.span.begin},
                                      std::int64_t{entity.span.end}});
    w.insert_entity.bind_text_or_null(7, entity.code);
    if (auto e = w.insert_entity.run()) return e;
  }
  for (const Place& place : doc.places) {
    w.insert_place.reset().bind_all({id, place.text, in_title(place.field),
                                     std::int64_t{place.span.begin}, std::int64_t{place.span.end},
                                     place.name, place.geonameid, place.lat, place.lon});
    w.insert_place.bind_text_or_null(10, place.country)
        .bind_text_or_null(11, place.admin1)
        .bind_text_or_null(12, place.feature)
        .bind_text_or_null(13, place.match);
    if (auto e = w.insert_place.run()) return e;
  }
  for (const Quote& quote : doc.quotes) {
    w.insert_quote.reset().bind_all({id, quote.text, in_title(quote.field),
                                     std::int64_t{quote.span.begin}, std::int64_t{quote.span.end}});
    if (quote.speaker) {
      w.insert_quote.bind_text_or_null(6, quote.speaker->code)
          .bind_text_or_null(7, quote.speaker->name)
          .bind(8, quote.speaker->text);
    }
    if (auto e = w.insert_quote.run()) return e;
  }
  std::set<std::int64_t> clusters_of_document;
  for (const Event& event : doc.events) {
    std::string date = event.date.empty() ? doc.published : event.date;
    std::int64_t day = day_number(date);
    bool created = false;
    auto cluster = cluster_for(w, event, day, created);
    if (!cluster) return cluster.error();
    bool new_document = clusters_of_document.insert(*cluster).second;
    bool new_source = created;
    if (!created && new_document) {
      w.source_in_cluster.reset().bind_all({*cluster, source_name});
      auto known = w.source_in_cluster.step();
      if (!known) return known.error();
      new_source = w.source_in_cluster.integer(0) == 0;
    }
    const Sentence* sentence =
        event.sentence < doc.sentences.size() ? &doc.sentences[event.sentence] : nullptr;
    Statement& s = w.insert_event;
    s.reset().bind_all(
        {id, event.sentence < sentence_ids.size() ? sentence_ids[event.sentence] : std::int64_t{0},
         *cluster, in_title(sentence ? sentence->field : Field::kBody),
         std::int64_t{event.trigger.begin}, std::int64_t{event.trigger.end}, event.trigger_text});
    auto bind_actor = [&](int column, const std::optional<Actor>& actor) {
      if (!actor) return;
      s.bind_text_or_null(column, actor->code)
          .bind_text_or_null(column + 1, actor->name)
          .bind(column + 2, actor->text)
          .bind(column + 3, std::int64_t{actor->span.begin})
          .bind(column + 4, std::int64_t{actor->span.end});
    };
    bind_actor(8, event.source);
    bind_actor(13, event.target);
    bind_actor(18, event.attribution);
    s.bind(23, event.cameo)
        .bind(24, event.cameo.substr(0, 2))
        .bind_text_or_null(25, event.cameo_name)
        .bind(26, std::int64_t{event.quad_class})
        .bind(27, event.goldstein)
        .bind_text_or_null(28, event.plover_type)
        .bind_text_or_null(29, event.plover_mode)
        .bind(30, std::string(to_string(event.modality)))
        .bind_text_or_null(31, event.date)
        .bind_text_or_null(32, event.date_source)
        .bind_text_or_null(33, event.rule)
        .bind(42, mention_confidence(event));
    if (event.location) {
      const Place& p = *event.location;
      s.bind(34, p.text)
          .bind_text_or_null(35, p.name)
          .bind_text_or_null(36, p.country)
          .bind_text_or_null(37, p.admin1)
          .bind_text_or_null(38, p.feature)
          .bind(39, p.geonameid)
          .bind(40, p.lat)
          .bind(41, p.lon)
          .bind_text_or_null(43, p.match);
    }
    if (auto e = s.run()) return e;
    const std::int64_t event_id = sqlite3_last_insert_rowid(db);
    w.add_mention.reset().bind_all({*cluster, std::int64_t{new_document}, std::int64_t{new_source},
                                    mention_confidence(event), event_id});
    w.add_mention.bind_text_or_null(6, event.date.empty() ? doc.published : event.date);
    if (auto e = w.add_mention.run()) return e;
    ++summary.clusters_touched;
    ++summary.events_added;
  }
  return std::nullopt;
}

Expected<IngestSummary> EventStore::ingest(const std::vector<const Document*>& documents) {
  IngestSummary summary;
  auto writer = impl_->writer();
  if (!writer) return writer.error();
  if (auto e = impl_->exec("BEGIN IMMEDIATE")) return *e;
  std::set<std::int64_t> recount;  // clusters that lost mentions to a replaced page
  auto fail = [&](const Error& error) -> Expected<IngestSummary> {
    impl_->exec("ROLLBACK");
    return error;
  };
  for (const Document* document : documents) {
    if (auto e = impl_->write_document(*writer, *document, normalised_text_hash(*document), recount,
                                       summary)) {
      return fail(Error{document->id, e->message});
    }
  }
  for (std::int64_t cluster : recount) {
    if (auto e = writer->refresh_cluster.reset().bind(1, cluster).run()) return fail(*e);
    if (auto e = writer->delete_empty_cluster.reset().bind(1, cluster).run()) return fail(*e);
  }
  // Statements must be finalised before COMMIT can release every lock.
  *writer = Impl::Writer{};
  if (auto e = impl_->exec("COMMIT")) return fail(*e);
  return summary;
}

namespace {
const char* const kEventColumns =
    "e.id, e.document_id, e.cluster_id, d.external_id, d.url, d.news_source, d.published, "
    "d.lang, s.text, e.in_title, s.begin, s.end, e.trigger_begin, e.trigger_end, "
    "e.trigger_text, "
    "e.source_code, e.source_name, e.source_text, e.source_begin, e.source_end, "  // 15
    "e.target_code, e.target_name, e.target_text, e.target_begin, e.target_end, "  // 20
    "e.attribution_code, e.attribution_name, e.attribution_text, e.attribution_begin, "
    "e.attribution_end, "                                                               // 25
    "e.cameo, e.cameo_name, e.quad_class, e.goldstein, e.plover_type, e.plover_mode, "  // 30
    "e.modality, e.date, e.date_source, e.rule, "                                       // 36
    "e.place_text, e.place_name, e.place_country, e.place_admin1, e.place_feature, "    // 40
    "e.geonameid, e.lat, e.lon, e.confidence, e.place_match_kind";                      // 45
}  // namespace

Expected<std::vector<StoredEvent>> EventStore::Impl::read_events(Statement& stmt) {
  std::vector<StoredEvent> out;
  for (;;) {
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) break;
    StoredEvent e;
    e.id = stmt.integer(0);
    e.document = stmt.integer(1);
    e.cluster = stmt.integer(2);
    e.document_id = stmt.text(3);
    e.url = stmt.text(4);
    e.news_source = stmt.text(5);
    e.published = stmt.text(6);
    e.lang = stmt.text(7);
    e.sentence = stmt.text(8);
    e.in_title = stmt.integer(9) != 0;
    e.sentence_span = {static_cast<std::uint32_t>(stmt.integer(10)),
                       static_cast<std::uint32_t>(stmt.integer(11))};
    e.trigger = {static_cast<std::uint32_t>(stmt.integer(12)),
                 static_cast<std::uint32_t>(stmt.integer(13))};
    e.trigger_text = stmt.text(14);
    auto actor = [&](int column) -> std::optional<StoredActor> {
      if (stmt.is_null(column + 2)) return std::nullopt;
      return StoredActor{stmt.text(column), stmt.text(column + 1), stmt.text(column + 2),
                         Span{static_cast<std::uint32_t>(stmt.integer(column + 3)),
                              static_cast<std::uint32_t>(stmt.integer(column + 4))}};
    };
    e.source = actor(15);
    e.target = actor(20);
    e.attribution = actor(25);
    e.cameo = stmt.text(30);
    e.cameo_name = stmt.text(31);
    e.quad_class = static_cast<int>(stmt.integer(32));
    e.goldstein = stmt.real(33);
    e.plover_type = stmt.text(34);
    e.plover_mode = stmt.text(35);
    e.modality = stmt.text(36);
    e.date = stmt.text(37);
    e.date_source = stmt.text(38);
    e.rule = stmt.text(39);
    if (!stmt.is_null(40)) {
      Place p;
      p.text = stmt.text(40);
      p.name = stmt.text(41);
      p.country = stmt.text(42);
      p.admin1 = stmt.text(43);
      p.feature = stmt.text(44);
      p.geonameid = stmt.integer(45);
      p.lat = stmt.real(46);
      p.lon = stmt.real(47);
      p.match = stmt.text(49);
      e.place = p;
    }
    e.confidence = stmt.real(48);
    out.push_back(std::move(e));
  }
  return out;
}

Expected<std::vector<StoredEvent>> EventStore::events(const EventFilter& filter) {
  Where w = where_of(filter);
  auto stmt = impl_->prepare(std::string("SELECT ") + kEventColumns +
                             " FROM events e JOIN documents d ON d.id = e.document_id "
                             "JOIN sentences s ON s.id = e.sentence_id WHERE " +
                             w.sql + " ORDER BY e.date DESC, e.id DESC LIMIT ? OFFSET ?");
  if (!stmt) return stmt.error();
  w.values.push_back(static_cast<std::int64_t>(filter.limit));
  w.values.push_back(static_cast<std::int64_t>(filter.offset));
  stmt->bind_all(w.values);
  return impl_->read_events(*stmt);
}

Expected<std::size_t> EventStore::count_events(const EventFilter& filter) {
  Where w = where_of(filter);
  auto n = impl_->scalar("SELECT count(*) FROM events e WHERE " + w.sql, w.values);
  if (!n) return n.error();
  return static_cast<std::size_t>(*n);
}

Expected<std::vector<StoredCluster>> EventStore::clusters(const EventFilter& filter) {
  Where w = where_of(filter);
  auto stmt = impl_->prepare(
      "SELECT c.id, c.source_code, c.target_code, c.cameo, c.first_date, c.last_date, c.mentions, "
      "c.documents, c.sources, c.representative, "
      "(SELECT group_concat(modality, ',') FROM (SELECT DISTINCT modality FROM events "
      " WHERE cluster_id = c.id ORDER BY modality)) "
      "FROM clusters c WHERE c.id IN (SELECT e.cluster_id FROM events e WHERE " +
      w.sql + ") ORDER BY c.mentions DESC, c.id LIMIT ? OFFSET ?");
  if (!stmt) return stmt.error();
  w.values.push_back(static_cast<std::int64_t>(filter.limit));
  w.values.push_back(static_cast<std::int64_t>(filter.offset));
  stmt->bind_all(w.values);
  std::vector<StoredCluster> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    StoredCluster c;
    c.id = stmt->integer(0);
    c.source_code = stmt->text(1);
    c.target_code = stmt->text(2);
    c.cameo = stmt->text(3);
    c.first_date = stmt->text(4);
    c.last_date = stmt->text(5);
    c.mentions = stmt->integer(6);
    c.documents = stmt->integer(7);
    c.sources = stmt->integer(8);
    c.representative = stmt->integer(9);
    std::string modalities = stmt->text(10);
    for (std::size_t start = 0; start < modalities.size();) {
      std::size_t comma = modalities.find(',', start);
      if (comma == std::string::npos) comma = modalities.size();
      c.modalities.push_back(modalities.substr(start, comma - start));
      start = comma + 1;
    }
    out.push_back(std::move(c));
  }
  return out;
}

Expected<std::vector<ActorCount>> EventStore::actors(const EventFilter& filter) {
  Where w = where_of(filter);
  std::vector<Value> values = w.values;
  values.insert(values.end(), w.values.begin(), w.values.end());
  values.push_back(static_cast<std::int64_t>(filter.limit));
  values.push_back(static_cast<std::int64_t>(filter.offset));
  auto stmt = impl_->prepare(
      "SELECT code, max(name), sum(s), sum(t) FROM ("
      " SELECT e.source_code AS code, e.source_name AS name, 1 AS s, 0 AS t FROM events e"
      " WHERE e.source_code IS NOT NULL AND " +
      w.sql +
      " UNION ALL"
      " SELECT e.target_code, e.target_name, 0, 1 FROM events e"
      " WHERE e.target_code IS NOT NULL AND " +
      w.sql + ") GROUP BY code ORDER BY sum(s) + sum(t) DESC, code LIMIT ? OFFSET ?");
  if (!stmt) return stmt.error();
  stmt->bind_all(values);
  std::vector<ActorCount> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back({stmt->text(0), stmt->text(1), static_cast<std::size_t>(stmt->integer(2)),
                   static_cast<std::size_t>(stmt->integer(3))});
  }
  return out;
}

Expected<std::vector<DyadCount>> EventStore::dyads(const EventFilter& filter) {
  Where w = where_of(filter);
  auto stmt = impl_->prepare(
      "SELECT e.source_code, e.target_code, count(*), avg(e.goldstein) FROM events e "
      "WHERE e.source_code IS NOT NULL AND e.target_code IS NOT NULL AND " +
      w.sql + " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ? OFFSET ?");
  if (!stmt) return stmt.error();
  w.values.push_back(static_cast<std::int64_t>(filter.limit));
  w.values.push_back(static_cast<std::int64_t>(filter.offset));
  stmt->bind_all(w.values);
  std::vector<DyadCount> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back(
        {stmt->text(0), stmt->text(1), static_cast<std::size_t>(stmt->integer(2)), stmt->real(3)});
  }
  return out;
}

Expected<std::vector<PlaceCount>> EventStore::places(const EventFilter& filter) {
  Where w = where_of(filter);
  auto stmt = impl_->prepare(
      "SELECT coalesce(e.place_name, e.place_text), coalesce(e.place_country, ''), avg(e.lat), "
      "avg(e.lon), count(*) FROM events e WHERE e.lat IS NOT NULL AND " +
      w.sql + " GROUP BY 1, 2 ORDER BY 5 DESC, 1 LIMIT ? OFFSET ?");
  if (!stmt) return stmt.error();
  w.values.push_back(static_cast<std::int64_t>(filter.limit));
  w.values.push_back(static_cast<std::int64_t>(filter.offset));
  stmt->bind_all(w.values);
  std::vector<PlaceCount> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back({stmt->text(0), stmt->text(1), stmt->real(2), stmt->real(3),
                   static_cast<std::size_t>(stmt->integer(4))});
  }
  return out;
}

Expected<std::vector<DayCount>> EventStore::timeseries(const EventFilter& filter) {
  Where w = where_of(filter);
  auto stmt = impl_->prepare(
      "SELECT e.date, e.quad_class, count(*) FROM events e "
      "WHERE e.date IS NOT NULL AND " +
      w.sql + " GROUP BY 1, 2 ORDER BY 1, 2");
  if (!stmt) return stmt.error();
  stmt->bind_all(w.values);
  std::vector<DayCount> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    out.push_back({stmt->text(0), static_cast<int>(stmt->integer(1)),
                   static_cast<std::size_t>(stmt->integer(2))});
  }
  return out;
}

Expected<std::string> EventStore::document_json(std::int64_t id) {
  auto stmt = impl_->prepare("SELECT output_json, news_source FROM documents WHERE id = ?");
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return Error{"document " + std::to_string(id), "no such document in the store"};
  nlohmann::json json = nlohmann::json::parse(stmt->text(0), nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Error{"document " + std::to_string(id), "stored record is not valid JSON"};
  }
  json["store_id"] = id;
  json["news_source"] = stmt->text(1);
  auto ids = impl_->prepare("SELECT id, cluster_id FROM events WHERE document_id = ? ORDER BY id");
  if (!ids) return ids.error();
  ids->bind(1, id);
  std::size_t index = 0;
  for (;;) {
    auto next = ids->step();
    if (!next) return next.error();
    if (!*next) break;
    if (json.contains("events") && index < json["events"].size()) {
      json["events"][index]["store_id"] = ids->integer(0);
      json["events"][index]["cluster"] = ids->integer(1);
    }
    ++index;
  }
  return json.dump();
}

}  // namespace vigie::store
