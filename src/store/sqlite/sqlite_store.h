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

#include "identity/family.h"
#include "identity/merge.h"
#include "store/paper_store.h"
#include "store/sqlite/bulk_load.h"
#include "store/sqlite/checkpointer.h"
#include "store/sqlite/day_index.h"
#include "store/sqlite/db.h"
#include "store/sqlite/fts_query.h"
#include "store/sqlite/sqlite_radars.h"

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

// What the write path passes around (private to the SQLite backend).
// A paper: its date-ordered row id and its stable id.
struct PaperRef {
  std::int64_t rowid = 0;
  std::int64_t uid = 0;
  bool operator==(const PaperRef&) const = default;
};
// A records row (the body, when there is one, is read separately).
struct RecordRow {
  identity::RecordKey key;
  std::int64_t id = 0;
  std::int64_t paper_uid = 0;
  std::string source, fetched_at, fetched_from;
  std::int64_t content_hash = 0;
  bool has_body = false;
};
// A record's content takes its provenance (source, source_id, fetched_at, fetched_from) from its
// row, as every read of a body does.
void set_provenance(core::Paper& content, const RecordRow& row);
// A paper as the write path works on it: its record rows (by id), their contents in the same
// order, and its row as load_papers reads it. Loaded once per record written and kept up to
// date by the path that writes, instead of reading and parsing the bodies again.
struct PaperState {
  std::vector<RecordRow> rows;
  std::vector<identity::Record> records;
  core::Paper row;
};
// A paper's columns in the full-text index.
struct FtsText {
  std::string title, authors, abstract, tags;
};
// A paper that a record links to, and why.
struct Candidate {
  PaperRef paper;
  std::string reason;
};
// What the paper row keeps beside a Paper's fields (columns.h forms; "" for a paper of one
// record without notices).
struct RowExtras {
  std::string history, status, provenance;
};

class SqliteStore final : public PaperStore {
 public:
  static Result<std::unique_ptr<PaperStore>> open(const std::filesystem::path& path,
                                                  SqliteOptions options, SearchLimits limits = {});

  Result<UpsertCounts> upsert(std::span<const core::Paper> papers,
                              std::span<const StateEntry> state) override;
  Result<std::optional<core::Paper>> get(std::string_view identifier) override;
  Result<std::vector<StoredRecord>> records(std::int64_t paper_id) override;
  Result<std::vector<MergeEvent>> merges(std::int64_t paper_id) override;
  Result<UnmergeResult> unmerge(std::string_view paper, std::string_view record) override;
  Result<SearchResult> search(const search::SearchRequest& request) override;
  Result<Stats> stats() override;
  Result<std::vector<Suggestion>> suggest(SuggestKind kind, std::string_view prefix,
                                          int limit) override;
  Result<std::optional<StoredBriefing>> get_briefing(std::string_view id) override;
  Result<void> put_briefing(const StoredBriefing& briefing) override;
  Result<std::optional<StoredNote>> get_note(const NoteKey& key) override;
  Result<void> put_note(const StoredNote& note) override;
  Result<PaperBatch> papers_after(std::int64_t after, int limit) override;
  RadarStore* radars() override;
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

  // --- writing; all run inside the caller's write transaction ---
  // sqlite_upsert.cpp: the per-record decision and the single-record paths.
  std::string utc_now() const;  // options_.now in ISO 8601 UTC, to the second
  Result<void> upsert_one(const core::Paper& incoming, UpsertCounts& counts);
  Result<void> update_record(const RecordRow& row, core::Paper incoming, UpsertCounts& counts);
  Result<void> add_record(const identity::RecordKey& key, core::Paper incoming,
                          UpsertCounts& counts);
  Result<PaperRef> insert_single(const identity::RecordKey& key, core::Paper record);
  Result<std::optional<std::int64_t>> lookup(std::string_view scheme, std::string_view value);
  Result<std::int64_t> allocate_id(std::int64_t day);
  // `hash`: content_hash(paper), which the caller has at hand.
  Result<void> insert_paper(const core::Paper& paper, const RowExtras& extras, std::int64_t hash,
                            std::int64_t* rowid);
  Result<void> update_paper(std::int64_t& id, const core::Paper& stored, const core::Paper& merged,
                            const std::string& source, const RowExtras& extras, bool rewrite_ids);
  Result<void> record_history(std::int64_t id, const core::Paper& incoming);
  Result<void> add_source(std::int64_t id, const std::string& source);
  // The sources a paper's tags name: those that delivered it, and `also` when not empty, in
  // name order without repeats (so the tags text of the same sources is always the same).
  Result<std::vector<std::string>> tag_sources(std::int64_t id, const std::string& also);
  // `notice`: core::is_notice_only(paper), as the caller computed it for the row's tags.
  Result<void> write_row(std::string_view sql, std::int64_t id, const core::Paper& paper,
                         std::int64_t hash, const std::string& tags, const std::string& authors,
                         const RowExtras& extras, bool notice);
  // Replaces the paper's author and/or category rows; `fresh`: the paper has none yet.
  Result<void> write_children(std::int64_t id, const core::Paper& paper, bool authors,
                              bool categories, bool fresh);
  Result<void> write_ids(std::int64_t id, const core::Paper& paper);
  Result<void> write_versions(std::int64_t id, const core::Paper& paper);
  Result<void> touch_source(std::int64_t id, const std::string& source);
  // The full-text index, written in rowid order (see sqlite_upsert.cpp): fts_delete notes a row
  // whose index entry is about to change (before it changes), fts_insert_from_row a row that is
  // not in the index yet; fts_flush writes what was noted, in rowid order, from the rows as
  // they are then. Every write transaction calls fts_flush before it commits, and before it
  // queries the index (a query of titles alone: fts_flush_for_titles).
  Result<std::optional<FtsText>> fts_row(std::int64_t id);
  // Adds (or with `remove`, deletes) the row's entry in paper_fts, and in title_fts too when
  // `title`: a delete and the insert after it leave title_fts alone when the title is the same.
  Result<void> fts_write(std::int64_t id, const FtsText& text, bool remove, bool title);
  Result<void> fts_delete(std::int64_t id);
  Result<void> fts_insert_from_row(std::int64_t id);
  Result<void> fts_flush();
  // Makes the titles' index (title_fts) answer a query over rows [lo_id, hi_id] as the rows
  // are now: calls fts_flush unless every noted row in that range is in the index with the
  // title its row has now (a row whose other columns changed answers a title query as indexed).
  // Flushing writes a new FTS segment whenever a noted row is below the last one written, so
  // flushing before each fuzzy lookup made a segment per lookup, each slowing the next.
  Result<void> fts_flush_for_titles(std::int64_t lo_id, std::int64_t hi_id);
  Result<void> write_state(std::span<const StateEntry> state);
  Result<void> flush_day_counts();

  // sqlite_records.cpp: records, counters, aliases, the merge log, blocks, notices, match keys.
  Result<std::optional<RecordRow>> find_record(const identity::RecordKey& key);
  Result<std::optional<PaperRef>> paper_by_uid(std::int64_t uid);  // aliases resolved
  Result<PaperRef> paper_by_rowid(std::int64_t rowid);
  Result<std::optional<PaperRef>> resolve(std::string_view identifier);  // as get() reads it
  Result<std::vector<RecordRow>> record_rows(const PaperRef& paper);
  // The records of a paper with their contents (a paper of one record: its row's content).
  Result<std::vector<identity::Record>> load_records(const PaperRef& paper,
                                                     std::vector<RecordRow>* rows = nullptr);
  // The row's content as its one record (store-filled fields cleared, provenance from `row`).
  Result<core::Paper> row_record(const PaperRef& paper, const RecordRow& row);
  Result<std::vector<identity::Record>> read_bodies(const std::vector<RecordRow>& rows);
  Result<PaperState> load_state(const PaperRef& paper);
  Result<void> put_record(const RecordRow& row, const core::Paper* body);
  // A paper of one record gets that record's body (before a second record joins it).
  Result<void> ensure_bodies(const PaperRef& paper);
  Result<void> ensure_bodies(PaperState& state);
  Result<std::int64_t> take_counter(const std::string& name);
  Result<void> write_counters();
  Result<std::vector<core::Identifier>> paper_identifiers(std::int64_t rowid);
  Result<void> log_merge(std::int64_t paper_uid, const RecordRow& row, std::string_view kind,
                         std::string_view reason);
  Result<bool> any_rows(std::optional<bool>& flag, const char* table);
  Result<bool> blocked(const PaperRef& a, const PaperRef& b);
  Result<void> block(const std::vector<std::string>& keys_a,
                     const std::vector<std::string>& keys_b);
  Result<std::vector<identity::Notice>> notices_for(const std::vector<core::Identifier>& ids);
  // Stores the notices a record gives (its `updates` relations); returns their targets.
  Result<std::vector<core::Identifier>> put_notices(const identity::RecordKey& key,
                                                    const core::Paper& record);
  Result<void> set_match_keys(const PaperRef& paper, const core::Paper& content, bool wanted);

  // sqlite_merge.cpp: joining, merging and splitting papers.
  Result<std::vector<Candidate>> linked_papers(const core::Paper& record,
                                               const std::optional<PaperRef>& self);
  Result<std::optional<Candidate>> fuzzy_candidate(const core::Paper& record,
                                                   identity::Family family);
  // Row ids of the papers in [lo_id, hi_id] whose titles hold two of `words`, newest first: at
  // most kFuzzyCandidates in all, or with `pairwise` (three words) at most kFuzzyCandidates for
  // each pair, without repeats.
  Result<std::vector<std::int64_t>> fts_title_rowids(const std::vector<std::string>& words,
                                                     std::int64_t lo_id, std::int64_t hi_id,
                                                     bool pairwise);
  // The best accepted fuzzy match for the record among these papers.
  Result<std::optional<Candidate>> best_title_match(const core::Paper& record,
                                                    identity::Family family,
                                                    const std::vector<std::int64_t>& rowids);
  // The record's 3 rarest title words (identity::rarest_words) among the titles of the papers
  // with row ids in [lo_id, hi_id], as the full-text index counts them.
  Result<std::vector<std::string>> rarest_title_words(const core::Paper& record, std::int64_t lo_id,
                                                      std::int64_t hi_id);
  // Folds `others` into `target` (skipping those blocked or conflicting with it); returns how
  // many were folded.
  Result<int> absorb(const PaperRef& target, const std::vector<Candidate>& others);
  // Recomputes the paper from its records and notices and rewrites its row (the row id may
  // move with its date: `paper` is updated).
  Result<void> recompute(PaperRef& paper);
  // The same from the paper's state as the caller holds it (rows and records as stored now,
  // the row as it was before this write changed it).
  Result<void> recompute(PaperRef& paper, const PaperState& state);
  // Recomputes the papers holding these identifiers (after a notice about them arrived).
  Result<void> recompute_targets(const std::vector<core::Identifier>& ids);
  Result<RowExtras> single_extras(const core::Paper& record, std::int64_t record_id);
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
                                     search::Notices notices, std::int64_t need, bool count_total,
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

  // Write-transaction scratch, cleared by begin_write():
  std::unordered_map<std::int64_t, std::int64_t> next_sequence_;  // day -> next free sequence
  // Day -> papers added, and of those notices (paper_days), by count_day().
  struct DayDelta {
    std::int64_t papers = 0, notices = 0;
  };
  std::map<std::int64_t, DayDelta> day_deltas_;
  // Counts a paper row added to (delta 1) or taken from (-1) `day`.
  void count_day(std::int64_t day, bool notice_only, int delta) {
    DayDelta& d = day_deltas_[day];
    d.papers += delta;
    if (notice_only) d.notices += delta;
  }
  std::string now_;                               // commit time, ISO 8601 UTC
  std::map<std::string, std::int64_t> counters_;  // store_counters as handed out so far
  bool counters_dirty_ = false;
  // Whether these tables have rows (unknown until asked): most imports need none of them, and
  // an empty table costs nothing to skip.
  std::optional<bool> any_blocks_, any_notices_, any_match_keys_;
  // Rows noted for the full-text index, by row id: the values their index entry holds (nullopt:
  // none yet), and whether the row's title was found equal to the indexed one since the row was
  // last noted; and the highest row id written to the index in this transaction.
  struct FtsPending {
    std::optional<FtsText> indexed;
    bool title_checked = false;
  };
  std::map<std::int64_t, FtsPending> fts_pending_;
  std::int64_t fts_high_ = 0;
  void begin_write();

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

  // The radars on this connection, made on first use (declared after db_: it borrows it).
  std::unique_ptr<SqliteRadars> radars_;
};

}  // namespace ah::store::sqlite
