// Writers for stored events: a readable table, CSV, JSON Lines, and the GDELT 2.0 event table
// (tab-separated, the public 61-column layout; see doc/gdelt-export.md for the columns Vigie
// fills and the ones it leaves empty). Pure functions of their input; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "store/store.h"

namespace vigie::store {

// One stored event as JSON (the /api/events and `vigie query --format jsonl` record): the
// OUTPUT.md event fields plus its store ids, cluster, document and sentence span.
nlohmann::json to_json(const StoredEvent& event);
nlohmann::json to_json(const StoredCluster& cluster);

void write_table(std::ostream& out, const std::vector<StoredEvent>& events);
// CSV (RFC 4180) with a header line; `header` false for later pages of one export.
void write_csv(std::ostream& out, const std::vector<StoredEvent>& events, bool header = true);
void write_jsonl(std::ostream& out, const std::vector<StoredEvent>& events);

// The GDELT 2.0 column names, in order (61 of them).
const std::vector<std::string>& gdelt_columns();

// One GDELT 2.0 event row for a cluster, from its representative mention (no trailing newline).
// GLOBALEVENTID is the cluster id.
std::string gdelt_row(const StoredCluster& cluster, const StoredEvent& representative);

}  // namespace vigie::store
