#include "events/arguments.h"

#include <algorithm>
#include <string_view>

namespace vigie::events {
namespace {

// Relations that open another clause or phrase: a phrase stops there.
constexpr std::string_view kPhraseBoundaries[] = {
    "acl",   "advcl", "ccomp",     "xcomp",    "parataxis",  "conj", "cc",     "appos",
    "punct", "dep",   "discourse", "vocative", "reparandum", "list", "orphan", "dislocated"};

// Relative pronouns, when the tagger gives no PronType=Rel.
constexpr std::string_view kRelativePronouns[] = {"qui",      "que",      "qu'",        "lequel",
                                                  "laquelle", "lesquels", "lesquelles", "who",
                                                  "which",    "that",     "whom"};

// Prepositions that say whom an action is against.
constexpr std::string_view kAgainst[] = {"contre", "against"};

// Prepositions that introduce the agent of a passive verb.
constexpr std::string_view kAgentPrepositions[] = {"par", "by"};

bool relation_is(const std::string& deprel, std::string_view prefix) {
  return deprel.size() >= prefix.size() && deprel.compare(0, prefix.size(), prefix) == 0 &&
         (deprel.size() == prefix.size() || deprel[prefix.size()] == ':');
}

template <std::size_t N>
bool one_of(std::string_view word, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// How far the subject search climbs through controllers and coordinated verbs.
constexpr int kMaxSubjectDepth = 3;

}  // namespace

DependencyIndex::DependencyIndex(const std::vector<Token>& tokens)
    : tokens_(tokens), children_(tokens.size()) {
  for (std::uint32_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens[t];
    if (!token.deprel.empty()) parsed_ = true;
    if (token.head >= 0 && static_cast<std::size_t>(token.head) < tokens.size() &&
        static_cast<std::uint32_t>(token.head) != t) {
      children_[token.head].push_back(t);
    }
  }
}

bool DependencyIndex::has_deprel(std::uint32_t t, std::string_view prefix) const {
  return relation_is(tokens_[t].deprel, prefix);
}

bool DependencyIndex::has_case_word(std::uint32_t t,
                                    std::span<const std::string_view> words) const {
  return std::any_of(children_[t].begin(), children_[t].end(), [&](std::uint32_t c) {
    return has_deprel(c, "case") &&
           std::find(words.begin(), words.end(), tokens_[c].folded) != words.end();
  });
}

bool DependencyIndex::is_relative_pronoun(std::uint32_t t) const {
  const Token& token = tokens_[t];
  return token.feats.find("PronType=Rel") != std::string::npos ||
         (token.upos == "PRON" && one_of(token.folded, kRelativePronouns));
}

std::optional<std::uint32_t> DependencyIndex::subject_of(std::uint32_t verb, bool* passive,
                                                         int depth) const {
  for (std::uint32_t child : children_[verb]) {
    if (!has_deprel(child, "nsubj")) continue;
    if (tokens_[child].deprel == "nsubj:pass") *passive = true;
    // "Denmark, which has delivered": the relative pronoun stands for the noun it follows.
    if (is_relative_pronoun(child) && has_deprel(verb, "acl") && tokens_[verb].head >= 0 &&
        static_cast<std::size_t>(tokens_[verb].head) < tokens_.size()) {
      return static_cast<std::uint32_t>(tokens_[verb].head);
    }
    return child;
  }
  if (depth >= kMaxSubjectDepth || tokens_[verb].head < 0 ||
      static_cast<std::size_t>(tokens_[verb].head) >= tokens_.size()) {
    return std::nullopt;
  }
  auto head = static_cast<std::uint32_t>(tokens_[verb].head);
  // "a décidé de sanctionner", "agreed to resume": the controller's subject; coordinated verbs
  // share their subject ("ont attaqué puis pillé").
  if (has_deprel(verb, "xcomp") || has_deprel(verb, "conj")) {
    return subject_of(head, passive, depth + 1);
  }
  // "les otages détenus par le Hamas": a participle modifying a noun is passive, the noun its
  // patient. A relative clause without its own subject: the noun it modifies.
  // A past participle right after its noun and without an object reads as passive; further
  // away it is more often a finite verb the parser attached to the noun before it ("Hakan
  // Fidan, Turkey's foreign minister, called on"), whose subject that noun is.
  if (has_deprel(verb, "acl")) {
    const Token& token = tokens_[verb];
    bool participle = token.deprel == "acl" &&
                      token.feats.find("VerbForm=Part") != std::string::npos &&
                      token.feats.find("Tense=Past") != std::string::npos;
    bool has_object = std::any_of(children_[verb].begin(), children_[verb].end(),
                                  [&](std::uint32_t c) { return has_deprel(c, "obj"); });
    bool adjacent = verb > head && verb - head <= 2;
    if (participle && adjacent && !has_object) *passive = true;
    return head;
  }
  return std::nullopt;
}

VerbArguments DependencyIndex::arguments_of(std::uint32_t verb) const {
  VerbArguments args;
  if (verb >= tokens_.size()) return args;
  args.subject = subject_of(verb, &args.passive, 0);
  std::vector<std::uint32_t> objects, indirect, obliques;
  for (std::uint32_t child : children_[verb]) {
    const std::string& deprel = tokens_[child].deprel;
    if (deprel == "aux:pass") args.passive = true;
    if (deprel == "obl:agent") {
      args.agent = child;
      continue;
    }
    if (relation_is(deprel, "obj")) {
      if (is_relative_pronoun(child) && has_deprel(verb, "acl") && tokens_[verb].head >= 0 &&
          static_cast<std::size_t>(tokens_[verb].head) < tokens_.size()) {
        args.relative_object = static_cast<std::uint32_t>(tokens_[verb].head);
      } else {
        objects.push_back(child);
      }
    } else if (relation_is(deprel, "iobj")) {
      indirect.push_back(child);
    } else if (relation_is(deprel, "obl") && !relation_is(deprel, "obl:mod") &&
               deprel != "obl:tmod" && child > verb) {
      // Obliques before the verb frame the clause ("According to the UN, Russia supplied";
      // "À Kaboul, ..."); they are not its target.
      obliques.push_back(child);
    } else if (relation_is(deprel, "obl") && child > verb) {
      // A place or a time takes no "contre X": "contre X" hung under an adjunct is the verb's
      // ("ont défilé mardi à Nairobi contre le gouvernement", parsed with "gouvernement" under
      // "Nairobi").
      for (std::uint32_t grandchild : children_[child]) {
        if (has_deprel(grandchild, "nmod") && has_case_word(grandchild, kAgainst))
          obliques.push_back(grandchild);
      }
    }
  }
  // A pronominal verb ("s'est entretenue avec", "se sont rencontrés") is active even where the
  // parser says nsubj:pass: only an "être" passive auxiliary or an agent makes it passive.
  bool pronominal = false, passive_auxiliary = false;
  for (std::uint32_t child : children_[verb]) {
    pronominal = pronominal || has_deprel(child, "expl");
    passive_auxiliary = passive_auxiliary || tokens_[child].deprel == "aux:pass";
  }
  if (args.passive && pronominal && !passive_auxiliary && !args.agent) args.passive = false;
  // A passive verb's "par X" / "by X" parsed as a plain oblique.
  if (args.passive && !args.agent) {
    for (auto it = obliques.begin(); it != obliques.end(); ++it) {
      if (has_case_word(*it, kAgentPrepositions)) {
        args.agent = *it;
        obliques.erase(it);
        break;
      }
    }
  }
  args.complements = std::move(objects);
  args.complements.insert(args.complements.end(), indirect.begin(), indirect.end());
  args.complements.insert(args.complements.end(), obliques.begin(), obliques.end());
  return args;
}

std::vector<std::uint32_t> DependencyIndex::phrase(std::uint32_t head) const {
  std::vector<std::uint32_t> out;
  std::vector<std::uint32_t> stack{head};
  while (!stack.empty() && out.size() < tokens_.size()) {
    std::uint32_t t = stack.back();
    stack.pop_back();
    out.push_back(t);
    for (std::uint32_t child : children_[t]) {
      const std::string& deprel = tokens_[child].deprel;
      bool boundary = std::any_of(std::begin(kPhraseBoundaries), std::end(kPhraseBoundaries),
                                  [&](std::string_view b) { return relation_is(deprel, b); });
      if (!boundary) stack.push_back(child);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace vigie::events
