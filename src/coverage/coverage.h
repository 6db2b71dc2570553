// How each source is doing: the coverage record the scheduler keeps per source in the store's
// harvest_state, as JSON under "coverage:<name>" (no schema of its own), and the rules read from
// it: staleness and "suspect" (a source that has returned nothing for longer than usual).
// Plain values and pure functions, except load/save, which use a borrowed store; thread-compatible.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/source_entry.h"
#include "core/error.h"
#include "store/paper_store.h"

namespace ah::coverage {

// Times are written and read as core::utc_time and core::parse_utc_time do
// ("2026-12-02T01:30:00Z").
using Time = std::chrono::sys_seconds;

struct Failure {
  Time at;
  ErrorCode code = ErrorCode::internal;
  std::string message;  // the harvester's error (URLs in it are redacted by the harvesters)
};

// What the last finished run did.
struct LastRun {
  Time started, finished;
  bool ok = false;        // ended without an error
  bool stopped = false;   // ended early because the server was stopping (resumed next start)
  bool complete = false;  // read its list or feed to the end
  std::int64_t requests = 0;
  std::int64_t records = 0;  // records the source returned
  store::UpsertCounts counts;
  std::vector<std::string> notes;  // the harvester's notes, at most kMaxNotes
};

struct Coverage {
  std::optional<Time> last_attempt;   // a run started
  std::optional<Time> last_success;   // a run ended without an error
  std::optional<Time> first_success;  // the first run that ever did
  std::optional<Time> last_nonempty;  // a successful run returned at least one record
  std::optional<Time> running_since;  // a run started and has not finished (or was killed)
  std::optional<Time> next_due;       // when the scheduler runs it next
  std::optional<LastRun> last_run;
  std::vector<Failure> failures;    // the latest first, at most kMaxFailures
  int consecutive_failures = 0;     // failed runs since the last success
  std::vector<Time> nonempty_runs;  // ends of the latest non-empty runs, oldest first, at most
                                    // kMaxHistory: the history "usual" is read from
  // Metered APIs (OpenAlex): what the last answer said is left of the budget, and whether the
  // last run stopped because it was spent (then the next run waits for the budget to reset).
  std::optional<std::int64_t> budget_left;
  bool budget_spent = false;
};

inline constexpr std::size_t kMaxFailures = 5;
inline constexpr std::size_t kMaxHistory = 20;
inline constexpr std::size_t kMaxNotes = 5;

// The harvest_state key of a source's coverage: "coverage:<name>".
std::string coverage_key(std::string_view name);

std::string to_json(const Coverage& coverage);
// Reads what to_json wrote; unknown keys are ignored and a value of the wrong type is left at its
// default, so a record written by another version never stops the scheduler. nullopt when `json`
// is not a JSON object.
std::optional<Coverage> from_json(std::string_view json);

// The stored coverage of `name`; nullopt when none was ever stored. Errors: the store's.
Result<std::optional<Coverage>> load(store::PaperStore& store, std::string_view name);
Result<void> save(store::PaperStore& store, std::string_view name, const Coverage& coverage);

// The bookkeeping of one run. record_start marks it running; record_finish records its outcome.
void record_start(Coverage& coverage, Time now);

struct RunOutcome {
  std::optional<Error> error;  // set when the run failed
  bool stopped = false;        // the server was stopping: not counted as a failure
  bool complete = false;
  std::int64_t requests = 0, records = 0;
  store::UpsertCounts counts;
  std::vector<std::string> notes;
  std::optional<std::int64_t> budget_left;
  bool budget_spent = false;
};
void record_finish(Coverage& coverage, const RunOutcome& outcome, Time started, Time now);

// "Suspect": a source that keeps answering but has returned nothing for longer than usual.
// usual = the median gap between consecutive non-empty runs over the kept history, once there
// are at least kMinGaps gaps; a source is suspect when its latest success came after its latest
// non-empty run (it answers, with nothing) and the time since that non-empty run (or since its
// first success, when it never returned anything) exceeds
//   max(kSuspectFactor x usual, kSuspectFloor, kSuspectFactor x its cadence's interval).
// The floor keeps daily sources quiet over arXiv's weekends and holidays; the factor of the
// cadence keeps weekly-publishing journals polled every few hours from being suspect each week
// before their history is long enough.
inline constexpr int kSuspectFactor = 3;
inline constexpr std::chrono::seconds kSuspectFloor{std::chrono::days(4)};
inline constexpr std::size_t kMinGaps = 3;

// The median gap between consecutive non-empty runs; nullopt with fewer than kMinGaps gaps.
std::optional<std::chrono::seconds> usual_gap(const Coverage& coverage);
// The quiet time after which the source is suspect (see above).
std::chrono::seconds suspect_after(const Coverage& coverage, const catalogue::Cadence& cadence);
bool is_suspect(const Coverage& coverage, const catalogue::Cadence& cadence, Time now);

}  // namespace ah::coverage
