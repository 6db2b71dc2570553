// Bisecting spherical k-means over sparse unit vectors: cosine similarity to unit centroids
// (Dhillon & Modha 2001, "Concept decompositions for large sparse text data using clustering"),
// built by splitting the largest cluster in two with 2-means seeded by k-means++ (Arthur &
// Vassilvitskii 2007) from a fixed seed, then refining all clusters (bisecting k-means: Steinbach,
// Karypis & Kumar 2000, "A comparison of document clustering techniques", who find it as good as
// agglomerative clustering on documents at linear cost). Each k on the way is scored by the
// simplified silhouette (Hruschka et al. 2004; Vendramin et al. 2010 find it as good as the full
// one at a fraction of its cost); then two rules on sizes: no cluster under a minimum, none over
// a maximum share. Deterministic: the same vectors give the same clusters. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace ah::brief {

// A unit vector: (dimension, weight) sorted by dimension.
using SparseVector = std::vector<std::pair<int, float>>;
using DenseVector = std::vector<float>;

// The cosine of a unit sparse vector and a unit dense one.
double similarity(const SparseVector& x, const DenseVector& centroid);

struct ClusteringOptions {
  // Fewest and most clusters tried. The most is also at most sqrt(n / 2) (Mardia's rule of
  // thumb) and n / min_size: ten themes for a day of arXiv, three for twenty papers. k is the
  // fewest whose mean simplified silhouette is within 5% of the best k's.
  int min_k = 2;
  int max_k = 10;
  // No cluster holds more than this share of the vectors (sets of at least 10): a larger one is
  // split in two (2-means on its members), again until none is.
  double max_share = 0.4;
  // Clusters with fewer members are dissolved into their members' next-nearest clusters.
  // 0: max(2, 1% of the set).
  std::size_t min_size = 0;
  std::uint64_t seed = 0x5EED'B71E'F00D;  // k-means++ seeding
  int restarts = 2;                       // 2-means runs per split, the best objective kept
  int max_iterations = 20;                // Lloyd iterations of one 2-means run
};

struct Clustering {
  std::vector<int> assignment;         // the cluster of each vector, 0..k-1
  std::vector<DenseVector> centroids;  // unit length, the normalised mean of the members
  // Each k tried and the mean simplified silhouette of its clustering.
  std::vector<std::pair<int, double>> scores;
  int chosen_k = 0;   // before the size rules
  int dissolved = 0;  // clusters dissolved for being too small
  int splits = 0;     // clusters split for being too large
};

// Clusters `vectors` (unit length, dimensions < `dimension`). Returns no clusters for no vectors
// and one for a set too small to split (fewer than 2 * min_size vectors).
Clustering cluster(std::span<const SparseVector> vectors, std::size_t dimension,
                   const ClusteringOptions& options);

}  // namespace ah::brief
