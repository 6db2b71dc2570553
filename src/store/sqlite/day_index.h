// An in-memory copy of paper_days (papers per day of sort date) for cheap document counts over
// ranges of date-ordered row ids. It counts the papers listings list: notice-only papers are left
// out (migration 0009), so a listing's total is its range's count. Not thread-safe: owned by one
// store instance.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "store/sqlite/db.h"

namespace ah::store::sqlite {

class DayIndex {
 public:
  // Reads paper_days (each day's papers minus its notices). Errors: internal.
  Result<void> load(Db& db);

  std::int64_t total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }

  // Approximately how many papers have an id in [lo, hi]. Whole days are exact; within a day,
  // ids are taken to be the sequences 1..n of its n papers.
  std::int64_t docs_between(std::int64_t lo, std::int64_t hi) const;

  // The id L >= lo such that about `docs` papers have ids in [L, hi] (lo when fewer exist).
  std::int64_t window_start(std::int64_t hi, std::int64_t docs, std::int64_t lo) const;

 private:
  std::int64_t docs_upto(std::int64_t id) const;  // papers with id <= `id`

  std::vector<std::int64_t> days_;        // ascending day keys
  std::vector<std::int64_t> counts_;      // papers on days_[i]
  std::vector<std::int64_t> cumulative_;  // papers on days_[0..i]
};

}  // namespace ah::store::sqlite
