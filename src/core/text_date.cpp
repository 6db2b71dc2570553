// normalize_date (declared in core/text.h): RFC 822 and ISO 8601 dates to ISO 8601 UTC.
#include <cstdint>
#include <string>

#include "core/text.h"

namespace ah::core {
namespace {

struct Cursor {
  std::string_view s;
  size_t i = 0;

  bool done() const { return i >= s.size(); }
  char peek() const { return i < s.size() ? s[i] : '\0'; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  void skip_blanks() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) ++i;
  }
  // Exactly `n` digits (n > 0), or between min and max digits when n == 0.
  bool digits(int min, int max, int& value) {
    int count = 0;
    value = 0;
    while (i < s.size() && count < max && s[i] >= '0' && s[i] <= '9') {
      value = value * 10 + (s[i] - '0');
      ++i;
      ++count;
    }
    return count >= min;
  }
  std::string_view word() {
    size_t start = i;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) ++i;
    return s.substr(start, i - start);
  }
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    char x = a[k], y = b[k];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms").
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

struct Parts {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;  // local time minus UTC
};

bool valid(const Parts& p) {
  if (p.year < 1000 || p.year > 9999 || p.month < 1 || p.month > 12 || p.day < 1 ||
      p.day > days_in_month(p.year, p.month)) {
    return false;
  }
  return !p.has_time || (p.hour <= 24 && p.minute < 60 && p.second <= 60);
}

void put_digits(char* at, int value, int width) {
  for (int k = width - 1; k >= 0; --k) {
    at[k] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

std::string format(Parts p) {
  if (!p.has_time) {
    std::string out = "0000-00-00";
    put_digits(out.data(), p.year, 4);
    put_digits(out.data() + 5, p.month, 2);
    put_digits(out.data() + 8, p.day, 2);
    return out;
  }
  if (p.second == 60) p.second = 59;  // a leap second has no place in our ISO strings
  std::int64_t t =
      days_from_civil(p.year, static_cast<unsigned>(p.month), static_cast<unsigned>(p.day)) *
          86400 +
      p.hour * 3600 + p.minute * 60 + p.second - p.offset_minutes * 60;
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int secs = static_cast<int>(t - days * 86400);
  int y = 0, m = 0, d = 0;
  civil_from_days(days, y, m, d);
  if (y < 0 || y > 9999) return {};
  std::string out = "0000-00-00T00:00:00Z";
  put_digits(out.data(), y, 4);
  put_digits(out.data() + 5, m, 2);
  put_digits(out.data() + 8, d, 2);
  put_digits(out.data() + 11, secs / 3600, 2);
  put_digits(out.data() + 14, secs / 60 % 60, 2);
  put_digits(out.data() + 17, secs % 60, 2);
  return out;
}

// Optional zone after a time: Z, +HH:MM, +HHMM, +HH, or a name (GMT, UTC, EST, ...).
bool zone(Cursor& c, Parts& p) {
  c.skip_blanks();
  if (c.done()) return true;
  char sign = c.peek();
  if (sign == '+' || sign == '-') {
    ++c.i;
    int hh = 0, mm = 0;
    if (!c.digits(2, 2, hh)) return false;
    c.eat(':');
    if (!c.done()) {
      if (!c.digits(2, 2, mm)) return false;
    }
    if (hh > 23 || mm > 59) return false;
    p.offset_minutes = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
    return true;
  }
  std::string_view name = c.word();
  static constexpr struct {
    std::string_view name;
    int hours;
  } kZones[] = {{"Z", 0},    {"GMT", 0},  {"UT", 0},   {"UTC", 0},  {"EST", -5}, {"EDT", -4},
                {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
  for (const auto& z : kZones) {
    if (iequals(name, z.name)) {
      p.offset_minutes = z.hours * 60;
      return true;
    }
  }
  return false;
}

// HH:MM[:SS[.fraction]] then an optional zone.
bool time_and_zone(Cursor& c, Parts& p) {
  if (!c.digits(1, 2, p.hour) || !c.eat(':') || !c.digits(2, 2, p.minute)) return false;
  if (c.eat(':') && !c.digits(2, 2, p.second)) return false;
  if (c.eat('.')) {
    int ignored = 0;
    if (!c.digits(1, 9, ignored)) return false;
  }
  p.has_time = true;
  if (!zone(c, p)) return false;
  c.skip_blanks();
  return c.done();
}

bool parse_iso(std::string_view s, Parts& p) {
  Cursor c{s};
  if (!c.digits(4, 4, p.year) || !c.eat('-') || !c.digits(2, 2, p.month) || !c.eat('-') ||
      !c.digits(2, 2, p.day)) {
    return false;
  }
  if (c.done()) return true;
  if (!c.eat('T') && !c.eat('t') && !c.eat(' ')) return false;
  return time_and_zone(c, p);
}

int month_number(std::string_view name) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    if (iequals(name.substr(0, 3), kMonths[m])) return m + 1;
  }
  return 0;
}

// [Weekday,] D Mon YYYY [HH:MM[:SS] [zone]]
bool parse_rfc822(std::string_view s, Parts& p) {
  Cursor c{s};
  if (c.peek() < '0' || c.peek() > '9') {
    std::string_view weekday = c.word();
    if (weekday.empty()) return false;
    c.skip_blanks();
  }
  if (!c.digits(1, 2, p.day)) return false;
  c.skip_blanks();
  p.month = month_number(c.word());
  if (p.month == 0) return false;
  c.skip_blanks();
  if (!c.digits(4, 4, p.year)) return false;
  c.skip_blanks();
  if (c.done()) return true;
  return time_and_zone(c, p);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string normalize_date(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) return {};
  Parts p;
  bool ok = (s[0] >= '0' && s[0] <= '9' && s.size() >= 10 && s[4] == '-') ? parse_iso(s, p)
                                                                          : parse_rfc822(s, p);
  if (!ok || !valid(p)) return {};
  return format(p);
}

}  // namespace ah::core
