#include "store/sqlite/day_index.h"

#include <algorithm>

#include "store/sqlite/encoding.h"

namespace ah::store::sqlite {

Result<void> DayIndex::load(Db& db) {
  days_.clear();
  counts_.clear();
  cumulative_.clear();
  auto stmt = db.cached(
      "SELECT day, papers - notices FROM paper_days WHERE papers - notices > 0 ORDER BY day");
  if (!stmt) return std::unexpected(stmt.error());
  std::int64_t sum = 0;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    days_.push_back((*stmt)->int64(0));
    counts_.push_back((*stmt)->int64(1));
    sum += counts_.back();
    cumulative_.push_back(sum);
  }
  (*stmt)->reset();
  return {};
}

std::int64_t DayIndex::docs_upto(std::int64_t id) const {
  if (id < 0) return 0;
  const std::int64_t day = day_of_id(id);
  auto it = std::lower_bound(days_.begin(), days_.end(), day);
  const size_t i = static_cast<size_t>(it - days_.begin());
  std::int64_t before = i == 0 ? 0 : cumulative_[i - 1];
  if (it == days_.end() || *it != day) return before;
  const std::int64_t sequence = id & kMaxSequence;
  return before + std::min(counts_[i], sequence);
}

std::int64_t DayIndex::docs_between(std::int64_t lo, std::int64_t hi) const {
  if (hi < lo) return 0;
  return docs_upto(hi) - docs_upto(lo - 1);
}

std::int64_t DayIndex::window_start(std::int64_t hi, std::int64_t docs, std::int64_t lo) const {
  const std::int64_t target = docs_upto(hi) - docs;  // papers that stay below the window
  if (target <= docs_upto(lo - 1)) return lo;
  // The day holding paper number target + 1 (in id order) starts the window.
  auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
  if (it == cumulative_.end()) return lo;
  const size_t i = static_cast<size_t>(it - cumulative_.begin());
  const std::int64_t before = i == 0 ? 0 : cumulative_[i - 1];
  const std::int64_t id = first_id_of_day(days_[i]) + (target - before) + 1;
  return std::max(lo, id);
}

}  // namespace ah::store::sqlite
