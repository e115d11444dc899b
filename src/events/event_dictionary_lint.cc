// The event dictionaries' linter (`vigie dict check`): every problem, with file and line.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <regex>
#include <set>

#include "events/events.h"

namespace vigie::events {
namespace {

const std::regex kCameo("^\\d{2,4}$");

std::string line_of(const std::string& path, const YAML::Node& node) {
  return path + ":" + std::to_string(node.Mark().line + 1);
}

void unknown_keys(const std::string& path, const YAML::Node& node,
                  std::initializer_list<const char*> known, std::vector<Error>& errors) {
  if (!node.IsMap()) return;
  for (const auto& item : node) {
    std::string key = item.first.as<std::string>();
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (!ok) errors.push_back({line_of(path, item.first), "unknown key '" + key + "'"});
  }
}

bool is_string_list(const YAML::Node& node) {
  if (!node.IsSequence()) return false;
  for (const auto& item : node) {
    if (!item.IsScalar() || item.as<std::string>().empty()) return false;
  }
  return true;
}

}  // namespace

std::vector<Error> lint_event_dictionaries(const std::string& events_dir,
                                           const std::string& cameo_table) {
  std::vector<Error> errors;
  std::set<std::string> codes;
  try {
    YAML::Node root = YAML::LoadFile(cameo_table);
    if (!root["format"] || root["format"].as<std::string>() != "vigie-cameo-codes") {
      errors.push_back({cameo_table, "not a vigie-cameo-codes file"});
    }
    for (const auto& item : root["codes"]) {
      unknown_keys(cameo_table, item, {"code", "name", "goldstein", "quad", "plover"}, errors);
      std::string code = item["code"] ? item["code"].as<std::string>() : "";
      if (!std::regex_match(code, kCameo)) {
        errors.push_back(
            {line_of(cameo_table, item), "CAMEO code must be 2 to 4 digits: '" + code + "'"});
      }
      if (!codes.insert(code).second) {
        errors.push_back({line_of(cameo_table, item), "code " + code + " listed twice"});
      }
      if (!item["name"] || item["name"].as<std::string>().empty()) {
        errors.push_back({line_of(cameo_table, item), "code " + code + " has no name"});
      }
      double goldstein = item["goldstein"] ? item["goldstein"].as<double>() : 99;
      if (goldstein < -10 || goldstein > 10) {
        errors.push_back({line_of(cameo_table, item), "goldstein must be in [-10, 10]"});
      }
      int quad = item["quad"] ? item["quad"].as<int>() : 0;
      int root_code = code.size() >= 2 ? std::stoi(code.substr(0, 2)) : 0;
      int expected = root_code <= 5 ? 1 : root_code <= 8 ? 2 : root_code <= 13 ? 3 : 4;
      if (quad != expected) {
        errors.push_back({line_of(cameo_table, item), "quad for root " + code.substr(0, 2) +
                                                          " must be " + std::to_string(expected)});
      }
    }
  } catch (const YAML::BadFile&) {
    errors.push_back({cameo_table, "cannot read file"});
  } catch (const YAML::Exception& e) {
    errors.push_back({cameo_table + ":" + std::to_string(e.mark.line + 1), e.msg});
  }

  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(events_dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("verbs.", 0) == 0 && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  if (ec || files.empty()) errors.push_back({events_dir, "no verbs.*.yaml dictionary"});
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string path = file.string();
    try {
      YAML::Node root = YAML::LoadFile(path);
      if (!root["format"] || root["format"].as<std::string>() != "vigie-event-verbs") {
        errors.push_back({path, "not a vigie-event-verbs file"});
        continue;
      }
      unknown_keys(path, root, {"format", "version", "lang", "markers", "verbs", "nouns"}, errors);
      if (!root["lang"]) errors.push_back({path, "missing 'lang'"});
      if (!root["version"] || root["version"].as<std::string>() != "2") {
        errors.push_back({path, "version must be 2 (near / not_near / next are now object / "
                                "not_object / prep)"});
      }
      if (root["markers"]) {
        unknown_keys(path, root["markers"],
                     {"auxiliaries", "conditional", "possible", "intended", "negation", "adverbs",
                      "reportative", "complementizers", "determiners", "prepositions",
                      "passive_agent", "clause_openers"},
                     errors);
        for (const auto& marker : root["markers"]) {
          if (!is_string_list(marker.second)) {
            errors.push_back(
                {line_of(path, marker.second),
                 "marker list '" + marker.first.as<std::string>() + "' must be a list of words"});
          }
        }
      }
      // Event nouns ("l'attaque des shebab contre", "sanctions against") share the verbs' shape;
      // a lemma is unique within its section ("attack" the verb and "attack" the noun are two).
      std::vector<std::pair<YAML::Node, const char*>> entries;
      for (const auto& verb : root["verbs"]) entries.emplace_back(verb, "verbs");
      for (const auto& noun : root["nouns"]) entries.emplace_back(noun, "nouns");
      std::set<std::pair<std::string, std::string>> lemmas;
      for (const auto& [verb, section] : entries) {
        unknown_keys(path, verb, {"lemma", "forms", "exclude", "patterns"}, errors);
        std::string lemma = verb["lemma"] ? verb["lemma"].as<std::string>() : "";
        if (lemma.empty()) errors.push_back({line_of(path, verb), "verb without a lemma"});
        if (!lemmas.insert({section, lemma}).second) {
          errors.push_back({line_of(path, verb), "lemma '" + lemma + "' listed twice"});
        }
        // Verbs are found by lemma, so their forms are optional; nouns only by their forms.
        bool noun = std::string(section) == "nouns";
        if (verb["forms"] ? !is_string_list(verb["forms"]) || verb["forms"].size() == 0 : noun) {
          errors.push_back({line_of(path, verb), std::string(noun ? "noun '" : "verb '") + lemma +
                                                     "' needs a list of forms"});
        }
        if (verb["exclude"] && !is_string_list(verb["exclude"])) {
          errors.push_back({line_of(path, verb["exclude"]), "exclude must be a list of forms"});
        }
        if (!verb["patterns"] || !verb["patterns"].IsSequence() || verb["patterns"].size() == 0) {
          errors.push_back({line_of(path, verb), "verb '" + lemma + "' has no patterns"});
          continue;
        }
        for (const auto& pattern : verb["patterns"]) {
          unknown_keys(path, pattern,
                       {"cameo", "object", "not_object", "prep", "reflexive", "complement",
                        "denial", "report", "reciprocal", "place_target", "needs_target"},
                       errors);
          std::string cameo = pattern["cameo"] ? pattern["cameo"].as<std::string>() : "";
          if (cameo.empty()) {
            errors.push_back({line_of(path, pattern), "pattern without a cameo code"});
          } else if (!codes.empty() && !codes.count(cameo)) {
            errors.push_back(
                {line_of(path, pattern), "CAMEO code " + cameo + " is not in " + cameo_table});
          }
          for (const char* list : {"object", "not_object", "prep"}) {
            if (pattern[list] && !is_string_list(pattern[list])) {
              errors.push_back({line_of(path, pattern[list]),
                                std::string(list) + " must be a list of words or phrases"});
            }
          }
        }
      }
    } catch (const YAML::Exception& e) {
      errors.push_back({path + ":" + std::to_string(e.mark.line + 1), e.msg});
    }
  }
  return errors;
}

}  // namespace vigie::events
