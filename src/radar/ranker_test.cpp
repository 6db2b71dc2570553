// The ranking rules: exclusions win, the pool and its pull-ins, seeds and 👎 stay out, votes move
// the ranking, explanations, determinism.
#include "radar/ranker.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "radar/test_corpus.h"

namespace ah::radar {
namespace {

using testing::make_index;
using testing::Spec;

// ids 1..8
std::vector<Spec> corpus() {
  return {
      /*1*/ {"Sparse attention for long documents",
             "We prune attention heads with sparsity.",
             {"Simeng Zhang"},
             {"cs.CL"}},
      /*2*/
      {"Sparse attention kernels",
       "Block sparse attention kernels on GPUs.",
       {"Ana Lima"},
       {"cs.CL"}},
      /*3*/
      {"Protein folding with diffusion",
       "Diffusion models fold proteins.",
       {"Bo Chen"},
       {"q-bio.BM"}},
      /*4*/
      {"Galaxy clusters", "Dark matter in galaxy clusters.", {"Simeng Zhang"}, {"astro-ph.CO"}},
      /*5*/
      {"Token pruning for sparse attention",
       "Attention sparsity by pruning tokens.",
       {"Ana Lima"},
       {"cs.CL"}},
      /*6*/
      {"Protein design", "Designing proteins with language models.", {"Bo Chen"}, {"q-bio.BM"}},
      /*7*/
      {"Sparse attention in vision",
       "Sparse attention for image transformers.",
       {"Carl Ortiz"},
       {"cs.CV"}},
      /*8*/ {"Dark matter halos", "Halo profiles of dark matter.", {"Eve Park"}, {"astro-ph.CO"}},
  };
}

std::vector<PaperId> ids_of(const std::vector<RankedPaper>& ranked) {
  std::vector<PaperId> out;
  for (const auto& p : ranked) out.push_back(p.id);
  return out;
}

std::vector<RankedPaper> run(const FeatureIndex& index, const RadarProfile& profile,
                             RankRequest request = {}) {
  auto radar = Radar::create(index, profile);
  if (!radar) throw std::runtime_error(radar.error().message);
  auto ranked = rank(index, *radar, request);
  if (!ranked) throw std::runtime_error(ranked.error().message);
  return *ranked;
}

bool contains(const std::vector<PaperId>& ids, PaperId id) {
  return std::ranges::find(ids, id) != ids.end();
}

TEST(RadarRanker, ExclusionsAlwaysWin) {
  const auto index = make_index(corpus());
  struct Case {
    const char* what;
    RadarProfile profile;
  };
  RadarProfile followed;
  followed.authors = {"Simeng Zhang"};
  RadarProfile keyword;
  keyword.keywords = {"sparse attention"};
  RadarProfile seeded;
  seeded.seeds = {2};
  RadarProfile voted;
  voted.votes = {{5, Vote::up}};
  for (auto c : std::vector<Case>{{"followed author", followed},
                                  {"keyword", keyword},
                                  {"seed neighbour", seeded},
                                  {"up-voted topic", voted}}) {
    c.profile.excludes = {"sparse attention", "galaxy"};
    const auto ids = ids_of(run(index, c.profile));
    for (PaperId excluded : {1, 2, 4, 5, 7}) EXPECT_FALSE(contains(ids, excluded)) << c.what;
    EXPECT_TRUE(contains(ids, 3)) << c.what;
  }
}

TEST(RadarRanker, PoolBoundsAndPullIns) {
  const auto index = make_index(corpus());
  struct Case {
    const char* what;
    std::vector<std::string> authors, keywords;
    std::vector<PaperId> in, out;
  };
  const std::vector<Case> cases = {
      {"pool only", {}, {}, {1, 2, 5}, {3, 4, 6, 7, 8}},
      {"followed author pulls in", {"Simeng Zhang"}, {}, {1, 2, 4, 5}, {3, 6, 7, 8}},
      {"keyword pulls in", {}, {"dark matter"}, {1, 2, 5, 4, 8}, {3, 6, 7}},
  };
  for (const auto& c : cases) {
    RadarProfile p;
    p.categories = {"cs.CL"};
    p.authors = c.authors;
    p.keywords = c.keywords;
    const auto ids = ids_of(run(index, p));
    for (auto id : c.in) EXPECT_TRUE(contains(ids, id)) << c.what << " " << id;
    for (auto id : c.out) EXPECT_FALSE(contains(ids, id)) << c.what << " " << id;
  }
  RadarProfile unknown;
  unknown.categories = {"math.AG"};  // bounds the pool even though no paper has it
  EXPECT_TRUE(run(index, unknown).empty());
}

TEST(RadarRanker, SeedsDownVotesAndSkippedPapersStayOut) {
  const auto index = make_index(corpus());
  RadarProfile p;
  p.seeds = {1};
  p.votes = {{2, Vote::down}, {5, Vote::up}};
  const std::unordered_set<PaperId> skip = {7};
  RankRequest r;
  r.skip = &skip;
  const auto ids = ids_of(run(index, p, r));
  EXPECT_FALSE(contains(ids, 1));
  EXPECT_FALSE(contains(ids, 2));
  EXPECT_FALSE(contains(ids, 7));
  EXPECT_TRUE(contains(ids, 5));  // an up vote is learned from, and still in the feed
  EXPECT_EQ(ids.size(), 5u);
}

TEST(RadarRanker, SeedsNeighboursAndFollowedAuthorsComeFirst) {
  const auto index = make_index(corpus());
  RadarProfile p;
  p.seeds = {1, 2};
  auto ids = ids_of(run(index, p));
  ASSERT_GE(ids.size(), 2u);
  EXPECT_TRUE(ids[0] == 5 || ids[0] == 7) << ids[0];
  RadarProfile f;
  f.authors = {"Eve Park"};
  ids = ids_of(run(index, f));
  EXPECT_EQ(ids[0], 8);
}

// A radar keeps the column table it learned; once the index has grown, the ranking fills one
// for the index as it is, so a followed author's first paper (a column the index did not have)
// is found, with the author weights of the index as it is.
TEST(RadarRanker, ARadarLearnedBeforeTheIndexGrewRanksTheNewPapers) {
  auto index = make_index(corpus());
  RadarProfile p;
  p.seeds = {1};
  p.authors = {"Iris Novak"};  // not an author of any indexed paper yet
  auto radar = Radar::create(index, p);
  ASSERT_TRUE(radar) << radar.error().message;
  ASSERT_NE(radar->table(index), nullptr);
  ASSERT_TRUE(index.add(
      9, testing::make_paper({"Glacier melt", "Ice sheets.", {"Iris Novak"}, {"physics.ao-ph"}})));
  EXPECT_EQ(radar->table(index), nullptr);
  RankRequest all;
  all.limit = 0;
  all.explain = false;
  auto grown = rank(index, *radar, all);
  ASSERT_TRUE(grown) << grown.error().message;
  ASSERT_FALSE(grown->empty());
  EXPECT_EQ(grown->front().id, 9);
  // The author weights are the grown index's (the taste model is the one learned before).
  const auto fresh = run(index, p, all);
  ASSERT_EQ(grown->size(), fresh.size());
  std::map<PaperId, float> authors;
  for (const auto& x : fresh) authors[x.id] = x.signals.authors;
  for (const auto& x : *grown) EXPECT_EQ(x.signals.authors, authors[x.id]) << x.id;
}

TEST(RadarRanker, AVoteRetrainsTheRankingInItsDirection) {
  const auto index = make_index(corpus());
  RadarProfile p;
  p.seeds = {1};
  auto radar = Radar::create(index, p);
  ASSERT_TRUE(radar.has_value());
  auto position = [&](PaperId id) {
    const auto ids = ids_of(*rank(index, *radar, {}));
    return std::ranges::find(ids, id) - ids.begin();
  };
  auto score = [&](PaperId id) {
    const auto ranked = rank(index, *radar, {});  // kept: a range-for over *temporary dangles
    for (const auto& x : *ranked) {
      if (x.id == id) return x.signals.taste;
    }
    return -1.0f;
  };
  const auto protein_before = position(6);
  const float protein_taste = score(6);
  p.votes = {{3, Vote::up}};
  ASSERT_TRUE(radar->update(index, p).has_value());
  EXPECT_LT(position(6), protein_before);
  EXPECT_GT(score(6), protein_taste);
  const float vision_before = score(7);
  p.votes[7] = Vote::down;
  p.votes[2] = Vote::down;
  ASSERT_TRUE(radar->update(index, p).has_value());
  EXPECT_FALSE(contains(ids_of(*rank(index, *radar, {})), 7));
  EXPECT_LT(score(5), vision_before + 1.0f);  // still ranked
  EXPECT_LT(radar->taste().score(index, *index.row(7)), 0.0f);
}

TEST(RadarRanker, ExplanationsNameAuthorsKeywordsSeedsAndTerms) {
  const auto index = make_index(corpus(), /*vectors=*/true);
  RadarProfile p;
  p.authors = {"Ana Lima"};
  p.keywords = {"sparse attention"};
  p.seeds = {1};
  const auto ranked = run(index, p);
  auto find = [&](PaperId id) -> const RankedPaper& {
    for (const auto& x : ranked) {
      if (x.id == id) return x;
    }
    throw std::runtime_error("not ranked");
  };
  auto why = [&](const RankedPaper& x, WhyKind k) -> const Why* {
    for (const auto& w : x.why) {
      if (w.kind == k) return &w;
    }
    return nullptr;
  };
  const auto& five = find(5);
  ASSERT_NE(why(five, WhyKind::followed_author), nullptr);
  EXPECT_EQ(why(five, WhyKind::followed_author)->values, (std::vector<std::string>{"Ana Lima"}));
  ASSERT_NE(why(five, WhyKind::keyword), nullptr);
  EXPECT_EQ(why(five, WhyKind::keyword)->values, (std::vector<std::string>{"sparse attention"}));
  EXPECT_EQ(five.why.front().kind, WhyKind::followed_author);
  const auto& seven = find(7);
  const auto* terms = why(seven, WhyKind::taste_terms);
  ASSERT_NE(terms, nullptr);
  EXPECT_FALSE(terms->values.empty());
  EXPECT_EQ(terms->values.size(), terms->weights.size());
  const auto* seed_author = why(find(4), WhyKind::seed_author);
  ASSERT_NE(seed_author, nullptr);
  EXPECT_EQ(seed_author->values, (std::vector<std::string>{"simeng zhang"}));
  EXPECT_EQ(seed_author->counts, (std::vector<int>{1}));
  EXPECT_EQ(to_string(WhyKind::similar_papers), "similar_papers");
  const SignalWeights w;  // the score is the default weights' sum of the signals
  for (const auto& x : ranked) {
    EXPECT_NEAR(x.score,
                w.taste * x.signals.taste + w.semantic * x.signals.semantic +
                    w.bm25 * x.signals.bm25 + w.authors * x.signals.authors +
                    w.priors * x.signals.priors + w.recency * x.signals.recency,
                1e-5);
  }
}

TEST(RadarRanker, SimilarPapersNameTheClosestSeeds) {
  const auto index = make_index(corpus(), /*vectors=*/true);
  RadarProfile p;
  p.seeds = {1, 3};
  const auto ranked = run(index, p);
  for (const auto& x : ranked) {
    for (const auto& w : x.why) {
      if (w.kind != WhyKind::similar_papers) continue;
      ASSERT_FALSE(w.papers.empty());
      ASSERT_EQ(w.counts.size(), 1u);
      EXPECT_GE(w.counts[0], static_cast<int>(w.papers.size()));
      for (auto id : w.papers) EXPECT_TRUE(id == 1 || id == 3);
    }
  }
}

TEST(RadarRanker, SameInputSameRanking) {
  std::vector<std::vector<PaperId>> runs;
  std::vector<std::vector<double>> scores;
  for (int i = 0; i < 2; ++i) {
    const auto index = make_index(corpus(), /*vectors=*/true);
    RadarProfile p;
    p.seeds = {1, 3};
    p.votes = {{6, Vote::down}};
    const auto ranked = run(index, p);
    runs.push_back(ids_of(ranked));
    std::vector<double> s;
    for (const auto& x : ranked) s.push_back(x.score);
    scores.push_back(s);
  }
  EXPECT_EQ(runs[0], runs[1]);
  EXPECT_EQ(scores[0], scores[1]);
}

TEST(RadarRanker, DayRangeAndLimit) {
  auto specs = corpus();
  specs[7].day = "2026-07-01";
  const auto index = make_index(specs);
  RadarProfile p;
  p.seeds = {4};
  RankRequest r;
  r.since = day_number("2026-07-01");
  EXPECT_EQ(ids_of(run(index, p, r)), (std::vector<PaperId>{8}));
  RankRequest top;
  top.limit = 2;
  EXPECT_EQ(run(index, p, top).size(), 2u);
}

}  // namespace
}  // namespace ah::radar

namespace ah::radar {
namespace {

// Candidates that cannot reach the kept best are never scored in full, large rankings are scored
// in chunks that several threads take in turn, and candidates in the index's posting window are
// summed column by column (ranker.cpp): the answer must be the head of the full ranking summed
// row by row, scores and order alike, whatever the signals, the number of threads and the path.
// The index's window holds the middle of its rows: some candidates come before it, some after
// (added since the window was last built).
TEST(RadarRanker, ALimitGivesTheHeadOfTheFullRanking) {
  std::vector<Spec> specs;
  const auto base = corpus();
  const char* extra[] = {"graphs", "kernels", "survey", "benchmarks", "theory", "robotics"};
  for (int i = 0; i < 96; ++i) {
    Spec s = base[static_cast<std::size_t>(i) % base.size()];
    s.title += std::string(" and ") + extra[i % 6];
    s.abstract += std::string(" We study ") + extra[(i / 6) % 6] + ".";
    s.day = fmt::format("2026-06-{:02d}", 1 + i % 28);
    specs.push_back(s);
  }
  auto options = testing::test_options(/*vectors=*/true);
  options.posting_rows = 40;
  options.posting_refresh = 10;
  std::vector<core::Paper> papers;
  std::vector<PaperId> ids;
  for (std::size_t i = 0; i < 80; ++i) {
    papers.push_back(testing::make_paper(specs[i]));
    ids.push_back(static_cast<PaperId>(i + 1));
  }
  auto built = FeatureIndex::build({ids, papers}, options);
  ASSERT_TRUE(built.has_value()) << built.error().message;
  auto index = std::move(*built);
  for (std::size_t i = 80; i < specs.size(); ++i) {
    ASSERT_TRUE(index.add(static_cast<PaperId>(i + 1), testing::make_paper(specs[i])));
  }
  ASSERT_EQ(index.postings().first(), 50u);  // rebuilt at 90 papers, over the newest 40
  ASSERT_EQ(index.postings().last(), 90u);
  struct Case {
    const char* name;
    RadarProfile profile;
  };
  std::vector<Case> cases(4);
  cases[0] = {"seeds", {}};
  cases[0].profile.seeds = {1, 9, 17};
  cases[1] = {"seeds, votes and a description", {}};
  cases[1].profile.seeds = {3};
  cases[1].profile.votes = {{11, Vote::up}, {6, Vote::down}};
  cases[1].profile.description = "protein design with diffusion";
  cases[2] = {"keywords and a followed author", {}};
  cases[2].profile.keywords = {"sparse attention"};
  cases[2].profile.authors = {"Ana Lima"};
  cases[3] = {"a category pool", {}};
  cases[3].profile.categories = {"astro-ph.CO"};
  cases[3].profile.seeds = {4};
  for (const Case& c : cases) {
    RankRequest all;
    all.limit = 0;
    all.sum_by_columns_from = std::numeric_limits<std::size_t>::max();  // row by row
    const auto full = run(index, c.profile, all);
    for (std::size_t limit : {1u, 2u, 5u, 10u, 40u, 0u}) {
      for (int threads : {1, 2, 3, 8, 20}) {  // 20: more than the 8 used
        for (std::size_t by_columns : {std::size_t{2}, std::numeric_limits<std::size_t>::max()}) {
          RankRequest top;
          top.limit = limit;
          top.threads = threads;
          top.parallel_from = 2;  // the split, on a corpus this small
          top.sum_by_columns_from = by_columns;
          const auto head = run(index, c.profile, top);
          if (limit == 0) {
            ASSERT_EQ(head.size(), full.size());
          }
          ASSERT_EQ(head.size(), limit == 0 ? full.size() : std::min(limit, full.size()))
              << c.name << ", limit " << limit;
          for (std::size_t k = 0; k < head.size(); ++k) {
            EXPECT_EQ(head[k].id, full[k].id)
                << c.name << ", limit " << limit << ", threads " << threads << ", at " << k;
            EXPECT_EQ(head[k].score, full[k].score)
                << c.name << ", limit " << limit << ", threads " << threads << ", by columns from "
                << by_columns << ", at " << k;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace ah::radar

namespace ah::radar {
namespace {

TEST(RadarColumnTable, FindsTheWeightsSetAndNothingElse) {
  ColumnTable ws;
  for (int round = 0; round < 2; ++round) {  // begin() forgets the previous table
    ws.begin(1000);
    ws.set_taste(5, 1.5f);
    ws.set_taste(64, 2.0f);
    ws.set_taste(999, 3.0f);
    ws.set_author(64, 0.5f);
    ws.set_author(700 + round, 0.25f);
    ws.set_lexical(63, 0.125f);
    ws.set_lexical(5, 0.75f);  // out of order: sorted by seal()
    ws.set_lexical(5, 0.5f);   // the last value of a column stays
    ws.seal();
    EXPECT_EQ(ws.weighted(), 5u);
    struct Case {
      Column c;
      float taste, author, lexical;
    };
    const Case cases[] = {{5, 1.5f, 0, 0.5f},
                          {63, 0, 0, 0.125f},
                          {64, 2.0f, 0.5f, 0},
                          {static_cast<Column>(700 + round), 0, 0.25f, 0},
                          {999, 3.0f, 0, 0}};
    for (const Case& c : cases) {
      const ColumnTable::Weights* w = ws.find(c.c);
      ASSERT_NE(w, nullptr) << "column " << c.c;
      EXPECT_EQ(w->taste, c.taste) << "column " << c.c;
      EXPECT_EQ(w->author, c.author) << "column " << c.c;
      EXPECT_EQ(w->lexical, c.lexical) << "column " << c.c;
    }
    for (Column c : {0u, 4u, 6u, 62u, 65u, 128u, static_cast<Column>(701 - round), 998u}) {
      EXPECT_EQ(ws.find(c), nullptr) << "column " << c;
    }
  }
}

}  // namespace
}  // namespace ah::radar
