// Error values for expected failures (network, upstream data, not found, bad input).
// Exceptions are reserved for bugs; every fallible call returns Result<T>. Thread-safe: plain values.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace ah {

enum class ErrorCode {
  invalid_argument,   // the caller's input is malformed (bad id, bad flag, bad query)
  not_found,          // the thing asked for does not exist
  conflict,           // the operation collides with stored state
  unavailable,        // a host, file or database could not be reached or opened
  rate_limited,       // upstream asked us to slow down and retries are exhausted
  bad_upstream_data,  // bytes from a file or service could not be parsed
  internal,           // a failure of our own (I/O error on a local disk, SQLite error)
};

// Stable lower-case name of a code ("bad_upstream_data"), for logs and JSON.
std::string_view to_string(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;  // carries context, outermost first: "file.xml: record 3: missing id"
  // The same call may succeed if tried again: a connection that dropped mid-transfer, a timeout,
  // a stalled transfer. Set by whoever saw the failure; retry logic decides on this field, never
  // on the message.
  bool transient = false;
  // Set with `unavailable` when the resource exists but another process holds it (a database
  // another process went on writing to for longer than this one would wait): the same call may
  // succeed later. Code that reacts to "busy" (exit codes, retries) reads this, never the text.
  bool busy = false;

  // Returns a copy whose message is prefixed with `context` and ": ".
  Error with_context(std::string_view context) const {
    return Error{code, std::string(context) + ": " + message, transient, busy};
  }
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
  return std::unexpected(Error{code, std::move(message)});
}

}  // namespace ah
