#include "sched/plan.h"

#include <gtest/gtest.h>

#include "core/calendar.h"
#include "coverage/coverage.h"

namespace ah::sched {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TimePoint at(std::string_view iso) { return *core::parse_utc_time(iso); }

catalogue::Cadence every(seconds s) { return {s, std::nullopt}; }
catalogue::Cadence daily_at(int h, int m) { return {seconds(0), minutes(h * 60 + m)}; }

TEST(Plan, NextRegularRun) {
  struct Case {
    catalogue::Cadence cadence;
    const char* started;
    const char* next;
  };
  const Case cases[] = {
      {every(hours(6)), "2026-03-02T06:00:00Z", "2026-03-02T12:00:00Z"},
      {every(minutes(90)), "2026-03-02T23:00:00Z", "2026-03-03T00:30:00Z"},
      {daily_at(5, 30), "2026-03-02T01:00:00Z", "2026-03-02T05:30:00Z"},
      {daily_at(5, 30), "2026-03-02T05:30:00Z", "2026-03-03T05:30:00Z"},
      {daily_at(5, 30), "2026-03-02T07:10:00Z", "2026-03-03T05:30:00Z"},
      {daily_at(0, 0), "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(next_regular(c.cadence, at(c.started)), at(c.next))
        << catalogue::describe(c.cadence) << " after " << c.started;
  }
}

TEST(Plan, BackoffDoublesUpToItsCapAndNeverPassesTheNextRegularRun) {
  const Backoff b;  // 5 minutes doubling to 6 hours
  const TimePoint t = at("2026-03-02T06:00:00Z");
  const seconds expected[] = {minutes(5),   minutes(10),  minutes(20), minutes(40), minutes(80),
                              minutes(160), minutes(320), hours(6),    hours(6)};
  for (int failures = 1; failures <= 9; ++failures) {
    EXPECT_EQ(after_failure(every(hours(24)), failures, t, t, b) - t, expected[failures - 1])
        << failures;
  }
  // A 30-minute cadence: its next regular run comes before a long back-off.
  EXPECT_EQ(after_failure(every(minutes(30)), 5, t, t + minutes(1), b), t + minutes(30));
  // A run that took longer than its cadence: the back-off counts from now.
  EXPECT_EQ(after_failure(every(minutes(30)), 1, t, t + hours(1), b), t + hours(1) + minutes(5));
  EXPECT_EQ(after_failure(every(hours(24)), 1000, t, t, b), t + hours(6));
}

TEST(Plan, SpentBudgetWaitsForTheNextUtcDay) {
  const TimePoint t = at("2026-03-02T06:00:00Z");
  EXPECT_EQ(after_budget_spent(every(hours(1)), t, t + minutes(3)), at("2026-03-03T00:05:00Z"));
  EXPECT_EQ(after_budget_spent(every(hours(48)), t, t), at("2026-03-04T06:00:00Z"));
}

}  // namespace
}  // namespace ah::sched
