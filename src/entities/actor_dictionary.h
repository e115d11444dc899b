// Internal to the entities stage: the actor dictionaries as a token trie.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "document/document.h"
#include "document/expected.h"

namespace vigie::entities {

enum class EntryKind : std::uint8_t { kCountryName, kDemonym, kCapital, kRole, kNamed };

struct DatedCode {
  std::string code;
  std::string from;   // inclusive YYYY-MM-DD, empty: since always
  std::string until;  // exclusive YYYY-MM-DD, empty: still in force
};

struct DictionaryEntry {
  EntryKind kind = EntryKind::kCountryName;
  std::string code;              // country code, role code, or empty for named (see codes)
  std::string name;              // canonical name ("Pakistan", "Taliban")
  std::vector<DatedCode> codes;  // named actors only
  EntityType type = EntityType::kGPE;
  bool plural = false;  // named groups and plural role words
  std::string surface;  // exact spelling required (acronyms: "US", "ISI"), else empty
  std::string rule;     // "countries.yaml:812"
};

// Token-sequence trie keyed on folded tokens.
class ActorDictionary {
 public:
  static Expected<ActorDictionary> load(const std::string& actors_dir);

  struct Match {
    std::uint32_t length = 0;  // tokens matched
    std::vector<const DictionaryEntry*> entries;
  };
  // Longest match starting at tokens[begin] within [begin, end).
  Match longest_match(const Document& document, Field field, std::uint32_t begin,
                      std::uint32_t end) const;

  // The code of a named actor in force on `date` (YYYY-MM-DD or empty).
  static std::string code_on(const DictionaryEntry& entry, const std::string& date);

  std::size_t size() const { return entries_.size(); }

  // True for a noun that a demonym qualifies without naming an actor: currencies, languages, the
  // economy ("the Kenyan shilling", "la langue arabe"); roles.yaml's `things:`, folded.
  bool is_thing(std::string_view folded) const { return things_.count(std::string(folded)) > 0; }

 private:
  struct Node {
    std::unordered_map<std::string, std::uint32_t> children;
    std::vector<std::uint32_t> entries;
  };
  void add(const std::string& alias, const std::string& lang, DictionaryEntry entry);

  std::vector<Node> nodes_{1};
  std::vector<DictionaryEntry> entries_;
  std::unordered_set<std::string> things_;
};

}  // namespace vigie::entities
