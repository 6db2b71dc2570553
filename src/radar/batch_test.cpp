#include "radar/batch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "radar/test_corpus.h"

namespace ah::radar {
namespace {

using testing::make_index;
using testing::Spec;

// Five near-copies of one paper (ids 1..5), then five different papers on the same topic.
std::vector<Spec> corpus() {
  std::vector<Spec> s;
  for (int i = 0; i < 5; ++i) {
    s.push_back({"Sparse attention for long documents",
                 "We prune attention heads with learned sparsity masks.", {"A B"}});
  }
  s.push_back({"Sparse attention kernels", "Block kernels on GPUs.", {"C D"}});
  s.push_back({"Attention sinks", "Why attention sinks form in language models.", {"E F"}});
  s.push_back({"Sparse mixture of experts", "Routing tokens to experts.", {"G H"}});
  s.push_back({"Linear attention", "Kernelized attention in linear time.", {"I J"}});
  s.push_back({"Long context evaluation", "Benchmarks for long documents.", {"K L"}});
  return s;
}

std::vector<RankedPaper> ranked_by_id(const FeatureIndex& index) {
  std::vector<RankedPaper> r;
  for (Row row = 0; row < index.size(); ++row) {
    r.push_back({index.id(row), row, 1.0 - 0.01 * row, {}, {}});
  }
  return r;
}

TEST(RadarBatch, MmrKeepsNearDuplicatesApart) {
  const auto index = make_index(corpus());
  EXPECT_GT(tfidf_cosine(index, 0, 1), 0.99f);
  EXPECT_LT(tfidf_cosine(index, 0, 6), 0.5f);
  const auto ranked = ranked_by_id(index);
  for (double lambda : {0.5, 0.7}) {
    const auto chosen = mmr_select(index, ranked, 5, {lambda});
    ASSERT_EQ(chosen.size(), 5u);
    EXPECT_EQ(chosen[0], 0u);  // the best comes first
    int copies = 0;
    for (auto i : chosen) copies += i < 5;
    EXPECT_EQ(copies, 1) << lambda;
  }
  const auto plain = mmr_select(index, ranked, 5, {1.0});
  EXPECT_EQ(plain, (std::vector<std::size_t>{0, 1, 2, 3, 4}));  // lambda 1: the ranking itself
}

TEST(RadarBatch, PagingNeverRepeatsAndReachesEveryPaper) {
  const auto index = make_index(corpus());
  const auto ranked = ranked_by_id(index);
  std::unordered_set<PaperId> seen = {10};  // read before: never shown
  std::vector<PaperId> shown;
  for (int page = 0; page < 10; ++page) {
    const auto batch = next_batch(index, ranked, seen, 3);
    if (batch.empty()) break;
    EXPECT_LE(batch.size(), 3u);
    for (const auto& p : batch) {
      EXPECT_TRUE(seen.insert(p.id).second) << "repeated " << p.id;
      shown.push_back(p.id);
    }
  }
  EXPECT_EQ(shown.size(), 9u);
  EXPECT_EQ(std::ranges::find(shown, 10), shown.end());
}

}  // namespace
}  // namespace ah::radar
