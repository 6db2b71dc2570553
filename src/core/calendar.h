// Calendar days and UTC times as text: a day is "YYYY-MM-DD" (UTC), a time is ISO 8601 UTC to
// the second ("2026-12-02T01:30:00Z"; such strings compare in time order). The one place days
// and times in these forms are read and written (normalize_date, text.h, brings sources' other
// forms to them). Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ah::core {

// The day of exactly "YYYY-MM-DD", a real calendar day ("2024-02-29" yes, "2023-02-29" no,
// "2024-02-29T10:00:00Z" no: see leading_day), or nullopt.
std::optional<std::chrono::sys_days> parse_day(std::string_view text);

// The day a date or time begins with: its first ten characters read by parse_day
// ("2024-02-29T10:00:00Z" is 2024-02-29), or nullopt.
std::optional<std::chrono::sys_days> leading_day(std::string_view text);

// True when parse_day reads `text`.
bool valid_day(std::string_view text);

// The instant of exactly "YYYY-MM-DDTHH:MM:SSZ" (the form utc_time writes) on a real calendar
// day, hours 00-23, minutes 00-59, seconds 00-60, or nullopt (other zones, fractions, a missing
// field or anything after the "Z" included). A leap second, ":60", is the instant of the next
// minute's ":00", as in POSIX time (system_clock has no leap seconds).
std::optional<std::chrono::sys_seconds> parse_utc_time(std::string_view text);

// "YYYY-MM-DD" of a day.
std::string day_text(std::chrono::sys_days day);

// The UTC day of `t`: "2026-12-02".
std::string day_of(std::chrono::system_clock::time_point t);

// `t` in ISO 8601 UTC to the second: "2026-12-02T01:30:00Z".
std::string utc_time(std::chrono::system_clock::time_point t);

// The wall clock, where stores and harvesters read the time they stamp rows and records with:
// an options field of this type is the boundary through which tests fix it. Empty: the system
// clock.
using WallClock = std::function<std::chrono::system_clock::time_point()>;

// The time `clock` says (the system clock's when `clock` is empty), and the same as utc_time.
std::chrono::system_clock::time_point now(const WallClock& clock);
std::string utc_now(const WallClock& clock);

// The day `days` days after `day` (before, when negative): add_days("2024-03-01", -1) is
// "2024-02-29". Empty when `day` is not valid_day.
std::string add_days(std::string_view day, int days);

}  // namespace ah::core
