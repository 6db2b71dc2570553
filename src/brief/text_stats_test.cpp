#include "brief/text_stats.h"

#include <gtest/gtest.h>

namespace ah::brief {
namespace {

TEST(EstimateTokens, CountsAsciiByFourBytesAndEachChineseCharacterAsOne) {
  EXPECT_EQ(estimate_tokens(""), 0);
  EXPECT_EQ(estimate_tokens("abcd"), 1);
  EXPECT_EQ(estimate_tokens("abcde"), 2);
  EXPECT_EQ(estimate_tokens("大语言模型"), 5);
  EXPECT_EQ(estimate_tokens("模型 model"), 4);   // 8 quarters + 6 quarters, rounded up
  EXPECT_EQ(estimate_tokens("Schrödinger"), 3);  // 10 ASCII + one 2-byte letter: 12 quarters
  EXPECT_EQ(estimate_tokens("，。"), 2);         // CJK punctuation counts as CJK
}

TEST(EstimateTokens, ChineseTextCostsMoreTokensPerByteThanEnglishLess) {
  const std::string zh = "本文提出了一种新的图神经网络方法，用于分子性质预测。";
  const std::string en = "This paper proposes a new graph neural network for molecules.";
  EXPECT_GT(estimate_tokens(zh), static_cast<int>(zh.size()) / 4);
  EXPECT_LT(estimate_tokens(zh), static_cast<int>(zh.size()) / 2);
  EXPECT_EQ(estimate_tokens(en), static_cast<int>((en.size() + 3) / 4));
}

TEST(CjkShare, ReadsChineseWithEnglishNamesAsChinese) {
  EXPECT_GT(cjk_share("本周的论文集中在 Transformer 和 LLM 的推理效率上 [1][2]。"), 0.8);
  EXPECT_EQ(cjk_share("This week's papers focus on inference efficiency [1]."), 0.0);
  EXPECT_EQ(cjk_share(""), 0.0);
  EXPECT_EQ(cjk_share("[1] 2024"), 0.0);
  const ScriptCounts counts = count_scripts("大模型 for agents");
  EXPECT_EQ(counts.cjk, 3u);
  EXPECT_EQ(counts.latin_words, 2u);
}

TEST(NextCodePoint, ReplacesInvalidSequencesOneByteAtATime) {
  const std::string text = "a\xC3(\xE4\xB8\xAD";
  std::size_t i = 0;
  EXPECT_EQ(next_code_point(text, i), U'a');
  EXPECT_EQ(next_code_point(text, i), U'\uFFFD');
  EXPECT_EQ(next_code_point(text, i), U'(');
  EXPECT_EQ(next_code_point(text, i), U'中');
  EXPECT_EQ(i, text.size());
}

}  // namespace
}  // namespace ah::brief
