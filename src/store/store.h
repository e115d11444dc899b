// The event store: analysed documents kept in one SQLite file, events merged across articles into
// event clusters, and the filtered queries that `vigie query`, `vigie export` and `vigie serve`
// answer from it. The on-disk layout is documented in doc/store.md.
//
// Contract:
// - `EventStore::open` creates the file or migrates an older schema (table `schema_migrations`
//   records every applied version); the database runs in WAL mode, so readers (the server) never
//   block the writer (`vigie extract --db`).
// - `ingest` writes one batch of documents in one transaction, with prepared statements only.
//   A document is identified by its URL when it has one, else by the hash of its normalised text
//   (title + body, whitespace collapsed). Re-ingesting an identical document changes nothing; a
//   document with a known URL and a different text is a new version of the page: the old version
//   and all its rows (events included) are replaced.
// - Every ingested event joins an event cluster (see `kClusterDateWindowDays`, `kClusterRadiusKm`
//   and `cluster_key` below): GDELT's "one event, many mentions".
// - Errors are values; nothing throws.
//
// Thread safety: one EventStore is one SQLite connection; use it from one thread at a time. Many
// processes may open the same file (WAL): one writer, any number of readers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "document/document.h"
#include "document/expected.h"

namespace vigie::store {

// The schema version this build writes; `open` migrates older files up to it.
inline constexpr int kSchemaVersion = 2;

// Dedup: two mentions are the same event when they have the same source and target actor codes,
// the same full CAMEO code (not the root: "accuse" and "deny" share no root, but "demand" 100 and
// "demand a ceasefire" 1053 do, and GDELT keeps them apart too), dates at most this many days
// apart (a wire story dated by publication and a follow-up dated by "on Monday" land one day apart
// on the examples), and places within kClusterRadiusKm (a city and its suburbs; two capitals are
// always farther apart). A mention without a date joins only undated clusters, one without a place
// only clusters without a place: unknown is not "anywhere".
inline constexpr int kClusterDateWindowDays = 1;
inline constexpr double kClusterRadiusKm = 50.0;

// What `ingest` did with one batch.
struct IngestSummary {
  std::size_t documents_added = 0;      // new documents
  std::size_t documents_replaced = 0;   // new versions of a known URL
  std::size_t documents_unchanged = 0;  // already stored: nothing written
  std::size_t events_added = 0;
  std::size_t clusters_touched = 0;  // cluster updates: one per event added
};

// Filters of `vigie query`, `vigie export` and GET /api/events. Empty strings and unset
// optionals do not filter. Actor codes match by prefix ("PAK" matches "PAKGOV").
struct EventFilter {
  std::string actor;     // source or target code prefix
  std::string source;    // source code prefix
  std::string target;    // target code prefix
  std::string cameo;     // exact CAMEO code ("112")
  std::string root;      // CAMEO root, the first two digits ("11")
  std::string plover;    // PLOVER type ("ACCUSE"), case-insensitive
  std::string modality;  // asserted, alleged, denied, negated, possible, intended
  std::string from;      // YYYY-MM-DD, inclusive
  std::string to;        // YYYY-MM-DD, inclusive
  std::string country;   // ISO 3166-1 alpha-3 of the event's place
  std::string text;      // SQLite FTS5 query over the event's sentence ("border AND clash")
  std::optional<double> lat, lon, radius_km;  // place within radius_km of (lat, lon)
  std::int64_t cluster = 0;                   // only mentions of this cluster (0: any)
  std::int64_t document = 0;                  // only events of this stored document (0: any)
  std::int64_t event = 0;                     // only this event (0: any)
  std::size_t limit = 100;
  std::size_t offset = 0;
};

// Checks a filter's values (dates, modality, radius, limit); the message names the field.
std::optional<Error> validate(const EventFilter& filter);

struct StoredActor {
  std::string code, name, text;
  Span span;  // in the event's field
};

// One event mention as stored, with what a reader needs to judge it.
struct StoredEvent {
  std::int64_t id = 0;
  std::int64_t document = 0;  // stored document id
  std::int64_t cluster = 0;
  std::string document_id;  // the caller's id ("2024-03-19-pakistan-accuses-taliban.txt")
  std::string url, news_source, published, lang;
  std::string sentence;  // the sentence's text
  bool in_title = false;
  Span sentence_span;  // in its field
  Span trigger;        // in its field
  std::string trigger_text;
  std::optional<StoredActor> source, target, attribution;
  std::string cameo, cameo_name;
  int quad_class = 0;
  double goldstein = 0;
  std::string plover_type, plover_mode, modality;
  std::string date, date_source, rule;
  std::optional<Place> place;
  double confidence = 0;
};

// One event cluster: the same event told by one or more mentions.
struct StoredCluster {
  std::int64_t id = 0;
  std::string source_code, target_code, cameo;
  std::string first_date, last_date;
  std::size_t mentions = 0, documents = 0, sources = 0;
  std::int64_t representative = 0;      // event id of the most confident mention
  std::vector<std::string> modalities;  // the distinct modalities of its mentions, sorted
};

struct ActorCount {
  std::string code, name;
  std::size_t as_source = 0, as_target = 0;
};
struct DayCount {
  std::string date;
  int quad_class = 0;
  std::size_t events = 0;
};
struct PlaceCount {
  std::string name, country;
  double lat = 0, lon = 0;
  std::size_t events = 0;
};
struct DyadCount {
  std::string source, target;
  std::size_t events = 0;
  double mean_goldstein = 0;
};

// How confident the coder was in a mention, from 0 to 1: asserted over reported speech, both
// actors coded, a date read in the text, a known place. Used to pick a cluster's representative.
double mention_confidence(const Event& event);

// The hash that identifies a document's text: FNV-1a 64 of title and body with runs of whitespace
// collapsed and ends trimmed, as 16 hex digits.
std::string normalised_text_hash(const Document& document);

// Where the news came from: the page's site name, else its URL's host, else "(unknown)".
std::string news_source(const Document& document);

class EventStore {
 public:
  // Opens (creating if needed) and migrates the database at `path`. `read_only` opens an
  // existing file without writing (the server).
  static Expected<EventStore> open(const std::string& path, bool read_only = false);

  // Writes a batch of analysed documents in one transaction (see the contract above).
  Expected<IngestSummary> ingest(const std::vector<const Document*>& documents);

  Expected<std::vector<StoredEvent>> events(const EventFilter& filter);
  Expected<std::size_t> count_events(const EventFilter& filter);
  // Clusters having at least one mention that passes `filter` (limit/offset apply to clusters),
  // most mentioned first.
  Expected<std::vector<StoredCluster>> clusters(const EventFilter& filter);
  Expected<std::vector<ActorCount>> actors(const EventFilter& filter);
  Expected<std::vector<DyadCount>> dyads(const EventFilter& filter);
  Expected<std::vector<PlaceCount>> places(const EventFilter& filter);
  Expected<std::vector<DayCount>> timeseries(const EventFilter& filter);
  // The stored document (OUTPUT.md JSON, with spans) and the store ids of its events, as a JSON
  // string; an Error when `id` is unknown.
  Expected<std::string> document_json(std::int64_t id);

  // Refreshes the query planner's statistics (sampled ANALYZE). Without them SQLite guesses that
  // `cameo_root = '19'` matches ~10 rows and scans 150,000 of 1M generated events for a query
  // that the source-code index answers from 3,500 (store_benchmark). `vigie extract --db` calls
  // it at the end of a run.
  std::optional<Error> update_statistics();

  int schema_version() const;

  EventStore(EventStore&&) noexcept;
  EventStore& operator=(EventStore&&) noexcept;
  ~EventStore();

 private:
  EventStore();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigie::store
