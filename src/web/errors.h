// How errors leave the server: the one mapping from ErrorCode to an HTTP status, and the JSON
// error body {"error": {"code", "message"}}. Pure; thread-safe.
#pragma once

#include <string_view>

#include "core/error.h"
#include "web/http.h"

namespace ah::web {

// invalid_argument 400, not_found 404, conflict 409, rate_limited 429, internal 500,
// bad_upstream_data 502, unavailable 503. The only place an ErrorCode becomes a status.
int http_status(ErrorCode code);

// The JSON error response for `error`. Messages of client errors (4xx) are sent as they are
// (they name the parameter at fault); for server errors (5xx) only a generic message is sent,
// since the cause may name files or internals: log `error` itself before calling this.
Response error_response(const Error& error);

// An error of the configured LLM (brief/chat_model.h, brief/paper_notes.h: after its retries, or
// an answer that cannot be read): 502 llm_failed with the error's message, which the ChatModel
// keeps fit to show (it names the endpoint's host and the status, never the API key).
Response llm_error_response(const Error& error);
// No LLM is configured: 503 llm_unavailable with `message` (what to set).
Response llm_unavailable_response(std::string_view message);

// A JSON error with an explicit status and code, for conditions that are not an ah::Error
// (405 method_not_allowed, 404 for an unknown path).
Response error_response(int status, std::string_view code, std::string_view message);

}  // namespace ah::web
