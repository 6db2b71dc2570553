#include "brief/clustering.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ah::brief {
namespace {

// Lloyd iterations over all clusters after each bisection: enough to move the papers a split
// left on the wrong side, few enough to keep the analysis of 5,000 papers within its budget.
constexpr int kRefineIterations = 3;
// The fewest clusters scoring at least (1 - this) times the best silhouette are chosen.
constexpr double kSilhouetteSlack = 0.05;

// splitmix64: a small generator whose sequence is the same on every platform and standard
// library (std::uniform_real_distribution is not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)

 private:
  std::uint64_t state_;
};

// One run's result over a subset of the vectors (`members` index into the caller's span).
struct Run {
  std::vector<int> assignment;  // per member
  std::vector<DenseVector> centroids;
  double objective = 0;  // sum of each member's similarity to its centroid
};

void normalise(DenseVector& v) {
  double norm = 0;
  for (float x : v) norm += static_cast<double>(x) * x;
  if (norm <= 0) return;
  const float scale = static_cast<float>(1.0 / std::sqrt(norm));
  for (float& x : v) x *= scale;
}

DenseVector dense(const SparseVector& x, std::size_t dimension) {
  DenseVector v(dimension, 0.0f);
  for (const auto& [d, w] : x) v[d] = w;
  return v;
}

// Centroids as the normalised sums of their members; an empty cluster keeps a zero vector.
std::vector<DenseVector> centroids_of(std::span<const SparseVector> vectors,
                                      std::span<const std::size_t> members,
                                      std::span<const int> assignment, int k,
                                      std::size_t dimension) {
  std::vector<DenseVector> c(k, DenseVector(dimension, 0.0f));
  for (std::size_t m = 0; m < members.size(); ++m) {
    DenseVector& target = c[assignment[m]];
    for (const auto& [d, w] : vectors[members[m]]) target[d] += w;
  }
  for (DenseVector& v : c) normalise(v);
  return c;
}

// k-means++ seeding with cosine distance (1 - similarity), squared.
std::vector<DenseVector> seed_centroids(std::span<const SparseVector> vectors,
                                        std::span<const std::size_t> members, int k,
                                        std::size_t dimension, Random& random) {
  std::vector<DenseVector> centroids;
  std::vector<double> best(members.size(), -1.0);
  std::size_t pick = static_cast<std::size_t>(random.uniform() * members.size());
  std::vector<bool> chosen(members.size(), false);
  while (static_cast<int>(centroids.size()) < k) {
    chosen[pick] = true;
    centroids.push_back(dense(vectors[members[pick]], dimension));
    if (static_cast<int>(centroids.size()) == k) break;
    double total = 0;
    for (std::size_t m = 0; m < members.size(); ++m) {
      best[m] = std::max(best[m], similarity(vectors[members[m]], centroids.back()));
      const double d = std::max(0.0, 1.0 - best[m]);
      total += d * d;
    }
    if (total <= 0) {  // every vector equals a chosen one: take the next unchosen
      auto it = std::find(chosen.begin(), chosen.end(), false);
      if (it == chosen.end()) break;
      pick = static_cast<std::size_t>(it - chosen.begin());
      continue;
    }
    double target = random.uniform() * total;
    pick = members.size() - 1;
    for (std::size_t m = 0; m < members.size(); ++m) {
      const double d = std::max(0.0, 1.0 - best[m]);
      target -= d * d;
      if (target < 0 && !chosen[m]) {
        pick = m;
        break;
      }
    }
    if (chosen[pick]) {
      auto it = std::find(chosen.begin(), chosen.end(), false);
      if (it == chosen.end()) break;
      pick = static_cast<std::size_t>(it - chosen.begin());
    }
  }
  return centroids;
}

// Assigns each member to its most similar centroid; returns whether any assignment changed and
// fills `own` with each member's similarity to its centroid.
bool assign(std::span<const SparseVector> vectors, std::span<const std::size_t> members, Run& run,
            std::vector<double>& own) {
  const int k = static_cast<int>(run.centroids.size());
  bool changed = false;
  run.objective = 0;
  own.assign(members.size(), 0.0);
  for (std::size_t m = 0; m < members.size(); ++m) {
    int best = 0;
    double best_sim = -2;
    for (int c = 0; c < k; ++c) {
      const double s = similarity(vectors[members[m]], run.centroids[c]);
      if (s > best_sim) {
        best_sim = s;
        best = c;
      }
    }
    own[m] = best_sim;
    run.objective += best_sim;
    if (run.assignment[m] != best) {
      run.assignment[m] = best;
      changed = true;
    }
  }
  return changed;
}

// Lloyd's iterations from the run's centroids, at most `iterations`; an emptied cluster takes the
// member farthest from its own centroid.
void lloyd(std::span<const SparseVector> vectors, std::span<const std::size_t> members, Run& run,
           std::size_t dimension, int iterations) {
  const int k = static_cast<int>(run.centroids.size());
  if (run.assignment.size() != members.size()) run.assignment.assign(members.size(), -1);
  std::vector<double> own;
  for (int iteration = 0; iteration < iterations; ++iteration) {
    bool changed = assign(vectors, members, run, own);
    std::vector<int> sizes(k, 0);
    for (int a : run.assignment) ++sizes[a];
    for (int c = 0; c < k; ++c) {
      if (sizes[c] > 0) continue;
      std::size_t far = 0;
      double far_sim = 2;
      for (std::size_t m = 0; m < members.size(); ++m) {
        if (sizes[run.assignment[m]] > 1 && own[m] < far_sim) {
          far_sim = own[m];
          far = m;
        }
      }
      if (far_sim > 1) break;  // nothing to move
      --sizes[run.assignment[far]];
      run.assignment[far] = c;
      ++sizes[c];
      own[far] = 1;
      changed = true;
    }
    run.centroids = centroids_of(vectors, members, run.assignment, k, dimension);
    if (!changed) break;
  }
}

// Spherical k-means from k-means++ seeds.
Run kmeans(std::span<const SparseVector> vectors, std::span<const std::size_t> members, int k,
           std::size_t dimension, Random& random, int max_iterations) {
  Run run;
  run.centroids = seed_centroids(vectors, members, k, dimension, random);
  lloyd(vectors, members, run, dimension, max_iterations);
  return run;
}

Run best_of(std::span<const SparseVector> vectors, std::span<const std::size_t> members, int k,
            std::size_t dimension, Random& random, const ClusteringOptions& options) {
  Run best;
  best.objective = -std::numeric_limits<double>::infinity();
  for (int r = 0; r < std::max(1, options.restarts); ++r) {
    Run run = kmeans(vectors, members, k, dimension, random, options.max_iterations);
    if (run.objective > best.objective) best = std::move(run);
  }
  return best;
}

// Moves the members of clusters smaller than `min_size` to their nearest other cluster, while
// more than one cluster is left; renumbers the clusters 0..k'-1. Returns how many were dissolved.
int dissolve_small(std::span<const SparseVector> vectors, std::span<const std::size_t> members,
                   Run& run, std::size_t min_size, std::size_t dimension) {
  int dissolved = 0;
  for (;;) {
    const int k = static_cast<int>(run.centroids.size());
    std::vector<std::size_t> sizes(k, 0);
    for (int a : run.assignment) ++sizes[a];
    int smallest = -1;
    for (int c = 0; c < k; ++c) {
      if (sizes[c] < min_size && (smallest < 0 || sizes[c] < sizes[smallest])) smallest = c;
    }
    if (smallest < 0 || k <= 1) break;
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (run.assignment[m] != smallest) continue;
      int best = -1;
      double best_sim = -2;
      for (int c = 0; c < k; ++c) {
        if (c == smallest) continue;
        const double s = similarity(vectors[members[m]], run.centroids[c]);
        if (s > best_sim) {
          best_sim = s;
          best = c;
        }
      }
      run.assignment[m] = best;
    }
    for (int& a : run.assignment) {
      if (a > smallest) --a;
    }
    run.centroids = centroids_of(vectors, members, run.assignment, k - 1, dimension);
    ++dissolved;
  }
  return dissolved;
}

// The mean simplified silhouette: for each member, a = 1 - cos(own centroid), b = the least
// 1 - cos(other centroid), s = (b - a) / max(a, b); members of singleton clusters score 0.
double simplified_silhouette(std::span<const SparseVector> vectors,
                             std::span<const std::size_t> members, const Run& run) {
  const int k = static_cast<int>(run.centroids.size());
  if (k < 2 || members.empty()) return 0;
  std::vector<std::size_t> sizes(k, 0);
  for (int a : run.assignment) ++sizes[a];
  double total = 0;
  for (std::size_t m = 0; m < members.size(); ++m) {
    const int own = run.assignment[m];
    if (sizes[own] <= 1) continue;
    const double a = 1 - similarity(vectors[members[m]], run.centroids[own]);
    double b = std::numeric_limits<double>::infinity();
    for (int c = 0; c < k; ++c) {
      if (c != own) b = std::min(b, 1 - similarity(vectors[members[m]], run.centroids[c]));
    }
    const double denominator = std::max(a, b);
    if (denominator > 0) total += (b - a) / denominator;
  }
  return total / static_cast<double>(members.size());
}

// Splits cluster `target` of `run` in two with 2-means over its members (the best of
// options.restarts); the new cluster is numbered last. False when it cannot be split (fewer than
// two members, or members that 2-means cannot tell apart).
bool bisect(std::span<const SparseVector> vectors, std::span<const std::size_t> members, Run& run,
            int target, std::size_t dimension, Random& random, const ClusteringOptions& options) {
  std::vector<std::size_t> inner;  // positions in `members`
  std::vector<std::size_t> inner_members;
  for (std::size_t m = 0; m < members.size(); ++m) {
    if (run.assignment[m] == target) {
      inner.push_back(m);
      inner_members.push_back(members[m]);
    }
  }
  if (inner.size() < 2) return false;
  Run halves = best_of(vectors, inner_members, 2, dimension, random, options);
  const auto second =
      static_cast<std::size_t>(std::count(halves.assignment.begin(), halves.assignment.end(), 1));
  if (second == 0 || second == inner.size()) return false;
  const int k = static_cast<int>(run.centroids.size());
  for (std::size_t i = 0; i < inner.size(); ++i) {
    if (halves.assignment[i] == 1) run.assignment[inner[i]] = k;
  }
  run.centroids = centroids_of(vectors, members, run.assignment, k + 1, dimension);
  return true;
}

// Splits the largest cluster in two while it holds more than `max_size` members.
int split_large(std::span<const SparseVector> vectors, std::span<const std::size_t> members,
                Run& run, std::size_t max_size, std::size_t dimension, Random& random,
                const ClusteringOptions& options) {
  int splits = 0;
  for (;;) {
    const int k = static_cast<int>(run.centroids.size());
    std::vector<std::size_t> sizes(k, 0);
    for (int a : run.assignment) ++sizes[a];
    const int largest =
        static_cast<int>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
    if (sizes[largest] <= max_size || sizes[largest] < 2) break;
    if (!bisect(vectors, members, run, largest, dimension, random, options)) {
      // Members 2-means cannot tell apart (identical words): halves by closeness to the centroid.
      std::vector<std::pair<double, std::size_t>> inner;
      for (std::size_t m = 0; m < members.size(); ++m) {
        if (run.assignment[m] == largest) {
          inner.emplace_back(similarity(vectors[members[m]], run.centroids[largest]), m);
        }
      }
      std::stable_sort(inner.begin(), inner.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (std::size_t r = inner.size() / 2; r < inner.size(); ++r) {
        run.assignment[inner[r].second] = k;
      }
      run.centroids = centroids_of(vectors, members, run.assignment, k + 1, dimension);
    }
    ++splits;
  }
  return splits;
}

}  // namespace

double similarity(const SparseVector& x, const DenseVector& centroid) {
  double sum = 0;
  for (const auto& [d, w] : x) sum += static_cast<double>(w) * centroid[d];
  return sum;
}

Clustering cluster(std::span<const SparseVector> vectors, std::size_t dimension,
                   const ClusteringOptions& options) {
  Clustering result;
  const std::size_t n = vectors.size();
  if (n == 0) return result;
  const std::size_t min_size =
      options.min_size > 0 ? options.min_size : std::max<std::size_t>(2, n / 100);
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  Random random(options.seed);

  // The most themes worth telling apart: sqrt(n / 2) (the rule of thumb in Mardia, Kent & Bibby
  // 1979), within [min_k, max_k], and no more than n / min_size.
  const int by_size = static_cast<int>(std::lround(std::sqrt(static_cast<double>(n) / 2.0)));
  const int max_k =
      std::min({options.max_k, std::max(options.min_k, by_size), static_cast<int>(n / min_size)});
  Run run;
  run.assignment.assign(n, 0);
  run.centroids = centroids_of(vectors, all, run.assignment, 1, dimension);
  if (max_k < std::max(2, options.min_k)) {
    result.assignment = std::move(run.assignment);
    result.centroids = std::move(run.centroids);
    result.chosen_k = 1;
    return result;
  }

  // Bisecting k-means (Steinbach, Karypis & Kumar 2000): split the largest cluster in two with
  // 2-means, refine all clusters with a few Lloyd iterations, and score each k on the way.
  std::vector<Run> levels;  // levels[i]: the clustering with i + 2 clusters
  for (int k = 2; k <= max_k; ++k) {
    std::vector<std::size_t> sizes(run.centroids.size(), 0);
    for (int a : run.assignment) ++sizes[a];
    const int largest =
        static_cast<int>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
    if (!bisect(vectors, all, run, largest, dimension, random, options)) break;
    lloyd(vectors, all, run, dimension, kRefineIterations);
    Run scored = run;
    dissolve_small(vectors, all, scored, min_size, dimension);
    if (k >= options.min_k)
      result.scores.emplace_back(k, simplified_silhouette(vectors, all, scored));
    levels.push_back(run);
  }
  if (levels.empty()) {
    result.assignment = std::move(run.assignment);
    result.centroids = std::move(run.centroids);
    result.chosen_k = 1;
    return result;
  }
  // The fewest clusters whose silhouette is within kSilhouetteSlack of the best: when the data
  // hardly tells k apart, fewer, broader themes read better.
  double best = -2;
  for (const auto& [k, score] : result.scores) best = std::max(best, score);
  int chosen = levels.size() + 1;
  for (const auto& [k, score] : result.scores) {
    if (score >= best - kSilhouetteSlack * std::abs(best)) {
      chosen = k;
      break;
    }
  }
  result.chosen_k = chosen;
  run = levels[chosen - 2];
  result.dissolved = dissolve_small(vectors, all, run, min_size, dimension);
  if (n >= 10) {
    const auto max_size = static_cast<std::size_t>(options.max_share * static_cast<double>(n));
    result.splits = split_large(vectors, all, run, std::max<std::size_t>(1, max_size), dimension,
                                random, options);
  }
  result.assignment = std::move(run.assignment);
  result.centroids = std::move(run.centroids);
  return result;
}

}  // namespace ah::brief
