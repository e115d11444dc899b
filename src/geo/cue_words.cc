#include "geo/cue_words.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <set>

#include "geo/dictionary_file.h"
#include "geo/gazetteer.h"
#include "unicode/utf8.h"

namespace vigie::geo {
namespace {

constexpr std::string_view kFormat = "vigie-geo-cue-words";
constexpr int kVersion = 1;

// What a section's words are matched against, so folded like it.
enum class Fold {
  kToken,      // Token::folded: lower case, accents kept ("près")
  kPlaceName,  // fold_place_name: no accents ("riviere")
};

// How a section's items are written.
enum class Shape {
  kWords,              // single words (a token, or a word of a place name)
  kPrefixes,           // words and spaces, each followed by a space in a name unless elided
  kSuffixes,           // words and spaces, each after a space in a name
  kTownsAndDivisions,  // a map {town: [words], division: [words]}
};

struct Section {
  std::string_view name;
  Fold fold;
  Shape shape;
  // kWords: the section's words; kTownsAndDivisions: both lists together.
  WordSet CueWords::*words = nullptr;
  WordSet CueWords::*towns = nullptr;      // kTownsAndDivisions: the town words alone
  WordSet CueWords::*divisions = nullptr;  // kTownsAndDivisions: the division words alone
  std::vector<std::string> CueWords::*phrases = nullptr;  // kPrefixes, kSuffixes
};

// Every section of the file, in its order.
constexpr std::array kSections = {
    Section{"locatives", Fold::kToken, Shape::kWords, &CueWords::locatives},
    Section{"says_where", Fold::kToken, Shape::kWords, &CueWords::says_where},
    Section{"says_where_or_whom", Fold::kToken, Shape::kWords, &CueWords::says_where_or_whom},
    Section{"name_connectors", Fold::kToken, Shape::kWords, &CueWords::name_connectors},
    Section{"generic_name_words", Fold::kPlaceName, Shape::kWords, &CueWords::generic_name_words},
    Section{"division_prefixes", Fold::kPlaceName, Shape::kPrefixes, nullptr, nullptr, nullptr,
            &CueWords::division_prefixes},
    Section{"division_suffixes", Fold::kPlaceName, Shape::kSuffixes, nullptr, nullptr, nullptr,
            &CueWords::division_suffixes},
    Section{"division_nouns_before", Fold::kToken, Shape::kWords, &CueWords::division_nouns_before},
    Section{"division_nouns_after", Fold::kToken, Shape::kWords, &CueWords::division_nouns_after},
    Section{"skippable_before_place", Fold::kToken, Shape::kWords,
            &CueWords::skippable_before_place},
    Section{"introducing_nouns_before", Fold::kToken, Shape::kTownsAndDivisions,
            &CueWords::introducing_nouns_before, nullptr,
            &CueWords::introducing_division_nouns_before},
    Section{"introducing_links", Fold::kToken, Shape::kWords, &CueWords::introducing_links},
    Section{"introducing_conjunctions", Fold::kToken, Shape::kWords,
            &CueWords::introducing_conjunctions},
    Section{"introducing_nouns_after", Fold::kToken, Shape::kTownsAndDivisions,
            &CueWords::introducing_nouns_after, &CueWords::introducing_town_nouns_after},
    Section{"place_modifiers", Fold::kToken, Shape::kWords, &CueWords::place_modifiers},
    Section{"name_of_links", Fold::kToken, Shape::kWords, &CueWords::name_of_links},
    Section{"list_glue", Fold::kToken, Shape::kWords, &CueWords::list_glue},
    Section{"list_conjunctions", Fold::kToken, Shape::kWords, &CueWords::list_conjunctions},
};

std::string where(const std::string& path, const YAML::Node& node) {
  return path + ":" + std::to_string(node.Mark().line + 1);
}

// The folded words of the list `node` (section `name`, or `name.key`), in the file's order.
// `seen` holds the section's words so far: a word listed twice is an error.
Expected<std::vector<std::string>> read_words(const std::string& path, const YAML::Node& node,
                                              const std::string& name, const Section& section,
                                              std::set<std::string>& seen) {
  if (!node.IsSequence()) return Error{where(path, node), "`" + name + "` must be a list"};
  std::vector<std::string> words;
  for (const YAML::Node& item : node) {
    if (!item.IsScalar() || item.as<std::string>().empty()) {
      return Error{where(path, item), "`" + name + "`: expected a word"};
    }
    const std::string& written = item.Scalar();
    std::string word =
        section.fold == Fold::kToken ? unicode::fold(written) : fold_place_name(written);
    // Tokens and the words of a split place name never hold a space: such an item would never
    // match.
    if ((section.shape == Shape::kWords || section.shape == Shape::kTownsAndDivisions) &&
        word.find_first_of(" \t") != std::string::npos) {
      return Error{where(path, item), "`" + name + "`: `" + written + "` is not one word"};
    }
    if (word.empty() || word.front() == ' ') {
      return Error{where(path, item), "`" + name + "`: expected a word"};
    }
    if (!seen.insert(word).second) {
      return Error{where(path, item), "`" + name + "`: `" + written + "` is listed twice"};
    }
    words.push_back(std::move(word));
  }
  return words;
}

}  // namespace

Expected<CueWords> read_cue_words(const std::string& path) {
  auto file = read_dictionary_file(path, kFormat, kVersion);
  if (!file) return file.error();
  const YAML::Node root = file.value();
  try {
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key == "format" || key == "version") continue;
      if (std::none_of(kSections.begin(), kSections.end(),
                       [&](const Section& s) { return s.name == key; })) {
        return Error{where(path, entry.first), "unknown section `" + key + "`"};
      }
    }
    CueWords cue;
    for (const Section& section : kSections) {
      const std::string name(section.name);
      const YAML::Node node = root[name];
      if (!node) return Error{path, "missing section `" + name + "`"};
      std::set<std::string> seen;
      if (section.shape == Shape::kTownsAndDivisions) {
        if (!node.IsMap()) {
          return Error{where(path, node), "`" + name + "` must be {town: [...], division: [...]}"};
        }
        for (const auto& entry : node) {
          const std::string key = entry.first.as<std::string>();
          if (key != "town" && key != "division") {
            return Error{where(path, entry.first),
                         "`" + name + "`: unknown key `" + key + "` (town, division)"};
          }
        }
        for (const char* key : {"town", "division"}) {
          if (!node[key]) return Error{where(path, node), "`" + name + "` needs `" + key + ":`"};
          auto read = read_words(path, node[key], name + "." + key, section, seen);
          if (!read) return read.error();
          (cue.*section.words).insert(read->begin(), read->end());
          WordSet CueWords::*alone =
              std::string_view(key) == "town" ? section.towns : section.divisions;
          if (alone) (cue.*alone).insert(read->begin(), read->end());
        }
        continue;
      }
      auto read = read_words(path, node, name, section, seen);
      if (!read) return read.error();
      for (std::string& word : read.value()) {
        if (section.shape == Shape::kWords) {
          (cue.*section.words).insert(std::move(word));
        } else if (section.shape == Shape::kPrefixes) {
          // "vallee du " is followed by a space in a name, the elided "vallee de l'" is not.
          (cue.*section.phrases).push_back(word.ends_with('\'') ? word : word + " ");
        } else {
          (cue.*section.phrases).push_back(" " + word);
        }
      }
    }
    // A list needs a conjunction between its places and only glue besides (geo.cc, listed()).
    for (const std::string& w : cue.list_conjunctions) {
      if (!cue.list_glue.contains(w)) {
        return Error{where(path, root["list_conjunctions"]),
                     "`list_conjunctions`: `" + w + "` is not in `list_glue`"};
      }
    }
    return cue;
  } catch (const YAML::Exception& e) {
    return Error{path + ":" + std::to_string(e.mark.line + 1), e.msg};
  }
}

}  // namespace vigie::geo
