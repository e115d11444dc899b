#include "cli/store_commands.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

#include "pipeline/pipeline.h"
#include "serve/server.h"
#include "store/export.h"

namespace vigie::cli {
namespace {

constexpr int kExitBadCommandLine = 2;
constexpr int kExitStoreFailed = 3;
// `--all` reads the store in pages of this many rows, so memory stays bounded.
constexpr std::size_t kExportPageSize = 10000;

const char* const kQueryFooter = R"(Actor codes match by prefix: --actor PAK matches PAK, PAKGOV, PAKMIL
as source or target. --text is an SQLite FTS5 query over the event's sentence ("border AND
clash", "taliban*"); accents are ignored. A place filter needs --lat, --lon and --radius (km).
Exit status: 0 done (even with no match), 2 wrong command line or filter, 3 the store cannot be
opened or read.)";

void add_filter_options(CLI::App* cmd, QueryOptions& o) {
  cmd->add_option("--db", o.db, "Event store written by `vigie extract --db`")->capture_default_str();
  cmd->add_option("--actor", o.filter.actor, "Source or target actor code prefix (PAK)");
  cmd->add_option("--source", o.filter.source, "Source actor code prefix");
  cmd->add_option("--target", o.filter.target, "Target actor code prefix");
  cmd->add_option("--cameo", o.filter.cameo, "CAMEO event code (112)");
  cmd->add_option("--root", o.filter.root, "CAMEO root code, two digits (11)");
  cmd->add_option("--plover", o.filter.plover, "PLOVER event type (ACCUSE)");
  cmd->add_option("--modality", o.filter.modality,
                  "asserted, alleged, denied, negated, possible or intended");
  cmd->add_option("--from", o.filter.from, "First date, YYYY-MM-DD");
  cmd->add_option("--to", o.filter.to, "Last date, YYYY-MM-DD (inclusive)");
  cmd->add_option("--country", o.filter.country, "Country of the event's place (ISO alpha-3)");
  cmd->add_option("--lat", o.lat, "Latitude of the place filter's centre")->check(CLI::Range(-90.0, 90.0));
  cmd->add_option("--lon", o.lon, "Longitude of the place filter's centre")->check(CLI::Range(-180.0, 180.0));
  cmd->add_option("--radius", o.radius_km, "Radius of the place filter, km");
  cmd->add_option("--text", o.filter.text, "Full-text query over the sentence (SQLite FTS5)");
  cmd->add_option("-o,--output", o.output, "Write to FILE instead of standard output");
}

// Moves the place options into the filter and validates it.
std::optional<Error> prepare(QueryOptions& o) {
  if (o.lat != 1000) o.filter.lat = o.lat;
  if (o.lon != 1000) o.filter.lon = o.lon;
  if (o.radius_km != 0) o.filter.radius_km = o.radius_km;
  return store::validate(o.filter);
}

struct Output {
  std::ofstream file;
  std::ostream* out = &std::cout;
  bool open(const std::string& path) {
    if (path.empty()) return true;
    file.open(path, std::ios::binary | std::ios::trunc);
    out = &file;
    return static_cast<bool>(file);
  }
};

}  // namespace

Expected<std::unique_ptr<StoreWriter>> StoreWriter::open(const std::string& path) {
  auto store = store::EventStore::open(path);
  if (!store) return store.error();
  return std::unique_ptr<StoreWriter>(new StoreWriter(std::move(*store)));
}

std::optional<Error> StoreWriter::add(const Document& document) {
  batch_.push_back(document);
  if (batch_.size() < kDocumentsPerTransaction) return std::nullopt;
  return write_batch();
}

std::optional<Error> StoreWriter::finish() {
  if (auto e = write_batch()) return e;
  return store_.update_statistics();
}

std::optional<Error> StoreWriter::write_batch() {
  if (batch_.empty()) return std::nullopt;
  std::vector<const Document*> pointers;
  for (const Document& document : batch_) pointers.push_back(&document);
  auto summary = store_.ingest(pointers);
  batch_.clear();
  if (!summary) return summary.error();
  summary_.documents_added += summary->documents_added;
  summary_.documents_replaced += summary->documents_replaced;
  summary_.documents_unchanged += summary->documents_unchanged;
  summary_.events_added += summary->events_added;
  summary_.clusters_touched += summary->clusters_touched;
  return std::nullopt;
}

CLI::App* add_query_command(CLI::App& app, QueryOptions& options) {
  CLI::App* cmd = app.add_subcommand("query", "Find stored events (vigie extract --db) by actor, "
                                              "code, modality, date, place or text");
  add_filter_options(cmd, options);
  cmd->add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember({"table", "csv", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("--limit", options.filter.limit, "At most this many events")->capture_default_str();
  cmd->add_option("--offset", options.filter.offset, "Skip this many events first");
  cmd->add_flag("--all", options.all, "Every matching event (no --limit)");
  cmd->footer(kQueryFooter);
  return cmd;
}

int run_query(QueryOptions o) {
  if (auto e = prepare(o)) {
    std::cerr << "vigie query: --" << e->where << ": " << e->message << "\n";
    return kExitBadCommandLine;
  }
  auto store = store::EventStore::open(o.db, /*read_only=*/true);
  if (!store) {
    std::cerr << "vigie query: " << store.error().to_string() << "\n";
    return kExitStoreFailed;
  }
  Output output;
  if (!output.open(o.output)) {
    std::cerr << "vigie query: " << o.output << ": cannot open for writing\n";
    return kExitStoreFailed;
  }
  std::size_t wanted = o.all ? SIZE_MAX : o.filter.limit;
  std::vector<store::StoredEvent> all;  // the table needs every row to print its footer
  bool first_page = true;
  while (wanted > 0) {
    store::EventFilter page = o.filter;
    page.limit = std::min(wanted, kExportPageSize);
    auto events = store->events(page);
    if (!events) {
      std::cerr << "vigie query: " << events.error().to_string() << "\n";
      return events.error().message.find("fts5") != std::string::npos ? kExitBadCommandLine
                                                                      : kExitStoreFailed;
    }
    if (o.format == "csv") {
      store::write_csv(*output.out, *events, first_page);
    } else if (o.format == "jsonl") {
      store::write_jsonl(*output.out, *events);
    } else {
      all.insert(all.end(), events->begin(), events->end());
    }
    first_page = false;
    wanted -= std::min(wanted, events->size());
    o.filter.offset += events->size();
    if (events->size() < page.limit) break;
  }
  if (o.format == "table") store::write_table(*output.out, all);
  output.out->flush();
  if (!*output.out) {
    std::cerr << "vigie query: write failed\n";
    return kExitStoreFailed;
  }
  return 0;
}

CLI::App* add_export_command(CLI::App& app, QueryOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "export", "Export stored event clusters as GDELT 2.0 event TSV (doc/gdelt-export.md)");
  add_filter_options(cmd, options);
  cmd->add_flag("--gdelt", options.gdelt, "GDELT 2.0 event table, one row per event cluster")
      ->required();
  cmd->footer("A cluster is exported when one of its mentions passes the filters; the row "
              "describes its most confident mention. No header line (as GDELT's files); "
              "exit status as `vigie query`.");
  return cmd;
}

int run_export(QueryOptions o) {
  if (auto e = prepare(o)) {
    std::cerr << "vigie export: --" << e->where << ": " << e->message << "\n";
    return kExitBadCommandLine;
  }
  auto store = store::EventStore::open(o.db, /*read_only=*/true);
  if (!store) {
    std::cerr << "vigie export: " << store.error().to_string() << "\n";
    return kExitStoreFailed;
  }
  Output output;
  if (!output.open(o.output)) {
    std::cerr << "vigie export: " << o.output << ": cannot open for writing\n";
    return kExitStoreFailed;
  }
  o.filter.offset = 0;
  for (;;) {
    o.filter.limit = kExportPageSize;
    auto clusters = store->clusters(o.filter);
    if (!clusters) {
      std::cerr << "vigie export: " << clusters.error().to_string() << "\n";
      return kExitStoreFailed;
    }
    for (const store::StoredCluster& cluster : *clusters) {
      store::EventFilter one;
      one.event = cluster.representative;
      auto representative = store->events(one);
      if (!representative || representative->empty()) continue;
      *output.out << store::gdelt_row(cluster, representative->front()) << '\n';
    }
    if (clusters->size() < kExportPageSize) break;
    o.filter.offset += clusters->size();
  }
  output.out->flush();
  return *output.out ? 0 : kExitStoreFailed;
}

CLI::App* add_serve_command(CLI::App& app, ServeCommandOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the JSON API and the explorer page over an event store");
  cmd->add_option("--db", options.db, "Event store written by `vigie extract --db`")
      ->capture_default_str();
  cmd->add_option("--host", options.host,
                  "Address to listen on (loopback by default; 0.0.0.0 exposes the store)")
      ->capture_default_str();
  cmd->add_option("--port", options.port, "Port (0: any free port, printed on stderr)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--web", options.web_dir, "Explorer files (default: the repository's web/)");
  cmd->add_option("--node-modules", options.node_modules_dir,
                  "npm packages folder (default: the repository's node_modules/)");
  cmd->add_option("--data", options.data_dir, "Dictionary folder, for POST /api/extract");
  cmd->add_option("--max-extract-bytes", options.max_extract_bytes,
                  "Largest body POST /api/extract accepts (default 5 MiB)");
  cmd->add_option("--max-seconds", options.max_seconds,
                  "Stop by itself after this many seconds (tests)");
  cmd->footer("Routes: see src/serve/server.h. Stops on SIGINT or SIGTERM. Exit status: 0 "
              "stopped, 3 the store, dictionaries or port could not be opened.");
  return cmd;
}

namespace {
std::atomic<serve::Server*> g_running_server{nullptr};
extern "C" void stop_on_signal(int) {
  if (serve::Server* server = g_running_server.load()) server->stop();
}
}  // namespace

int run_serve(const ServeCommandOptions& options, const std::string& argv0) {
  std::string data_dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
  auto pipeline = Pipeline::load(data_dir);
  if (!pipeline) {
    std::cerr << "vigie serve: " << pipeline.error().to_string() << "\n";
    return kExitStoreFailed;
  }
  // The repository root is the folder above dictionaries/.
  std::filesystem::path root = std::filesystem::path(data_dir).lexically_normal().parent_path();
  if (root.filename().empty()) root = root.parent_path();
  serve::ServeOptions serve_options;
  serve_options.db = options.db;
  serve_options.host = options.host;
  serve_options.port = options.port;
  serve_options.web_dir = options.web_dir.empty() ? (root / "web").string() : options.web_dir;
  serve_options.node_modules_dir = options.node_modules_dir.empty()
                                       ? (root / "node_modules").string()
                                       : options.node_modules_dir;
  if (options.max_extract_bytes) serve_options.max_extract_bytes = options.max_extract_bytes;
  auto server = serve::Server::create(serve_options, &*pipeline);
  if (!server) {
    std::cerr << "vigie serve: " << server.error().to_string() << "\n";
    return kExitStoreFailed;
  }
  g_running_server = server->get();
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  std::cerr << "vigie serve: " << options.db << " on http://" << options.host << ":"
            << (*server)->port() << "/" << std::endl;
  std::thread timer;
  std::atomic<bool> done{false};
  if (options.max_seconds > 0) {
    timer = std::thread([&] {
      auto until = std::chrono::steady_clock::now() +
                   std::chrono::duration<double>(options.max_seconds);
      while (!done && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (!done) (*server)->stop();
    });
  }
  (*server)->run();
  done = true;
  if (timer.joinable()) timer.join();
  g_running_server = nullptr;
  return 0;
}

}  // namespace vigie::cli
