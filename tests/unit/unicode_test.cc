#include "unicode/utf8.h"

#include <gtest/gtest.h>

namespace vigie::unicode {
namespace {

TEST(RepairUtf8, ValidTextIsUnchanged) {
  std::size_t replaced = 99;
  EXPECT_EQ(repair_utf8("Kaboul, États-Unis « ok »", &replaced), "Kaboul, États-Unis « ok »");
  EXPECT_EQ(replaced, 0u);
}

TEST(RepairUtf8, Latin1ByteBecomesReplacementCharacter) {
  std::size_t replaced = 0;
  EXPECT_EQ(repair_utf8("d\xe9menti", &replaced), "d\xEF\xBF\xBDmenti");
  EXPECT_EQ(replaced, 1u);
}

TEST(RepairUtf8, TruncatedSequenceAtEndIsRepaired) {
  std::size_t replaced = 0;
  std::string out = repair_utf8("abc\xC3", &replaced);
  EXPECT_EQ(out, "abc\xEF\xBF\xBD");
  EXPECT_TRUE(is_valid_utf8(out));
  EXPECT_EQ(replaced, 1u);
}

TEST(RepairUtf8, OverlongAndSurrogateEncodingsAreRejected) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_TRUE(is_valid_utf8(repair_utf8("\xED\xA0\x80")));
}

TEST(Fold, LowerCasesAccentedCapitals) {
  EXPECT_EQ(fold("États-Unis"), "états-unis");
  EXPECT_EQ(fold("ISI"), "isi");
}

TEST(Fold, TypographicApostropheBecomesAscii) { EXPECT_EQ(fold("d\u2019avoir"), "d'avoir"); }

TEST(Fold, ComposesDecomposedAccents) {
  EXPECT_EQ(fold("E\xCC\x81tats"), "états");  // E + combining acute
}

TEST(FoldWithoutAccents, StripsMarks) { EXPECT_EQ(fold_without_accents("Pékin Élysée"), "pekin elysee"); }

TEST(Classes, KnowsLettersDigitsSpaces) {
  EXPECT_TRUE(is_letter(U'é'));
  EXPECT_TRUE(is_upper(U'É'));
  EXPECT_TRUE(is_digit(U'7'));
  EXPECT_TRUE(is_space(0x00A0));  // no-break space
  EXPECT_TRUE(is_space(0x202F));  // narrow no-break space (French « »)
  EXPECT_TRUE(is_punctuation(U'«'));
  EXPECT_FALSE(is_letter(U'-'));
}

}  // namespace
}  // namespace vigie::unicode
