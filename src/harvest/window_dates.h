// Calendar days as the harvesters' date windows use them: "YYYY-MM-DD" in UTC, and times in
// ISO 8601 UTC. Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace ah::harvest {

// The UTC day of `t`: "2026-12-02".
std::string day_of(std::chrono::system_clock::time_point t);

// `t` in ISO 8601 UTC to the second: "2026-12-02T01:30:00Z" (such strings compare in time order).
std::string utc_time(std::chrono::system_clock::time_point t);

// True for a real calendar day written YYYY-MM-DD ("2024-02-29" yes, "2023-02-29" no).
bool valid_day(std::string_view text);

// The day `days` days after `day` (before, when negative): add_days("2024-03-01", -1) is
// "2024-02-29". Empty when `day` is not valid_day.
std::string add_days(std::string_view day, int days);

}  // namespace ah::harvest
