// Each signal on tiny hand-made corpora: which paper it prefers, and its normalisation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "radar/authors.h"
#include "radar/bm25.h"
#include "radar/priors.h"
#include "radar/recency.h"
#include "radar/semantic.h"
#include "radar/taste_model.h"
#include "radar/test_corpus.h"

namespace ah::radar {
namespace {

using testing::make_index;
using testing::Spec;

// Rows 0..: a small corpus with two topics and a few shared authors.
std::vector<Spec> corpus() {
  return {
      /*0*/ {"Sparse attention for long documents",
             "We prune attention heads with sparsity.",
             {"Simeng Zhang", "Ana Lima"},
             {"cs.CL"},
             "2026-06-01",
             "0000-0001-0000-0001"},
      /*1*/
      {"Sparse attention kernels",
       "Block sparse attention kernels on GPUs.",
       {"Simeng Zhang"},
       {"cs.CL", "cs.LG"},
       "2026-06-02"},
      /*2*/
      {"Protein folding with diffusion",
       "Diffusion models fold proteins.",
       {"Bo Chen"},
       {"q-bio.BM"},
       "2026-06-02"},
      /*3*/
      {"Galaxy clusters",
       "Dark matter in galaxy clusters.",
       {"Eve Park"},
       {"astro-ph.CO"},
       "2026-05-01",
       "",
       "Astrophysical Journal"},
      /*4*/
      {"Token pruning in transformers",
       "Attention sparsity by pruning tokens.",
       {"Ana Lima"},
       {"cs.CL"},
       "2026-06-03"},
      /*5*/
      {"Protein design",
       "Designing proteins with language models.",
       {"Bo Chen", "Eve Park"},
       {"q-bio.BM"},
       "2026-06-03"},
  };
}

TEST(RadarBm25, RanksDescriptionAndKeywordMatchesFirst) {
  const auto index = make_index(corpus());
  struct Case {
    std::string description;
    std::vector<std::string> keywords;
    Row best;
    Row worst;
  };
  const std::vector<Case> cases = {
      {"", {"sparse attention"}, 1, 3},
      {"folding proteins", {}, 2, 0},
      {"galaxy clusters and dark matter", {}, 3, 4},
      {"", {"token pruning"}, 4, 2},
  };
  for (const auto& c : cases) {
    const auto s = Bm25Signal::prepare(index, c.description, c.keywords, {});
    EXPECT_GT(s.score(index, c.best), s.score(index, c.worst)) << c.description;
    EXPECT_EQ(s.score(index, c.worst), 0.0f) << c.description;
    for (Row r = 0; r < index.size(); ++r) {
      EXPECT_LE(s.score(index, r), s.score(index, c.best)) << c.description << " row " << r;
      const float n = s.normalise(s.score(index, r));
      EXPECT_GE(n, 0.0f);
      EXPECT_LT(n, 1.0f);
    }
  }
}

TEST(RadarBm25, KeywordsMatchWholePhrases) {
  const auto index = make_index(corpus());
  const std::vector<std::string> keywords = {"sparse attention", "diffusion"};
  const auto s = Bm25Signal::prepare(index, "", keywords, {});
  EXPECT_EQ(s.matched_keywords(index, 0), (std::vector<std::size_t>{0}));
  EXPECT_EQ(s.matched_keywords(index, 2), (std::vector<std::size_t>{1}));
  EXPECT_TRUE(s.matched_keywords(index, 4).empty());  // "attention" alone is not the phrase
}

TEST(RadarAuthors, FollowedAuthorsByNameAndIdAndSeedAuthors) {
  const auto index = make_index(corpus());
  struct Case {
    const char* what;
    RadarProfile profile;
    std::vector<Row> positives;
    std::vector<Row> followed;  // rows where followed() holds
    std::vector<Row> scored;    // rows with a positive score
  };
  RadarProfile by_name;
  by_name.authors = {"simeng ZHANG"};
  RadarProfile by_id;
  by_id.author_ids = {"orcid:0000-0001-0000-0001"};
  const std::vector<Case> cases = {
      {"by name", by_name, {}, {0, 1}, {0, 1}},
      {"by orcid", by_id, {}, {0}, {0}},
      {"seed authors", {}, {2}, {}, {2, 5}},
  };
  for (const auto& c : cases) {
    const auto s = AuthorSignal::prepare(index, c.profile, c.positives, {});
    for (Row r = 0; r < index.size(); ++r) {
      const bool followed = std::ranges::find(c.followed, r) != c.followed.end();
      const bool scored = std::ranges::find(c.scored, r) != c.scored.end();
      EXPECT_EQ(s.followed(index, r), followed) << c.what << " row " << r;
      EXPECT_EQ(s.score(index, r) > 0, scored) << c.what << " row " << r;
    }
  }
  const auto follow = AuthorSignal::prepare(index, by_name, {}, {});
  EXPECT_NEAR(follow.normalise(follow.score(index, 1)), 1 - std::exp(-3.0f), 1e-5);
  EXPECT_EQ(follow.followed_names(index, 1), (std::vector<std::string>{"simeng ZHANG"}));
  const std::vector<Row> seeds = {2};
  const auto seed = AuthorSignal::prepare(index, {}, seeds, {});
  EXPECT_EQ(seed.seed_authors(index, 5),
            (std::vector<std::pair<std::string, int>>{{"bo chen", 1}}));
}

TEST(RadarPriors, PreferThePositivesCategoriesAndVenues) {
  const auto index = make_index(corpus());
  const std::vector<Row> positives = {0, 1};
  const auto s = PriorSignal::prepare(index, positives, {});
  EXPECT_GT(s.score(index, 4), s.score(index, 2));  // cs.CL vs q-bio.BM
  EXPECT_LE(s.score(index, 2), 0.0f);               // none of the positives' facets: no lift
  const std::vector<Row> journal = {3};
  const auto v = PriorSignal::prepare(index, journal, {});
  EXPECT_GT(v.score(index, 3), v.score(index, 5));
  const std::vector<Row> down = {4};
  const auto d = PriorSignal::prepare(index, positives, down);
  EXPECT_LT(d.score(index, 4), s.score(index, 4));  // the 👎 paper's category weighs less
}

TEST(RadarRecency, HalvesEveryHalfLife) {
  const auto index = make_index(corpus());
  const int today = day_number("2026-06-03");
  struct Case {
    Row row;
    float expected;
  };
  for (const auto& c : std::vector<Case>{{4, 1.0f}, {2, 0.9057f}, {0, 0.8203f}, {3, 0.0381f}}) {
    EXPECT_NEAR(recency(index, c.row, today, {}), c.expected, 1e-3) << c.row;
  }
}

TEST(RadarTasteModel, LearnsTheSeedsTopicAndItsTerms) {
  const auto index = make_index(corpus());
  TasteModel m;
  const std::vector<Row> positives = {0, 1};
  ASSERT_TRUE(m.train(index, positives, {}, {}).has_value());
  ASSERT_FALSE(m.empty());
  EXPECT_GT(m.score(index, 4), m.score(index, 2));
  EXPECT_GT(m.score(index, 4), m.score(index, 3));
  ColumnTable table;
  table.begin(index.columns_count());
  for (const auto& [c, x] : m.weights()) table.set_taste(c, x);
  table.seal();
  const auto terms = m.top_terms(index, 4, 3, table);
  ASSERT_FALSE(terms.empty());
  std::vector<std::string> words;
  for (const auto& [c, w] : terms) words.push_back(index.display(c));
  EXPECT_NE(std::ranges::find(words, "attention"), words.end());
}

TEST(RadarTasteModel, WithoutPositivesIsEmpty) {
  const auto index = make_index(corpus());
  TasteModel m;
  ASSERT_TRUE(m.train(index, {}, {}, {}).has_value());
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.score(index, 0), 0.0f);
}

TEST(RadarSemantic, PrefersPapersCloseToTheCentroid) {
  const auto index = make_index(corpus(), /*vectors=*/true);
  const std::vector<Row> positives = {0};
  for (auto mode : {SemanticMode::centroid, SemanticMode::max}) {
    const auto s = SemanticSignal::prepare(index, positives, {mode});
    ASSERT_FALSE(s.empty());
    EXPECT_NEAR(s.score(index, 0), 1.0f, 0.02f);  // a positive is its own nearest
    for (Row r = 1; r < index.size(); ++r)
      EXPECT_LE(s.score(index, r), s.score(index, 0) + 2e-3);  // float sums
    const auto near = s.nearest(index, 0, 3, 0.5f);
    ASSERT_FALSE(near.empty());
    EXPECT_EQ(near[0].first, Row{0});
  }
  // Without vectors the lexical part stands alone: the seed scores 1, a paper sharing its words
  // more than one sharing none, and no positives means no signal.
  const auto off = make_index(corpus(), /*vectors=*/false);
  const auto lexical = SemanticSignal::prepare(off, positives, {});
  ASSERT_FALSE(lexical.empty());
  EXPECT_NEAR(lexical.score(off, 0), 1.0f, 1e-4f);
  EXPECT_GT(lexical.score(off, 1), lexical.score(off, 2));
  EXPECT_EQ(lexical.score(off, 2), 0.0f);
  EXPECT_TRUE(SemanticSignal::prepare(off, {}, {}).empty());
  EXPECT_TRUE(SemanticSignal::prepare(off, positives, {.lexical_share = 0}).empty());
}

TEST(RadarSemantic, LexicalPartIsTheCosineWithTheSeedsCentreOverATypicalSeeds) {
  const auto index = make_index(corpus());
  const std::vector<Row> positives = {0, 1};
  const auto s = SemanticSignal::prepare(index, positives, {.lexical_share = 1});
  // Both seeds are about equally close to their centre: each scores ~1 (clamped), a paper on
  // the same topic in other words less, other topics 0.
  EXPECT_NEAR(s.score(index, 0), 1.0f, 0.15f);
  EXPECT_NEAR(s.score(index, 1), 1.0f, 0.15f);
  EXPECT_GT(s.score(index, 4), 0.0f);
  EXPECT_LT(s.score(index, 4), s.score(index, 1));
  EXPECT_EQ(s.score(index, 3), 0.0f);
  // The ranker's table path gives the same value as the direct one.
  float sum = 0;
  const auto cols = index.columns(4);
  const auto tfs = index.frequencies(4);
  for (std::size_t k = 0; k < cols.size(); ++k) {
    for (const auto& [c, w] : s.lexical_weights()) {
      if (c == cols[k]) sum += w * tf_weight(tfs[k]);
    }
  }
  EXPECT_NEAR(s.combine(sum * index.inverse_norm(4), 0), s.score(index, 4), 1e-5f);
}

}  // namespace
}  // namespace ah::radar
