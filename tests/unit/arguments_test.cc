// Verb arguments from a dependency parse (src/events/arguments.h), on hand-written UD trees so
// that the rules are tested apart from the parser's accuracy.
#include "events/arguments.h"

#include <gtest/gtest.h>

#include <sstream>

namespace vigie::events {
namespace {

// One token per line: "form upos head deprel [feats]", heads 1-based as in CoNLL-U (0 = root).
std::vector<Token> tree(const std::string& conll) {
  std::vector<Token> tokens;
  std::istringstream lines(conll);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    Token token;
    int head = 0;
    if (!(fields >> token.folded >> token.upos >> head >> token.deprel)) continue;
    fields >> token.feats;
    token.head = head - 1;
    tokens.push_back(token);
  }
  return tokens;
}

TEST(VerbArguments, ActiveSubjectObjectAndOblique) {
  // La police a livré les suspects aux autorités
  auto tokens = tree(R"(la DET 2 det
police NOUN 4 nsubj
a AUX 4 aux:tense
livré VERB 0 root
les DET 6 det
suspects NOUN 4 obj
aux ADP 8 case
autorités NOUN 4 obl:arg)");
  DependencyIndex index(tokens);
  ASSERT_TRUE(index.parsed());
  VerbArguments args = index.arguments_of(3);
  EXPECT_FALSE(args.passive);
  EXPECT_EQ(args.subject, 1u);
  ASSERT_EQ(args.complements.size(), 2u);
  EXPECT_EQ(args.complements[0], 5u);  // the object first
  EXPECT_EQ(args.complements[1], 7u);
}

TEST(VerbArguments, AgainstUnderAPlaceIsTheVerbs) {
  // Des manifestants ont défilé à Nairobi contre le gouvernement, parsed with "gouvernement"
  // under "Nairobi": a place takes no "contre", the verb does. "de la capitale" stays under it.
  auto tokens = tree(R"(des DET 2 det
manifestants NOUN 4 nsubj
ont AUX 4 aux:tense
défilé VERB 0 root
à ADP 6 case
nairobi PROPN 4 obl:mod
contre ADP 9 case
le DET 9 det
gouvernement NOUN 6 nmod
de ADP 12 case
la DET 12 det
capitale NOUN 6 nmod)");
  VerbArguments args = DependencyIndex(tokens).arguments_of(3);
  ASSERT_EQ(args.complements.size(), 1u);
  EXPECT_EQ(args.complements[0], 8u);
}

TEST(VerbArguments, PassiveWithAgent) {
  // Trois otages ont été libérés par le Hamas
  auto tokens = tree(R"(trois NUM 2 nummod
otages NOUN 5 nsubj:pass
ont AUX 5 aux:tense
été AUX 5 aux:pass
libérés VERB 0 root
par ADP 8 case
le DET 8 det
hamas PROPN 5 obl:agent)");
  VerbArguments args = DependencyIndex(tokens).arguments_of(4);
  EXPECT_TRUE(args.passive);
  EXPECT_EQ(args.subject, 1u);
  EXPECT_EQ(args.agent, 7u);
  EXPECT_TRUE(args.complements.empty());
}

TEST(VerbArguments, PassiveAgentParsedAsPlainOblique) {
  // leaders were released by authorities (EWT-style obl + case "by")
  auto tokens = tree(R"(leaders NOUN 3 nsubj:pass
were AUX 3 aux:pass
released VERB 0 root
by ADP 5 case
authorities NOUN 3 obl)");
  VerbArguments args = DependencyIndex(tokens).arguments_of(2);
  EXPECT_TRUE(args.passive);
  EXPECT_EQ(args.agent, 4u);
  EXPECT_TRUE(args.complements.empty());
}

TEST(VerbArguments, RelativePronounStandsForItsNoun) {
  // Denmark , which delivered jets
  auto tokens = tree(R"(denmark PROPN 0 root
, PUNCT 4 punct
which PRON 4 nsubj PronType=Rel
delivered VERB 1 acl:relcl
jets NOUN 4 obj)");
  VerbArguments args = DependencyIndex(tokens).arguments_of(3);
  EXPECT_EQ(args.subject, 0u);
  ASSERT_EQ(args.complements.size(), 1u);
  EXPECT_EQ(args.complements[0], 4u);
}

TEST(VerbArguments, RelativeObjectIsTheModifiedNoun) {
  // le journaliste que la junte a arrêté
  auto tokens = tree(R"(le DET 2 det
journaliste NOUN 0 root
que PRON 6 obj PronType=Rel
la DET 5 det
junte NOUN 6 nsubj
arrêté VERB 2 acl:relcl)");
  VerbArguments args = DependencyIndex(tokens).arguments_of(5);
  EXPECT_EQ(args.subject, 4u);
  EXPECT_EQ(args.relative_object, 1u);
  EXPECT_TRUE(args.complements.empty());
}

TEST(VerbArguments, ControllerAndCoordinatedVerbsShareTheSubject) {
  // Kiev a décidé de sanctionner Moscou et expulsé ...
  auto tokens = tree(R"(kiev PROPN 3 nsubj
a AUX 3 aux:tense
décidé VERB 0 root
de ADP 5 mark
sanctionner VERB 3 xcomp
moscou PROPN 5 obj
et CCONJ 8 cc
expulsé VERB 3 conj)");
  DependencyIndex index(tokens);
  EXPECT_EQ(index.arguments_of(4).subject, 0u);
  EXPECT_EQ(index.arguments_of(7).subject, 0u);
}

TEST(VerbArguments, ParticipleRightAfterItsNounIsPassive) {
  // otages détenus par le Hamas
  auto tokens = tree(R"(otages NOUN 0 root
détenus VERB 1 acl Tense=Past|VerbForm=Part
par ADP 4 case
hamas PROPN 2 obl:agent)");
  VerbArguments args = DependencyIndex(tokens).arguments_of(1);
  EXPECT_TRUE(args.passive);
  EXPECT_EQ(args.subject, 0u);
  EXPECT_EQ(args.agent, 3u);
}

TEST(VerbArguments, DistantParticipleAttachedToANounIsItsFiniteVerb) {
  // Fidan , Turkey 's minister , called on Israel (a finite verb misparsed as acl)
  auto tokens = tree(R"(fidan PROPN 0 root
, PUNCT 5 punct
turkey PROPN 5 nmod:poss
's PART 3 case
minister NOUN 1 appos
, PUNCT 1 punct
called VERB 1 acl Tense=Past|VerbForm=Part
on ADP 9 case
israel PROPN 7 obl)");
  VerbArguments args = DependencyIndex(tokens).arguments_of(6);
  EXPECT_FALSE(args.passive);
  EXPECT_EQ(args.subject, 0u);
  ASSERT_EQ(args.complements.size(), 1u);
  EXPECT_EQ(args.complements[0], 8u);
}

TEST(VerbArguments, PhraseStopsAtClausesConjunctsAndAppositions) {
  // des milliers de manifestants , qui ... et la police
  auto tokens = tree(R"(des DET 2 det
milliers NOUN 0 root
de ADP 4 case
manifestants NOUN 2 nmod
, PUNCT 6 punct
défilant VERB 2 acl
et CCONJ 9 cc
la DET 9 det
police NOUN 2 conj)");
  DependencyIndex index(tokens);
  EXPECT_EQ(index.phrase(1), (std::vector<std::uint32_t>{0, 1, 2, 3}));
}

TEST(VerbArguments, PronominalVerbIsActive) {
  // La ministre s'est entretenue avec son homologue (parsed nsubj:pass)
  auto tokens = tree(R"(la DET 2 det
ministre NOUN 5 nsubj:pass
s' PRON 5 expl:pv
est AUX 5 aux:tense
entretenue VERB 0 root
avec ADP 8 case
son DET 8 det
homologue NOUN 5 obl:arg)");
  VerbArguments args = DependencyIndex(tokens).arguments_of(4);
  EXPECT_FALSE(args.passive);
  EXPECT_EQ(args.subject, 1u);
  ASSERT_EQ(args.complements.size(), 1u);
  EXPECT_EQ(args.complements[0], 7u);
}

TEST(VerbArguments, NoParseNoArguments) {
  std::vector<Token> tokens(3);
  DependencyIndex index(tokens);
  EXPECT_FALSE(index.parsed());
  EXPECT_FALSE(index.arguments_of(1).subject.has_value());
  EXPECT_FALSE(index.arguments_of(7).subject.has_value());  // out of range
}

}  // namespace
}  // namespace vigie::events
