// PaperStore: the one interface every storage backend implements (SQLite now, PostgreSQL later).
// Each call is atomic. An instance is used from one thread at a time; open one per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "core/paper.h"
#include "search/query.h"
#include "store/radar_store.h"
#include "store/ranking_cache.h"

namespace ah::store {

// What an upsert did with each record (each record counts once).
struct UpsertCounts {
  std::int64_t inserted = 0;   // a new paper: a record no stored paper is linked to
  std::int64_t updated = 0;    // a known record with new content (a newer version, new fields)
  std::int64_t unchanged = 0;  // a known record with nothing new (or an older version)
  std::int64_t rejected = 0;   // no identifier at all (identity::record_key is invalid)
  // A new record that joined a paper another record began (by an identifier, a linking
  // relation, or the fuzzy match), or a known record whose new links merged papers into one.
  std::int64_t merged = 0;
  UpsertCounts& operator+=(const UpsertCounts& o) {
    inserted += o.inserted;
    updated += o.updated;
    unchanged += o.unchanged;
    rejected += o.rejected;
    merged += o.merged;
    return *this;
  }
};

// One record of a paper, as the store keeps it (PaperStore::records).
struct StoredRecord {
  std::int64_t record_id = 0;  // never reused
  std::int64_t paper_id = 0;   // the stable id of the paper it belongs to
  std::string key;             // "family:source_id" (identity::RecordKey::text)
  std::string source, source_id, fetched_at, fetched_from;
  core::Paper content;  // the record as received (its provenance fields set)
};

// Why a record joined a paper, or was split off it (PaperStore::merges).
struct MergeEvent {
  std::int64_t paper_id = 0;   // the paper it joined (or, for an unmerge, left)
  std::int64_t record_id = 0;
  std::string record_key;      // "family:source_id"
  std::string kind;            // "merge" or "unmerge"
  std::string reason;          // "doi 10.1/x", "relation is-preprint-of doi 10.1/x",
                               // "title+authors+year 0.97", "unmerged by the operator"
  std::string at;              // ISO 8601 UTC
};

struct UnmergeResult {
  std::int64_t paper_id = 0;      // the paper that was split (it keeps its stable id)
  std::int64_t new_paper_id = 0;  // the new paper of the records split off
  std::vector<std::string> moved;  // keys of the records now in the new paper
  std::vector<std::string> kept;   // keys of the records left in the old one
};

// A key/value pair of harvest state ("arxiv-oai:cs:token" -> "726959|1001"), written in the same
// transaction as the papers it accompanies so that a killed harvest resumes exactly. Keys that
// start with "store:" are reserved for the store's own bookkeeping.
struct StateEntry {
  std::string key;
  std::string value;  // empty value deletes the key
};

// A briefing kept by the store (brief/briefing.h writes them; the store only keeps the text).
struct StoredBriefing {
  std::string id;          // its cache key (brief::cache_key: 64 hex digits)
  std::string body;        // the briefing's JSON, as `academichub brief --json` prints it
  std::string model;       // the model that wrote it ("" for the analysis alone)
  std::string lang;        // "zh" or "en"
  std::int64_t papers = 0;  // papers in its set
  std::string created_at;  // ISO 8601 UTC, set by put_briefing
};

// What identifies a note an LLM wrote on request (brief/paper_notes.h writes them; the store only
// keeps the text): everything its answer depends on.
struct NoteKey {
  std::int64_t paper_id = 0;  // the paper's stable id; 0 for a note on a text (a description)
  std::string kind;           // "tldr", "translation", "search_terms"
  std::string lang;           // the answer's language: "zh" or "en"
  std::string model;          // the model asked
  int prompt_version = 0;     // of the prompts that asked
  std::string input_hash;     // SHA-256 (hex) of the text the prompt was made from
};

struct StoredNote {
  NoteKey key;
  std::string body;  // the answer as JSON ({"tldr"}, {"title", "abstract"}, {"terms"})
  std::int64_t prompt_tokens = 0, completion_tokens = 0;  // what writing it cost
  std::string created_at;  // ISO 8601 UTC, set by put_note
};

struct SearchHit {
  core::Paper paper;
  double score = 0;  // higher is better; 0 when sorted by date
};

struct SearchResult {
  std::vector<SearchHit> hits;
  std::int64_t total = 0;   // matches of the whole query (not just this page)
  bool total_exact = true;  // false when `total` is an estimate (very frequent terms)
  // Newest-first requests (see SearchRequest::after): where the next page starts, or nullopt
  // when no paper is left. Also set when a bounded scan stopped before filling the page (fewer
  // hits than asked, maybe none), so that following next_after visits every match exactly once.
  std::optional<std::int64_t> next_after;
};

// A slice of the store's papers in order of stable id (PaperStore::papers_after).
struct PaperBatch {
  std::vector<core::Paper> papers;  // ascending paper_id
};

struct Stats {
  std::int64_t papers = 0;                        // distinct papers
  std::int64_t versions = 0;                      // version rows in the history
  std::int64_t authors = 0;                       // author positions (paper, author) pairs
  std::map<std::string, std::int64_t> by_source;  // papers each source has delivered
  std::vector<std::pair<std::string, std::int64_t>> top_categories;  // primary category, top 20
  std::string oldest_published, newest_published;
  std::map<std::string, std::string> state;  // harvest state for operators (no "store:" keys)
  std::string last_harvest;  // latest write of harvest state (ISO 8601 UTC); empty if never
  std::int64_t database_bytes = 0;
};

// What PaperStore::suggest completes.
enum class SuggestKind {
  author,    // author names as stored ("Simeng Zhang")
  category,  // categories at any position, so cross-lists count ("cs.CL")
  venue,     // journal_ref up to its first digit, trimmed ("Phys. Rev. D" from "Phys. Rev. D 76,
             // 013009 (2007)"), and the venues journals' records name ("Nature Methods")
};

struct Suggestion {
  std::string value;
  std::int64_t papers = 0;  // papers with this value (see PaperStore::suggest for bounds)
};

class PaperStore {
 public:
  virtual ~PaperStore() = default;

  // Upserts `papers` (records, each as one source gave it) and writes `state` in one transaction:
  // record in, paper out. Per record, by its key (identity::record_key: family, source_id):
  //  - a known record is combined with its stored self (store/paper_merge.h): a newer version
  //    replaces it and the older version's history is kept; the same version with new or
  //    changed fields fills and overwrites (fields the incoming record leaves empty keep their
  //    value), counted updated; an older version only adds its history, counted unchanged; the
  //    same content writes nothing, except that a source not seen before for the paper is
  //    remembered (counted unchanged). The arXiv channels write one arXiv record.
  //  - a new record joins the papers its identifiers and linking relations name
  //    (identity/links.h; several papers so linked become one: the lowest stable id survives and
  //    the others become its aliases), else the paper the fuzzy match finds (identity/fuzzy.h:
  //    papers without a record of its family, within two years, never notices), counted merged;
  //    else it is a new paper, counted inserted. Papers an operator split (unmerge) are never
  //    joined again; nor are papers with different arXiv ids, PMIDs or PMCIDs.
  //  - a paper's fields are then those of identity/merge.h's table over all its records, its
  //    date the earliest of them (a paper never moves later in the feed), its history and
  //    status derived, notices (records that `update` one of its identifiers) included.
  // Records without any identifier are counted rejected. Every automatic merge is logged with
  // its reason (merges()). Errors: internal (the transaction is rolled back; nothing of the
  // batch is stored).
  virtual Result<UpsertCounts> upsert(std::span<const core::Paper> papers,
                                      std::span<const StateEntry> state = {}) = 0;

  // Looks a paper up by any identifier core::parse_any_identifier reads: an arXiv id (any version
  // given is ignored), a DOI (an arXiv DOI is the arXiv id), pmid:N, pmcid:PMCN, openalex:WN,
  // s2:ID, or ah:N (the stable id; the id of a paper merged into another resolves to that one).
  // Returns the paper with its store-filled fields, or nullopt when absent.
  // Errors: invalid_argument (naming the forms) for text that is none of these.
  virtual Result<std::optional<core::Paper>> get(std::string_view identifier) = 0;

  // The records of the paper with stable id `paper_id` (aliases resolved), oldest first, with
  // their bodies. Errors: not_found for an unknown id; unavailable for a backend without
  // records (the default).
  virtual Result<std::vector<StoredRecord>> records(std::int64_t paper_id) {
    (void)paper_id;
    return fail(ErrorCode::unavailable, "this store keeps no records");
  }

  // The merge log of the paper with stable id `paper_id` (aliases resolved), oldest first.
  // Errors: not_found for an unknown id; unavailable as records().
  virtual Result<std::vector<MergeEvent>> merges(std::int64_t paper_id) {
    (void)paper_id;
    return fail(ErrorCode::unavailable, "this store keeps no records");
  }

  // Splits a record out of a paper that an automatic merge got wrong. `paper` is any identifier
  // get() reads; `record` a record id ("123") or key ("crossref:10.1/x", or a source's name:
  // "arxiv-oai:2401.01234"). The record, and the records linked to the paper only through it,
  // become a new paper with a new stable id; the two are blocked from merging again (later
  // imports and harvests keep them apart); no record is lost. Both papers are recomputed.
  // Errors: invalid_argument for unreadable text or a paper of one record; not_found when the
  // paper or the record (in that paper) is absent; unavailable for a read-only store or a
  // backend without records; internal (nothing changes).
  virtual Result<UnmergeResult> unmerge(std::string_view paper, std::string_view record) {
    (void)paper, (void)record;
    return fail(ErrorCode::unavailable, "this store keeps no records");
  }

  // Full-text search with BM25 ranking (title above authors above abstract) and filters.
  // Backends may bound the work of one query: for very frequent terms the ranking then considers
  // the newest matches (and the best title matches) and `total` is an estimate
  // (total_exact = false). Errors: invalid_argument for a request out of range.
  virtual Result<SearchResult> search(const search::SearchRequest& request) = 0;

  virtual Result<Stats> stats() = 0;

  // Values of `kind` that start with `prefix` (ASCII case-insensitive), most papers first (ties
  // by value), at most `limit` (1..1000). An empty prefix lists every category, and no authors or
  // venues (they cannot be ranked without reading them all). Backends may bound the work for
  // authors and venues (SQLite: the first 20,000 index entries of the prefix), so their counts
  // are then lower bounds. Errors: invalid_argument for a limit out of range; unavailable for a
  // backend without suggestions (the default).
  virtual Result<std::vector<Suggestion>> suggest(SuggestKind kind, std::string_view prefix,
                                                  int limit) {
    (void)kind, (void)prefix, (void)limit;
    return fail(ErrorCode::unavailable, "this store offers no suggestions");
  }

  // The briefing cached under `id` (a cache key), or nullopt when none is. Errors: unavailable
  // for a backend that keeps no briefings (the default).
  virtual Result<std::optional<StoredBriefing>> get_briefing(std::string_view id) {
    (void)id;
    return fail(ErrorCode::unavailable, "this store keeps no briefings");
  }
  // Keeps `briefing` under its id, replacing one kept before (a later, equal answer); its
  // created_at is set to now. Errors: invalid_argument for an empty id or body; unavailable for a
  // read-only store or a backend that keeps no briefings (the default); internal.
  virtual Result<void> put_briefing(const StoredBriefing& briefing) {
    (void)briefing;
    return fail(ErrorCode::unavailable, "this store keeps no briefings");
  }

  // The note kept under exactly `key` (every field compared), or nullopt when none is. Errors:
  // unavailable for a backend that keeps no notes (the default); internal.
  virtual Result<std::optional<StoredNote>> get_note(const NoteKey& key) {
    (void)key;
    return fail(ErrorCode::unavailable, "this store keeps no notes");
  }
  // Keeps `note` under its key, replacing one kept before; its created_at is set to now. Errors:
  // invalid_argument for an empty kind, lang, model, input_hash or body, or a negative paper_id;
  // unavailable for a read-only store or a backend that keeps no notes (the default); internal.
  virtual Result<void> put_note(const StoredNote& note) {
    (void)note;
    return fail(ErrorCode::unavailable, "this store keeps no notes");
  }

  // Up to `limit` (1..10,000) papers whose stable id is above `after`, in increasing stable id,
  // each as get() returns it: for indexes kept beside the store (the radar's FeatureIndex), which
  // read every paper once and then only the papers added since (stable ids are handed out in
  // increasing order and never reused). A paper changed since it was read keeps its stable id
  // and is not returned again; a paper merged away is gone (its id resolves to the paper that
  // absorbed it). An empty batch: no paper after `after`. Errors: invalid_argument for a limit
  // out of range; unavailable for a backend that cannot (the default); internal.
  virtual Result<PaperBatch> papers_after(std::int64_t after, int limit) {
    (void)after, (void)limit;
    return fail(ErrorCode::unavailable, "this store cannot list its papers");
  }

  // The store's research radars, on this store's connection and thread (store/radar_store.h),
  // owned by the store; nullptr for a backend without radars (the default). A read-only store's
  // radars read, and refuse writes with unavailable.
  virtual RadarStore* radars() { return nullptr; }

  virtual Result<std::optional<std::string>> get_state(std::string_view key) = 0;
  virtual Result<void> put_state(std::span<const StateEntry> state) = 0;

  // Compacts indexes after a bulk import (FTS segment merge, ANALYZE), and ends a bulk load
  // (SqliteOptions::bulk_load) in the same transaction. Long-running; optional.
  virtual Result<void> optimize() = 0;

  // Ends a bulk load too small to be worth optimize(): normal index merging resumes. A bulk load
  // that ends neither way (killed, or failed) leaves its compaction to the next writer that opens
  // the database (store/sqlite/bulk_load.h). A no-op for other stores and after optimize().
  virtual Result<void> end_bulk_load() { return {}; }
};

// How to open a SQLite store. Readers and writers share one database file: WAL lets readers read
// while one writer writes, and every wait for another process's lock is bounded by busy_timeout.
struct SqliteOptions {
  // A reader: the connection is opened read-only, so it never writes (no setting, no merge
  // policy, no maintenance). The one write a reader can cause is a migration of an older schema
  // (or, with `create`, making a missing database), done first on a short-lived connection of
  // its own.
  bool read_only = false;
  // A missing database file is created, with its directories (readers and writers alike).
  // Without it, open_sqlite fails with not_found and creates nothing: no file, no directory.
  bool create = true;
  // Bulk-load mode for large imports: larger page cache and FTS merges deferred until optimize()
  // (or end_bulk_load()). Safe: every batch is still its own committed transaction; the deferred
  // compaction of a killed bulk load is finished by the next writer (store/sqlite/bulk_load.h).
  bool bulk_load = false;
  // How long a call waits for a lock another connection holds (a writer's transaction, a
  // migration) before it fails with unavailable and Error::busy set (0: no wait).
  std::chrono::milliseconds busy_timeout{10000};
  // Called before each schema migration is applied, with its name (e.g. "0003_author_tokens"):
  // some rebuild indexes and take a minute on a large store, which the caller may want to say.
  std::function<void(std::string_view migration)> on_migration;
  // Called, with a sentence saying what and why, before a writer's open does other long work:
  // finishing the full-text compaction of a bulk load that was killed.
  std::function<void(std::string_view what)> on_maintenance;
  // The time rows are stamped with (a source's first and last sighting, harvest state, radars,
  // votes, notes, briefings); tests fix it. Empty: the system clock.
  core::WallClock now;
  // Relevance rankings shared with the other connections given the same cache (see
  // ranking_cache.h); none when null.
  std::shared_ptr<RankingCache> rankings;

  // A reader of an existing database.
  static SqliteOptions read_only_mode() {
    SqliteOptions o;
    o.read_only = true;
    o.create = false;
    return o;
  }
  static SqliteOptions bulk_load_mode() {
    SqliteOptions o;
    o.bulk_load = true;
    return o;
  }
};

// Opens the SQLite database at `path` (":memory:" for a private in-memory one) as `options` say:
// creating it when missing (options.create, with parent directories), migrating an older schema.
// A writer's open also finishes the compaction of a bulk load whose process is gone; when the
// database is current and nothing was interrupted, an open writes nothing.
// Errors: not_found when the database is missing (or an empty file) and options.create is false;
// unavailable when the file cannot be opened or is not an AcademicHub database, or (busy set)
// when another process held a lock this open needed for longer than options.busy_timeout;
// internal when a migration fails (the database is left as it was).
Result<std::unique_ptr<PaperStore>> open_sqlite(const std::filesystem::path& path,
                                                SqliteOptions options = {});

}  // namespace ah::store
