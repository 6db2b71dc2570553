// Ranking a radar's candidates: the pool (categories, venues, sources bound it; followed authors
// and keywords pull papers in from outside; exclusions, seeds, 👎 and already-seen papers always
// stay out), each candidate's signals (one file each: taste_model.h, semantic.h, bm25.h,
// authors.h, priors.h, recency.h) normalised to [0, 1], their weighted sum (SignalWeights), the
// best `limit` sorted, and explanations for those. Batches and paging over the result: batch.h.
// Thread-safety: rank() only reads index and radar; a Workspace is one caller's at a time.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <unordered_set>
#include <vector>

#include "core/error.h"
#include "radar/explain.h"
#include "radar/feature_index.h"
#include "radar/radar.h"

namespace ah::radar {

// Each signal's normalised value for one paper (0..1), as the API returns the score's parts.
struct SignalScores {
  float taste = 0, semantic = 0, bm25 = 0, authors = 0, priors = 0, recency = 0;
  bool operator==(const SignalScores&) const = default;
};

struct RankedPaper {
  PaperId id = 0;
  Row row = 0;
  double score = 0;      // sum of weights * signals
  SignalScores signals;  // the parts
  std::vector<Why> why;  // filled for the papers returned when RankRequest::explain
};

// Below this many candidates a second thread costs more than it saves.
inline constexpr std::size_t kParallelFrom = 8'192;

struct RankRequest {
  // Candidates: papers whose day lies in [since, until] (FeatureIndex::day; days since
  // 1970-01-01, day_number()), or exactly `rows` when given.
  int since = std::numeric_limits<int>::min();
  int until = std::numeric_limits<int>::max();
  std::span<const Row> rows;
  bool use_rows = false;
  // How many of the best to return, best first. 0: all candidates.
  std::size_t limit = 100;
  // Papers that never come back (shown in this session, dismissed, read).
  const std::unordered_set<PaperId>* skip = nullptr;
  bool explain = true;
  // The reference day for recency; kNoDay: the newest candidate's day.
  int today = kNoDay;
  // Replaces the radar's SignalWeights for this ranking (ablations and tuning).
  std::optional<SignalWeights> weights;
  // With 2 or more, a ranking of at least `parallel_from` candidates scores them in two halves,
  // one on a thread of its own (the same answer in about half the time on two cores).
  int threads = 1;
  std::size_t parallel_from = kParallelFrom;
};

// Per-column scratch table of one ranking: the taste, author and lexical-similarity weights of
// the columns the radar weighs (tens of thousands of a vocabulary of millions), kept by the
// caller between rankings so a ranking allocates nothing. The weights are packed in column
// order, and a bit per column with a running count per 64 columns finds a column's slot (a
// rank query on a bit vector): the packed table and the bits stay in cache, where a table as
// large as the vocabulary cost a cache miss per weighted column of every candidate.
// One per thread.
class Workspace {
 public:
  struct Weights {
    float taste = 0, author = 0, lexical = 0;
  };
  // Starts a new table for an index of `columns` columns (forgets the previous one).
  void begin(std::size_t columns);
  // Weights of one signal are best given in increasing column order (the models keep them so):
  // seal() then merges them in linear time (else it sorts them first).
  void set_taste(Column c, float w) { pending_[0].emplace_back(c, w); }
  void set_author(Column c, float w) { pending_[1].emplace_back(c, w); }
  void set_lexical(Column c, float w) { pending_[2].emplace_back(c, w); }
  // Packs what was set; find() answers from then on. A column set twice for one signal keeps
  // the last value.
  void seal();
  // The column's weights, or nullptr when the radar gives it none.
  const Weights* find(Column c) const {
    const std::uint64_t word = mask_[c >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (c & 63);
    if ((word & bit) == 0) return nullptr;
    return &packed_[rank_[c >> 6] + static_cast<std::uint32_t>(std::popcount(word & (bit - 1)))];
  }
  std::size_t weighted() const { return packed_.size(); }
  std::size_t memory_bytes() const;

 private:
  std::vector<std::pair<Column, float>> pending_[3];  // taste, author, lexical
  std::vector<Weights> packed_;       // by rank of the column among the weighted ones
  std::vector<std::uint64_t> mask_;   // bit c: column c is weighted
  std::vector<std::uint32_t> rank_;   // weighted columns before word w of mask_
  std::vector<std::size_t> touched_;  // words of mask_ with a bit set
};

// Ranks `request`'s candidates for `radar` over `index` (the index the radar was learned on).
// Returns the best `limit` by score, ties broken by newer day then higher id (deterministic).
// Errors: none expected today (the Result leaves room for a candidate source that can fail).
// `workspace` may be null (one is made for the call).
Result<std::vector<RankedPaper>> rank(const FeatureIndex& index, const Radar& radar,
                                      const RankRequest& request, Workspace* workspace = nullptr);

}  // namespace ah::radar
