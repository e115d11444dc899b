// `vigie serve`: the read-only JSON API over an event store, POST /api/extract over the
// Pipeline, and the explorer page (static files under web/, front-end libraries from the npm
// node_modules/ folder). No network access is needed or made.
//
// Routes (all GET unless said; every list takes the EventFilter parameters actor, source, target,
// cameo, root, plover, modality, from, to, country, q, lat, lon, radius, limit, offset):
//   /api/events            {"total", "events": [...]} (store::to_json records)
//   /api/events/{id}       one event
//   /api/clusters          {"clusters": [...]}; ?cluster=ID filters /api/events to its mentions
//   /api/actors            {"actors": [{code, name, as_source, as_target}]}
//   /api/dyads             {"dyads": [{source, target, events, mean_goldstein}]} (actor network)
//   /api/documents/{id}    the stored OUTPUT.md record with spans, store ids on each event
//   /api/places            {"places": [{name, country, lat, lon, events}]}
//   /api/timeseries        {"days": [{date, quad_class, events}]}
//   POST /api/extract      body: a JSON document {text|html, id?, url?, published?, lang?,
//                          title?} or plain text (Content-Type text/plain); answers the OUTPUT.md
//                          record. Larger than ServeOptions::max_extract_bytes: 413.
//   /                      web/index.html; /web/... web/; /vendor/... node_modules/ (leaflet,
//                          world-atlas, topojson-client only)
// Bad parameters answer 400 with {"error": "..."} naming the parameter.
//
// Thread safety: requests are served on a thread pool; each opens its own read-only store
// connection, and the Pipeline is shared (its run() is thread-safe).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "document/expected.h"
#include "pipeline/pipeline.h"

namespace vigie::serve {

// POST /api/extract refuses bodies above this: a long news article is under 100 KB of text and a
// heavy HTML page under 2 MB; 5 MiB leaves room without letting one request hold the server.
inline constexpr std::size_t kDefaultMaxExtractBytes = 5 * 1024 * 1024;
// Lists answer at most this many rows per request, whatever `limit` asks.
inline constexpr std::size_t kMaxPageSize = 5000;

struct ServeOptions {
  std::string db = "vigie.db";
  std::string host = "127.0.0.1";   // loopback only unless told otherwise
  int port = 8080;                  // 0: any free port (see Server::port)
  std::string web_dir;              // the repository's web/
  std::string node_modules_dir;     // the repository's node_modules/
  std::size_t max_extract_bytes = kDefaultMaxExtractBytes;
};

class Server {
 public:
  // Checks that the store opens (read-only) and binds the socket. `pipeline` (not owned, may be
  // null: POST /api/extract then answers 503) must outlive the server.
  static Expected<std::unique_ptr<Server>> create(const ServeOptions& options,
                                                  const Pipeline* pipeline);
  // The bound port (useful with port 0).
  int port() const;
  // Serves until stop() is called (from another thread or a signal handler thread).
  void run();
  void stop();
  ~Server();

 private:
  Server();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigie::serve
