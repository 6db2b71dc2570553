#include "brief/citations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ah::brief {
namespace {

using ::testing::ElementsAre;

TEST(CheckCitations, RewritesGroupsAndRemovesPapersOutsideTheSet) {
  struct Case {
    std::string in, out;
    std::vector<int> removed;
  };
  for (const Case& c : {
           Case{"Agents plan better [1].", "Agents plan better [1].", {}},
           Case{"Agents plan better [1, 3].", "Agents plan better [1][3].", {}},
           Case{"Agents plan better [1; 3].", "Agents plan better [1][3].", {}},
           Case{"Agents plan better [2-4].", "Agents plan better [2][3][4].", {}},
           Case{"Agents plan better [2–4].", "Agents plan better [2][3][4].", {}},
           Case{"Agents plan better 【5】.", "Agents plan better [5].", {}},
           Case{"Agents plan better ［5］.", "Agents plan better [5].", {}},
           Case{"智能体规划更好【1，2】。", "智能体规划更好[1][2]。", {}},
           Case{"Agents plan better [99].", "Agents plan better.", {99}},
           Case{"Agents plan better [3, 99] [0].", "Agents plan better [3].", {99, 0}},
           Case{"See [the code](https://x.org) and [1](#p1).",
                "See [the code](https://x.org) and [1](#p1).",
                {}},
       }) {
    const CitationCheck check = check_citations(c.in, 10);
    EXPECT_EQ(check.text, c.out) << c.in;
    EXPECT_EQ(check.removed, c.removed) << c.in;
  }
}

TEST(CheckCitations, ListsEachCitedPaperOnce) {
  const CitationCheck check = check_citations("A [3] and B [1][3]. C [2-3].", 10);
  EXPECT_THAT(check.cited, ElementsAre(1, 2, 3));
}

TEST(CheckCitations, MarksAndCountsClaimSentencesWithoutACitation) {
  const std::string text =
      "# Themes in this week's papers\n"
      "\n"
      "Several papers train vision-language models on synthetic data from simulators. "
      "Two of them report large gains on robot manipulation benchmarks [2][5].\n"
      "- Retrieval-augmented generation reduces hallucination in long-form answers [7]. "
      "It also costs more tokens per query than plain generation\n"
      "What does this mean for the field?\n"
      "The main trends are these:\n"
      "Short one [1].\n";
  const CitationCheck check = check_citations(text, 10);
  EXPECT_EQ(check.claims, 4);
  EXPECT_EQ(check.uncited, 2);
  EXPECT_EQ(check.text,
            "# Themes in this week's papers\n"
            "\n"
            "Several papers train vision-language models on synthetic data from simulators [?]. "
            "Two of them report large gains on robot manipulation benchmarks [2][5].\n"
            "- Retrieval-augmented generation reduces hallucination in long-form answers [7]. "
            "It also costs more tokens per query than plain generation [?]\n"
            "What does this mean for the field?\n"
            "The main trends are these:\n"
            "Short one [1].\n");
}

TEST(CheckCitations, CountsACitationAfterTheFullStopAsTheSentences) {
  const CitationCheck check = check_citations(
      "Diffusion models now generate long videos with consistent characters. [4] Next.", 10);
  EXPECT_EQ(check.claims, 1);
  EXPECT_EQ(check.uncited, 0);
}

TEST(CheckCitations, ReadsChineseSentences) {
  const CitationCheck check = check_citations(
      "多篇论文利用合成数据训练视觉语言模型并在机器人操作基准上取得明显提升。检索增强生成能够减少长"
      "答案中的幻觉问题并提高事实准确性[3]。",
      10);
  EXPECT_EQ(check.claims, 2);
  EXPECT_EQ(check.uncited, 1);
  EXPECT_EQ(check.text,
            "多篇论文利用合成数据训练视觉语言模型并在机器人操作基准上取得明显提升 [?]。"
            "检索增强生成能够减少长答案中的幻觉问题并提高事实准确性[3]。");
}

TEST(CheckCitations, LeavesCodeTablesAndAbbreviationsAlone) {
  const std::string text =
      "```\nconst x = [99];\n```\n"
      "| paper | result without citation in a table row here |\n"
      "Methods such as LoRA (e.g. adapters) keep most weights frozen during fine-tuning [1].\n";
  const CitationCheck check = check_citations(text, 10);
  EXPECT_TRUE(check.removed.empty());
  EXPECT_EQ(check.claims, 1);
  EXPECT_EQ(check.uncited, 0);
  EXPECT_EQ(check.text, text);
}

TEST(LanguageMatches, ChineseAskedChineseAnswered) {
  EXPECT_TRUE(
      language_matches("本周论文主要集中在 LLM 推理和 RAG 检索增强生成上 [1][2]。", Lang::zh));
  EXPECT_FALSE(language_matches("This week's papers focus on LLM reasoning [1].", Lang::zh));
  EXPECT_TRUE(language_matches("This week's papers focus on LLM reasoning [1].", Lang::en));
  EXPECT_FALSE(language_matches("本周论文主要集中在推理上。", Lang::en));
  EXPECT_TRUE(language_matches("[1] [2]", Lang::zh));
}

TEST(StripThinking, DropsReasoningBlocks) {
  EXPECT_EQ(strip_thinking("<think>\nlet me see\n</think>\n\n# Briefing\n"), "# Briefing");
  EXPECT_EQ(strip_thinking("  text  "), "text");
  EXPECT_EQ(strip_thinking("<think>never closed"), "");
}

}  // namespace
}  // namespace ah::brief
