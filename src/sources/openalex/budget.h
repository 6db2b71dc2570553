// OpenAlex meters use per day (since February 2026 with an API key: a daily allowance in US
// dollars, each list request costing a fraction of a cent) and says in every answer's headers
// how much is left. This reads those headers. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace ah::sources::openalex {

// What one answer's rate-limit headers said; each field is nullopt when the header is absent or
// not a number. Header names as OpenAlex documents them; both its dollar headers (current) and
// its credit headers (the 2025 scheme, still sent) are read.
struct Budget {
  std::optional<double> remaining_usd;  // X-RateLimit-Remaining-USD: dollars left today
  std::optional<double> limit_usd;      // X-RateLimit-Limit-USD: the daily allowance
  // X-RateLimit-Cost-USD: what this request cost (X-RateLimit-Cost-Required-USD, on a refused
  // request, what it would have cost).
  std::optional<double> cost_usd;
  std::optional<double> remaining;     // X-RateLimit-Remaining: credits left today
  std::optional<double> limit;         // X-RateLimit-Limit: daily credits
  std::optional<double> credits_used;  // X-RateLimit-Credits-Used: this request's credits
  // X-RateLimit-Reset: seconds until the allowance resets (midnight UTC). A value above two days
  // is not a number of seconds (an epoch time?) and is ignored.
  std::optional<std::int64_t> reset_seconds;

  // True when any of the headers above was given.
  bool known() const;
  // How many more requests of this one's cost today's allowance pays for: remaining_usd /
  // cost_usd when both are given, else remaining / credits_used, else remaining (a list request
  // costs one credit). nullopt when the headers say neither.
  std::optional<std::int64_t> requests_left() const;
  // True when the headers say not even one more such request fits today.
  bool spent() const;
  // For notes and logs: "$0.979 of $1 left today ($0.0001 a request), resets in 3600 s".
  std::string describe() const;
};

// Reads the headers of one answer (names lower-case, as net::Response keeps them).
Budget read_budget(const std::map<std::string, std::string>& headers);

}  // namespace ah::sources::openalex
