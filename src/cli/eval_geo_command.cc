#include "cli/eval_geo_command.h"

#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "cli/ratchet.h"
#include "geo/geo.h"
#include "pipeline/pipeline.h"

namespace vigie::cli {
namespace {
namespace fs = std::filesystem;

// The radius of the standard geoparsing metric (100 miles).
constexpr double kAccuracyRadiusKm = 161.0;

struct GoldToponym {
  std::string phrase;
  std::uint32_t start = 0, end = 0;
  double lat = 0, lon = 0;
  bool scored = false;  // has the gold coordinates the corpus is scored on
};

struct GoldArticle {
  std::string text;
  std::vector<GoldToponym> toponyms;
};

std::string read_gzip(const std::string& path) {
  std::string out;
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) return out;
  char buffer[1 << 16];
  int n;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) out.append(buffer, n);
  gzclose(file);
  return out;
}

std::string unescape(std::string_view in) {
  if (in.starts_with("<![CDATA[")) {
    in.remove_prefix(9);
    if (in.ends_with("]]>")) in.remove_suffix(3);
    return std::string(in);
  }
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [entity, c] : kEntities) {
        if (in.substr(i, entity.size()) == entity) {
          out.push_back(c);
          i += entity.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out.push_back(in[i]);
  }
  return out;
}

// The content of the first <name ...>...</name> in `block` from `from` (empty when absent).
std::string_view element(std::string_view block, std::string_view name, std::size_t from = 0) {
  std::string open = "<" + std::string(name), close = "</" + std::string(name) + ">";
  for (std::size_t at = block.find(open, from); at != std::string_view::npos;
       at = block.find(open, at + 1)) {
    char after = at + open.size() < block.size() ? block[at + open.size()] : '\0';
    if (after != '>' && after != ' ') continue;
    std::size_t content = block.find('>', at);
    if (block[content - 1] == '/') return {};
    std::size_t end = block.find(close, content);
    if (end == std::string_view::npos) return {};
    return block.substr(content + 1, end - content - 1);
  }
  return {};
}

std::vector<std::string_view> elements(std::string_view block, std::string_view name) {
  std::vector<std::string_view> out;
  std::string open = "<" + std::string(name), close = "</" + std::string(name) + ">";
  for (std::size_t at = block.find(open); at != std::string_view::npos;) {
    char after = at + open.size() < block.size() ? block[at + open.size()] : '\0';
    if (after != '>' && after != ' ') {
      at = block.find(open, at + 1);
      continue;
    }
    std::size_t end = block.find(close, at);
    if (end == std::string_view::npos) break;
    out.push_back(block.substr(at, end + close.size() - at));
    at = block.find(open, end);
  }
  return out;
}

std::vector<GoldArticle> read_corpus(const std::string& path, bool gwn) {
  std::vector<GoldArticle> articles;
  std::string xml = read_gzip(path);
  for (std::string_view block : elements(xml, "article")) {
    GoldArticle article;
    article.text = unescape(element(block, "text"));
    for (std::string_view t : elements(element(block, "toponyms"), "toponym")) {
      GoldToponym g;
      g.start = std::atoi(std::string(element(t, "start")).c_str());
      g.end = std::atoi(std::string(element(t, "end")).c_str());
      if (gwn) {
        g.phrase = unescape(element(t, "extractedName"));
        std::string_view lat = element(t, "latitude"), id = element(t, "geonamesID");
        g.scored = !lat.empty() && !id.empty();
        g.lat = std::atof(std::string(lat).c_str());
        g.lon = std::atof(std::string(element(t, "longitude")).c_str());
      } else {
        g.phrase = unescape(element(t, "phrase"));
        std::string_view gaz = element(t, "gaztag");
        std::string_view lat = element(gaz, "lat");
        g.scored = !lat.empty();
        g.lat = std::atof(std::string(lat).c_str());
        g.lon = std::atof(std::string(element(gaz, "lon")).c_str());
      }
      article.toponyms.push_back(g);
    }
    // The corpora count offsets in characters (code points), Vigie's spans count bytes.
    std::vector<std::uint32_t> byte_of_char;
    for (std::uint32_t b = 0; b < article.text.size(); ++b) {
      if ((static_cast<unsigned char>(article.text[b]) & 0xC0) != 0x80) byte_of_char.push_back(b);
    }
    byte_of_char.push_back(static_cast<std::uint32_t>(article.text.size()));
    for (GoldToponym& g : article.toponyms) {
      if (g.end < byte_of_char.size() && g.start <= g.end) {
        g.start = byte_of_char[g.start];
        g.end = byte_of_char[g.end];
      }
    }
    articles.push_back(std::move(article));
  }
  return articles;
}

}  // namespace

CLI::App* add_eval_geo_command(CLI::App& eval_group, EvalGeoOptions& options) {
  CLI::App* cmd = eval_group.add_subcommand(
      "geo",
      "Toponym resolution on LGL, GeoWebNews and TR-News: acc@161km given the gold spans, "
      "and precision/recall of Vigie's own toponym detection");
  cmd->add_option("--data", options.data, "Folder with lgl.xml.gz, GWN.xml.gz, TR-News.xml.gz")
      ->required();
  cmd->add_option("--dictionaries", options.data_dir, "Dictionary folder");
  cmd->add_option(
      "--min-file", options.min_file,
      "Ratchet: lines `CORPUS MIN_ACC`; exit 1 when an accuracy given gold spans is lower");
  cmd->add_flag("--no-detection", options.no_detection, "Only the accuracy given gold spans");
  cmd->add_flag("--errors", options.errors, "Print each wrong resolution given gold spans");
  cmd->add_flag("--detection-errors", options.detection_errors,
                "Print each gold toponym Vigie's own detection missed and each place it found "
                "where the gold has none");
  return cmd;
}

int run_eval_geo(const EvalGeoOptions& options, const std::string& argv0) {
  if (!fs::is_directory(options.data)) {
    std::cout << "SKIP: " << options.data
              << " not found (the geo gold corpora live in ../shared)\n";
    return 77;
  }
  std::string dir = options.data_dir.empty() ? find_data_dir(argv0) : options.data_dir;
  auto pipeline = Pipeline::load(dir);
  if (!pipeline) {
    std::cerr << "vigie: " << pipeline.error().to_string() << "\n";
    return 3;
  }
  const geo::Geocoder* geocoder = pipeline->geocoder();
  if (!geocoder) {
    std::cerr << "vigie: no gazetteer (run `vigie gazetteer build`, or make deps and build)\n";
    return 3;
  }
  std::map<std::string, double> floors, measured;
  if (!options.min_file.empty()) {
    auto read = read_floors(options.min_file);
    if (!read) {
      std::cerr << "vigie: " << read.error().to_string() << "\n";
      return 1;
    }
    floors = std::move(read).value();
  }
  int status = 0;
  const struct {
    const char* name;
    const char* file;
    bool gwn;
  } kCorpora[] = {{"lgl", "lgl.xml.gz", false},
                  {"gwn", "GWN.xml.gz", true},
                  {"trnews", "TR-News.xml.gz", false}};
  std::printf("%-8s %9s %10s | %10s %10s %12s\n", "corpus", "toponyms", "acc@161km", "precision",
              "recall", "acc(found)");
  for (const auto& corpus : kCorpora) {
    std::vector<GoldArticle> articles = read_corpus(options.data + "/" + corpus.file, corpus.gwn);
    std::size_t scored = 0, correct = 0;
    std::size_t found = 0, found_right = 0, gold_found = 0, found_correct = 0;
    for (const GoldArticle& article : articles) {
      std::vector<geo::Toponym> toponyms;
      for (const GoldToponym& g : article.toponyms) {
        // Offsets only where they point at the phrase (TR-News drifts in 19 documents).
        const bool offsets_hold = g.end > g.start && g.end <= article.text.size() &&
                                  article.text.compare(g.start, g.end - g.start, g.phrase) == 0;
        toponyms.push_back({g.phrase, false, offsets_hold ? g.start : 0, offsets_hold ? g.end : 0});
      }
      auto resolved = geocoder->resolve(toponyms, article.text);
      for (std::size_t i = 0; i < article.toponyms.size(); ++i) {
        const GoldToponym& g = article.toponyms[i];
        if (!g.scored) continue;
        ++scored;
        const geo::PlaceView* place = resolved[i] ? &resolved[i]->place : nullptr;
        if (place && geo::distance_km(g.lat, g.lon, place->record->lat, place->record->lon) <=
                         kAccuracyRadiusKm) {
          ++correct;
        } else if (options.errors) {
          std::printf("%s\t%s\tgold %.2f,%.2f\tvigie %s %.2f,%.2f %s\tarticle %zu\n", corpus.name,
                      g.phrase.c_str(), g.lat, g.lon,
                      place ? std::string(place->name).c_str() : "-",
                      place ? place->record->lat : 0.f, place ? place->record->lon : 0.f,
                      place ? std::string(geo::to_string(place->record->kind)).c_str() : "",
                      std::size_t(&article - articles.data()));
        }
      }
      if (options.no_detection) continue;
      Document document;
      document.id = "eval";
      document.lang = "en";
      document.text = article.text;
      pipeline->run(document);
      std::vector<bool> matched(article.toponyms.size(), false);
      for (const Place& place : document.places) {
        if (place.field != Field::kBody) continue;
        ++found;
        bool hit = false;
        for (std::size_t i = 0; i < article.toponyms.size(); ++i) {
          const GoldToponym& g = article.toponyms[i];
          if (place.span.begin < g.end && g.start < place.span.end) {
            hit = true;
            if (g.scored && !matched[i]) {
              matched[i] = true;
              ++gold_found;
              if (geo::distance_km(g.lat, g.lon, place.lat, place.lon) <= kAccuracyRadiusKm)
                ++found_correct;
            }
          }
        }
        found_right += hit;
        if (options.detection_errors && !hit) {
          std::printf("%s\textra\t%s\t%s %s\tarticle %zu\n", corpus.name, place.text.c_str(),
                      place.name.c_str(), place.feature.c_str(),
                      std::size_t(&article - articles.data()));
        }
      }
      for (std::size_t i = 0; options.detection_errors && i < article.toponyms.size(); ++i) {
        const GoldToponym& g = article.toponyms[i];
        bool overlapped = false;
        for (const Place& place : document.places) {
          if (place.field == Field::kBody && place.span.begin < g.end && g.start < place.span.end)
            overlapped = true;
        }
        if (g.scored && !overlapped) {
          std::printf("%s\tmissed\t%s\tarticle %zu\n", corpus.name, g.phrase.c_str(),
                      std::size_t(&article - articles.data()));
        }
      }
    }
    double accuracy = scored ? double(correct) / scored : 0;
    if (options.no_detection) {
      std::printf("%-8s %9zu %10.3f |\n", corpus.name, scored, accuracy);
    } else {
      std::printf("%-8s %9zu %10.3f | %10.3f %10.3f %12.3f\n", corpus.name, scored, accuracy,
                  found ? double(found_right) / found : 0, scored ? double(gold_found) / scored : 0,
                  gold_found ? double(found_correct) / gold_found : 0);
    }
    measured[corpus.name] = accuracy;
  }
  if (!check_floors(floors, measured, options.min_file)) status = 1;
  return status;
}

}  // namespace vigie::cli
