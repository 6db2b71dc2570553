// A source's status for people: its catalogue entry, its coverage and what the running scheduler
// knows, folded into one health and the one JSON document that `GET /api/v1/sources`,
// `academichub status --json` and the page read. Pure; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "catalogue/source_entry.h"
#include "coverage/coverage.h"

namespace ah::coverage {

// One word for how a source is doing, in this order of precedence:
//   disabled     the catalogue has it off
//   unavailable  this binary cannot harvest its kind (its harvester is not built in yet)
//   failing      its latest run failed (back-off until the next try)
//   pending      it never succeeded yet (it may be running for the first time)
//   suspect      it answers but has returned nothing for longer than usual (is_suspect)
//   ok           otherwise
enum class Health { ok, suspect, failing, pending, disabled, unavailable };
std::string_view to_string(Health health);

// What the running scheduler says of a source (serve --harvest); default when there is none.
struct Live {
  bool running = false;          // a run is in progress now
  std::optional<Time> next_due;  // its plan (else the stored coverage's next_due)
  std::string unavailable;       // why this binary cannot run it; empty when it can
};

struct SourceStatus {
  catalogue::SourceEntry entry;
  std::optional<Coverage> coverage;  // nullopt: never attempted
  Health health = Health::pending;
  std::string reason;  // for people, empty when ok: the failure, the quiet time...
  bool running = false;
  std::optional<Time> next_due;
  std::optional<std::chrono::seconds> stale;  // since the last success
  bool suspect = false;
  std::optional<std::chrono::seconds> usual_gap;
};

SourceStatus status_of(const catalogue::SourceEntry& entry, std::optional<Coverage> coverage,
                       const Live& live, Time now);

struct DocumentOptions {
  // For anonymous readers (the API): messages of `internal` failures, which may name local files,
  // are replaced by a generic one. The command line shows them as they are.
  bool public_view = true;
  std::optional<bool> writable;    // the API: whether this client may change sources
  std::string catalogue_error;     // the catalogue file does not validate: why (shown whole)
  std::optional<bool> harvesting;  // the API: whether this server runs the scheduler
};

// {"generated_at", "summary": {"total", "enabled", "ok", "suspect", "failing", "pending",
// "disabled", "unavailable", "running"}, "sources": [source], "catalogue_error": string|null,
// "writable"?: bool, "harvesting"?: bool}, where a source is catalogue::entry_json's object with
// "status": {"health", "reason", "running", "running_since", "next_due", "last_attempt",
// "last_success", "last_nonempty", "stale_seconds", "suspect", "usual_gap_seconds", "last_run",
// "failures", "consecutive_failures", "budget_left", "budget_spent"}. Compact.
std::string sources_document(std::span<const SourceStatus> sources, Time now,
                             const DocumentOptions& options);

// One source of that document, as {"source": source}.
std::string source_document(const SourceStatus& source, const DocumentOptions& options);

}  // namespace ah::coverage
