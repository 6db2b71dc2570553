// A bulk load's deferred full-text compaction, across connections and processes. Private to the
// SQLite backend. Functions take the caller's connection; not thread-safe beyond that.
//
// A bulk load (SqliteOptions::bulk_load, `academichub import`) turns FTS5's automatic merging
// off (automerge 4 merges whenever 4 segments of a level exist; the bulk policy waits for 64),
// so that each record's postings are written about once instead of twice, and compacts the
// whole index once at the end; queries are slower until then. Both full-text indexes (paper_fts
// and the titles' title_fts) get the same policy and compaction, in the same transactions; the
// state is read from paper_fts's. FTS5 keeps that merge policy in the database (paper_fts_config),
// not in the connection: every connection shares it and it outlives a killed process. So it is
// owned, with a marker in the state table (harvest_state key kBulkLoadKey, naming the owning
// process):
//
//   1. Claim. The bulk load's first write transaction (and each later one, idempotently) writes
//      its marker and the bulk policy (automerge 0, crisismerge 64) together, unless a running
//      process owns the marker already (then it writes under that owner's policy, as a guest).
//   2. Release. The transaction that commits the final compaction (PaperStore::optimize), or
//      that ends a bulk load too small to compact (PaperStore::end_bulk_load), also restores the
//      normal policy (automerge 4, crisismerge 16) and deletes the marker. So the bulk policy is
//      in force exactly while a marker exists (an AcademicHub older than this rule left the bulk
//      policy without a marker; that counts as an interrupted bulk load).
//   3. Recovery. A writer that opens the database (an import, a harvest: never a reader, which
//      writes nothing) and finds the marker of a process that no longer exists finishes that
//      work in one transaction: compacts the index, restores the normal policy, deletes the
//      marker. A running owner's marker is left alone, whoever opens the database.
//
// A process is named by its pid and its start time (from /proc), so that a recycled pid is not
// taken for the owner. Readers and writers other than the owner never change the policy, so
// a bulk load is not slowed down or reconfigured by them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/sqlite/db.h"

namespace ah::store::sqlite {

// The state-table key of the marker (keys starting "store:" are the store's own, not harvest
// state: stats() does not list them).
inline constexpr std::string_view kBulkLoadKey = "store:bulk-load";

// A process as a marker names it.
struct ProcessId {
  std::int64_t pid = 0;
  std::int64_t start = 0;  // start time in clock ticks after boot; 0 when unknown
  bool operator==(const ProcessId&) const = default;
};

// This process.
ProcessId this_process();
// True when `p` is running: its pid exists and, when both start times are known, it is the same
// process (not a later one that got the pid).
bool is_running(const ProcessId& p);
// The marker's text ("pid 1234 start 5678") and back; nullopt for text that is not a marker
// (treated as an owner that is gone).
std::string marker_text(const ProcessId& p);
std::optional<ProcessId> parse_marker(std::string_view text);

// What the database says about bulk loads, as one connection reads it.
struct BulkLoadState {
  bool marker = false;             // a marker exists
  std::optional<ProcessId> owner;  // the process it names (nullopt: unreadable marker)
  bool bulk_policy = false;        // automerge is off

  // A bulk load whose process is gone left its compaction undone (or an older AcademicHub did).
  bool interrupted() const { return marker ? !owner || !is_running(*owner) : bulk_policy; }
};
Result<BulkLoadState> read_bulk_load_state(Db& db);

// Rule 1, inside the caller's write transaction: makes `self` the owner unless a running
// process owns the marker. Sets `*inherited` when it takes over an interrupted bulk load (whose
// compaction is then this bulk load's to do, even if it ends without compacting its own work).
Result<void> claim_bulk_load(Db& db, const ProcessId& self, bool* inherited);

// Rule 2, inside the caller's write transaction: with `compact`, merges every FTS segment into
// one; then, unless a running process other than `self` owns the marker, restores the normal
// policy and deletes the marker.
Result<void> release_bulk_load(Db& db, const ProcessId& self, bool compact);

// Rule 3, for a writer's open: when the database holds an interrupted bulk load, calls `notify`
// (may be empty) with what it is about to do, then finishes it in one write transaction (which
// waits for the busy timeout like any other). Does nothing, and writes nothing, otherwise.
Result<void> finish_interrupted_bulk_load(Db& db, const ProcessId& self,
                                          const std::function<void(std::string_view)>& notify);

}  // namespace ah::store::sqlite
