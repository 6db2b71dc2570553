// Days and times as text: what parse_day, leading_day and parse_utc_time read, and the
// arithmetic on days.
#include "core/calendar.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace ah::core {
namespace {

using std::chrono::sys_days;

TEST(Calendar, ReadsRealCalendarDaysOnly) {
  struct Case {
    const char* text;
    bool exact, leading;  // parse_day reads it; leading_day reads it
  };
  const Case cases[] = {
      {"2024-02-29", true, true},
      {"2000-02-29", true, true},    // a leap year of 400
      {"1900-02-29", false, false},  // no leap year of 100
      {"2024-04-31", false, false},
      {"2024-01-32", false, false},
      {"2024-01-x5", false, false},  // the right shape, not digits
      {"2024-0a-05", false, false},
      {"2023-02-29", false, false},  // no leap day that year
      {"2024-13-01", false, false},
      {"2024-00-10", false, false},
      {"2024-02-29T10:00:00Z", false, true},
      {"2024-02-29 and more", false, true},
      {"2024-2-29", false, false},
      {"+024-02-29", false, false},  // a sign is no digit
      {"2024/02/29", false, false},
      {"2024-02", false, false},
      {"", false, false},
      {"junk", false, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(parse_day(c.text).has_value(), c.exact) << c.text;
    EXPECT_EQ(valid_day(c.text), c.exact) << c.text;
    EXPECT_EQ(leading_day(c.text).has_value(), c.leading) << c.text;
  }
  EXPECT_EQ(*leading_day("2024-02-29T23:59:59Z"), *parse_day("2024-02-29"));
  EXPECT_EQ(parse_day("1970-01-01")->time_since_epoch().count(), 0);
}

TEST(Calendar, ReadsUtcTimesOfRealDaysOnly) {
  using std::chrono::hours, std::chrono::minutes, std::chrono::seconds;
  const auto day = sys_days(*parse_day("2024-02-29"));
  struct Case {
    const char* text;
    std::optional<std::chrono::sys_seconds> expected;
  };
  const Case cases[] = {
      {"2024-02-29T10:20:30Z", day + hours(10) + minutes(20) + seconds(30)},
      {"2024-02-29T00:00:00Z", day},
      {"2024-02-29T23:59:59Z", day + hours(23) + minutes(59) + seconds(59)},
      {"2024-02-29T23:59:60Z", day + hours(24)},  // a leap second: the next minute's :00
      {"1970-01-01T00:00:00Z", std::chrono::sys_seconds(seconds(0))},
      {"2023-02-29T10:00:00Z", std::nullopt},  // no leap day that year
      {"2024-02-30T10:00:00Z", std::nullopt},
      {"2024-13-01T10:00:00Z", std::nullopt},
      {"2024-02-29T24:00:00Z", std::nullopt},
      {"2024-02-29T10:60:00Z", std::nullopt},
      {"2024-02-29T10:00:61Z", std::nullopt},
      {"2024-02-29T1:02:03Z", std::nullopt},  // each field has two digits
      {"2024-02-29T+1:02:03Z", std::nullopt},
      {"2024-02-29T10:00:00", std::nullopt},
      {"2024-02-29T10:00:00Z and more", std::nullopt},
      {"2024-02-29T10:00:00.5Z", std::nullopt},
      {"2024-02-29T10:00:00+01:00", std::nullopt},
      {"2024-02-29 10:00:00Z", std::nullopt},
      {"2024-02-29", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(parse_utc_time(c.text), c.expected) << c.text;
}

// The host's time zone must not show: run in one far from UTC (restored after).
class InAnotherTimeZone {
 public:
  explicit InAnotherTimeZone(const char* tz) {
    if (const char* was = std::getenv("TZ")) was_ = was;
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~InAnotherTimeZone() {
    if (was_) {
      ::setenv("TZ", was_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }

 private:
  std::optional<std::string> was_;
};

TEST(Calendar, WritesDaysAndTimesInUtc) {
  InAnotherTimeZone tz("EST5");  // UTC-5: 01:30 UTC is the day before there
  EXPECT_EQ(day_text(*parse_day("2024-02-29")), "2024-02-29");
  EXPECT_EQ(day_text(sys_days(std::chrono::days(0))), "1970-01-01");
  const auto t = std::chrono::sys_days(*parse_day("2026-12-02")) + std::chrono::hours(1) +
                 std::chrono::minutes(30) + std::chrono::milliseconds(999);
  EXPECT_EQ(day_of(t), "2026-12-02");
  EXPECT_EQ(utc_time(t), "2026-12-02T01:30:00Z");
  EXPECT_EQ(utc_time(sys_days(std::chrono::days(-1)) + std::chrono::seconds(59)),
            "1969-12-31T00:00:59Z");
  EXPECT_EQ(parse_utc_time(utc_time(t)), std::chrono::floor<std::chrono::seconds>(t));
}

TEST(Calendar, AddsDaysAcrossMonthsYearsAndLeapDays) {
  struct Case {
    const char* day;
    int days;
    const char* expected;
  };
  const Case cases[] = {
      {"2024-03-01", -1, "2024-02-29"},  {"2023-03-01", -1, "2023-02-28"},
      {"2024-12-31", 1, "2025-01-01"},   {"2024-01-15", 0, "2024-01-15"},
      {"2024-01-15", -30, "2023-12-16"}, {"not a day", 1, ""},
  };
  for (const Case& c : cases) EXPECT_EQ(add_days(c.day, c.days), c.expected) << c.day;
}

}  // namespace
}  // namespace ah::core
