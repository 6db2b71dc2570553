// The SQLite implementation of PaperStore (private to the store module; users call
// store::open_sqlite). One connection per instance; use an instance from one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <unordered_map>

#include "store/paper_store.h"
#include "store/sqlite/bulk_load.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/day_index.h"
#include "store/sqlite/db.h"
#include "store/sqlite/fts_query.h"

namespace ah::store::sqlite {

// Bounds on the work of one search (see sqlite_search.cpp for how they are used). The defaults
// keep p99 under ~50 ms at 1M papers; tests shrink them to exercise the bounded paths.
struct SearchLimits {
  std::int64_t score_cap = 8000;      // matches scored per query (relevance)
  std::int64_t title_cap = 3000;      // extra title-match candidates scored
  std::int64_t count_cap = 100000;    // matches counted exactly per query
  std::int64_t df_cap = 10000;        // documents counted exactly per phrase IDF
  std::int64_t first_window = 20000;  // papers in a scan's first (newest) window
  std::int64_t max_window = 200000;   // papers in a later window (they double up to this)
  std::int64_t min_window = 2000;     // papers in a window sized down to fit the time left
  // The scans of one search stop adding windows after this long (IDF samples after a quarter
  // of it, the main scan after 80%), and size their windows to the time left; a stopped scan's
  // result is an estimate. doc_budget bounds the papers a scan covers, whatever the time.
  std::chrono::milliseconds time_budget{20};
  std::int64_t doc_budget = std::numeric_limits<std::int64_t>::max();
};

class SqliteStore final : public PaperStore {
 public:
  static Result<std::unique_ptr<PaperStore>> open(const std::filesystem::path& path,
                                                  SqliteOptions options, SearchLimits limits = {});

  Result<UpsertCounts> upsert(std::span<const core::Paper> papers,
                              std::span<const StateEntry> state) override;
  Result<std::optional<core::Paper>> get(std::string_view id_or_doi) override;
  Result<SearchResult> search(const search::SearchRequest& request) override;
  Result<Stats> stats() override;
  Result<std::vector<Suggestion>> suggest(SuggestKind kind, std::string_view prefix,
                                          int limit) override;
  Result<std::optional<std::string>> get_state(std::string_view key) override;
  Result<void> put_state(std::span<const StateEntry> state) override;
  Result<void> optimize() override;
  Result<void> end_bulk_load() override;

 private:
  SqliteStore(Db db, SqliteOptions options, SearchLimits limits)
      : db_(std::move(db)), options_(options), limits_(limits) {}

  // Stops the background checkpointer (bulk loads) and gives checkpoints back to the writer.
  void stop_checkpointer();
  // Folds what it can of the WAL into the database file without waiting for readers.
  void checkpoint_without_waiting();
  // In a bulk load, inside each write transaction: owns the deferred compaction (bulk_load.h).
  Result<void> claim_bulk_load();

  // --- writing (sqlite_upsert.cpp); all run inside the caller's write transaction ---
  static std::string utc_now();  // ISO 8601 UTC, to the second
  Result<void> upsert_one(const core::Paper& incoming, UpsertCounts& counts);
  Result<std::optional<std::int64_t>> find(const core::Paper& paper);
  Result<std::optional<std::int64_t>> lookup(std::string_view scheme, std::string_view value);
  Result<std::int64_t> allocate_id(std::int64_t day);
  Result<void> insert_paper(const core::Paper& paper);
  Result<void> update_paper(std::int64_t id, const core::Paper& stored, const core::Paper& merged,
                            const std::string& source);
  Result<void> record_history(std::int64_t id, const core::Paper& incoming);
  Result<void> add_source(std::int64_t id, const std::string& source);
  Result<void> write_row(std::string_view sql, std::int64_t id, const core::Paper& paper,
                         const std::string& tags, const std::string& authors);
  // Replaces the paper's author and/or category rows; `fresh`: the paper has none yet.
  Result<void> write_children(std::int64_t id, const core::Paper& paper, bool authors,
                              bool categories, bool fresh);
  Result<void> write_ids(std::int64_t id, const core::Paper& paper);
  Result<void> write_versions(std::int64_t id, const core::Paper& paper);
  Result<void> touch_source(std::int64_t id, const std::string& source);
  Result<void> fts_delete(std::int64_t id);
  Result<void> fts_insert_from_row(std::int64_t id);
  Result<void> write_state(std::span<const StateEntry> state);
  Result<void> flush_day_counts();

  // --- searching (sqlite_search.cpp) ---
  struct Scan;
  struct Scored {
    std::int64_t id;
    double score;
  };
  Result<void> refresh_days();
  Result<Scan> scan_windows(const std::string& sql, std::string_view expr,
                            const std::string& program, std::span<const double> idfs,
                            std::int64_t lo, std::int64_t hi, std::int64_t cap,
                            std::vector<Scored>* rows, double budget_share);
  Result<std::vector<double>> phrase_idfs(const FtsQuery& fts);
  Result<SearchResult> relevance(const FtsQuery& fts, std::int64_t lo, std::int64_t hi,
                                 std::int64_t need, std::vector<Scored>& ranked);
  Result<SearchResult> shared_relevance(const FtsQuery& fts, std::int64_t lo, std::int64_t hi,
                                        std::int64_t need, std::vector<Scored>& ranked);
  Result<std::vector<Suggestion>> suggest_authors(std::string_view prefix, int limit);
  Result<SearchResult> stream_newest(std::int64_t lo, std::int64_t hi, const std::string& drop,
                                     std::int64_t need, bool count_total,
                                     std::vector<Scored>& ranked);

  Db db_;
  // Bulk loads of a file database: copies committed pages into the database file on its own
  // thread (see checkpointer.h). Declared after db_ so that it stops before db_ closes.
  std::unique_ptr<Checkpointer> checkpointer_;
  SqliteOptions options_;
  SearchLimits limits_;
  ProcessId self_;  // this process, as bulk-load markers name it
  // A bulk load took over an interrupted one's marker: its compaction is ours to do.
  bool inherited_compaction_ = false;

  // Write-transaction scratch, cleared by upsert():
  std::unordered_map<std::int64_t, std::int64_t> next_sequence_;  // day -> next free sequence
  std::map<std::int64_t, std::int64_t> day_deltas_;               // day -> papers added
  std::string now_;                                               // commit time, ISO 8601 UTC

  // Search cache: paper_days, reloaded when this or another connection has written.
  DayIndex days_;
  std::chrono::steady_clock::time_point search_start_;  // of the running search
  double ns_per_doc_ = 0;  // cost of the last window scanned in this search, per paper covered
  // The running search's venue filter: the venues lower-cased (bound as ?100...), and the SQL
  // condition that applies them to a paper_fts row ("" without venues).
  std::vector<std::string> venues_;
  std::string venue_filter_;
  bool days_valid_ = false;
  std::int64_t data_version_ = -1;
  // Phrase -> IDF, as phrase_idfs() measured it since the data last changed (cleared with the
  // day index): a frequent word's document count is a quarter of its search's time budget, and
  // the frequent words are the ones searched again. Emptied when it reaches kIdfCacheSize.
  static constexpr size_t kIdfCacheSize = 4096;
  std::unordered_map<std::string, double> idf_cache_;
};

}  // namespace ah::store::sqlite
