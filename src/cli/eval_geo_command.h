// `vigie eval geo`: toponym resolution measured on the English gold corpora of
// ../shared/data/geo/eval (LGL, GeoWebNews, TR-News):
//   - acc@161km given the gold toponym spans (Geocoder::resolve on each article's gold names;
//     denominators: LGL and TR-News toponyms with a gaztag, GeoWebNews toponyms with a GeoNames
//     id);
//   - Vigie's own toponym detection (the whole Pipeline on the article text): precision and recall
//     of Document::places against the gold spans (overlap), and acc@161km on the matched ones.
// With --min-file, exits 1 when an accuracy falls below its ratchet ("lgl 0.85" per line).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vigie::cli {

struct EvalGeoOptions {
  std::string data;      // folder holding lgl.xml.gz, GWN.xml.gz, TR-News.xml.gz
  std::string data_dir;  // dictionaries
  std::string min_file;  // ratchet file
  bool no_detection = false;
  bool errors = false;
  bool detection_errors = false;
};

CLI::App* add_eval_geo_command(CLI::App& eval_group, EvalGeoOptions& options);
// Exit status: 0, 1 below a ratchet, 3 when the pipeline cannot load, 77 (with "SKIP: ...") when
// the data folder is absent.
int run_eval_geo(const EvalGeoOptions& options, const std::string& argv0);

}  // namespace vigie::cli
