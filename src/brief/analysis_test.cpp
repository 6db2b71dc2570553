// The analysis on real days of arXiv (the daily crawl files in ../shared/fixtures/arxiv-bulk):
// 2025-05-20 (cs.CV and cs.CL) against 2025-03-18 (almost only cs.CV) as the previous period.
#include "brief/analysis.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "brief/render.h"
#include "brief/terms.h"
#include "sources/arxiv/jsonl_parser.h"
#include "tests/support/fixtures.h"

namespace ah::brief {
namespace {

using ::testing::HasSubstr;

// The papers of one crawl file, each id once (the crawl repeats cross-lists).
std::vector<core::Paper> read_day(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<core::Paper> papers;
  std::set<std::string> seen;
  auto counts = sources::arxiv::parse_jsonl(
      in, file.filename().string(),
      [&](core::Paper&& p) {
        if (seen.insert(p.arxiv_id).second) papers.push_back(std::move(p));
      },
      [](sources::RecordError&&) {});
  EXPECT_TRUE(counts) << counts.error().message;
  return papers;
}

class AnalysisOnArxiv : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = ah::testing::shared_fixtures_dir();
    if (!dir) GTEST_SKIP() << "../shared/fixtures is absent: skipping the arXiv days";
    today_ = read_day(*dir / "arxiv-bulk/daily_arxiv_crawl_2025-05-20.jsonl");
    before_ = read_day(*dir / "arxiv-bulk/daily_arxiv_crawl_2025-03-18.jsonl");
    ASSERT_GT(today_.size(), 300u);
    ASSERT_GT(before_.size(), 300u);
    analysis_ = analyse(today_, before_);
  }
  std::vector<core::Paper> today_, before_;
  Analysis analysis_;
};

TEST_F(AnalysisOnArxiv, PlacesEveryPaperInExactlyOneThemeAndNoThemeHoldsMostOfThem) {
  const Analysis& a = analysis_;
  ASSERT_GE(a.themes.size(), 4u);
  ASSERT_LE(a.themes.size(), 12u);
  std::vector<int> seen(today_.size(), 0);
  for (std::size_t t = 0; t < a.themes.size(); ++t) {
    const Theme& theme = a.themes[t];
    EXPECT_LE(theme.papers.size(), today_.size() * 40 / 100) << "theme " << t;
    EXPECT_GE(theme.papers.size(), 2u) << "theme " << t;
    for (std::size_t p : theme.papers) {
      ++seen[p];
      EXPECT_EQ(a.theme_of[p], t);
    }
    if (t > 0) {
      EXPECT_LE(theme.papers.size(), a.themes[t - 1].papers.size());
    }
  }
  for (std::size_t p = 0; p < seen.size(); ++p) EXPECT_EQ(seen[p], 1) << "paper " << p;
  EXPECT_EQ(a.paper_count, today_.size());
  EXPECT_FALSE(a.k_scores.empty());
}

TEST_F(AnalysisOnArxiv, LabelsThemesWithDistinctiveTermsThatAreNoStopWords) {
  std::set<std::string> labels;
  for (const Theme& theme : analysis_.themes) {
    ASSERT_FALSE(theme.terms.empty());
    EXPECT_LE(theme.terms.size(), 5u);
    EXPECT_FALSE(theme.label.empty());
    EXPECT_TRUE(labels.insert(theme.label).second) << "two themes labelled " << theme.label;
    for (const std::string& term : theme.terms) {
      std::string word;
      for (char c : term + " ") {
        if (c == ' ' || c == '-') {
          std::string lower;
          for (char ch : word)
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          EXPECT_FALSE(is_stop_word(lower)) << "'" << word << "' in " << term;
          word.clear();
        } else {
          word += c;
        }
      }
    }
    EXPECT_FALSE(theme.field.empty());
    EXPECT_THAT(theme.field, ::testing::StartsWith("cs."));  // the crawl is of cs.* lists
    ASSERT_FALSE(theme.categories.empty());
    ASSERT_FALSE(theme.sources.empty());
    EXPECT_EQ(theme.sources.front().name, core::source::kArxivDaily);
  }
  // A day of cs.CV and cs.CL has themes of both fields.
  std::set<std::string> fields;
  for (const Theme& theme : analysis_.themes) fields.insert(theme.field);
  EXPECT_TRUE(fields.contains("cs.CV"));
  EXPECT_TRUE(fields.contains("cs.CL"));
}

TEST_F(AnalysisOnArxiv, IsDeterministic) {
  const Analysis again = analyse(today_, before_);
  ASSERT_EQ(again.themes.size(), analysis_.themes.size());
  for (std::size_t t = 0; t < again.themes.size(); ++t) {
    EXPECT_EQ(again.themes[t].papers, analysis_.themes[t].papers);
    EXPECT_EQ(again.themes[t].terms, analysis_.themes[t].terms);
  }
  EXPECT_EQ(again.rising_terms.size(), analysis_.rising_terms.size());
  EXPECT_EQ(again.bridge_papers.size(), analysis_.bridge_papers.size());
}

TEST_F(AnalysisOnArxiv, FindsBridgesBetweenVisionAndLanguageThemes) {
  ASSERT_FALSE(analysis_.bridge_papers.empty());
  for (const BridgePaper& b : analysis_.bridge_papers) {
    EXPECT_NE(analysis_.themes[b.theme].field, analysis_.themes[b.other_theme].field);
    EXPECT_EQ(analysis_.theme_of[b.paper], b.theme);
    EXPECT_GT(b.score, 0.0);
  }
  for (std::size_t i = 1; i < analysis_.bridge_papers.size(); ++i) {
    EXPECT_GE(analysis_.bridge_papers[i - 1].score, analysis_.bridge_papers[i].score);
  }
  ASSERT_FALSE(analysis_.bridge_terms.empty());
  for (const BridgeTerms& b : analysis_.bridge_terms) EXPECT_FALSE(b.terms.empty());
}

TEST_F(AnalysisOnArxiv, FindsTermsRisingAgainstThePreviousDay) {
  // The previous day was almost all vision: language-model words rise.
  ASSERT_FALSE(analysis_.rising_terms.empty());
  bool language = false;
  for (const RisingTerm& r : analysis_.rising_terms) {
    EXPECT_GE(r.z, 1.96);
    EXPECT_GE(r.now, 3);
    EXPECT_GT(static_cast<double>(r.now) / today_.size(),
              static_cast<double>(r.before) / before_.size())
        << r.term;
    if (r.term.find("language") != std::string::npos || r.term.find("LLM") != std::string::npos) {
      language = true;
    }
  }
  EXPECT_TRUE(language);
  ASSERT_FALSE(analysis_.rising_themes.empty());
  EXPECT_EQ(analysis_.previous_count, before_.size());
}

TEST_F(AnalysisOnArxiv, RendersAReadableBriefingInBothLanguages) {
  for (Lang lang : {Lang::en, Lang::zh}) {
    RenderOptions o;
    o.lang = lang;
    const std::string md = render_markdown(analysis_, today_, o);
    const std::regex citation(R"(\[(\d+)\])");
    int citations = 0;
    for (auto it = std::sregex_iterator(md.begin(), md.end(), citation);
         it != std::sregex_iterator(); ++it) {
      const int n = std::stoi((*it)[1]);
      EXPECT_GE(n, 1);
      EXPECT_LE(n, static_cast<int>(today_.size()));
      ++citations;
    }
    EXPECT_GE(citations, static_cast<int>(today_.size()));  // every paper listed in its theme
    if (lang == Lang::zh) {
      EXPECT_THAT(md, HasSubstr("# 简报："));
      EXPECT_THAT(md, HasSubstr("## 主题"));
      EXPECT_THAT(md, HasSubstr("## 交叉领域"));
      EXPECT_THAT(md, HasSubstr("## 新动向"));
    } else {
      EXPECT_THAT(md, HasSubstr("# Briefing: "));
      EXPECT_THAT(md, HasSubstr("## Where fields meet"));
      EXPECT_THAT(md, HasSubstr("## What is new"));
    }
  }
}

TEST_F(AnalysisOnArxiv, AnalysesADayWithoutAPreviousPeriodSayingNothingOfWhatIsNew) {
  const Analysis alone = analyse(today_, {});
  EXPECT_TRUE(alone.rising_terms.empty());
  EXPECT_TRUE(alone.rising_themes.empty());
  EXPECT_EQ(render_markdown(alone, today_, {}).find("## What is new"), std::string::npos);
}

}  // namespace
}  // namespace ah::brief
