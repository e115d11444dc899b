// Verb arguments read from the dependency parse (UD relations filled by the syntax stage):
// who is the grammatical subject of a verb, its objects and oblique complements, and whether it
// is passive. Knows nothing of actors: the event coder maps the argument phrases to actors.
//
// Follows UD conventions for French (Sequoia, GSD) and English (EWT): nsubj / nsubj:pass,
// obj, iobj, obl (+ case), obl:agent, aux:pass, xcomp, conj, acl:relcl.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "document/document.h"

namespace vigie::events {

// The grammatical roles of one verb, as token indexes into Document::tokens (the head of each
// phrase). Empty when the parse gives none.
struct VerbArguments {
  std::optional<std::uint32_t> subject;  // the doer for an active verb, the patient for a passive
  std::optional<std::uint32_t> agent;    // "par X" / "by X" of a passive verb
  bool passive = false;
  // Object first, then indirect object, then oblique complements in text order ("à l'Ukraine",
  // "against Russia"); the agent is not among them.
  std::vector<std::uint32_t> complements;
  // A relative clause whose relative pronoun is the object ("le journaliste que la junte a
  // arrêté"): the noun the clause modifies is the verb's object.
  std::optional<std::uint32_t> relative_object;
};

// Children lists of a document's dependency trees, built once per document.
class DependencyIndex {
 public:
  explicit DependencyIndex(const std::vector<Token>& tokens);

  // True when the syntax stage ran (at least one token has a head or is a root).
  bool parsed() const { return parsed_; }

  VerbArguments arguments_of(std::uint32_t verb) const;

  // The tokens of the phrase headed by `head`, in text order, without the clauses and
  // coordinated phrases attached to it (relative clauses, conjuncts, appositions, punctuation).
  std::vector<std::uint32_t> phrase(std::uint32_t head) const;

  const std::vector<std::uint32_t>& children(std::uint32_t t) const { return children_[t]; }

 private:
  bool has_deprel(std::uint32_t t, std::string_view prefix) const;
  // A "case" child of t whose folded form is one of `words` ("par" of "par le Hamas").
  bool has_case_word(std::uint32_t t, std::span<const std::string_view> words) const;
  bool is_relative_pronoun(std::uint32_t t) const;
  // The subject of `verb`, following controllers (xcomp), shared subjects of coordinated verbs
  // (conj) and the antecedent of a relative pronoun; `depth` bounds the walk up the tree.
  std::optional<std::uint32_t> subject_of(std::uint32_t verb, bool* passive, int depth) const;

  const std::vector<Token>& tokens_;
  std::vector<std::vector<std::uint32_t>> children_;
  bool parsed_ = false;
};

}  // namespace vigie::events
