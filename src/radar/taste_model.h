// Signal 1, the taste model: a radar's own linear classifier over the index's TF-IDF features,
// L2-regularised logistic regression (liblinear, Fan et al., "LIBLINEAR: A Library for Large
// Linear Classification", JMLR 9, 2008; solver L2R_LR, trust-region Newton), trained on the seeds
// and 👍 papers as positives and the 👎 papers and a sample of background papers as negatives.
// It is arxiv-sanity-lite's idea (a per-user linear model over TF-IDF; there an SVM over all
// papers) made cheap enough to retrain on every vote: the background is a fixed sample, cached
// with its feature vectors, and training starts from the previous weights.
//
//   score(p) = w . x(p) + b,   x(p) = the paper's l2-normalised TF-IDF vector;
//   normalised = 1 / (1 + exp(-score)) (the model's probability of "positive", in (0, 1)).
//
// Parameters (TasteOptions):
//  - c = 1.0 (range 0.01..100): liblinear's C, inverse regularisation strength. Smaller C keeps
//    the model near the seeds' common terms, larger C lets single rare terms decide.
//  - background = 1000 (range 100..10000): background papers sampled as negatives. They teach
//    the model what the corpus looks like, so terms every paper has get no weight.
//  - down_vote_copies = 5: a 👎 paper counts as this many background papers (liblinear has no
//    per-instance weights, so the row is repeated): it was judged, the background was not.
//  - balanced classes: each class's C is scaled by n / (2 n_class) (scikit-learn's "balanced"),
//    so a radar with 3 seeds and one with 300 get comparable scores.
//  - eps = 0.01: liblinear's stopping tolerance for L2R_LR (its default).
// The values are those measured best on the development days (bench/README.md, "Tuning").
// Thread-safety: a TasteModel is a value; train/update need exclusive access, score is const.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"
#include "radar/column_table.h"
#include "radar/feature_index.h"

namespace ah::radar {

struct TasteOptions {
  double c = 1.0;
  std::size_t background = 1000;
  int down_vote_copies = 5;
  double eps = 0.01;
  std::uint64_t seed = 1;  // background sample
};

class TasteModel {
 public:
  TasteModel() = default;

  // Trains on `positive` and `negative` rows plus the cached background sample (drawn from
  // `index` on first use, never a positive or negative row). When the model was trained before,
  // training starts from its weights (liblinear's init_sol), which makes a retrain after one
  // vote a few Newton steps. A model with no positive row is empty (scores 0, normalised 0.5).
  // Errors: internal when liblinear rejects the problem.
  Result<void> train(const FeatureIndex& index, std::span<const Row> positive,
                     std::span<const Row> negative, const TasteOptions& options);

  bool empty() const { return weights_.empty(); }
  // Weights per index column, idf folded in (w_c * idf_c), for the ColumnTable; bias apart.
  const std::vector<std::pair<Column, float>>& weights() const { return weights_; }
  float bias() const { return bias_; }
  // The decision value w . x(row) + b, computed directly (the ranker uses the ColumnTable).
  float score(const FeatureIndex& index, Row row) const;
  static float normalise(float score);
  // The row's features that add most to its score, best first (at most `k`, positive only).
  // The weights are read from `table`, which holds these weights (the radar's: Radar::table).
  std::vector<std::pair<Column, float>> top_terms(const FeatureIndex& index, Row row, std::size_t k,
                                                  const ColumnTable& table) const;
  std::size_t memory_bytes() const;

 private:
  void sample_background(const FeatureIndex& index, std::span<const Row> exclude,
                         const TasteOptions& options);

  std::vector<Row> background_;
  // Local feature ids (liblinear's, 1-based) for the columns seen in training, kept across
  // retrains so the previous solution lines up with the new problem.
  std::vector<Column> local_columns_;      // local id - 1 -> column
  std::unordered_map<Column, int> local_;  // column -> local id
  std::vector<double> solution_;           // previous w by local id - 1
  double solution_bias_ = 0;
  // The background rows' feature vectors in local ids, cached across retrains.
  std::vector<std::pair<int, float>> background_nodes_;
  std::vector<std::size_t> background_start_;
  std::vector<std::pair<Column, float>> weights_;  // sorted by column
  float bias_ = 0;
};

}  // namespace ah::radar
