#include "serve/server.h"

#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "document/document_json.h"
#include "ingest/ingest.h"
#include "store/export.h"
#include "store/store.h"
#include "unicode/utf8.h"

namespace vigie::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void send_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, json{{"error", message}}, status);
}

// Reads the EventFilter parameters of a request; an Error names the bad parameter.
Expected<store::EventFilter> filter_of(const httplib::Request& req) {
  store::EventFilter f;
  auto text = [&](const char* name, std::string& into) {
    if (req.has_param(name)) into = req.get_param_value(name);
  };
  text("actor", f.actor);
  text("source", f.source);
  text("target", f.target);
  text("cameo", f.cameo);
  text("root", f.root);
  text("plover", f.plover);
  text("modality", f.modality);
  text("from", f.from);
  text("to", f.to);
  text("country", f.country);
  text("q", f.text);
  auto number = [&](const char* name, auto& into, double low, double high) -> std::optional<Error> {
    if (!req.has_param(name) || req.get_param_value(name).empty()) return std::nullopt;
    const std::string value = req.get_param_value(name);
    char* end = nullptr;
    double parsed = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || *end != '\0' || !(parsed >= low && parsed <= high)) {
      return Error{name, "expected a number from " + std::to_string(static_cast<long long>(low)) +
                             " to " + std::to_string(static_cast<long long>(high)) + ", got '" +
                             value + "'"};
    }
    using T = std::decay_t<decltype(into)>;
    if constexpr (std::is_same_v<T, std::optional<double>>) {
      into = parsed;
    } else {
      into = static_cast<T>(parsed);
    }
    return std::nullopt;
  };
  if (auto e = number("lat", f.lat, -90, 90)) return *e;
  if (auto e = number("lon", f.lon, -180, 180)) return *e;
  if (auto e = number("radius", f.radius_km, 0, 20100)) return *e;
  if (auto e = number("limit", f.limit, 0, kMaxPageSize)) return *e;
  if (auto e = number("offset", f.offset, 0, 1e12)) return *e;
  if (auto e = number("cluster", f.cluster, 0, 9e15)) return *e;
  if (auto e = number("document", f.document, 0, 9e15)) return *e;
  if (auto e = store::validate(f)) return *e;
  return f;
}

// Builds the document of a POST /api/extract body.
Expected<Document> document_of(const httplib::Request& req) {
  std::size_t replaced = 0;
  std::string body = unicode::repair_utf8(req.body, &replaced);
  std::string type = req.get_header_value("Content-Type");
  Document document;
  if (type.find("json") != std::string::npos) {
    json record = json::parse(body, nullptr, false);
    if (record.is_discarded()) return Error{"body", "not valid JSON"};
    if (!record.is_object()) return Error{"body", "a document must be a JSON object"};
    auto field = [&](const char* key) -> std::string {
      auto it = record.find(key);
      return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    bool has_text = record.contains("text") && record["text"].is_string();
    bool has_html = record.contains("html") && record["html"].is_string();
    if (!has_text && !has_html) return Error{"body", "document has neither a \"text\" nor an \"html\" string"};
    std::string id = field("id").empty() ? "posted" : field("id");
    document = has_html ? ingest::document_from_html(id, field("html"))
                        : ingest::document_from_text(id, field("text"), nullptr);
    if (!field("title").empty()) document.title = field("title");
    if (!field("url").empty()) document.url = field("url");
    std::string published = ingest::normalise_date(field("published"));
    if (!field("published").empty() && published.empty()) {
      return Error{"published", "expected a date (YYYY-MM-DD), got '" + field("published") + "'"};
    }
    if (!published.empty()) document.published = published;
    std::string lang = field("lang");
    if (!lang.empty() && lang != "fr" && lang != "en") {
      return Error{"lang", "expected fr or en, got '" + lang + "'"};
    }
    if (!lang.empty()) document.lang = lang;
  } else if (type.find("html") != std::string::npos) {
    document = ingest::document_from_html("posted", body);
  } else if (type.empty() || type.find("text/plain") != std::string::npos) {
    document = ingest::document_from_text("posted", body, nullptr);
  } else {
    return Error{"Content-Type", "expected application/json, text/plain or text/html, got '" +
                                     type + "'"};
  }
  if (document.text.empty() && document.title.empty()) return Error{"body", "the document is empty"};
  if (replaced > 0) {
    document.diagnostics.push_back(
        {"ingest", std::to_string(replaced) + " invalid UTF-8 byte(s) replaced by U+FFFD"});
  }
  return document;
}

}  // namespace

struct Server::Impl {
  ServeOptions options;
  const Pipeline* pipeline = nullptr;
  httplib::Server http;
  int port = 0;

  // Runs `answer` with a fresh read-only store connection and the request's filter.
  template <typename Answer>
  void with_store(const httplib::Request& req, httplib::Response& res, Answer answer) {
    auto filter = filter_of(req);
    if (!filter) return send_error(res, 400, filter.error().to_string());
    auto store = store::EventStore::open(options.db, /*read_only=*/true);
    if (!store) return send_error(res, 503, store.error().to_string());
    answer(*store, *filter);
  }
  void routes();
};

void Server::Impl::routes() {
  http.Get("/api/events", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::EventStore& store, const store::EventFilter& filter) {
      auto events = store.events(filter);
      if (!events) return send_error(res, 400, events.error().to_string());
      auto total = store.count_events(filter);
      if (!total) return send_error(res, 400, total.error().to_string());
      json list = json::array();
      for (const auto& event : *events) list.push_back(store::to_json(event));
      send_json(res, {{"total", *total}, {"limit", filter.limit}, {"offset", filter.offset},
                      {"events", list}});
    });
  });
  http.Get(R"(/api/events/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::EventStore& store, store::EventFilter filter) {
      filter = {};
      filter.event = std::stoll(req.matches[1]);
      auto events = store.events(filter);
      if (!events) return send_error(res, 500, events.error().to_string());
      if (events->empty()) return send_error(res, 404, "no event " + req.matches[1].str());
      send_json(res, store::to_json(events->front()));
    });
  });
  http.Get("/api/clusters", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::EventStore& store, const store::EventFilter& filter) {
      auto clusters = store.clusters(filter);
      if (!clusters) return send_error(res, 400, clusters.error().to_string());
      json list = json::array();
      for (const auto& cluster : *clusters) list.push_back(store::to_json(cluster));
      send_json(res, {{"clusters", list}});
    });
  });
  http.Get("/api/actors", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::EventStore& store, const store::EventFilter& filter) {
      auto actors = store.actors(filter);
      if (!actors) return send_error(res, 400, actors.error().to_string());
      json list = json::array();
      for (const auto& a : *actors) {
        list.push_back({{"code", a.code}, {"name", a.name}, {"as_source", a.as_source},
                        {"as_target", a.as_target}});
      }
      send_json(res, {{"actors", list}});
    });
  });
  http.Get("/api/dyads", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::EventStore& store, const store::EventFilter& filter) {
      auto dyads = store.dyads(filter);
      if (!dyads) return send_error(res, 400, dyads.error().to_string());
      json list = json::array();
      for (const auto& d : *dyads) {
        list.push_back({{"source", d.source}, {"target", d.target}, {"events", d.events},
                        {"mean_goldstein", d.mean_goldstein}});
      }
      send_json(res, {{"dyads", list}});
    });
  });
  http.Get("/api/places", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::EventStore& store, const store::EventFilter& filter) {
      auto places = store.places(filter);
      if (!places) return send_error(res, 400, places.error().to_string());
      json list = json::array();
      for (const auto& p : *places) {
        list.push_back({{"name", p.name}, {"country", p.country}, {"lat", p.lat},
                        {"lon", p.lon}, {"events", p.events}});
      }
      send_json(res, {{"places", list}});
    });
  });
  http.Get("/api/timeseries", [this](const httplib::Request& req, httplib::Response& res) {
    with_store(req, res, [&](store::EventStore& store, const store::EventFilter& filter) {
      auto days = store.timeseries(filter);
      if (!days) return send_error(res, 400, days.error().to_string());
      json list = json::array();
      for (const auto& d : *days) {
        list.push_back({{"date", d.date}, {"quad_class", d.quad_class}, {"events", d.events}});
      }
      send_json(res, {{"days", list}});
    });
  });
  http.Get(R"(/api/documents/(\d+))",
           [this](const httplib::Request& req, httplib::Response& res) {
             with_store(req, res, [&](store::EventStore& store, const store::EventFilter&) {
               auto document = store.document_json(std::stoll(req.matches[1]));
               if (!document) return send_error(res, 404, document.error().to_string());
               res.set_content(*document, "application/json; charset=utf-8");
             });
           });
  http.Post("/api/extract", [this](const httplib::Request& req, httplib::Response& res) {
    if (!pipeline) return send_error(res, 503, "this server was started without dictionaries");
    auto document = document_of(req);
    if (!document) return send_error(res, 400, document.error().to_string());
    pipeline->run(*document);
    send_json(res, to_output_json(*document));
  });
  http.Get("/api/.*", [](const httplib::Request& req, httplib::Response& res) {
    send_error(res, 404, "no such endpoint: " + req.path);
  });
}

Server::Server() : impl_(std::make_unique<Impl>()) {}
Server::~Server() = default;

Expected<std::unique_ptr<Server>> Server::create(const ServeOptions& options,
                                                 const Pipeline* pipeline) {
  std::unique_ptr<Server> server(new Server());
  Impl& impl = *server->impl_;
  impl.options = options;
  impl.pipeline = pipeline;
  auto store = store::EventStore::open(options.db, /*read_only=*/true);
  if (!store) return store.error();

  // httplib answers 413 by itself above this size, before the handler runs.
  impl.http.set_payload_max_length(options.max_extract_bytes);
  impl.http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 413) {
      send_error(res, 413, "request body over the size limit of POST /api/extract");
    } else if (res.body.empty() && res.status >= 400) {
      send_error(res, res.status, res.status == 404 ? "not found" : "request refused");
    }
  });
  impl.http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, "internal error");
      });
  impl.routes();

  if (!options.web_dir.empty()) {
    if (!fs::is_regular_file(fs::path(options.web_dir) / "index.html")) {
      return Error{options.web_dir, "no index.html: not the explorer's web/ folder"};
    }
    impl.http.set_mount_point("/", options.web_dir);
  }
  if (!options.node_modules_dir.empty()) {
    const fs::path modules(options.node_modules_dir);
    // Only the explorer's libraries are served, not the whole of node_modules.
    const std::pair<const char*, fs::path> vendor[] = {
        {"/vendor/leaflet", modules / "leaflet" / "dist"},
        {"/vendor/world-atlas", modules / "world-atlas"},
        {"/vendor/topojson-client", modules / "topojson-client" / "dist"},
    };
    for (const auto& [mount, folder] : vendor) {
      if (!impl.http.set_mount_point(mount, folder.string())) {
        return Error{folder.string(), "missing (run scripts/install-deps.sh for the npm packages)"};
      }
    }
  }
  if (options.port == 0) {
    impl.port = impl.http.bind_to_any_port(options.host);
    if (impl.port <= 0) return Error{options.host, "cannot bind any port"};
  } else {
    if (!impl.http.bind_to_port(options.host, options.port)) {
      return Error{options.host + ":" + std::to_string(options.port),
                   "cannot listen (port in use, or not an address of this machine?)"};
    }
    impl.port = options.port;
  }
  return server;
}

int Server::port() const { return impl_->port; }
void Server::run() { impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }

}  // namespace vigie::serve
