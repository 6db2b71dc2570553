#include "search/words.h"

#include <gtest/gtest.h>

namespace ah::search {
namespace {

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : "|") + w;
  return out;
}

struct SplitCase {
  const char* name;
  const char* text;
  const char* words;  // joined by "|"
};

class SplitWords : public ::testing::TestWithParam<SplitCase> {};

// store_tests' TokenizerAgreement runs the same kinds of strings through FTS5 itself.
TEST_P(SplitWords, SplitsWhereTheIndexTokenizerSplits) {
  const SplitCase& c = GetParam();
  EXPECT_EQ(join(split_words(c.text)), c.words) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Scripts, SplitWords,
    ::testing::Values(
        SplitCase{"AsciiPunctuation", "GPT-4, BERT & state-of-the-art!",
                  "gpt|4|bert|state|of|the|art"},
        SplitCase{"EmDash", "model — attention", "model|attention"},
        SplitCase{"EmDashInsideAWord", "model—attention", "model|attention"},
        SplitCase{"EnDashAndMinus", "10–20 a−b", "10|20|a|b"},
        SplitCase{"Arrow", "model → attention ⇒ x", "model|attention|x"},
        SplitCase{"Symbols", "model™ ± 3×4 °C ©", "model|3|4|c"},
        SplitCase{"Emoji", "model 😀 attention😀", "model|attention"},
        SplitCase{"EmojiNewerThanTheIndexTablesIsAWordThere", "🤗 x", "🤗|x"},
        SplitCase{"EmojiWithZeroWidthJoiner", "a👩‍🔬b", "a|b"},
        SplitCase{"ZeroWidthJoinerAlone", "a‍b", "a|b"},
        SplitCase{"Cjk", "注意力 机制", "注意力|机制"},
        SplitCase{"CjkPunctuation", "注意力，机制。「模型」", "注意力|机制|模型"},
        SplitCase{"Japanese", "トランスフォーマー・モデル", "トランスフォーマー|モデル"},
        SplitCase{"Korean", "주의 메커니즘", "주의|메커니즘"},
        SplitCase{"Cyrillic", "Модель внимания", "Модель|внимания"},
        SplitCase{"Greek", "Σύστημα αβγ", "Σύστημα|αβγ"},
        SplitCase{"AccentedLatin", "Schrödinger Ökonomie façade", "schrödinger|Ökonomie|façade"},
        SplitCase{"CombiningDiacriticStaysInTheWord", "Schro\u0308dinger", "schro\u0308dinger"},
        SplitCase{"CombiningDiacriticDoesNotStartAWord", "\u0308x \u0308", "x"},
        SplitCase{"OtherCombiningMarksSeparate", "a\u0332b a\u20ddb", "a|b|a|b"},
        SplitCase{"OtherScriptsDigits", "٣٤ ३४ x²", "٣٤|३४|x²"},
        SplitCase{"NoBreakAndIdeographicSpace", "a\u00a0b\u3000c", "a|b|c"},
        SplitCase{"CurlyQuotesAndApostrophe", "“sparse” O’Brien", "sparse|o|brien"},
        SplitCase{"PrivateUse", "a\uE000b", "a\uE000b"},
        SplitCase{"OnlySymbols", "— → ™ ± × 😀", ""},
        SplitCase{"IllFormedUtf8Separates",
                  "a\xff"
                  "b\xc3",
                  "a|b"}),
    [](const ::testing::TestParamInfo<SplitCase>& info) { return std::string(info.param.name); });

TEST(IsWordChar, FollowsTheIndexTablesOfUnicode61) {
  struct Case {
    char32_t c;
    bool word;
  };
  for (const Case& c : {Case{U'a', true}, Case{U'_', false}, Case{U'é', true}, Case{U'中', true},
                        Case{U'—', false}, Case{U'\u0301', false}, Case{U'\uE000', true},
                        Case{0x1F600, false},  // 😀: in Unicode 6.1, a symbol
                        Case{0x1F917, true},   // 🤗: Unicode 8, unknown to FTS5's tables
                        Case{0x0378, true},    // unassigned
                        Case{0x19B0, false},   // New Tai Lue: Mc in 6.1, Lo today
                        Case{0x1885, true},    // Mongolian: Lo in 6.1, Mn today
                        Case{0xFFFE, false}, Case{0x110000, false}}) {
    EXPECT_EQ(is_word_char(c.c), c.word) << std::hex << static_cast<std::uint32_t>(c.c);
  }
}

TEST(BlankLength, CountsAsciiAndUnicodeWhiteSpace) {
  EXPECT_EQ(blank_length(" x"), 1u);
  EXPECT_EQ(blank_length("\tx"), 1u);
  EXPECT_EQ(blank_length("\u00a0x"), 2u);
  EXPECT_EQ(blank_length("\u3000x"), 3u);
  EXPECT_EQ(blank_length("x "), 0u);
  EXPECT_EQ(blank_length("—"), 0u);
  EXPECT_EQ(blank_length(""), 0u);
  EXPECT_EQ(blank_length("\xe3\x80"), 0u);
}

}  // namespace
}  // namespace ah::search
