#include "net/diagnostics.h"

#include <fmt/format.h>

namespace ah::net {

std::unexpected<Error> transient_failure(std::string message) {
  return std::unexpected(
      Error{.code = ErrorCode::unavailable, .message = std::move(message), .transient = true});
}

std::string format_duration(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  if (ms < 1000) return fmt::format("{} ms", ms);
  return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
}

}  // namespace ah::net
