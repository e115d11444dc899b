#include "syntax/hunspell_lemmas.h"

#include <hunspell.hxx>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "unicode/utf8.h"

namespace vigie::syntax {

namespace {

// Forms longer than this are not looked up (no dictionary word is; Hunspell caps words at 100).
constexpr std::size_t kMaxFormBytes = 100;
// The cache of analyses is emptied when it reaches this many forms, so that a long run over
// millions of documents keeps a bounded memory (~100 bytes a form).
constexpr std::size_t kMaxCachedForms = 200000;

// One analysis of a form, as Hunspell's morphological fields say it ("st:guetter po:v1_it_q_zz
// po:ipre po:3sg").
struct Analysis {
  std::string stem;
  bool noun = false, adjective = false, verb = false, adverb = false;
  bool participle = false;                   // po:ppas
  bool infinitive = false;                   // po:infi
  bool proper_name = false;                  // po:npr (place, thing), po:prn (first), po:patr
  bool function_word = false;                // po:mg, po:prep, po:det..., po:pro..., po:cj...
  std::uint32_t tenses = 0;                  // HunspellLemmas::kVerbTense... bits
  std::string affixes;                       // English: the affix flags applied ("fl:D" -> "D")
  bool masculine = false, feminine = false;  // is:mas, is:fem
  bool singular = false, plural = false;     // is:sg or is:inv, is:pl
};

// The first code point of `s`, as bytes.
std::string_view first_code_point(std::string_view s) {
  std::size_t n = s.empty() ? 0 : 1;
  while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return s.substr(0, n);
}

// Dicollecte's tense fields ("po:ipre", "po:cond"...) as HunspellLemmas::kVerbTense... bits; 0
// for any other field.
std::uint32_t tense_of_field(std::string_view field) {
  using H = HunspellLemmas;
  static constexpr std::pair<std::string_view, std::uint32_t> kTenses[] = {
      {"po:ipre", H::kVerbTensePresent},
      {"po:iimp", H::kVerbTenseImperfect},
      {"po:ipsi", H::kVerbTenseSimplePast},
      {"po:ifut", H::kVerbTenseFuture},
      {"po:cond", H::kVerbTenseConditional},
      {"po:spre", H::kVerbTenseSubjunctivePresent},
      {"po:simp", H::kVerbTenseSubjunctiveImperfect},
      {"po:impe", H::kVerbTenseImperative},
  };
  for (const auto& [name, bit] : kTenses) {
    if (field == name) return bit;
  }
  return 0;
}

// Whether `form` is worth asking the dictionary about: a word of its size, not a phrase.
bool can_look_up(const std::string& form) {
  return !form.empty() && form.size() <= kMaxFormBytes && form.find(' ') == std::string::npos;
}

Analysis read_analysis(std::string_view text) {
  Analysis a;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    std::string_view field = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    if (field.starts_with("st:")) {
      if (a.stem.empty()) a.stem = field.substr(3);
    } else if (field.starts_with("fl:")) {
      a.affixes += field.substr(3);
    } else if (field == "po:nom") {
      a.noun = true;
    } else if (field == "po:adj") {
      a.adjective = true;
    } else if (field == "po:adv") {
      a.adverb = true;
    } else if (field == "po:ppas") {
      a.participle = true;
    } else if (std::uint32_t tense = tense_of_field(field); tense != 0) {
      a.tenses |= tense;
    } else if (field == "po:infi") {
      a.infinitive = true;
    } else if (field == "po:npr" || field == "po:prn" || field == "po:patr") {
      a.proper_name = true;
    } else if (field == "po:mg" || field == "po:prep" || field.starts_with("po:det") ||
               field.starts_with("po:pro") || field.starts_with("po:cj")) {
      a.function_word = true;
    } else if (field.size() > 4 && field.starts_with("po:v") && field[4] >= '0' &&
               field[4] <= '9') {
      a.verb = true;  // po:v1_it_q_zz, po:v3_itxq__a: the conjugation group and valency
    } else if (field == "is:mas") {
      a.masculine = true;
    } else if (field == "is:fem") {
      a.feminine = true;
    } else if (field == "is:sg" || field == "is:inv") {
      a.singular = true;
    } else if (field == "is:pl") {
      a.plural = true;
    }
  }
  return a;
}

}  // namespace

struct HunspellLemmas::State {
  std::string lang;
  std::unique_ptr<Hunspell> dictionary;
  std::mutex mutex;
  std::unordered_map<std::string, std::vector<Analysis>> analyses;

  // Under `mutex`.
  const std::vector<Analysis>& analyse(const std::string& form) {
    if (auto it = analyses.find(form); it != analyses.end()) return it->second;
    if (analyses.size() >= kMaxCachedForms) analyses.clear();
    std::vector<Analysis> read;
    for (const std::string& text : dictionary->analyze(form)) {
      Analysis a = read_analysis(text);
      if (!a.stem.empty()) read.push_back(std::move(a));
    }
    return analyses.emplace(form, std::move(read)).first->second;
  }
};

HunspellLemmas::HunspellLemmas() : state_(std::make_unique<State>()) {}
HunspellLemmas::~HunspellLemmas() = default;

Expected<std::shared_ptr<const HunspellLemmas>> HunspellLemmas::open(const std::string& prefix,
                                                                     const std::string& lang) {
  const std::string aff = prefix + ".aff", dic = prefix + ".dic";
  for (const std::string& file : {aff, dic}) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      return Error{file,
                   "Hunspell dictionary file not found (Debian packages hunspell-fr, "
                   "hunspell-en-us)"};
    }
  }
  std::shared_ptr<HunspellLemmas> lemmas(new HunspellLemmas());
  lemmas->state_->lang = lang;
  lemmas->state_->dictionary = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  if (std::string(lemmas->state_->dictionary->get_dic_encoding()) != "UTF-8") {
    return Error{aff, "Hunspell dictionary not in UTF-8 (SET UTF-8 expected)"};
  }
  return std::shared_ptr<const HunspellLemmas>(std::move(lemmas));
}

std::optional<std::string> HunspellLemmas::lemma(const std::string& form, const std::string& lower,
                                                 std::string_view upos) const {
  const bool verb = upos == "VERB" || upos == "AUX";
  const bool noun = upos == "NOUN", adjective = upos == "ADJ", adverb = upos == "ADV";
  if (!(verb || noun || adjective || adverb)) return std::nullopt;
  if (!can_look_up(form) || first_code_point(form).size() == form.size()) return std::nullopt;
  // An acronym ("US", "ONG") is its own lemma; the dictionary would lower it.
  if (form != lower &&
      std::none_of(form.begin(), form.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return std::nullopt;
  std::lock_guard<std::mutex> lock(state_->mutex);
  const std::vector<Analysis>& analyses = state_->analyse(form);
  if (state_->lang == "en") {
    // en_US has no parts of speech, only the regular affix it stripped: -ed, -ing, -s of a
    // verb (D, G, S), -s of a noun (S), -er/-est of an adjective (R, T).
    // Of several readings the longest stem ("staged": "stage", not "stag"); none shorter than
    // three bytes ("fled": "fl", "red": "re"). EWT dev lemmas 96.99 -> 97.02 (13 right, 5 wrong).
    const std::string_view affixes = verb ? "DGS" : noun ? "S" : adjective ? "RT" : "";
    const Analysis* best = nullptr;
    for (const Analysis& a : analyses) {
      if (!a.affixes.empty() && a.affixes.find_first_not_of(affixes) == std::string::npos &&
          a.stem.size() >= 3 && (!best || a.stem.size() > best->stem.size()))
        best = &a;
    }
    if (!best) return std::nullopt;
    return unicode::fold(best->stem);
  }
  for (const Analysis& a : analyses) {
    if (!(verb ? a.verb : noun ? a.noun && !a.verb : adverb ? a.adverb : a.adjective && !a.verb))
      continue;
    if (verb) return a.stem;
    // A noun, adjective or adverb begins as its lemma does; the dictionary's prefix analyses
    // do not ("µg": st:g).
    std::string stem = unicode::fold(a.stem);
    if (first_code_point(stem) != first_code_point(lower)) continue;
    // UD French keeps a feminine noun feminine ("amies" -> "amie", "directive"), where the
    // dictionary gives the masculine of nouns that are also adjectives ("st:ami po:nom po:adj
    // is:fem"). Measured on Sequoia dev: 5 lemmas right this way, 2 wrong ("vendeuse": UD
    // "vendeur").
    if (noun && a.feminine && !a.masculine && stem != lower) {
      if (a.plural && lower.size() > 1 && (lower.back() == 's' || lower.back() == 'x'))
        return lower.substr(0, lower.size() - 1);
      if (!a.plural) return lower;
    }
    return stem;
  }
  if (!adjective) return std::nullopt;
  // An adjective the dictionary only knows as a past participle ("isolées": st:isoler po:ppas
  // po:adj): its lemma is the masculine singular participle, the form itself or the form less
  // its feminine/plural ending, whichever the dictionary says is masculine singular.
  std::string verb_stem;
  for (const Analysis& a : analyses) {
    if (a.verb && a.participle) {
      verb_stem = a.stem;
      break;
    }
  }
  if (verb_stem.empty()) return std::nullopt;
  std::vector<std::string> candidates{lower};
  std::string shorter = lower;
  for (char ending : {'s', 'e'}) {
    if (!shorter.empty() && shorter.back() == ending) {
      shorter.pop_back();
      candidates.push_back(shorter);
    }
  }
  for (const std::string& candidate : candidates) {
    for (const Analysis& a : state_->analyse(candidate)) {
      if (a.verb && a.participle && a.masculine && a.singular && a.stem == verb_stem)
        return candidate;
    }
  }
  return std::nullopt;
}

std::uint32_t HunspellLemmas::word_classes(const std::string& form) const {
  if (!can_look_up(form)) return 0;
  std::lock_guard<std::mutex> lock(state_->mutex);
  std::uint32_t classes = 0;
  for (const Analysis& a : state_->analyse(form)) {
    classes |= kWordClassKnown;
    if (a.noun) classes |= kWordClassNoun;
    if (a.adjective) classes |= kWordClassAdjective;
    if (a.verb) classes |= kWordClassVerb;
    if (a.adverb) classes |= kWordClassAdverb;
    if (a.proper_name) classes |= kWordClassProperName;
    if (a.participle) classes |= kWordClassParticiple;
    if (a.infinitive) classes |= kWordClassInfinitive;
    if (a.function_word) classes |= kWordClassFunctionWord;
  }
  return classes;
}

std::uint32_t HunspellLemmas::verb_tenses(const std::string& form) const {
  if (!can_look_up(form)) return 0;
  std::lock_guard<std::mutex> lock(state_->mutex);
  std::uint32_t tenses = 0;
  for (const Analysis& a : state_->analyse(form)) {
    if (a.verb) tenses |= a.tenses;
  }
  return tenses;
}

std::string find_hunspell_dictionary(const std::string& lang) {
  if (lang != "fr" && lang != "en") return "";
  const char* dir = std::getenv("VIGIE_HUNSPELL_DIR");
  const std::string prefix =
      std::string(dir && *dir ? dir : "/usr/share/hunspell") + (lang == "fr" ? "/fr_FR" : "/en_US");
  std::error_code ec;
  return std::filesystem::is_regular_file(prefix + ".dic", ec) ? prefix : "";
}

}  // namespace vigie::syntax
