#include "pipeline/pipeline.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <vector>

#include "entities/entities.h"
#include "entities/ner.h"
#include "events/events.h"
#include "geo/geo.h"
#include "langid/langid.h"
#include "syntax/syntax.h"
#include "text/text.h"
#include "time/time.h"

#ifndef VIGIE_SOURCE_DIR
#define VIGIE_SOURCE_DIR "."
#endif
#ifndef VIGIE_GAZETTEER_DEFAULT
#define VIGIE_GAZETTEER_DEFAULT "gazetteer.vgz"
#endif

namespace vigie {
namespace fs = std::filesystem;

struct Pipeline::Stages {
  std::string data_dir;
  ingest::BoilerplateLexicon boilerplate;
  entities::ActorCoder actors;
  events::EventCoder events;
  std::optional<geo::Geocoder> geocoder;  // absent when no gazetteer was built
  std::string geo_status;                 // for describe() and the documents' diagnostics
  // Stage `language`: CLD2 backed by models/langid.ftz; without the model file, CLD2 alone.
  std::optional<langid::LanguageIdentifier> langid;
  std::string langid_status;  // for describe()
  // models/syntax.LANG.bin, read on the first document of that language (each model is ~15-27
  // MB and ~60 ms to read: a French-only run never pays for the English one).
  struct LazySyntaxModel {
    std::string lang, path;
    std::once_flag once;
    std::optional<syntax::SyntaxModel> model;
    std::string error;  // why the model could not be read; documents of the language say it
  };
  std::vector<std::unique_ptr<LazySyntaxModel>> syntax_models;
  // models/ner.LANG.bin (0.3-2 MB, read at load): the statistical entities combined with the
  // dictionaries' (entities/ner.h). A language without one keeps the dictionaries' entities.
  std::vector<std::pair<std::string, entities::NerModel>> ner_models;
  std::string ner_status;     // for describe()
  std::string syntax_status;  // for describe()

  const LazySyntaxModel* syntax_model(const std::string& lang) const {
    for (const auto& slot : syntax_models) {
      if (slot->lang != lang) continue;
      std::call_once(slot->once, [&] {
        auto loaded = syntax::SyntaxModel::load(slot->path);
        if (loaded) {
          slot->model.emplace(std::move(loaded).value());
        } else {
          slot->error = loaded.error().to_string();
        }
      });
      return slot.get();
    }
    return nullptr;
  }
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
  // The gazetteer is derived data built with the binary (`vigie gazetteer build`): without it the
  // geo stage is off and every document says so; a corrupt one is an error.
  const std::string gazetteer = geo::find_gazetteer(VIGIE_GAZETTEER_DEFAULT);
  if (fs::exists(gazetteer)) {
    auto geocoder = geo::Geocoder::load(gazetteer, data_dir);
    if (!geocoder) return geocoder.error();
    pipeline.stages_->geocoder.emplace(std::move(geocoder).value());
    pipeline.stages_->geo_status = "gazetteer: " + gazetteer;
  } else {
    pipeline.stages_->geo_status =
        "no gazetteer at " + gazetteer + " (run `vigie gazetteer build`): places not resolved";
  }
  // Stage `language`: without models/langid.ftz CLD2 decides alone (short titles then often stay
  // unrecognised); a model that cannot be read is an error, like a corrupt gazetteer.
  const std::string langid_path = langid::default_model_path(data_dir);
  if (fs::exists(langid_path)) {
    auto identifier = langid::LanguageIdentifier::load(langid_path);
    if (!identifier) return identifier.error();
    pipeline.stages_->langid_status = "language: CLD2 + " + identifier->describe();
    pipeline.stages_->langid.emplace(std::move(identifier).value());
  } else {
    pipeline.stages_->langid_status =
        "language: CLD2 alone (no model at " + langid_path + "; `make models` trains it)";
  }
  // Stage `entities`: the NER model of each language; a corrupt one is an error (make models).
  for (const char* lang : {"fr", "en"}) {
    const std::string path = entities::default_ner_model_path(data_dir, lang);
    if (!fs::exists(path)) {
      pipeline.stages_->ner_status +=
          std::string("  ") + lang + ": no model at " + path + " (dictionary entities only)\n";
      continue;
    }
    auto model = entities::NerModel::load(path);
    if (!model) return model.error();
    pipeline.stages_->ner_status += std::string("  ") + lang + ": " + path + "\n";
    pipeline.stages_->ner_models.emplace_back(lang, std::move(model).value());
  }
  // Stage `syntax`: one model per language, read on first use; a language without a model file
  // keeps the rule-based stages only (the Token syntax fields stay empty). A model that cannot
  // be read is said in every document of its language.
  for (const char* lang : {"fr", "en"}) {
    const std::string path = syntax::default_model_path(data_dir, lang);
    if (!fs::exists(path)) {
      pipeline.stages_->syntax_status += std::string("  ") + lang + ": no model at " + path + "\n";
      continue;
    }
    pipeline.stages_->syntax_status +=
        std::string("  ") + lang + ": " + path + " (read on first use)\n";
    auto slot = std::make_unique<Stages::LazySyntaxModel>();
    slot->lang = lang;
    slot->path = path;
    pipeline.stages_->syntax_models.push_back(std::move(slot));
  }
  return pipeline;
}

void Pipeline::run(Document& document) const {
  if (document.lang.empty()) {
    const std::string text = document.title + "\n" + document.text;
    langid::LanguageGuess guess = stages_->langid
                                      ? stages_->langid->identify(text)
                                      : langid::LanguageIdentifier::identify_with_cld2(text);
    document.lang = guess.lang;
    if (document.lang.empty()) {
      document.lang = "en";
      document.diagnostics.push_back({"text", "language not recognised; English rules used"});
    } else if (document.lang != "fr" && document.lang != "en") {
      // Still analysed: segmented with language-neutral rules, no parse, no events; the JSON
      // says the language so that a consumer can route the document elsewhere.
      char confidence[8];
      std::snprintf(confidence, sizeof confidence, "%.2f", guess.confidence);
      document.diagnostics.push_back(
          {"language", "identified as '" + document.lang + "' (" +
                           std::string(langid::engine_name(guess.engine)) + ", " + confidence +
                           "); Vigie analyses French and English only"});
    }
  }
  text::segment(document);
  if (const Stages::LazySyntaxModel* slot = stages_->syntax_model(document.lang)) {
    if (slot->model) {
      slot->model->analyze(document);
    } else {
      document.diagnostics.push_back({"syntax", slot->error + "; no parse for this document"});
    }
  }
  stages_->actors.code(document);
  for (const auto& [lang, model] : stages_->ner_models) {
    if (lang != document.lang) continue;
    // The gazetteer's place names are one of the model's features (none without a gazetteer).
    std::vector<std::uint8_t> place_marks;
    if (stages_->geocoder) {
      place_marks = geo::place_name_marks(stages_->geocoder->gazetteer(), document);
    }
    entities::add_model_entities(document, model, entities::EntitySource::kCombined, place_marks);
  }
  stages_->events.code(document);
  if (stages_->geocoder) {
    stages_->geocoder->geocode(document);
  } else {
    document.diagnostics.push_back({"geo", stages_->geo_status});
  }
  time::date_events(document);
}

const ingest::BoilerplateLexicon& Pipeline::boilerplate() const {
  return stages_->boilerplate;
}

const geo::Geocoder* Pipeline::geocoder() const {
  return stages_->geocoder ? &*stages_->geocoder : nullptr;
}

namespace {

// "format vN" of a dictionary file, read from its `format:` and `version:` lines.
std::string format_and_version(const fs::path& path) {
  std::ifstream in(path);
  std::string line, format, version;
  for (int n = 0; n < 40 && std::getline(in, line); ++n) {
    if (line.rfind("format:", 0) == 0) format = line.substr(line.find_first_not_of(' ', 7));
    if (line.rfind("version:", 0) == 0) version = line.substr(line.find_first_not_of(' ', 8));
  }
  return format.empty() ? std::string() : format + " v" + version;
}

}  // namespace

std::string Pipeline::describe() const {
  std::ostringstream out;
  out << "dictionaries: " << stages_->data_dir << "\n";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(stages_->data_dir)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    // Files without a format line are inputs of generators (country_extras.yaml), not loaded.
    std::string format = format_and_version(file);
    if (!format.empty()) {
      out << "  " << fs::relative(file, stages_->data_dir).string() << ": " << format << "\n";
    }
  }
  out << "  loaded: " << stages_->actors.entry_count() << " actor aliases and role words, "
      << stages_->events.pattern_count() << " event patterns, " << stages_->boilerplate.size()
      << " boilerplate phrases\n"
      << "syntax models:\n"
      << stages_->syntax_status << "named-entity models:\n"
      << stages_->ner_status << stages_->geo_status << "\n"
      << stages_->langid_status << "\n";
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
