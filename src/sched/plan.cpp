#include "sched/plan.h"

#include <algorithm>

namespace ah::sched {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;

TimePoint next_regular(const catalogue::Cadence& cadence, TimePoint started) {
  if (!cadence.at) return started + std::max(cadence.every, seconds(1));
  const auto day = std::chrono::floor<days>(started);
  TimePoint next = day + *cadence.at;
  if (next <= started) next += days(1);
  return next;
}

TimePoint after_failure(const catalogue::Cadence& cadence, int failures, TimePoint started,
                        TimePoint now, const Backoff& backoff) {
  seconds delay = backoff.first;
  for (int i = 1; i < failures && delay < backoff.cap; ++i) delay *= 2;
  delay = std::min(delay, backoff.cap);
  const TimePoint regular = next_regular(cadence, started);
  const TimePoint retry = now + delay;
  return regular > now ? std::min(retry, regular) : retry;
}

TimePoint after_budget_spent(const catalogue::Cadence& cadence, TimePoint started, TimePoint now) {
  const TimePoint reset = std::chrono::floor<days>(now) + days(1) + minutes(5);
  return std::max(next_regular(cadence, started), reset);
}

}  // namespace ah::sched
