#include "radar/analyzer.h"

#include <gtest/gtest.h>

namespace ah::radar {
namespace {

TEST(RadarAnalyzer, SplitsLowersDropsStopWordsAndStems) {
  auto a = Analyzer::create();
  ASSERT_TRUE(a.has_value());
  struct Case {
    std::string text;
    std::vector<std::string> terms;
  };
  const std::vector<Case> cases = {
      {"Sparse Attention for Transformers", {"spars", "attent", "transform"}},
      {"We propose the networks of a 3 D model", {"propos", "network", "model"}},
      {"ÉCOLE Schrödinger-like states", {"école", "schrödinger", "like", "state"}},
      {"the of and", {}},
      {"2024 x y", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(a->terms(c.text), c.terms) << c.text;
}

TEST(RadarAnalyzer, KeepsTheUnstemmedWordsWhenAsked) {
  auto a = Analyzer::create();
  std::vector<std::string> terms, surfaces;
  a->terms("Sparse Attention", terms, &surfaces);
  EXPECT_EQ(surfaces, (std::vector<std::string>{"sparse", "attention"}));
}

TEST(RadarAnalyzer, StopWordsAreScikitLearnsList) {
  EXPECT_TRUE(is_stop_word("the"));
  EXPECT_TRUE(is_stop_word("amoungst"));
  EXPECT_FALSE(is_stop_word("attention"));
  EXPECT_FALSE(is_stop_word("propose"));
}

TEST(RadarAnalyzer, AuthorKeysIgnoreCaseAndSpacing) {
  EXPECT_EQ(author_key("Simeng  Zhang"), "simeng zhang");
  EXPECT_EQ(author_key("simeng zhang"), "simeng zhang");
  EXPECT_EQ(author_key("Zhang, S."), "zhang s");
  EXPECT_EQ(author_key("Balázs Émile"), "balázs émile");
  EXPECT_EQ(author_key("--"), "");
}

}  // namespace
}  // namespace ah::radar
