// The event-store commands: `vigie query`, `vigie export --gdelt`, `vigie serve`, and the
// `--db` writer that `vigie extract` uses. Each parses its options and calls src/store or
// src/serve.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "document/document.h"
#include "document/expected.h"
#include "store/store.h"

namespace vigie::cli {

// `vigie extract --db FILE`: keeps documents in batches and writes each batch in one transaction.
class StoreWriter {
 public:
  // Documents per transaction: 256 example-sized documents (~10 events each) commit in ~30 ms
  // on the build machine; larger batches save nothing measurable and hold more memory.
  static constexpr std::size_t kDocumentsPerTransaction = 256;

  static Expected<std::unique_ptr<StoreWriter>> open(const std::string& path);
  // Copies `document` into the batch; writes the batch when full.
  std::optional<Error> add(const Document& document);
  // Writes what is left and refreshes the query planner's statistics.
  std::optional<Error> finish();
  const store::IngestSummary& summary() const { return summary_; }

 private:
  explicit StoreWriter(store::EventStore store) : store_(std::move(store)) {}
  std::optional<Error> write_batch();
  store::EventStore store_;
  std::vector<Document> batch_;
  store::IngestSummary summary_;
};

struct QueryOptions {
  std::string db = "vigie.db";
  std::string format = "table";
  std::string output;
  bool gdelt = false;    // `vigie export --gdelt`
  bool all = false;      // no limit
  store::EventFilter filter;
  double lat = 1000, lon = 1000, radius_km = 0;  // out of range: not given
};

// `vigie query`: filtered events as a table, CSV or JSON Lines.
CLI::App* add_query_command(CLI::App& app, QueryOptions& options);
int run_query(QueryOptions options);

// `vigie export`: every matching event cluster as GDELT 2.0 event TSV (doc/gdelt-export.md).
CLI::App* add_export_command(CLI::App& app, QueryOptions& options);
int run_export(QueryOptions options);

struct ServeCommandOptions {
  std::string db = "vigie.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_dir, node_modules_dir, data_dir;
  std::size_t max_extract_bytes = 0;
  double max_seconds = 0;  // stop by itself after this long (tests); 0: run until signalled
};
CLI::App* add_serve_command(CLI::App& app, ServeCommandOptions& options);
int run_serve(const ServeCommandOptions& options, const std::string& argv0);

}  // namespace vigie::cli
