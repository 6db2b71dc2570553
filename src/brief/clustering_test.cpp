#include "brief/clustering.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace ah::brief {
namespace {

// `count` unit vectors around dimension group `group` (4 dimensions a group), varied a little.
void add_group(std::vector<SparseVector>& out, int group, int count) {
  for (int i = 0; i < count; ++i) {
    SparseVector v;
    const int base = group * 4;
    v.emplace_back(base, 1.0f);
    v.emplace_back(base + 1 + i % 3, 0.5f);
    float norm = std::sqrt(1.0f + 0.25f);
    for (auto& [d, w] : v) w /= norm;
    out.push_back(v);
  }
}

TEST(Cluster, FindsWellSeparatedGroupsDeterministically) {
  std::vector<SparseVector> vectors;
  add_group(vectors, 0, 12);
  add_group(vectors, 1, 12);
  add_group(vectors, 2, 12);
  const Clustering c = cluster(vectors, 12, {});
  ASSERT_EQ(c.centroids.size(), 3u);
  for (int g = 0; g < 3; ++g) {
    std::set<int> clusters;
    for (int i = 0; i < 12; ++i) clusters.insert(c.assignment[g * 12 + i]);
    EXPECT_EQ(clusters.size(), 1u) << "group " << g;
  }
  EXPECT_EQ(cluster(vectors, 12, {}).assignment, c.assignment);
}

TEST(Cluster, SplitsAClusterHoldingMoreThanTheMaximumShare) {
  std::vector<SparseVector> vectors;
  add_group(vectors, 0, 40);  // 80% of the set, in one tight group
  add_group(vectors, 1, 10);
  ClusteringOptions options;
  options.max_k = 2;
  const Clustering c = cluster(vectors, 8, options);
  std::vector<int> sizes(c.centroids.size(), 0);
  for (int a : c.assignment) ++sizes[a];
  for (int size : sizes) EXPECT_LE(size, 20);
  EXPECT_GT(c.splits, 0);
}

TEST(Cluster, KeepsASmallSetInOneClusterAndAnEmptyOneInNone) {
  std::vector<SparseVector> vectors;
  add_group(vectors, 0, 2);
  add_group(vectors, 1, 1);
  const Clustering c = cluster(vectors, 8, {});
  EXPECT_EQ(c.centroids.size(), 1u);
  EXPECT_EQ(c.assignment, (std::vector<int>{0, 0, 0}));
  EXPECT_TRUE(cluster({}, 8, {}).centroids.empty());
}

}  // namespace
}  // namespace ah::brief
