// Batches of a ranked list (换一批): maximal marginal relevance (Carbonell & Goldstein, "The Use of
// MMR, Diversity-Based Reranking for Reordering Documents and Producing Summaries", SIGIR 1998)
// so near-duplicates never fill a batch, and paging that walks down the list without repeats.
//
//   next = argmax over d in window \ batch of
//            lambda * rel(d) - (1 - lambda) * max over b in batch of sim(d, b)
//   rel(d) = score(d) / score(best in window)  (in [0, 1], as sim is)
//   sim    = cosine of the two papers' TF-IDF vectors (near-duplicates share phrases: 0.5-0.9;
//            two papers of one topic 0.1-0.3)
//
// Parameters (MmrOptions):
//  - lambda = 0.7 (range 0..1; 1 = plain ranking): measured on the development days, 0.7 keeps
//    nDCG@10 within a few percent of the plain ranking while no batch holds two papers above
//    cosine 0.5 (bench/README.md, "Diversity"); Carbonell & Goldstein found 0.7 a good default
//    too.
//  - window = 3: MMR chooses each batch from the next window * size unseen papers, so it
//    reorders locally and never reaches deep into the list.
// Thread-safety: pure functions over const inputs.
#pragma once

#include <cstddef>
#include <span>
#include <unordered_set>
#include <vector>

#include "radar/feature_index.h"
#include "radar/ranker.h"

namespace ah::radar {

struct MmrOptions {
  double lambda = 0.7;
  std::size_t window = 3;
};

// Cosine of two rows' TF-IDF vectors (rows are l2-normalised, so their dot product).
float tfidf_cosine(const FeatureIndex& index, Row a, Row b);

// Indexes into `ranked` (best first) of `size` papers chosen by MMR from all of `ranked`, in
// the order chosen.
std::vector<std::size_t> mmr_select(const FeatureIndex& index, std::span<const RankedPaper> ranked,
                                    std::size_t size, const MmrOptions& options = {});

// The next batch of a session: walks `ranked` (best first) past every paper in `seen` (shown in
// this session, dismissed, read), takes the next window * size of the rest and picks `size` of
// them by MMR. The caller adds the batch's ids to `seen` before asking for the next one, so no
// paper is ever shown twice; papers of the window left out stay first in line for the next batch.
std::vector<RankedPaper> next_batch(const FeatureIndex& index, std::span<const RankedPaper> ranked,
                                    const std::unordered_set<PaperId>& seen, std::size_t size,
                                    const MmrOptions& options = {});

}  // namespace ah::radar
