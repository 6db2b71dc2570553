// Signal 4, authors: papers by the authors a radar follows, and by the authors of its positive
// papers (seeds and 👍). People keep working on what they worked on; a researcher's co-authors
// and favourite authors are the surest guide to their next papers (on the real arXiv days, the
// authors of the seed papers alone find an author's next papers at nDCG@10 ~ 0.9:
// bench/README.md).
//
//   raw(p) = sum over p's authors a of  followed(a) ? 1
//                                       : share(a) * (1 - df(a) / N)
//   share(a) = (positive papers with a) / (positive papers);  the factor (1 - df/N) takes the
//              weight from a name on most papers of the corpus (a placeholder, "et al.")
//   normalised = 1 - exp(-saturation * raw)
// Followed authors match by name (author_key, so "Simeng Zhang" = "simeng  zhang") and by
// stable id (core::Author::orcid and Author::ids as facets: "orcid:...", "openalex:...").
//
// Parameters (AuthorOptions):
//  - saturation = 3: a followed author gives 0.95, an author of 1 in 5 seeds 0.45, of 1 in 20
//    seeds 0.14; two seed authors add up.
//  - seed_authors = true: learn from the positives' authors (off for the ablation).
// Thread-safety: a prepared AuthorSignal is an immutable value.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "radar/feature_index.h"
#include "radar/profile.h"

namespace ah::radar {

struct AuthorOptions {
  double saturation = 3.0;
  bool seed_authors = true;
};

class AuthorSignal {
 public:
  AuthorSignal() = default;
  static AuthorSignal prepare(const FeatureIndex& index, const RadarProfile& profile,
                              std::span<const Row> positives, const AuthorOptions& options);
  bool empty() const { return weights_.empty() && followed_ids_.empty(); }
  float score(const FeatureIndex& index, Row row) const;
  // (column, weight) of every weighted author, for the ranker's per-column table; `score` is
  // their sum over the row plus the id match.
  std::vector<std::pair<Column, float>> column_weights() const;
  bool follows_ids() const { return !followed_ids_.empty(); }
  // 1 when a followed author id is on the paper (added to the raw score unless a name matched).
  bool followed_by_id(const FeatureIndex& index, Row row) const;
  float normalise(float raw) const;
  // True when a followed author (by name or id) wrote the paper: it is pulled into the pool.
  bool followed(const FeatureIndex& index, Row row) const;
  // The profile's names (and ids) of followed authors of the paper.
  std::vector<std::string> followed_names(const FeatureIndex& index, Row row) const;
  // The paper's authors that are also authors of positive papers (author keys), with how many
  // positive papers each is on, most first.
  std::vector<std::pair<std::string, int>> seed_authors(const FeatureIndex& index, Row row) const;
  std::size_t memory_bytes() const;

 private:
  struct Weight {
    Column column;
    float weight;
    int positives;      // positive papers with this author
    int followed = -1;  // index into profile.authors when followed by name
  };
  const Weight* weight_of(Column c) const;  // nullptr when the column has no weight

  std::vector<Weight> weights_;                      // sorted by column
  std::vector<std::pair<Facet, int>> followed_ids_;  // facet -> index into profile.author_ids
  std::vector<std::string> names_, ids_;
  float saturation_ = 3.0f;
};

}  // namespace ah::radar
