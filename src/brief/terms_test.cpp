#include "brief/terms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ah::brief {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> shown(TermTable& table, std::string_view text) {
  std::vector<int> ids;
  table.add_terms(text, ids);
  std::vector<std::string> out;
  for (int id : ids) out.push_back(table.display(id));
  return out;
}

TEST(TermTable, KeepsStemsAndAdjacentPairsAndDropsStopWordsNumbersAndMath) {
  TermTable table;
  EXPECT_THAT(shown(table, "We propose graph networks with $\\alpha = 3$ layers in 2024."),
              ElementsAre("graph", "networks", "graph networks", "layers"));
  // Punctuation and dropped words break pairs.
  EXPECT_THAT(shown(table, "graph, networks"), ElementsAre("graph", "networks"));
  EXPECT_THAT(shown(table, "graph of networks"), ElementsAre("graph", "networks"));
}

TEST(TermTable, CountsInflectionsAsOneTermShownAsMostWritten) {
  TermTable table;
  std::vector<int> ids;
  table.add_terms("network networks networks", ids);
  ASSERT_EQ(ids.size(), 3u);  // pairs of a term with itself are not made
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_EQ(table.display(ids[0]), "networks");
}

TEST(TermTable, KeepsAcronymsAndJoinsHyphenatedPrefixes) {
  TermTable table;
  EXPECT_THAT(shown(table, "AI and 3D; LLMs, an LLM"), ElementsAre("AI", "3D", "LLM", "LLM"));
  EXPECT_THAT(shown(table, "ai is short"), ElementsAre("short"));
  std::vector<int> a, b;
  table.add_terms("multi-modal", a);
  table.add_terms("multimodal", b);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(table.display(a[0]), "multi-modal");
  EXPECT_THAT(shown(table, "a 7B model and 10k steps"), ElementsAre("model", "steps"));
}

TEST(IsStopWord, CoversFunctionWordsAndTheBoilerplateOfAbstracts) {
  for (const char* w : {"the", "however", "propose", "novel", "results", "https"}) {
    EXPECT_TRUE(is_stop_word(w)) << w;
  }
  for (const char* w : {"graph", "diffusion", "protein"}) EXPECT_FALSE(is_stop_word(w)) << w;
}

TEST(ChoosePhrases, LetsPairsReplaceTheirWordsAndSkipsOverlaps) {
  TermTable table;
  std::vector<int> ids;
  table.add_terms("language models", ids);  // language, models, "language models"
  std::vector<int> more;
  table.add_terms("natural language", more);  // natural, language, "natural language"
  const int language = ids[0], models = ids[1], language_models = ids[2];
  const int natural = more[0], natural_language = more[2];
  EXPECT_THAT(choose_phrases(table, {language, language_models, models, natural}, 5),
              ElementsAre("language models", "natural"));
  EXPECT_THAT(choose_phrases(table, {language_models, natural_language, natural}, 5),
              ElementsAre("language models", "natural"));
  EXPECT_THAT(choose_phrases(table, {language, models, natural}, 2),
              ElementsAre("language", "models"));
}

}  // namespace
}  // namespace ah::brief
