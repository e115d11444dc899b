#include "cli/gazetteer_command.h"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "geo/gazetteer.h"

#ifndef VIGIE_SOURCE_DIR
#define VIGIE_SOURCE_DIR "."
#endif
#ifndef VIGIE_GAZETTEER_DEFAULT
#define VIGIE_GAZETTEER_DEFAULT "gazetteer.vgz"
#endif

namespace vigie::cli {

GazetteerCommands add_gazetteer_command(CLI::App& app, GazetteerOptions& options) {
  CLI::App* gazetteer = app.add_subcommand("gazetteer", "Build or query the place gazetteer");
  gazetteer->require_subcommand(1);
  GazetteerCommands commands;
  commands.build = gazetteer->add_subcommand(
      "build",
      "Compile GeoNames cities500, admin1/admin2 names, country and state centroids and "
      "libgeonames-common translations into one memory-mapped file");
  commands.build->add_option("--node-modules", options.node_modules,
                             "Folder of the installed npm packages (default: the source tree's)");
  commands.build->add_option("--locale-dir", options.locale_dir,
                             "Where libgeonames-common's geonames.mo catalogues are");
  commands.build->add_option("--dictionaries", options.dictionaries,
                             "Vigie's dictionary folder, for actors/countries.yaml and "
                             "geo/regions.yaml (default: the source tree's)");
  commands.build->add_option("-o,--output", options.output,
                             "Gazetteer file to write (default: $VIGIE_GAZETTEER or the build's)");
  commands.lookup = gazetteer->add_subcommand("lookup", "Print the places a name may stand for");
  commands.lookup->add_option("names", options.names, "Place names")->required();
  commands.lookup->add_option("--gazetteer", options.output, "Gazetteer file");
  return commands;
}

int run_gazetteer_build(const GazetteerOptions& options) {
  geo::GazetteerSources sources;
  sources.node_modules = options.node_modules.empty()
                             ? std::string(VIGIE_SOURCE_DIR) + "/node_modules"
                             : options.node_modules;
  sources.locale_dir = options.locale_dir;
  sources.dictionaries = options.dictionaries.empty()
                             ? std::string(VIGIE_SOURCE_DIR) + "/dictionaries"
                             : options.dictionaries;
  std::string output =
      options.output.empty() ? geo::find_gazetteer(VIGIE_GAZETTEER_DEFAULT) : options.output;
  auto start = std::chrono::steady_clock::now();
  auto report = geo::build_gazetteer(sources, output);
  if (!report) {
    std::cerr << "vigie: gazetteer build: " << report.error().to_string() << "\n";
    return 1;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "%s: %zu places (%zu countries, %zu at GeoNames' point; %zu admin1, %zu admin2, "
      "%zu cities, %zu regions), %zu names, %zu translated names, %.1f MB, built in %.1f s\n",
      output.c_str(), report->places, report->countries, report->geonames_country_points,
      report->admin1, report->admin2, report->cities, report->regions, report->keys,
      report->translated_names, report->bytes / 1e6, seconds);
  return 0;
}

int run_gazetteer_lookup(const GazetteerOptions& options) {
  std::string path =
      options.output.empty() ? geo::find_gazetteer(VIGIE_GAZETTEER_DEFAULT) : options.output;
  auto gazetteer = geo::Gazetteer::open(path);
  if (!gazetteer) {
    std::cerr << "vigie: " << gazetteer.error().to_string() << "\n";
    return 3;
  }
  int status = 0;
  std::vector<geo::PlaceView> places;
  for (const std::string& name : options.names) {
    std::string folded = geo::fold_place_name(name);
    gazetteer->lookup(folded, places);
    if (places.empty()) status = 1;
    std::printf("%s: %zu place(s)%s\n", name.c_str(), places.size(),
                gazetteer->is_demonym(folded) ? " (also a demonym)" : "");
    for (std::size_t i = 0; i < places.size() && i < 10; ++i) {
      const geo::PlaceView& p = places[i];
      std::printf("  %-8s %.*s, %.*s, %.*s  %.4f,%.4f  pop %u  geonameid %lld\n",
                  std::string(geo::to_string(p.record->kind)).c_str(),
                  static_cast<int>(p.name.size()), p.name.data(), static_cast<int>(p.admin1.size()),
                  p.admin1.data(), 3, p.record->country3, p.record->lat, p.record->lon,
                  p.record->population, static_cast<long long>(p.record->geonameid));
    }
  }
  return status;
}

}  // namespace vigie::cli
