#include "cli/ratchet.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace vigie::cli {

Expected<std::map<std::string, double>> read_floors(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{path, "cannot read the ratchet file"};
  std::map<std::string, double> floors;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    std::istringstream fields(line.substr(0, line.find('#')));
    std::string name;
    if (!(fields >> name)) continue;
    double floor = 0;
    std::string rest;
    if (!(fields >> floor) || (fields >> rest)) {
      return Error{path + ":" + std::to_string(number),
                   "expected `NAME FLOOR`, got \"" + line + "\""};
    }
    floors[name] = floor;
  }
  return floors;
}

bool check_floors(const std::map<std::string, double>& floors,
                  const std::map<std::string, double>& measured, const std::string& path) {
  bool ok = true;
  for (const auto& [name, floor] : floors) {
    auto it = measured.find(name);
    if (it == measured.end() || it->second + 1e-9 >= floor) continue;
    std::printf("FAIL %s %.3f below the ratchet %.3f (%s)\n", name.c_str(), it->second, floor,
                path.c_str());
    ok = false;
  }
  return ok;
}

}  // namespace vigie::cli
