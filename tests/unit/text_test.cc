#include "text/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vigie::text {
namespace {

std::vector<std::string> surfaces(std::string_view text, std::string_view lang) {
  std::vector<std::string> out;
  for (const Token& token : tokenize(text, lang)) {
    out.emplace_back(text.substr(token.span.begin, token.span.size()));
  }
  return out;
}

TEST(Tokenize, FrenchElisionIsSplitOff) {
  EXPECT_EQ(surfaces("l'armée d’Afghanistan qu'il", "fr"),
            (std::vector<std::string>{"l'", "armée", "d’", "Afghanistan", "qu'", "il"}));
}

TEST(Tokenize, ReflexiveClitic) {
  EXPECT_EQ(surfaces("s’est rendu", "fr"), (std::vector<std::string>{"s’", "est", "rendu"}));
}

TEST(Tokenize, HyphenatedWordsStayWhole) {
  EXPECT_EQ(surfaces("lieutenant-général Mazar-i-Sharif", "fr"),
            (std::vector<std::string>{"lieutenant-général", "Mazar-i-Sharif"}));
}

TEST(Tokenize, EnglishClitics) {
  EXPECT_EQ(surfaces("Pakistan's army didn't fire", "en"),
            (std::vector<std::string>{"Pakistan", "'s", "army", "did", "n't", "fire"}));
}

// Regression (fuzz/text_fuzzer): a bare "n't" was split into "" and "n't", an empty token.
TEST(Tokenize, BareNegationCliticIsNotSplitIntoAnEmptyToken) {
  EXPECT_EQ(surfaces("n't", "en"), (std::vector<std::string>{"n't"}));
  EXPECT_EQ(surfaces("(n't) N’T", "en"), (std::vector<std::string>{"(", "n't", ")", "N’T"}));
  for (const Token& token : tokenize("I n't", "en")) EXPECT_LT(token.span.begin, token.span.end);
}

TEST(Tokenize, NumbersWithSeparators) {
  EXPECT_EQ(surfaces("1,000 soldats, 7,8 % et 2021.", "fr"),
            (std::vector<std::string>{"1,000", "soldats", ",", "7,8", "%", "et", "2021", "."}));
}

TEST(Tokenize, AcronymsAndAbbreviationsKeepTheirPeriods) {
  EXPECT_EQ(surfaces("U.S. officials met M. Dupont.", "en"),
            (std::vector<std::string>{"U.S.", "officials", "met", "M.", "Dupont", "."}));
  // The AP abbreviation of West Virginia is one token, as the gazetteer's aliases write it.
  EXPECT_EQ(
      surfaces("Charleston, W.Va., and N.Y. wait.", "en"),
      (std::vector<std::string>{"Charleston", ",", "W.Va.", ",", "and", "N.Y.", "wait", "."}));
  EXPECT_EQ(surfaces("J.Smith. Then.", "en"),
            (std::vector<std::string>{"J.", "Smith", ".", "Then", "."}));
}

TEST(Tokenize, StateAbbreviationAfterATownKeepsItsPeriod) {
  EXPECT_EQ(
      surfaces("LONDON, Ky. (AP) Deputies met.", "en"),
      (std::vector<std::string>{"LONDON", ",", "Ky.", "(", "AP", ")", "Deputies", "met", "."}));
  // Elsewhere the same letters are a word and its period.
  EXPECT_EQ(surfaces("They attended Mass. Then left.", "en"),
            (std::vector<std::string>{"They", "attended", "Mass", ".", "Then", "left", "."}));
}

TEST(Tokenize, QuotesAreTheirOwnTokens) {
  std::vector<Token> tokens = tokenize("« Mort au Pakistan »", "fr");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens.front().kind, TokenKind::kQuote);
  EXPECT_EQ(tokens.back().kind, TokenKind::kQuote);
}

TEST(Tokenize, OffsetsAreUtf8Bytes) {
  std::string text = "États-Unis";
  std::vector<Token> tokens = tokenize(text, "fr");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].span.begin, 0u);
  EXPECT_EQ(tokens[0].span.end, text.size());
  EXPECT_EQ(tokens[0].folded, "états-unis");
  EXPECT_TRUE(tokens[0].capitalized);
}

std::vector<std::string> sentences(const std::string& text, std::string_view lang) {
  std::vector<Token> tokens = tokenize(text, lang);
  std::vector<std::string> out;
  for (const SentenceBounds& b : split_sentences(text, tokens, lang)) {
    std::size_t begin = tokens[b.first_token].span.begin;
    std::size_t end = tokens[b.first_token + b.token_count - 1].span.end;
    out.push_back(text.substr(begin, end - begin));
  }
  return out;
}

TEST(SplitSentences, PeriodBeforeCapital) {
  EXPECT_EQ(sentences("Les talibans ont gagné. Massoud a appelé à la paix.", "fr"),
            (std::vector<std::string>{"Les talibans ont gagné.", "Massoud a appelé à la paix."}));
}

TEST(SplitSentences, AbbreviationDoesNotEndASentence) {
  EXPECT_EQ(sentences("M. Dupont est arrivé. Il a parlé.", "fr").size(), 2u);
  EXPECT_EQ(sentences("U.S. troops left. They went home.", "en").size(), 2u);
}

TEST(SplitSentences, ClosingQuoteStaysWithItsSentence) {
  EXPECT_EQ(sentences("Il a déclaré : “Je reste.” Puis il est parti.", "fr"),
            (std::vector<std::string>{"Il a déclaré : “Je reste.”", "Puis il est parti."}));
}

TEST(SplitSentences, ParagraphBreakEndsSentenceAndCountsParagraphs) {
  std::string text = "Premier paragraphe sans point\n\nSecond paragraphe. Encore une phrase.";
  std::vector<Token> tokens = tokenize(text, "fr");
  std::vector<SentenceBounds> bounds = split_sentences(text, tokens, "fr");
  ASSERT_EQ(bounds.size(), 3u);
  EXPECT_EQ(bounds[0].paragraph, 0u);
  EXPECT_EQ(bounds[1].paragraph, 1u);
  EXPECT_EQ(bounds[2].paragraph, 1u);
}

TEST(SplitSentences, LowercaseAfterPeriodDoesNotSplit) {
  EXPECT_EQ(sentences("Il est arrivé à 10 h. environ avec eux.", "fr").size(), 1u);
}

TEST(Segment, TitleSentencesComeFirstAndBodySentencesPointIntoTheBody) {
  Document document;
  document.lang = "fr";
  document.title = "Le titre";
  document.text = "Une phrase. Une autre.";
  segment(document);
  ASSERT_EQ(document.sentences.size(), 3u);
  EXPECT_EQ(document.sentences[0].field, Field::kTitle);
  EXPECT_EQ(document.slice(Field::kBody, document.sentences[2].span), "Une autre.");
}

TEST(Tokenize, UrlsAndEmailAddressesStayWhole) {
  EXPECT_EQ(
      surfaces("See http://www.example.com/a_b?x=1. Write to jane.doe@mail.example.org, or "
               "www.bbc.co.uk)",
               "en"),
      (std::vector<std::string>{"See", "http://www.example.com/a_b?x=1", ".", "Write", "to",
                                "jane.doe@mail.example.org", ",", "or", "www.bbc.co.uk", ")"}));
  // An "@" without a dotted domain is not an address.
  EXPECT_EQ(surfaces("rdv @ midi", "fr"), (std::vector<std::string>{"rdv", "@", "midi"}));
}

TEST(Tokenize, RepeatedPunctuationIsOneToken) {
  EXPECT_EQ(surfaces("Non !!! Quoi ?! Bon.... -- fin ** x", "fr"),
            (std::vector<std::string>{"Non", "!!!", "Quoi", "?!", "Bon", "....", "--", "fin", "**",
                                      "x"}));
}

TEST(SplitSentences, RunsOfTerminalPunctuationEndSentences) {
  const std::string text = "Great!!! See you?! Bye...";
  auto tokens = tokenize(text, "en");
  auto bounds = split_sentences(text, tokens, "en");
  ASSERT_EQ(bounds.size(), 3u);
  EXPECT_EQ(bounds[0].token_count, 2u);
  EXPECT_EQ(bounds[1].token_count, 3u);
}

TEST(Segment, StateAbbreviationEndsItsSentenceButNotADateline) {
  EXPECT_EQ(sentences("He was born in Lexington, Ky. Police said so.", "en").size(), 2u);
  EXPECT_EQ(sentences("LONDON, Ky. (AP) - Deputies met. Police said so.", "en").size(), 2u);
  EXPECT_EQ(sentences("Frankfort, Ky., is small.", "en").size(), 1u);
}

}  // namespace
}  // namespace vigie::text
