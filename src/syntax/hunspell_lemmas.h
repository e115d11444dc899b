// Lemmas of words the treebank never saw, read from a Hunspell dictionary with morphology.
//
// The syntax model's lemmatizer knows the (form, UPOS) pairs of its training treebank; for any
// other word it used to guess from the longest known suffix, which invents lemmas ("guette" ->
// "gueter", "naissait" -> "nair"). Debian's hunspell-fr (Dicollecte's dictionary, MPL 2.0) lists
// every inflected form with its stem and part of speech ("guette  st:guetter po:v1_it_q_zz
// po:ipre ..."), so the lemma of a verb, noun, adjective or adverb the treebank lacks comes from
// there, for the part of speech the tagger chose. English has no such dictionary in Debian
// (hunspell-en-us carries no stems): English keeps the suffix rules.
//
// Thread safety: lemma() may run on many threads at once (the Hunspell object and the cache of
// analyses are behind a mutex; a lookup is a hash probe once a form has been analysed).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "document/expected.h"

namespace vigie::syntax {

class HunspellLemmas {
 public:
  // Opens `prefix`.aff and `prefix`.dic ("/usr/share/hunspell/fr_FR") of language `lang` ("fr":
  // Dicollecte's fields st: po: is:; "en": en_US's st: and fl:); the Error names the file.
  static Expected<std::shared_ptr<const HunspellLemmas>> open(const std::string& prefix,
                                                              const std::string& lang = "fr");

  // The lemma of `form` (`lower`: its lower-cased form) read as `upos` (VERB, AUX, NOUN, ADJ,
  // ADV), or nothing when the dictionary has no analysis of that part of speech (or for any
  // other UPOS, or a one-letter form). As UD French writes them: a verb's lemma is its
  // infinitive; an adjective's its masculine singular, also when the dictionary only knows it as
  // a past participle ("isolées" -> "isolé"); a feminine noun's its feminine singular ("amies"
  // -> "amie").
  std::optional<std::string> lemma(const std::string& form, const std::string& lower,
                                   std::string_view upos) const;

  // French: the parts of speech the dictionary gives `form`, one bit each (kWordClass...); 0
  // when it does not know the word (English's dictionary has no parts of speech: only
  // kWordClassKnown). The French tagger reads them for words its training data does not class.
  std::uint32_t word_classes(const std::string& form) const;
  static constexpr std::uint32_t kWordClassNoun = 1, kWordClassAdjective = 2, kWordClassVerb = 4,
                                 kWordClassAdverb = 8, kWordClassProperName = 16,
                                 kWordClassParticiple = 32, kWordClassInfinitive = 64,
                                 kWordClassFunctionWord = 128, kWordClassKnown = 256;

  // The moods and tenses the dictionary gives `form` as a finite verb, one bit each
  // (kVerbTense...); 0 when it does not know it as one.
  std::uint32_t verb_tenses(const std::string& form) const;
  static constexpr std::uint32_t kVerbTensePresent = 1, kVerbTenseImperfect = 2,
                                 kVerbTenseSimplePast = 4, kVerbTenseFuture = 8,
                                 kVerbTenseConditional = 16, kVerbTenseSubjunctivePresent = 32,
                                 kVerbTenseSubjunctiveImperfect = 64, kVerbTenseImperative = 128;

  ~HunspellLemmas();

 private:
  HunspellLemmas();
  struct State;
  std::unique_ptr<State> state_;
};

// The Hunspell dictionary of `lang` ("fr", "en"), as the prefix open() takes:
// $VIGIE_HUNSPELL_DIR/LANG_REGION when that variable is set, else /usr/share/hunspell (Debian's
// hunspell-fr, installed by `make deps`); empty when the language has none or it is not
// installed.
std::string find_hunspell_dictionary(const std::string& lang);

}  // namespace vigie::syntax
