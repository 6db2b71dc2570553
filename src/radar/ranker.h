// Ranking a radar's candidates: the pool (categories, venues, sources bound it; followed authors
// and keywords pull papers in from outside; exclusions, seeds, 👎 and already-seen papers always
// stay out), each candidate's signals (one file each: taste_model.h, semantic.h, bm25.h,
// authors.h, priors.h, recency.h) normalised to [0, 1], their weighted sum (SignalWeights), the
// best `limit` sorted, and explanations for those. Batches and paging over the result: batch.h.
// Thread-safety: rank() only reads index and radar.
#pragma once

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
// Below this many candidates, summing by columns costs more than it saves (RankRequest).
inline constexpr std::size_t kSumByColumnsFrom = 8'192;

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
  // With 2 or more (at most 8 are used), a ranking of at least `parallel_from` candidates is
  // scored by that many threads, this one among them, taking chunks of the candidates in turn
  // (the same answer in about half the time on two cores).
  int threads = 1;
  std::size_t parallel_from = kParallelFrom;
  // From this many candidates, those in the index's posting window are summed column by column
  // (FeatureIndex::postings, ColumnTable::sum_part) when they fill at least half of the span of
  // rows they lie in: the same scores, bit for bit, faster for the last days' papers. Below it
  // (a day's papers), walking ~90,000 weighted columns' lists costs more than it saves.
  std::size_t sum_by_columns_from = kSumByColumnsFrom;
};

// Ranks `request`'s candidates for `radar` over `index` (the index the radar was learned on).
// Returns the best `limit` by score, ties broken by newer day then higher id (deterministic).
// Errors: none expected today (the Result leaves room for a candidate source that can fail).
// The radar's column table (Radar::table) is used when it matches the index; else one is
// filled for the call.
Result<std::vector<RankedPaper>> rank(const FeatureIndex& index, const Radar& radar,
                                      const RankRequest& request);

}  // namespace ah::radar
