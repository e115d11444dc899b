// The actor dictionaries' linter (`vigie dict check`): every problem of every entry, with file and
// line, where loading stops at the first.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "entities/entities.h"
#include "unicode/utf8.h"

namespace vigie::entities {
namespace {

const std::regex kCountryCode("^[A-Z]{3}$");
const std::regex kActorCode("^[A-Z]{3}([A-Z]{3})*$");
const std::regex kDate("^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$");

class Linter {
 public:
  explicit Linter(std::vector<Error>& errors) : errors_(errors) {}

  void file(const std::string& path) { path_ = path; }
  std::string at(const YAML::Node& node) const {
    return std::filesystem::path(path_).filename().string() + ":" +
           std::to_string(node.Mark().line + 1);
  }
  void fail(const YAML::Node& node, const std::string& message) {
    errors_.push_back({path_ + ":" + std::to_string(node.Mark().line + 1), message});
  }
  void fail_file(const std::string& message) { errors_.push_back({path_, message}); }

  // Reports keys of `node` that are not in `known`.
  void known_keys(const YAML::Node& node, std::initializer_list<const char*> known) {
    if (!node.IsMap()) return;
    for (const auto& item : node) {
      std::string key = item.first.as<std::string>();
      bool ok = false;
      for (const char* k : known) ok = ok || key == k;
      if (!ok) fail(item.first, "unknown key '" + key + "'");
    }
  }

  bool string_list(const YAML::Node& node, const std::string& what) {
    if (!node.IsSequence()) {
      fail(node, what + " must be a list");
      return false;
    }
    bool ok = true;
    for (const auto& item : node) {
      if (!item.IsScalar() || item.as<std::string>().empty()) {
        fail(item, what + " must hold non-empty strings");
        ok = false;
      }
    }
    return ok;
  }

  // {en: [...], fr: [...]} or a plain list; records folded aliases for duplicate detection.
  void aliases(const YAML::Node& node, const std::string& what, const std::string& owner,
               std::map<std::string, std::string>* seen) {
    auto record = [&](const YAML::Node& alias) {
      if (!seen || !alias.IsScalar()) return;
      std::string folded = unicode::fold(alias.as<std::string>());
      auto [it, inserted] = seen->emplace(folded, owner);
      if (!inserted && it->second != owner) {
        fail(alias, "alias '" + alias.as<std::string>() + "' of " + owner + " already names " +
                        it->second);
      }
    };
    if (node.IsSequence()) {
      if (string_list(node, what)) {
        for (const auto& alias : node) record(alias);
      }
      return;
    }
    if (!node.IsMap()) {
      fail(node, what + " must be a list or a map of language -> list");
      return;
    }
    for (const auto& language : node) {
      std::string lang = language.first.as<std::string>();
      if (lang != "en" && lang != "fr") fail(language.first, "unknown language '" + lang + "'");
      if (string_list(language.second, what + " (" + lang + ")")) {
        for (const auto& alias : language.second) record(alias);
      }
    }
  }

  std::optional<YAML::Node> load(const std::string& path, const std::string& format) {
    file(path);
    try {
      YAML::Node root = YAML::LoadFile(path);
      if (!root.IsMap() || !root["format"] || root["format"].as<std::string>() != format) {
        fail_file("not a " + format + " file (expected 'format: " + format + "')");
        return std::nullopt;
      }
      if (!root["version"]) fail(root, "missing 'version'");
      return root;
    } catch (const YAML::BadFile&) {
      fail_file("cannot read file");
    } catch (const YAML::Exception& e) {
      errors_.push_back({path + ":" + std::to_string(e.mark.line + 1), e.msg});
    }
    return std::nullopt;
  }

 private:
  std::vector<Error>& errors_;
  std::string path_;
};

}  // namespace

std::vector<Error> lint_actor_dictionaries(const std::string& actors_dir) {
  std::vector<Error> errors;
  Linter lint(errors);
  std::map<std::string, std::string> country_aliases;

  if (auto root = lint.load(actors_dir + "/countries.yaml", "vigie-countries")) {
    lint.known_keys(*root, {"format", "version", "countries"});
    std::set<std::string> codes;
    for (const auto& country : (*root)["countries"]) {
      lint.known_keys(country, {"code", "name", "names", "demonyms", "capital"});
      std::string code = country["code"] ? country["code"].as<std::string>() : "";
      if (!std::regex_match(code, kCountryCode)) {
        lint.fail(country, "country code must be 3 capital letters, got '" + code + "'");
      }
      if (!codes.insert(code).second) lint.fail(country, "country " + code + " listed twice");
      if (!country["name"]) lint.fail(country, "country " + code + " has no name");
      if (!country["names"]) lint.fail(country, "country " + code + " has no names");
      for (const char* key : {"names", "demonyms", "capital"}) {
        if (country[key]) lint.aliases(country[key], key, "country " + code, &country_aliases);
      }
    }
  }

  if (auto root = lint.load(actors_dir + "/roles.yaml", "vigie-roles")) {
    lint.known_keys(*root, {"format", "version", "roles", "things"});
    std::map<std::string, std::string> role_words;
    for (const auto& role : (*root)["roles"]) {
      lint.known_keys(role, {"role", "words", "plural"});
      std::string code = role["role"] ? role["role"].as<std::string>() : "";
      if (!std::regex_match(code, kCountryCode)) {
        lint.fail(role, "role code must be 3 capital letters, got '" + code + "'");
      }
      if (!role["words"])
        lint.fail(role, "role " + code + " has no words");
      else
        lint.aliases(role["words"], "words", "role " + code, &role_words);
      if (role["plural"] && role["plural"].as<std::string>() != "true" &&
          role["plural"].as<std::string>() != "false") {
        lint.fail(role["plural"], "plural must be true or false");
      }
    }
    // A thing is no role: "press" cannot be both.
    if (const YAML::Node things = (*root)["things"]) {
      lint.aliases(things, "things", "things", &role_words);
      auto one_word = [&](const YAML::Node& words) {
        for (const auto& word : words) {
          if (word.IsScalar() && word.as<std::string>().find(' ') != std::string::npos)
            lint.fail(word, "thing '" + word.as<std::string>() + "' must be one word");
        }
      };
      if (things.IsSequence()) one_word(things);
      if (things.IsMap()) {
        for (const auto& language : things) one_word(language.second);
      }
    }
  }

  if (auto root = lint.load(actors_dir + "/named.yaml", "vigie-named-actors")) {
    lint.known_keys(*root, {"format", "version", "actors"});
    std::map<std::string, std::string> named_aliases;
    std::set<std::string> names;
    for (const auto& actor : (*root)["actors"]) {
      lint.known_keys(actor, {"name", "type", "aliases", "codes", "plural"});
      std::string name = actor["name"] ? actor["name"].as<std::string>() : "";
      if (name.empty()) lint.fail(actor, "named actor without a name");
      if (!names.insert(name).second) lint.fail(actor, "actor '" + name + "' listed twice");
      std::string type = actor["type"] ? actor["type"].as<std::string>() : "";
      if (type != "PER" && type != "ORG") lint.fail(actor, "type must be PER or ORG");
      if (!actor["aliases"])
        lint.fail(actor, "actor '" + name + "' has no aliases");
      else
        lint.aliases(actor["aliases"], "aliases", "'" + name + "'", &named_aliases);
      if (!actor["codes"] || !actor["codes"].IsSequence() || actor["codes"].size() == 0) {
        lint.fail(actor, "actor '" + name + "' has no codes");
        continue;
      }
      std::string previous_until;
      for (const auto& code : actor["codes"]) {
        lint.known_keys(code, {"code", "from", "until"});
        std::string value = code["code"] ? code["code"].as<std::string>() : "";
        if (!std::regex_match(value, kActorCode)) {
          lint.fail(code, "code must be CAMEO letters in threes, got '" + value + "'");
        }
        std::string from = code["from"] ? code["from"].as<std::string>() : "";
        std::string until = code["until"] ? code["until"].as<std::string>() : "";
        for (const std::string& date : {from, until}) {
          if (!date.empty() && !std::regex_match(date, kDate)) {
            lint.fail(code, "date must be YYYY-MM-DD, got '" + date + "'");
          }
        }
        if (!from.empty() && !until.empty() && !(from < until)) {
          lint.fail(code, "'from' " + from + " is not before 'until' " + until);
        }
        if (!from.empty() && !previous_until.empty() && from < previous_until) {
          lint.fail(code, "period starting " + from + " overlaps the previous one");
        }
        if (!until.empty()) previous_until = until;
      }
    }
  }
  return errors;
}

}  // namespace vigie::entities
