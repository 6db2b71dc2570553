// Signal 2, semantic similarity: how close a paper's meaning is to the radar's positive papers
// (seeds and 👍), with the index's paper vectors (word_vectors.h: fastText word vectors trained on
// the corpus's own abstracts, SIF-weighted means). It catches related wording the TF-IDF
// features miss ("sparse attention" vs "token pruning in transformers").
//
//   centroid mode:  s(p) = cos(v(p), mean of the positives' unit vectors)
//   max mode:       s(p) = max over positives q of cos(v(p), v(q))
//   normalised = max(0, s) (cosines of SIF vectors below 0 mean "unrelated" as much as 0 does).
//
// Parameters (SemanticOptions): mode = centroid. Measured on the development days
// (bench/README.md): the centroid ranks better than the maximum (a single seed's neighbour is
// often off-topic for the researcher as a whole) and costs one dot product a paper instead of one
// per seed, which keeps a million papers inside the time budget.
// Thread-safety: a prepared SemanticSignal is an immutable value.
#pragma once

#include <span>
#include <utility>
#include <vector>

#include "radar/feature_index.h"

namespace ah::radar {

enum class SemanticMode { centroid, max };

struct SemanticOptions {
  SemanticMode mode = SemanticMode::centroid;
};

class SemanticSignal {
 public:
  SemanticSignal() = default;
  // Empty (scores 0) when the index has no vectors or no positive has one.
  static SemanticSignal prepare(const FeatureIndex& index, std::span<const Row> positives,
                                const SemanticOptions& options);
  bool empty() const { return centroid_.empty(); }
  float score(const FeatureIndex& index, Row row) const;
  static float normalise(float s) { return s > 0 ? s : 0; }
  // The positives closest to `row` by cosine, best first, at most `k` and at least `min_cosine`.
  std::vector<std::pair<Row, float>> nearest(const FeatureIndex& index, Row row, std::size_t k,
                                             float min_cosine) const;
  std::span<const float> centroid() const { return centroid_; }
  std::size_t memory_bytes() const;

 private:
  SemanticMode mode_ = SemanticMode::centroid;
  std::vector<float> centroid_;
  std::vector<Row> rows_;
  std::vector<float> vectors_;  // the positives' vectors, dequantised, rows_.size() x dim
};

}  // namespace ah::radar
