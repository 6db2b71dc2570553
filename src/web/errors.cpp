#include "web/errors.h"

#include <nlohmann/json.hpp>

namespace ah::web {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
      return 400;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::internal:
      return 500;
    case ErrorCode::bad_upstream_data:
      return 502;
    case ErrorCode::unavailable:
      return 503;
  }
  return 500;
}

Response error_response(int status, std::string_view code, std::string_view message) {
  Response r;
  r.status = status;
  nlohmann::json body{{"error", {{"code", code}, {"message", message}}}};
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response error_response(const Error& error) {
  const int status = http_status(error.code);
  if (status < 500) return error_response(status, to_string(error.code), error.message);
  std::string_view message = error.code == ErrorCode::unavailable
                                 ? "the service is unavailable for a moment; try again"
                                 : "internal error; the server log has the details";
  Response r = error_response(status, to_string(error.code), message);
  if (error.code == ErrorCode::unavailable) r.set_header("Retry-After", "1");
  return r;
}

Response llm_error_response(const Error& error) {
  return error_response(502, "llm_failed", error.message);
}

Response llm_unavailable_response(std::string_view message) {
  return error_response(503, "llm_unavailable", message);
}

}  // namespace ah::web
