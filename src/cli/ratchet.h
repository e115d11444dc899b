// Ratchet files of the `vigie eval` commands (tests/*/min_*): one `NAME FLOOR` per line ("lgl
// 0.836"), `#` starts a comment. A figure below its floor fails the evaluation (exit 1), so a
// measured gain can be locked in and never silently lost.
#pragma once

#include <map>
#include <string>

#include "document/expected.h"

namespace vigie::cli {

// The floors of `path`; an Error names the file (unreadable) or FILE:LINE (a line that is not
// `NAME NUMBER`).
Expected<std::map<std::string, double>> read_floors(const std::string& path);

// Prints "FAIL NAME VALUE below the ratchet FLOOR (PATH)" for every measured figure under its
// floor; false when there is any. Floors naming no measured figure are ignored.
bool check_floors(const std::map<std::string, double>& floors,
                  const std::map<std::string, double>& measured, const std::string& path);

}  // namespace vigie::cli
