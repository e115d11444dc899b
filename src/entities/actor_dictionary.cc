#include "entities/actor_dictionary.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "text/text.h"
#include "unicode/utf8.h"

namespace vigie::entities {
namespace {

std::string where(const std::string& file, const YAML::Node& node) {
  return std::filesystem::path(file).filename().string() + ":" +
         std::to_string(node.Mark().line + 1);
}

// An acronym ("US", "ISI", "EU") must match its exact spelling: "us" is a pronoun.
bool is_acronym(const std::string& alias) {
  int upper = 0;
  for (char c : alias) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 2 && alias.size() <= 6;
}

Expected<YAML::Node> load_yaml(const std::string& path, const std::string& format) {
  try {
    YAML::Node root = YAML::LoadFile(path);
    if (!root["format"] || root["format"].as<std::string>() != format) {
      return Error{path, "not a " + format + " file (expected 'format: " + format + "')"};
    }
    return root;
  } catch (const YAML::BadFile&) {
    return Error{path, "cannot read file"};
  } catch (const YAML::Exception& e) {
    return Error{path + ":" + std::to_string(e.mark.line + 1), e.msg};
  }
}

// Calls f(lang, alias) for a {en: [...], fr: [...]} map or a plain list (language-neutral).
template <typename F>
void for_each_alias(const YAML::Node& node, F&& f) {
  if (!node) return;
  if (node.IsSequence()) {
    for (const auto& alias : node) f(std::string(), alias.as<std::string>());
    return;
  }
  for (const auto& language : node) {
    std::string lang = language.first.as<std::string>();
    for (const auto& alias : language.second) f(lang, alias.as<std::string>());
  }
}

using AddAlias = std::function<void(const std::string&, const std::string&, DictionaryEntry)>;

Expected<bool> load_countries(const std::string& path, const AddAlias& add) {
  auto root = load_yaml(path, "vigie-countries");
  if (!root) return root.error();
  try {
    for (const auto& country : (*root)["countries"]) {
      DictionaryEntry base;
      base.code = country["code"].as<std::string>();
      base.name = country["name"].as<std::string>();
      base.rule = where(path, country);
      if (base.code.size() != 3) return Error{base.rule, "country code must have 3 letters"};
      for_each_alias(country["names"], [&](const std::string& lang, const std::string& alias) {
        DictionaryEntry e = base;
        e.kind = EntryKind::kCountryName;
        e.type = EntityType::kGPE;
        add(alias, lang, e);
      });
      for_each_alias(country["demonyms"], [&](const std::string& lang, const std::string& alias) {
        DictionaryEntry e = base;
        e.kind = EntryKind::kDemonym;
        e.type = EntityType::kMISC;
        add(alias, lang, e);
      });
      for_each_alias(country["capital"], [&](const std::string& lang, const std::string& alias) {
        DictionaryEntry e = base;
        e.kind = EntryKind::kCapital;
        e.type = EntityType::kGPE;
        add(alias, lang, e);
      });
    }
  } catch (const YAML::Exception& e) {
    return Error{path + ":" + std::to_string(e.mark.line + 1), e.msg};
  }
  return true;
}

}  // namespace

void ActorDictionary::add(const std::string& alias, const std::string& lang,
                          DictionaryEntry entry) {
  std::vector<Token> tokens = text::tokenize(alias, lang.empty() ? "fr" : lang);
  if (tokens.empty()) return;
  if (is_acronym(alias)) entry.surface = alias;
  std::uint32_t node = 0;
  for (const Token& token : tokens) {
    auto it = nodes_[node].children.find(token.folded);
    if (it == nodes_[node].children.end()) {
      nodes_.push_back({});
      auto child = static_cast<std::uint32_t>(nodes_.size() - 1);
      nodes_[node].children.emplace(token.folded, child);
      node = child;
    } else {
      node = it->second;
    }
  }
  // The same alias listed twice for one entry (e.g. en and fr spellings alike) is kept once.
  for (std::uint32_t existing : nodes_[node].entries) {
    const DictionaryEntry& other = entries_[existing];
    if (other.kind == entry.kind && other.code == entry.code && other.name == entry.name &&
        other.surface == entry.surface) {
      return;
    }
  }
  entries_.push_back(std::move(entry));
  nodes_[node].entries.push_back(static_cast<std::uint32_t>(entries_.size() - 1));
}

Expected<ActorDictionary> ActorDictionary::load(const std::string& actors_dir) {
  ActorDictionary dictionary;
  auto add = [&](const std::string& alias, const std::string& lang, DictionaryEntry e) {
    dictionary.add(alias, lang, std::move(e));
  };
  std::string countries = actors_dir + "/countries.yaml";
  auto loaded = load_countries(countries, add);
  if (!loaded) return loaded.error();

  std::string roles_path = actors_dir + "/roles.yaml";
  auto roles = load_yaml(roles_path, "vigie-roles");
  if (!roles) return roles.error();
  try {
    for (const auto& role : (*roles)["roles"]) {
      DictionaryEntry e;
      e.kind = EntryKind::kRole;
      e.code = role["role"].as<std::string>();
      e.name = e.code;
      e.plural = role["plural"] && role["plural"].as<bool>();
      e.rule = where(roles_path, role);
      if (e.code.size() != 3) return Error{e.rule, "role code must have 3 letters"};
      for_each_alias(role["words"],
                     [&](const std::string& lang, const std::string& word) { add(word, lang, e); });
    }
    for_each_alias((*roles)["things"], [&](const std::string&, const std::string& word) {
      dictionary.things_.insert(unicode::fold(word));
    });
  } catch (const YAML::Exception& e) {
    return Error{roles_path + ":" + std::to_string(e.mark.line + 1), e.msg};
  }

  std::string named_path = actors_dir + "/named.yaml";
  auto named = load_yaml(named_path, "vigie-named-actors");
  if (!named) return named.error();
  try {
    for (const auto& actor : (*named)["actors"]) {
      DictionaryEntry e;
      e.kind = EntryKind::kNamed;
      e.name = actor["name"].as<std::string>();
      e.rule = where(named_path, actor);
      std::string type = actor["type"] ? actor["type"].as<std::string>() : "ORG";
      e.type = type == "PER" ? EntityType::kPER : EntityType::kORG;
      e.plural = actor["plural"] && actor["plural"].as<bool>();
      for (const auto& code : actor["codes"]) {
        DatedCode dated;
        dated.code = code["code"].as<std::string>();
        if (code["from"]) dated.from = code["from"].as<std::string>();
        if (code["until"]) dated.until = code["until"].as<std::string>();
        e.codes.push_back(std::move(dated));
      }
      if (e.codes.empty()) return Error{e.rule, "named actor '" + e.name + "' has no code"};
      for_each_alias(actor["aliases"], [&](const std::string& lang, const std::string& alias) {
        add(alias, lang, e);
      });
    }
  } catch (const YAML::Exception& e) {
    return Error{named_path + ":" + std::to_string(e.mark.line + 1), e.msg};
  }
  return dictionary;
}

ActorDictionary::Match ActorDictionary::longest_match(const Document& document, Field field,
                                                      std::uint32_t begin,
                                                      std::uint32_t end) const {
  Match best;
  std::uint32_t node = 0;
  for (std::uint32_t t = begin; t < end; ++t) {
    auto it = nodes_[node].children.find(document.tokens[t].folded);
    if (it == nodes_[node].children.end()) break;
    node = it->second;
    if (nodes_[node].entries.empty()) continue;
    std::vector<const DictionaryEntry*> accepted;
    for (std::uint32_t index : nodes_[node].entries) {
      const DictionaryEntry& entry = entries_[index];
      if (!entry.surface.empty()) {
        // Acronyms: the document's spelling must be the alias's, case included.
        std::string surface;
        for (std::uint32_t k = begin; k <= t; ++k) {
          surface += document.token_text(document.tokens[k], field);
        }
        std::string alias = entry.surface;
        alias.erase(std::remove(alias.begin(), alias.end(), ' '), alias.end());
        if (surface != alias) continue;
      }
      accepted.push_back(&entry);
    }
    if (!accepted.empty()) {
      best.length = t - begin + 1;
      best.entries = std::move(accepted);
    }
  }
  return best;
}

std::string ActorDictionary::code_on(const DictionaryEntry& entry, const std::string& date) {
  if (entry.codes.empty()) return entry.code;
  if (!date.empty()) {
    for (const DatedCode& dated : entry.codes) {
      bool after_start = dated.from.empty() || dated.from <= date;
      bool before_end = dated.until.empty() || date < dated.until;
      if (after_start && before_end) return dated.code;
    }
  }
  // Unknown date, or none in force: the code that is open-ended, else the last listed.
  for (const DatedCode& dated : entry.codes) {
    if (dated.until.empty() && !dated.from.empty()) return dated.code;
  }
  return entry.codes.back().code;
}

}  // namespace vigie::entities
