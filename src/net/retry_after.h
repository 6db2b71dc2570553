// Parsing of the Retry-After response header (RFC 9110 10.2.3). Pure function, thread-safe.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

namespace ah::net {

// The delay a Retry-After value asks for: delta-seconds ("120") as is, an HTTP-date (IMF-fixdate,
// RFC 850 or asctime form) as the seconds from `now` until that date, 0 when it is already past.
// `now` should be the response's Date header when present, so server and local clocks need not
// agree. Returns nullopt for an empty or unparseable value. Delays are capped at one year.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::time_t now);

}  // namespace ah::net
