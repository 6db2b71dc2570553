// Proleptic Gregorian calendar arithmetic on Unix time (UTC) for the corpus generator, with the
// date formats arXiv uses. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace ah::bench {

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, int month, int day);
CivilDate civil_from_days(std::int64_t days);
int days_in_month(int year, int month);

// "Mon, 2 Apr 2007 19:18:42 GMT" (the snapshot's versions[].created), appended to `out`.
void append_rfc2822(std::int64_t unix_seconds, std::string& out);
// "2007-04-02", appended to `out`.
void append_iso_day(std::int64_t unix_seconds, std::string& out);

}  // namespace ah::bench
