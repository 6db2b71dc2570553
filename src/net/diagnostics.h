// The vocabulary the net module uses in error messages and log lines, shared by the curl client
// and the politeness layer. Messages are for people: whether to retry is Error::transient. Pure,
// thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"

namespace ah::net {

// Causes that follow "host: " in an `unavailable` message. The curl client marks these failures
// transient (the server or the path to it failed mid-transfer); "could not resolve host" and
// "connection refused" are not: retrying them only delays a configuration error.
inline constexpr std::string_view kCauseDropped = "connection dropped";
inline constexpr std::string_view kCauseTimedOut = "timed out";
inline constexpr std::string_view kCauseStalled = "transfer stalled";

// An `unavailable` error marked transient, the message carrying context and cause.
std::unexpected<Error> transient_failure(std::string message);

// "10 s", "2.5 s", "300 ms": for messages and logs.
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace ah::net
