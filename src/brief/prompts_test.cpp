#include "brief/prompts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ah::brief {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

core::Paper paper() {
  core::Paper p;
  p.arxiv_id = "2503.01234";
  p.title_display = "Graph neural networks\nfor molecules";
  p.abstract_display = "We propose a graph network that predicts molecular properties well.";
  p.authors = {{"A. One"}, {"B. Two"}, {"C. Three"}, {"D. Four"}};
  p.categories = {"cs.LG", "q-bio.BM"};
  p.announced = "2025-03-18";
  return p;
}

TEST(PaperEntry, NumbersThePaperAndTrimsItsAbstract) {
  EXPECT_EQ(paper_entry(paper(), 7, 1000),
            "[7] Graph neural networks for molecules\n"
            "Authors: A. One, B. Two, C. Three et al. | cs.LG, q-bio.BM | 2025-03-18\n"
            "Abstract: We propose a graph network that predicts molecular properties well.\n");
  EXPECT_THAT(paper_entry(paper(), 7, 30), HasSubstr("Abstract: We propose a graph network…\n"));
  EXPECT_EQ(paper_entry(paper(), 7, 0).find("Abstract"), std::string::npos);
}

TEST(TrimText, CutsAtAWordAndNeverInsideACharacter) {
  EXPECT_EQ(trim_text("one two three", 100), "one two three");
  EXPECT_EQ(trim_text("one two three", 9), "one two…");
  EXPECT_EQ(trim_text("图神经网络模型", 7), "图神…");
  EXPECT_EQ(trim_text("abc", 0), "");
}

TEST(BriefingRequest, StatesTheRulesAndListsThePapersWithTheScaffold) {
  std::vector<core::Paper> papers{paper(), paper()};
  papers[1].arxiv_id = "2503.09999";
  const Analysis analysis = analyse(papers, {});
  const std::vector<std::size_t> listed{0, 1};
  const ChatRequest r = briefing_request(analysis, papers, listed, Lang::zh, 500, 1200);
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].role, ChatMessage::Role::system);
  EXPECT_THAT(r.messages[0].content, HasSubstr("[3] or [3][7]"));
  EXPECT_THAT(r.messages[0].content, HasSubstr("Cite only the numbers listed (1 to 2)"));
  EXPECT_THAT(r.messages[0].content, HasSubstr("Simplified Chinese"));
  EXPECT_THAT(r.messages[1].content, HasSubstr("## Analysis of the set"));
  EXPECT_THAT(r.messages[1].content, HasSubstr("[1] Graph neural networks"));
  EXPECT_THAT(r.messages[1].content, HasSubstr("[2] Graph neural networks"));
  EXPECT_EQ(r.max_tokens, 1200);
  const ChatRequest again = insist_on_language(r, Lang::zh);
  EXPECT_EQ(again.messages.size(), 3u);
  EXPECT_THAT(again.messages.back().content, HasSubstr("简体中文"));
}

TEST(ParseTldr, TakesTheFirstLineWithoutLabelsOrQuotes) {
  EXPECT_EQ(*parse_tldr("TL;DR: A graph network predicts molecular properties.\n\nMore."),
            "A graph network predicts molecular properties.");
  EXPECT_EQ(*parse_tldr("<think>hmm</think>\n\"用图网络预测分子性质。\""),
            "用图网络预测分子性质。");
  EXPECT_EQ(*parse_tldr("**Predicts molecules.**"), "Predicts molecules.");
  EXPECT_FALSE(parse_tldr("  \n "));
}

TEST(ParseTranslation, ReadsJsonFencedJsonOrLabelledLines) {
  auto json =
      parse_translation(R"({"title": "分子图神经网络", "abstract": "我们提出一种图网络。"})");
  ASSERT_TRUE(json) << json.error().message;
  EXPECT_EQ(json->title, "分子图神经网络");
  EXPECT_EQ(json->abstract, "我们提出一种图网络。");
  auto fenced = parse_translation(
      "好的：\n```json\n{\"title\": \"分子图神经网络\", \"abstract\": \"摘要内容。\"}\n```");
  ASSERT_TRUE(fenced) << fenced.error().message;
  EXPECT_EQ(fenced->abstract, "摘要内容。");
  auto lines = parse_translation("标题：分子图神经网络\n摘要：我们提出一种图网络。");
  ASSERT_TRUE(lines) << lines.error().message;
  EXPECT_EQ(lines->title, "分子图神经网络");
  EXPECT_EQ(lines->abstract, "我们提出一种图网络。");
  EXPECT_FALSE(parse_translation(R"({"title": "Graph networks", "abstract": "English."})"));
  EXPECT_FALSE(parse_translation("no idea"));
}

TEST(ParseSearchTerms, ReadsAJsonArrayOrLinesKeepingEnglishTermsOnce) {
  auto json = parse_search_terms(
      "Here you go:\n[\"graph neural network\", \"molecular property prediction\", \"Graph "
      "Neural Network\", \"分子\"]");
  ASSERT_TRUE(json) << json.error().message;
  EXPECT_THAT(*json, ElementsAre("graph neural network", "molecular property prediction"));
  auto lines = parse_search_terms("1. protein folding\n- \"AlphaFold\"\n* structure prediction");
  ASSERT_TRUE(lines) << lines.error().message;
  EXPECT_THAT(*lines, ElementsAre("protein folding", "AlphaFold", "structure prediction"));
  EXPECT_FALSE(parse_search_terms("蛋白质结构"));
  const ChatRequest r = search_terms_request("我关注蛋白质结构预测");
  EXPECT_THAT(r.messages.back().content, HasSubstr("蛋白质"));
  EXPECT_THAT(r.messages.front().content, HasSubstr("JSON array"));
}

TEST(PerPaperRequests, AskForTheLanguageAndCarryThePaper) {
  const ChatRequest tldr = tldr_request(paper(), Lang::zh);
  EXPECT_THAT(tldr.messages.front().content, HasSubstr("Simplified Chinese"));
  EXPECT_THAT(tldr.messages.back().content, HasSubstr("Graph neural networks for molecules"));
  const ChatRequest translation = translation_request(paper());
  EXPECT_THAT(translation.messages.front().content, HasSubstr("\"title\""));
  EXPECT_THAT(translation.messages.back().content, HasSubstr("predicts molecular properties"));
}

}  // namespace
}  // namespace ah::brief
