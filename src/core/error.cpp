#include "core/error.h"

namespace ah {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::bad_upstream_data: return "bad_upstream_data";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

}  // namespace ah
