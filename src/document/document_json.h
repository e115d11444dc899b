// Serialises a Document as the JSON Lines record that ../shared/schema/OUTPUT.md defines.
// Field names are a contract read by outside scorers: never rename one; adding is fine.
#pragma once

#include <nlohmann/json.hpp>

#include "document/document.h"

namespace vigie {

// The OUTPUT.md document record. Pure function of `document`; thread-safe.
nlohmann::json to_output_json(const Document& document);

// One line of JSON Lines (no trailing newline). Invalid UTF-8 cannot occur: ingest repairs it.
std::string to_output_line(const Document& document);

}  // namespace vigie
