#include "core/calendar.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <charconv>

namespace ah::core {
namespace {

// The `n` characters of `text` from `at` (within it), all digits, as a number. Unsigned: a sign
// is no digit.
bool read_digits(std::string_view text, std::size_t at, std::size_t n, unsigned& out) {
  auto [end, error] = std::from_chars(text.data() + at, text.data() + at + n, out);
  return error == std::errc() && end == text.data() + at + n;
}

}  // namespace

std::optional<std::chrono::sys_days> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  unsigned y = 0, m = 0, d = 0;
  if (!read_digits(text, 0, 4, y) || !read_digits(text, 5, 2, m) || !read_digits(text, 8, 2, d)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(y)),
                                        std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd);
}

std::optional<std::chrono::sys_days> leading_day(std::string_view text) {
  return text.size() < 10 ? std::nullopt : parse_day(text.substr(0, 10));
}

bool valid_day(std::string_view text) { return parse_day(text).has_value(); }

std::optional<std::chrono::sys_seconds> parse_utc_time(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  const auto day = parse_day(text.substr(0, 10));
  unsigned h = 0, m = 0, s = 0;
  if (!day || !read_digits(text, 11, 2, h) || !read_digits(text, 14, 2, m) ||
      !read_digits(text, 17, 2, s) || h > 23 || m > 59 || s > 60) {
    return std::nullopt;
  }
  return std::chrono::sys_seconds(*day) + std::chrono::hours(h) + std::chrono::minutes(m) +
         std::chrono::seconds(s);
}

std::string day_text(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string day_of(std::chrono::system_clock::time_point t) {
  return day_text(std::chrono::floor<std::chrono::days>(t));
}

std::chrono::system_clock::time_point now(const WallClock& clock) {
  return clock ? clock() : std::chrono::system_clock::now();
}

std::string utc_now(const WallClock& clock) { return utc_time(now(clock)); }

std::string utc_time(std::chrono::system_clock::time_point t) {
  // Not fmt's "{:%H:%M:%S}" of a time_point: fmt 9 (Debian 12's) writes it in local time.
  const auto s = std::chrono::floor<std::chrono::seconds>(t);
  const auto day = std::chrono::floor<std::chrono::days>(s);
  const std::chrono::hh_mm_ss hms(s - day);
  return fmt::format("{}T{:02}:{:02}:{:02}Z", day_text(day), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

std::string add_days(std::string_view day, int days) {
  auto parsed = parse_day(day);
  if (!parsed) return {};
  return day_text(*parsed + std::chrono::days(days));
}

}  // namespace ah::core
