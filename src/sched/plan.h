// When a source runs next: its cadence after a run, back-off after failures, the wait for a spent
// budget. Pure functions; thread-safe.
#pragma once

#include <chrono>

#include "catalogue/source_entry.h"
#include "sched/clock.h"

namespace ah::sched {

// Capped exponential back-off after failed runs: first, 2 x first, 4 x first, ... at most cap.
// 5 minutes doubling to 6 hours: a host that is down for a day costs eleven tries, not
// seventy-two at a cadence of twenty minutes, and one that is back is tried again soon.
struct Backoff {
  std::chrono::seconds first{std::chrono::minutes(5)};
  std::chrono::seconds cap{std::chrono::hours(6)};
};

// The next regular run after one that started at `started`: `started + every`, or the first
// `at` time of day (UTC) after `started`.
TimePoint next_regular(const catalogue::Cadence& cadence, TimePoint started);

// After the `failures`-th failed run in a row (>= 1) that started at `started`, ending at `now`:
// now + the back-off, but no later than the next regular run (when that is still ahead).
TimePoint after_failure(const catalogue::Cadence& cadence, int failures, TimePoint started,
                        TimePoint now, const Backoff& backoff);

// After a run that stopped because a metered API's daily budget was spent: the next regular run,
// but not before 00:05 UTC of the next day, when such budgets reset (OpenAlex's does at
// midnight UTC).
TimePoint after_budget_spent(const catalogue::Cadence& cadence, TimePoint started, TimePoint now);

}  // namespace ah::sched
