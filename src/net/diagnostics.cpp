#include "net/diagnostics.h"

#include <fmt/format.h>

namespace ah::net {

bool is_transient_failure(const Error& error) {
  if (error.code != ErrorCode::unavailable) return false;
  for (std::string_view cause : {kCauseDropped, kCauseTimedOut, kCauseStalled}) {
    if (error.message.find(cause) != std::string::npos) return true;
  }
  return false;
}

std::string format_duration(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  if (ms < 1000) return fmt::format("{} ms", ms);
  return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
}

}  // namespace ah::net
