// Stage `entities`: finds actor mentions and codes them in CAMEO style.
//
// The foundation's coder: a token trie over the dictionaries in dictionaries/actors/ (countries
// with names, demonyms and capitals; role words; named actors with dated codes), and composition
// of a country with role words inside one noun phrase ("le chef de l'espionnage pakistanais" ->
// PAKSPY). A role word alone takes the country of the document's latest actor with that role.
// Named entities from Vigie's statistical model are combined with the entities found here by
// add_model_entities() (entities/ner.h), which the pipeline runs right after code().
//
// Thread safety: an ActorCoder is immutable after load(); code() may run on many threads at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "document/document.h"
#include "document/expected.h"

namespace vigie::entities {

class ActorDictionary;  // internals: entities/actor_dictionary.h

class ActorCoder {
 public:
  // Loads countries.yaml, roles.yaml and named.yaml from `actors_dir`. Errors name file and line.
  static Expected<ActorCoder> load(const std::string& actors_dir);

  // Fills document.actors and document.entities for every sentence. Needs tokens and sentences
  // (text::segment) and document.published for dated codes.
  void code(Document& document) const;

  // Number of aliases and role words loaded, for `vigie version`.
  std::size_t entry_count() const;

  ActorCoder(ActorCoder&&) noexcept;
  ActorCoder& operator=(ActorCoder&&) noexcept;
  ~ActorCoder();

 private:
  ActorCoder();
  // Generic anaphors of sentence `s` ("les deux camps", "the two sides", "chaque partie")
  // resolved to the two latest distinct sides named in it or the two sentences before; left
  // out when fewer than two are known.
  static void code_generic_anaphora(Document& document, std::uint32_t s);
  std::unique_ptr<ActorDictionary> dictionary_;
};

// Checks every entry of countries.yaml, roles.yaml and named.yaml in `actors_dir` and returns
// every problem found, each naming file and line (unknown keys, malformed codes and dates,
// overlapping date ranges, an alias that names two actors). Empty when all is well.
std::vector<Error> lint_actor_dictionaries(const std::string& actors_dir);

}  // namespace vigie::entities
