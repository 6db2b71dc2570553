#include "net/retry_after.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace ah::net {
namespace {

constexpr long long kMaxDelaySeconds = 365LL * 24 * 3600;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::time_t now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(),
                  [](unsigned char c) { return std::isdigit(c) != 0; })) {
    long long seconds = 0;
    for (char c : value) {
      seconds = std::min(seconds * 10 + (c - '0'), kMaxDelaySeconds);
    }
    return std::chrono::seconds(seconds);
  }
  // curl_getdate understands every date form HTTP allows; it needs a NUL-terminated string.
  const std::string text(value);
  const std::time_t date = curl_getdate(text.c_str(), nullptr);
  if (date == -1) return std::nullopt;
  const long long delta = static_cast<long long>(date) - static_cast<long long>(now);
  return std::chrono::seconds(std::clamp(delta, 0LL, kMaxDelaySeconds));
}

}  // namespace ah::net
