// The Pipeline owns the stage order: language (CLD2 + models/langid.ftz, when the input does not
// fix it) -> text (tokens, sentences) -> syntax (UPOS, feats,
// lemmas, dependencies from models/syntax.LANG.bin) -> entities (actors from the dictionaries;
// named entities from them and models/ner.LANG.bin)
// -> events (events, quotes) -> time (event dates). The CLI, the tests and the benchmarks all
// call it; no caller runs stages by hand.
//
// Thread safety: a loaded Pipeline is immutable; run() may be called from many threads at once,
// each on its own Document.
#pragma once

#include <memory>
#include <string>

#include "document/document.h"
#include "document/expected.h"
#include "ingest/ingest.h"

namespace vigie {
namespace geo {
class Geocoder;
}

class Pipeline {
 public:
  // Loads every dictionary under `data_dir` (the repository's dictionaries/ folder).
  static Expected<Pipeline> load(const std::string& data_dir);

  // Runs every stage on `document`, in order. Messy text is normal input: the document gets the
  // best analysis and diagnostics, never an exception.
  void run(Document& document) const;

  // The boilerplate phrases for ingest (plain-text cleaning).
  const ingest::BoilerplateLexicon& boilerplate() const;

  // The geo stage's geocoder (for the geo evaluations); nullptr when no gazetteer was built.
  const geo::Geocoder* geocoder() const;

  // One line per loaded resource, for `vigie version`.
  std::string describe() const;

  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;
  ~Pipeline();

 private:
  Pipeline();
  struct Stages;
  std::unique_ptr<Stages> stages_;
};

// Where the dictionaries are: $VIGIE_DATA_DIR, else `dictionaries/` beside or above the
// executable's build folder, else the source tree the binary was built from.
std::string find_data_dir(const std::string& argv0);

}  // namespace vigie
