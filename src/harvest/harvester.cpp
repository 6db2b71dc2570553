#include "harvest/harvester.h"

#include <fmt/format.h>

#include "core/calendar.h"
#include "net/url.h"

namespace ah::harvest {

void stamp_records(std::span<core::Paper> records, std::string_view url, std::string_view now) {
  const std::string redacted = net::redact_url(url);
  for (core::Paper& p : records) {
    if (p.fetched_from.empty()) p.fetched_from = redacted;
    if (p.fetched_at.empty()) p.fetched_at = std::string(now);
  }
}

}  // namespace ah::harvest
