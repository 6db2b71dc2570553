#include "radar/feature_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "radar/test_corpus.h"

namespace ah::radar {
namespace {

using testing::make_index;
using testing::make_paper;
using testing::Spec;

std::vector<Spec> tiny() {
  return {
      {"Sparse attention", "Sparse attention makes transformers fast.", {"Simeng Zhang"}},
      {"Dense retrieval", "Dense retrieval with sparse attention.", {"Ana Lima"}, {"cs.IR"}},
      {"Protein folding",
       "Folding proteins with diffusion.",
       {"Ana Lima", "Bo Chen"},
       {"q-bio.BM"},
       "2026-06-03"},
  };
}

TEST(RadarFeatureIndex, HoldsEveryPaperWithItsIdDayAndFeatures) {
  const auto index = make_index(tiny());
  ASSERT_EQ(index.size(), 3u);
  EXPECT_EQ(index.id(0), 1);
  EXPECT_EQ(index.row(3), Row{2});
  EXPECT_FALSE(index.row(99).has_value());
  EXPECT_EQ(index.day(2), day_number("2026-06-03"));
  const auto spars = index.find(FeatureKind::word, "spars");
  ASSERT_TRUE(spars.has_value());
  EXPECT_EQ(index.document_frequency(*spars), 2u);
  EXPECT_TRUE(index.find(FeatureKind::phrase, "spars attent").has_value());
  EXPECT_TRUE(index.author_column("ana  LIMA").has_value());
  EXPECT_EQ(index.document_frequency(*index.author_column("Ana Lima")), 2u);
  EXPECT_EQ(index.display(*index.find(FeatureKind::phrase, "spars attent")), "sparse attention");
}

TEST(RadarFeatureIndex, IdfIsScikitLearnsSmoothIdfAndRowsAreUnitVectors) {
  const auto index = make_index(tiny());
  const auto c = *index.find(FeatureKind::word, "spars");
  EXPECT_NEAR(index.idf(c), std::log(4.0 / 3.0) + 1, 1e-6);
  for (Row r = 0; r < index.size(); ++r) {
    double s = 0;
    const auto cols = index.columns(r);
    const auto tfs = index.frequencies(r);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      const double x = index.tfidf(r, cols[k], tfs[k]);
      s += x * x;
    }
    EXPECT_NEAR(s, 1.0, 1e-5) << r;
  }
}

TEST(RadarFeatureIndex, TitleWordsCountTitleWeightTimes) {
  const auto index = make_index(tiny());
  const auto c = *index.find(FeatureKind::word, "spars");
  const auto cols = index.columns(0);
  const auto at = std::ranges::find(cols, c) - cols.begin();
  EXPECT_EQ(index.frequencies(0)[static_cast<std::size_t>(at)], 2 + 1);  // title x2 + abstract
}

TEST(RadarFeatureIndex, DropsPhrasesSeenOnceButKeepsWordsAndAuthors) {
  std::vector<core::Paper> papers;
  for (const auto& s : tiny()) papers.push_back(make_paper(s));
  const std::vector<PaperId> ids = {1, 2, 3};
  IndexOptions o;
  o.vectors.enabled = false;  // phrase_min_df = 2 by default
  auto index = FeatureIndex::build({ids, papers}, o);
  ASSERT_TRUE(index.has_value());
  EXPECT_TRUE(index->find(FeatureKind::phrase, "spars attent").has_value());   // in 2 papers
  EXPECT_FALSE(index->find(FeatureKind::phrase, "dens retriev").has_value());  // in 1
  EXPECT_TRUE(index->find(FeatureKind::word, "protein").has_value());
  EXPECT_TRUE(index->author_column("Bo Chen").has_value());
  // A phrase that was not kept matches by its words.
  EXPECT_EQ(index->phrase_columns("dense retrieval").size(), 2u);
  EXPECT_EQ(index->phrase_columns("sparse attention").size(), 1u);
  EXPECT_TRUE(index->phrase_columns("unknown words").empty());
}

TEST(RadarFeatureIndex, AddsPapersIncrementallyWithNewWordsAndAuthors) {
  auto index = make_index(tiny());
  const auto before = index.columns_count();
  auto row = index.add(
      10,
      make_paper({"Quantum sparse codes", "Codes.", {"New Person"}, {"quant-ph"}, "2026-06-05"}));
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(*row, Row{3});
  EXPECT_EQ(index.row(10), Row{3});
  EXPECT_GT(index.columns_count(), before);
  EXPECT_TRUE(index.find(FeatureKind::word, "quantum").has_value());
  EXPECT_TRUE(index.author_column("New Person").has_value());
  EXPECT_EQ(index.document_frequency(*index.find(FeatureKind::word, "spars")), 3u);
  EXPECT_GT(index.inverse_norm(3), 0.0f);
  EXPECT_EQ(index.rows_between(day_number("2026-06-04"), day_number("2026-06-30")),
            (std::vector<Row>{3}));
  auto again = index.add(10, make_paper({"x", "y", {}}));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST(RadarFeatureIndex, RowsBetweenDaysAreOrderedByDay) {
  const auto index = make_index(tiny());
  EXPECT_EQ(index.rows_between(day_number("2026-06-01"), day_number("2026-06-01")),
            (std::vector<Row>{0, 1}));
  EXPECT_EQ(index.rows_between(day_number("2026-06-02"), day_number("2026-06-30")),
            (std::vector<Row>{2}));
  EXPECT_TRUE(index.rows_between(day_number("2027-01-01"), day_number("2027-12-31")).empty());
}

TEST(RadarFeatureIndex, RejectsDuplicateIdsAndMismatchedInput) {
  const auto p = make_paper({"a b", "c d", {}});
  const std::vector<core::Paper> papers = {p, p};
  const std::vector<PaperId> dup = {1, 1}, one = {1};
  EXPECT_EQ(FeatureIndex::build({dup, papers}).error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(FeatureIndex::build({one, papers}).error().code, ErrorCode::invalid_argument);
}

TEST(RadarFeatureIndex, TrainsWordVectorsAndUnitPaperVectors) {
  const auto index = make_index(tiny(), /*vectors=*/true);
  ASSERT_FALSE(index.vectors().empty());
  for (Row r = 0; r < index.size(); ++r) {
    const auto v = index.vector(r);
    ASSERT_FALSE(v.empty());
    std::vector<float> f(static_cast<std::size_t>(v.dim));
    for (int i = 0; i < v.dim; ++i) f[static_cast<std::size_t>(i)] = v.q[i] * v.scale;
    EXPECT_NEAR(dot(f, v), 1.0f, 0.02f);
  }
  EXPECT_GT(index.memory_bytes(), 0u);
}

TEST(RadarFeatureIndex, DayNumbers) {
  EXPECT_EQ(day_number("1970-01-01"), 0);
  EXPECT_EQ(day_number("2026-06-23T10:00:00Z"), day_number("2026-06-23"));
  EXPECT_EQ(day_number("2026-06-24") - day_number("2026-06-23"), 1);
  EXPECT_EQ(day_number("junk"), kNoDay);
  EXPECT_EQ(day_number(""), kNoDay);
}

}  // namespace
}  // namespace ah::radar
