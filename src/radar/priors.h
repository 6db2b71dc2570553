// Signal 5, venue, source and category priors: how often the radar's positive papers (seeds and
// 👍) share the paper's venue, source or arXiv category, against how often its 👎 papers do.
// A radar seeded with computational-linguistics papers leans to cs.CL; one whose seeds are
// Nature Methods papers leans to that journal.
//
//   share_k(f) = (positives with facet f + 0.5) / (positives + 1)          (k: category, venue,
//   base_k(f)  = (papers with f) / (papers)                                    source)
//   down_k(f)  = (down-voted with f) / (down-voted + 1)
//   prior_k(p) = max over p's facets f of kind k of  share_k(f) - base_k(f) - down_k(f)
//                (0 when none): what the positives have beyond what every paper has, so a source
//                all papers share, or cs.CV in a corpus that is half cs.CV, weighs little.
//   raw(p)     = mean of prior_k(p) over the kinds any positive paper has
//   normalised = clamp(raw, 0, 1)
// The +0.5 / +1 (Jeffreys-style smoothing) keeps one seed from making its category certain.
// Parameters: none beyond the smoothing above; the signal's weight is tuned with the others.
// Thread-safety: a prepared PriorSignal is an immutable value.
#pragma once

#include <span>
#include <utility>
#include <vector>

#include "radar/feature_index.h"

namespace ah::radar {

class PriorSignal {
 public:
  PriorSignal() = default;
  static PriorSignal prepare(const FeatureIndex& index, std::span<const Row> positives,
                             std::span<const Row> down_voted);
  bool empty() const { return kinds_ == 0; }
  float score(const FeatureIndex& index, Row row) const;
  static float normalise(float raw) { return raw < 0 ? 0 : raw > 1 ? 1 : raw; }
  // The paper's facets that its prior rests on (those with a positive share), best first.
  std::vector<std::pair<Facet, float>> reasons(const FeatureIndex& index, Row row) const;

 private:
  std::vector<std::pair<Facet, float>> prior_;  // sorted by facet; author ids excluded
  int kinds_ = 0;                               // kinds present among the positives
  float kind_weight_[4] = {0, 0, 0, 0};         // 1 / kinds_ for each present kind
};

}  // namespace ah::radar
