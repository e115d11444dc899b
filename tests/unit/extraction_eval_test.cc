// The extraction metrics: values worked out by hand from score_extraction.py's definitions.
#include <gtest/gtest.h>

#include "ingest/extraction_eval.h"

namespace vigie::ingest {
namespace {

TEST(WordTokens, MatchPythonWordPattern) {
  auto tokens = word_tokens("L'armée, 12 000 soldats_x — déployés!");
  std::vector<std::string> got(tokens.begin(), tokens.end());
  EXPECT_EQ(got, (std::vector<std::string>{"L", "armée", "12", "000", "soldats_x", "déployés"}));
}

TEST(ShingleCounts, IdenticalTextsArePerfect) {
  ShingleCounts counts = shingle_counts("one two three four five", "one two three four five");
  EXPECT_DOUBLE_EQ(counts.tp, 1.0);
  EXPECT_DOUBLE_EQ(counts.fp, 0.0);
  EXPECT_DOUBLE_EQ(counts.fn, 0.0);
}

TEST(ShingleCounts, ExtraAndMissingShinglesAreNormalised) {
  // gold shingles: (a b c d) (b c d e); system: (a b c d) (b c d x) -> tp 1, fp 1, fn 1.
  ShingleCounts counts = shingle_counts("a b c d e", "a b c d x");
  EXPECT_DOUBLE_EQ(counts.tp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(counts.fp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(counts.fn, 1.0 / 3);
}

TEST(ShingleCounts, ShortTextIsOneShingleAndEmptyBothIsPerfect) {
  EXPECT_DOUBLE_EQ(shingle_counts("a b", "a b").tp, 1.0);
  EXPECT_DOUBLE_EQ(shingle_counts("a b", "a c").fp, 0.5);
  EXPECT_DOUBLE_EQ(shingle_counts("", "").tp, 1.0);
  EXPECT_DOUBLE_EQ(shingle_counts("a b c d", "").fn, 1.0);
}

TEST(ShingleScore, AveragesPagesThenTakesHarmonicMean) {
  ShingleScore score;
  score.add({1.0, 0.0, 0.0});
  score.add({0.5, 0.5, 0.0});
  Score s = score.score();
  EXPECT_EQ(s.items, 2u);
  EXPECT_DOUBLE_EQ(s.precision, 0.75);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_NEAR(s.f1, 2 * 0.75 / 1.75, 1e-12);
}

TEST(SegmentCounts, WhiteSpaceIsNormalisedOnBothSides) {
  SegmentCounts counts = segment_counts("Le  ministre a\nparlé. Lire aussi : la suite",
                                        {"ministre a parlé.", "absent"}, {"Lire aussi", "menu"});
  EXPECT_EQ(counts.tp, 1u);
  EXPECT_EQ(counts.fn, 1u);
  EXPECT_EQ(counts.fp, 1u);
  EXPECT_EQ(counts.tn, 1u);
  EXPECT_DOUBLE_EQ(counts.score().precision, 0.5);
}

TEST(ReadGzipFile, MissingFileIsAnErrorNamingIt) {
  auto result = read_gzip_file("/nonexistent/page.html.gz");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where, "/nonexistent/page.html.gz");
}

TEST(EvaluateExtraction, FolderWithoutBenchmarkIsAnError) {
  auto result = evaluate_extraction({"/nonexistent", ""});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("zyte_article_extraction_benchmark"), std::string::npos);
}

}  // namespace
}  // namespace vigie::ingest
