// A radar: a profile (profile.h) and what is learned from it over one FeatureIndex — the taste
// model, the semantic centroid, the positive and negative papers — kept between rankings so that
// a vote retrains in milliseconds (update()). Ranking itself is ranker.h. Thread-safety: a Radar
// is a value; const methods may run concurrently, create/update need exclusive access.
#pragma once

#include <cstddef>
#include <vector>

#include "core/error.h"
#include "radar/authors.h"
#include "radar/bm25.h"
#include "radar/column_table.h"
#include "radar/feature_index.h"
#include "radar/profile.h"
#include "radar/recency.h"
#include "radar/semantic.h"
#include "radar/taste_model.h"

namespace ah::radar {

// How much each normalised signal (each in [0, 1]) counts in a paper's score: the weighted sum
// of the signals. Tuned on the development days only (bench/README.md, "Tuning"); the authors
// weight is the largest because a shared author is the strongest single evidence on the real
// data, the taste model next because it sees every feature at once.
struct SignalWeights {
  double taste = 1.0;
  double semantic = 0.5;
  double bm25 = 0.5;
  double authors = 1.5;
  double priors = 0.2;
  double recency = 0.1;
};

struct RadarOptions {
  TasteOptions taste;
  SemanticOptions semantic;
  Bm25Options bm25;
  AuthorOptions authors;
  RecencyOptions recency;
  SignalWeights weights;
};

class Radar {
 public:
  // Learns the profile over `index`: seeds and 👍 are the positives, 👎 the negatives (ids not in
  // the index are ignored and listed by missing()). Errors: internal when liblinear fails.
  static Result<Radar> create(const FeatureIndex& index, RadarProfile profile,
                              const RadarOptions& options = {});

  // Takes a changed profile (a vote, a new seed, edited keywords) and retrains: the taste model
  // starts from its previous weights on the same cached background sample, so one vote costs a
  // few milliseconds (bench/README.md). The index must be the one the radar was created on (it
  // may have grown since).
  Result<void> update(const FeatureIndex& index, RadarProfile profile);

  const RadarProfile& profile() const { return profile_; }
  const RadarOptions& options() const { return options_; }
  const TasteModel& taste() const { return taste_; }
  const SemanticSignal& semantic() const { return semantic_; }
  std::span<const Row> positives() const { return positives_; }  // seeds and 👍, sorted
  std::span<const Row> negatives() const { return negatives_; }  // 👎, sorted
  std::span<const Row> seeds() const { return seed_rows_; }      // sorted
  // Seed and voted ids the index does not have.
  std::span<const PaperId> missing() const { return missing_; }
  // What the radar prepared for ranking when it learned: the author signal, and the per-column
  // weights of the taste model, the authors and the lexical similarity as the ranker reads them.
  // nullptr when `index` has grown since (the author weights depend on the index's counts, and a
  // followed author may have a column now): the ranker then prepares them for the call.
  const ColumnTable* table(const FeatureIndex& index) const {
    return current(index) ? &table_ : nullptr;
  }
  const AuthorSignal* authors(const FeatureIndex& index) const {
    return current(index) ? &authors_ : nullptr;
  }
  std::size_t memory_bytes() const;

 private:
  Result<void> learn(const FeatureIndex& index);

  RadarProfile profile_;
  RadarOptions options_;
  std::vector<Row> positives_, negatives_, seed_rows_;
  std::vector<PaperId> missing_;
  TasteModel taste_;
  SemanticSignal semantic_;
  bool current(const FeatureIndex& index) const {
    return index.size() == learned_papers_ && index.columns_count() == table_.columns();
  }

  AuthorSignal authors_;
  ColumnTable table_;
  std::size_t learned_papers_ = 0;  // index.size() when authors_ and table_ were made
};

// Fills `table` with the radar's per-column weights over `index` as it is now, `authors` being
// the radar's author signal prepared over it (what learning does, and what the ranker does for
// an index that has grown since).
void fill_table(const FeatureIndex& index, const Radar& radar, const AuthorSignal& authors,
                ColumnTable& table);

}  // namespace ah::radar
