#include "pipeline/pipeline.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "entities/entities.h"
#include "events/events.h"
#include "text/text.h"
#include "time/time.h"

#ifndef VIGIE_SOURCE_DIR
#define VIGIE_SOURCE_DIR "."
#endif

namespace vigie {
namespace fs = std::filesystem;

struct Pipeline::Stages {
  std::string data_dir;
  ingest::BoilerplateLexicon boilerplate;
  entities::ActorCoder actors;
  events::EventCoder events;
};

Pipeline::Pipeline() = default;
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

Expected<Pipeline> Pipeline::load(const std::string& data_dir) {
  if (!fs::is_directory(data_dir)) {
    return Error{data_dir, "dictionary folder not found (set VIGIE_DATA_DIR or --data)"};
  }
  auto boilerplate = ingest::BoilerplateLexicon::load(data_dir + "/ingest/boilerplate.yaml");
  if (!boilerplate) return boilerplate.error();
  auto actors = entities::ActorCoder::load(data_dir + "/actors");
  if (!actors) return actors.error();
  auto events = events::EventCoder::load(data_dir + "/events", data_dir + "/cameo/codes.yaml");
  if (!events) return events.error();
  Pipeline pipeline;
  pipeline.stages_.reset(new Stages{data_dir, std::move(boilerplate).value(),
                                    std::move(actors).value(), std::move(events).value()});
  return pipeline;
}

void Pipeline::run(Document& document) const {
  if (document.lang.empty()) {
    document.lang = text::guess_language(document.title + "\n" + document.text);
    if (document.lang.empty()) {
      document.lang = "en";
      document.diagnostics.push_back({"text", "language not recognised; English rules used"});
    }
  }
  text::segment(document);
  stages_->actors.code(document);
  stages_->events.code(document);
  time::date_events(document);
}

const ingest::BoilerplateLexicon& Pipeline::boilerplate() const { return stages_->boilerplate; }

std::string Pipeline::describe() const {
  std::ostringstream out;
  out << "dictionaries: " << stages_->data_dir << "\n"
      << "  actors: " << stages_->actors.entry_count() << " aliases and role words\n"
      << "  events: " << stages_->events.pattern_count() << " verb patterns\n"
      << "  boilerplate: " << stages_->boilerplate.size() << " phrases\n"
      << "models: none yet (rule-based foundation pipeline)\n";
  return out.str();
}

std::string find_data_dir(const std::string& argv0) {
  if (const char* env = std::getenv("VIGIE_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    if (fs::is_directory(dir / "dictionaries" / "actors")) return (dir / "dictionaries").string();
  }
  return std::string(VIGIE_SOURCE_DIR) + "/dictionaries";
}

}  // namespace vigie
