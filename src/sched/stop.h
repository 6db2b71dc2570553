// Making a shared HTTP stack stop with the server: a gate that refuses new requests once stop is
// requested, and a net::Clock whose waits (per-host spacing, Retry-After, back-off) end at once
// then. Built as polite(gate(curl), stoppable clock), a run in progress ends at its next page
// whatever its harvester does: the page being fetched completes and is committed, the next
// request fails. Thread-safe.
#pragma once

#include <memory>
#include <stop_token>

#include "net/http_client.h"

namespace ah::sched {

// Wraps `inner` (borrowed): after `stop` is requested, send() fails at once with unavailable,
// not transient (so no politeness layer retries it), saying the server is stopping.
std::unique_ptr<net::HttpClient> make_stop_gate(net::HttpClient& inner, std::stop_token stop);

// A steady clock whose sleep_for returns as soon as `stop` is requested.
std::unique_ptr<net::Clock> make_stoppable_clock(std::stop_token stop);

}  // namespace ah::sched
