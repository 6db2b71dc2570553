// The vocabulary the net module uses in error messages and log lines, shared by the curl client
// (which writes the causes) and the politeness layer (which decides what to retry). Pure,
// thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::net {

// Causes that follow "host: " in an `unavailable` message and are worth retrying: the server
// or the path to it failed mid-transfer. "could not resolve host" and "connection refused" are
// not in this list: retrying them only delays a configuration error.
inline constexpr std::string_view kCauseDropped = "connection dropped";
inline constexpr std::string_view kCauseTimedOut = "timed out";
inline constexpr std::string_view kCauseStalled = "transfer stalled";

// True for an `unavailable` error whose message carries one of the transient causes above.
bool is_transient_failure(const Error& error);

// "10 s", "2.5 s", "300 ms": for messages and logs.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace ah::net
