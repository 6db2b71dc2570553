// Signal 2, semantic similarity: how close a paper is to the radar's positive papers (seeds and
// 👍), in two parts that are averaged:
//  - lexical: the cosine of the paper's TF-IDF vector (the index's features: stemmed words and
//    two-word phrases; author names left out, they are the authors signal) with the centroid of
//    the positives' TF-IDF vectors (Rocchio's profile vector, "Relevance Feedback in Information
//    Retrieval", 1971), divided by the positives' own mean cosine with it, so that a paper as
//    close to the centre as a typical seed scores 1 whether the radar has 3 seeds or 300;
//  - vectors: the cosine with the index's paper vectors (word_vectors.h: fastText word vectors
//    trained on the corpus's own abstracts, SIF-weighted means), which catches related wording
//    the TF-IDF features miss ("sparse attention" vs "token pruning in transformers").
//
//   lexical(p)  = min(1, cos(x(p), c) / mean over positives q of cos(x(q), c)),
//                 c = sum of the positives' l2-normalised TF-IDF vectors (words and phrases)
//   vectors(p)  = max(0, cos(v(p), mean of the positives' unit vectors))   (centroid mode)
//               = max(0, max over positives q of cos(v(p), v(q)))          (max mode)
//   normalised  = lexical_share * lexical(p) + (1 - lexical_share) * vectors(p)
//                 (vectors alone when the index has no vectors and lexical_share < 1 would
//                 leave part of the range unused: then lexical(p) alone)
//
// Parameters (SemanticOptions):
//  - mode = centroid. Measured on the development days (bench/README.md): the centroid ranks
//    better than the maximum (a single seed's neighbour is often off-topic for the researcher
//    as a whole) and costs one dot product a paper instead of one per seed, which keeps a
//    million papers inside the time budget.
//  - lexical_share = 0.5 (0..1): measured on the development days (bench/README.md, "Tuning").
//    The mean cosine with the seeds' TF-IDF ranks an author's next papers better than any other
//    single content signal there; the word vectors, trained on a few thousand abstracts, add
//    less, but add.
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
  double lexical_share = 0.5;
};

class SemanticSignal {
 public:
  SemanticSignal() = default;
  // Empty (scores 0) when there are no positives, or the positives have neither words nor
  // vectors.
  static SemanticSignal prepare(const FeatureIndex& index, std::span<const Row> positives,
                                const SemanticOptions& options);
  bool empty() const { return centroid_.empty() && lexical_.empty(); }
  // The normalised score (0..1) of one paper, computed directly.
  float score(const FeatureIndex& index, Row row) const;
  // The same from its parts, for the ranker's per-column tables: `lexical_sum` is the sum over
  // the row's features of lexical_weights()' weight * tf_weight(tf), times the row's
  // inverse_norm; `vector_cosine` is vector_score().
  float combine(float lexical_sum, float vector_cosine) const;
  float vector_score(const FeatureIndex& index, Row row) const;
  // The most the vector part adds to the normalised score (1 - the lexical share).
  float vector_share() const { return 1.0f - lexical_share_; }
  // (column, weight) of the lexical centroid, idf and the normalisation folded in, sorted by
  // column: lexical(p) = min(1, sum over p's features of weight * tf_weight(tf) * inverse_norm).
  const std::vector<std::pair<Column, float>>& lexical_weights() const { return lexical_; }
  // Kept for callers of the vector part alone: max(0, s).
  static float normalise(float s) { return s > 0 ? s : 0; }
  // The positives closest to `row` by cosine, best first, at most `k` and at least `min_cosine`.
  std::vector<std::pair<Row, float>> nearest(const FeatureIndex& index, Row row, std::size_t k,
                                             float min_cosine) const;
  std::span<const float> centroid() const { return centroid_; }
  std::size_t memory_bytes() const;

 private:
  SemanticMode mode_ = SemanticMode::centroid;
  float lexical_share_ = 0.5f;  // 0 when there is no lexical part, 1 when no vectors
  std::vector<std::pair<Column, float>> lexical_;
  std::vector<float> centroid_;
  std::vector<Row> rows_;
  std::vector<float> vectors_;  // the positives' vectors, dequantised, rows_.size() x dim
};

}  // namespace ah::radar
