#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <mutex>
#include <system_error>

#include "store/sqlite/bulk_load.h"
#include "store/sqlite/encoding.h"
#include "store/sqlite/functions.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/paper_rows.h"
#include "store/sqlite/ranking.h"
#include "store/sqlite/schema.h"

namespace ah::store::sqlite {
namespace {

// SQLite counts every allocation under one process-wide mutex (SQLITE_CONFIG_MEMSTATUS), which
// connections used from several threads at once (the web server's pool) then contend for;
// nothing here reads those counts. It can only be turned off before SQLite initializes, so the
// first open does it (a later call is refused harmlessly if something initialized SQLite first).
void disable_memory_statistics() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// SqliteOptions::busy_timeout as sqlite3_busy_timeout takes it.
int busy_ms(const SqliteOptions& options) {
  return static_cast<int>(
      std::clamp<std::int64_t>(options.busy_timeout.count(), 0, std::numeric_limits<int>::max()));
}

// Opens one connection with what every connection gets, reader or writer: the busy timeout, the
// first read (a file that is not SQLite fails here with SQLITE_NOTADB), per-connection settings
// and the SQL functions. Nothing here writes to the database.
Result<Db> connect(const std::string& path, bool read_only, const SqliteOptions& options) {
  const int flags = SQLITE_OPEN_NOMUTEX |
                    (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  auto db = Db::open(path, flags);
  if (!db) return db;
  sqlite3_busy_timeout(db->raw(), busy_ms(options));
  if (auto v = db->query_int("PRAGMA user_version"); !v) {
    if (v.error().code == ErrorCode::unavailable && !v.error().busy) {
      return fail(ErrorCode::unavailable,
                  fmt::format("not an AcademicHub database ({})", v.error().message));
    }
    return std::unexpected(v.error());
  }
  // All of these are settings of this connection, none is stored in the file, so they are
  // harmless on a read-only connection. synchronous=NORMAL in WAL mode: a commit survives a
  // process crash; only an OS crash or power loss may lose the last commits (never corrupts).
  // secure_delete off: FTS merges free many pages and zeroing them doubles their writes.
  // A bulk load's cache is 128 MiB: with 512 MiB the 1M-record merge benchmark peaked at 4.2 GB
  // RSS (3.0 GB anonymous) against 2.5 GB (1.0 GB) with 128 MiB, for the same CPU time (pages
  // beyond the cache are read through the mmap); bench/README.md has the runs.
  const std::string pragmas = fmt::format(
      "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = OFF; "
      "PRAGMA temp_store = MEMORY; PRAGMA cache_size = {}; PRAGMA mmap_size = {};",
      options.bulk_load ? -131072 : -65536,  // KiB: 128 MiB for bulk loads, else 64 MiB
      std::int64_t{2} << 30);
  if (auto r = db->exec(pragmas); !r) return std::unexpected(r.error());
  if (auto r = register_functions(db->raw()); !r) return std::unexpected(r.error());
  return db;
}

// A writer's setup of the file itself: the page size of a new database and WAL journaling
// (both no-ops, writing nothing, on a database that has them).
Result<void> prepare_file(Db& db, bool memory) {
  // 16 KiB pages for a new database (the size is fixed once it has tables): a paper row with
  // both forms of its abstract is ~3 KB, so 4 KiB pages would hold one row each and waste a
  // third of the file; larger pages also mean fewer B-tree levels and FTS leaf reads.
  auto tables = db.query_int("SELECT count(*) FROM sqlite_schema");
  if (!tables) return std::unexpected(tables.error());
  if (*tables == 0) {
    if (auto r = db.exec("PRAGMA page_size = 16384"); !r) return r;
  }
  if (memory) return {};
  auto mode = db.prepare("PRAGMA journal_mode = WAL");
  if (!mode) return std::unexpected(mode.error());
  auto row = mode->step();
  if (!row) return std::unexpected(row.error());
  if (!*row || mode->text(0) != "wal") {
    return fail(ErrorCode::unavailable, "cannot switch to WAL journaling");
  }
  return {};
}

// What a reader's open needs a writer for, done on a connection of its own that is closed
// before it returns: creating the database, or migrating an older schema.
Result<void> create_or_migrate(const std::string& path, const SqliteOptions& options) {
  auto db = connect(path, /*read_only=*/false, options);
  if (!db) return std::unexpected(db.error());
  if (auto r = prepare_file(*db, /*memory=*/false); !r) return r;
  return migrate(*db, migrations(), /*read_only=*/false, options.on_migration);
}

// A reader's connection to an existing (or, with options.create, new) database at `path`, with
// the current schema. The connection is SQLITE_OPEN_READONLY, so it cannot write.
Result<Db> connect_reader(const std::string& path, bool exists, const SqliteOptions& options) {
  if (!exists) {
    if (auto r = create_or_migrate(path, options); !r) return std::unexpected(r.error());
  }
  auto db = connect(path, /*read_only=*/true, options);
  if (!db) return db;
  auto version = db->query_int("PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  if (*version < static_cast<std::int64_t>(migrations().size())) {
    if (*version == 0 && !options.create) {
      // An empty file (or one being created this instant): not a database to read.
      auto tables = db->query_int("SELECT count(*) FROM sqlite_schema");
      if (!tables) return std::unexpected(tables.error());
      if (*tables == 0) return fail(ErrorCode::not_found, "no database there (the file is empty)");
    } else {
      if (auto r = create_or_migrate(path, options); !r) return std::unexpected(r.error());
      db = connect(path, /*read_only=*/true, options);  // a fresh look at the new schema
      if (!db) return db;
    }
  }
  // Checks what it finds (an AcademicHub database, not newer than this binary); writes nothing.
  if (auto r = migrate(*db, migrations(), /*read_only=*/true); !r)
    return std::unexpected(r.error());
  return db;
}

}  // namespace

Result<std::unique_ptr<PaperStore>> SqliteStore::open(const std::filesystem::path& path,
                                                      SqliteOptions options, SearchLimits limits) {
  disable_memory_statistics();
  const bool memory = path == ":memory:";
  const std::string file = path.string();
  auto context = [&](const Error& e) { return std::unexpected(e.with_context(file)); };
  bool exists = true;
  if (!memory) {
    std::error_code ec;
    exists = std::filesystem::exists(path, ec);
    if (!exists && !options.create) {
      return fail(ErrorCode::not_found, fmt::format("no database at {}", file));
    }
    if (!exists && path.has_parent_path()) {
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) {
        return fail(ErrorCode::unavailable,
                    fmt::format("cannot create the directory of '{}': {}", file, ec.message()));
      }
    }
  }

  if (options.read_only && !memory) {
    auto db = connect_reader(file, exists, options);
    if (!db) return context(db.error());
    if (auto r = register_ranking(db->raw()); !r) return context(r.error());
    std::unique_ptr<PaperStore> store(new SqliteStore(std::move(*db), options, limits));
    return store;
  }

  auto db = connect(file, /*read_only=*/false, options);
  if (!db) return context(db.error());
  if (auto r = prepare_file(*db, memory); !r) return context(r.error());
  if (auto r = migrate(*db, migrations(), options.read_only, options.on_migration); !r) {
    return context(r.error());
  }
  if (auto r = register_ranking(db->raw()); !r) return context(r.error());
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(*db), options, limits));
  store->self_ = this_process();
  if (!options.read_only) {
    if (auto r = finish_interrupted_bulk_load(store->db_, store->self_, options.on_maintenance);
        !r) {
      return context(r.error());
    }
  }
  if (options.bulk_load && !options.read_only && !memory) {
    // The writer checkpoints itself only if the WAL reaches 512 MiB (32768 pages of 16 KiB):
    // the background checkpointer normally keeps it to about one batch.
    auto checkpointer = Checkpointer::start(file, options.busy_timeout);
    if (!checkpointer) return context(checkpointer.error());
    if (auto r = store->db_.exec("PRAGMA wal_autocheckpoint = 32768"); !r)
      return context(r.error());
    store->checkpointer_ = std::move(*checkpointer);
  }
  return std::unique_ptr<PaperStore>(std::move(store));
}

void SqliteStore::stop_checkpointer() {
  if (!checkpointer_) return;
  checkpointer_.reset();
  (void)db_.exec("PRAGMA wal_autocheckpoint = 1000");  // SQLite's default
}

// ------------------------------------------------------------------------------------------
// reads and maintenance

Result<PaperBatch> SqliteStore::papers_after(std::int64_t after, int limit) {
  if (limit < 1 || limit > 10'000) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("limit: expected 1 to 10000, got {}", limit));
  }
  // papers_by_uid walks the stable ids in order; load_papers reads the batch table by table.
  auto stmt = db_.cached("SELECT id FROM papers WHERE uid > ?1 ORDER BY uid LIMIT ?2");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, after).bind(2, limit);
  std::vector<std::int64_t> rowids;
  for (;;) {
    auto row = (*stmt)->step();
    if (!row) {
      (*stmt)->reset();
      return std::unexpected(row.error());
    }
    if (!*row) break;
    rowids.push_back((*stmt)->int64(0));
  }
  (*stmt)->reset();
  auto papers = load_papers(db_, rowids);
  if (!papers) return std::unexpected(papers.error());
  return PaperBatch{std::move(*papers)};
}

RadarStore* SqliteStore::radars() {
  if (!radars_) radars_ = std::make_unique<SqliteRadars>(db_, options_.read_only, options_.now);
  return radars_.get();
}

Result<std::optional<std::string>> SqliteStore::get_state(std::string_view key) {
  auto stmt = db_.cached("SELECT value FROM harvest_state WHERE key = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, key);
  auto row = (*stmt)->step();
  if (!row) return std::unexpected(row.error());
  std::optional<std::string> value;
  if (*row) value = (*stmt)->str(0);
  (*stmt)->reset();
  return value;
}

Result<void> SqliteStore::put_state(std::span<const StateEntry> state) {
  if (options_.read_only) return fail(ErrorCode::unavailable, "the store is open read-only");
  now_ = utc_now();
  return in_write_transaction(db_, [&] { return write_state(state); });
}

Result<Stats> SqliteStore::stats() {
  Stats s;
  auto read = [&]() -> Result<void> {
    auto ints = [&](std::string_view sql) { return db_.query_int(sql); };
    auto papers = ints("SELECT coalesce(sum(papers), 0) FROM paper_days");
    auto versions = ints("SELECT count(*) FROM paper_versions");
    auto authors = ints("SELECT count(*) FROM paper_authors");
    auto pages = ints("PRAGMA page_count");
    auto page_size = ints("PRAGMA page_size");
    for (auto* r : {&papers, &versions, &authors, &pages, &page_size}) {
      if (!*r) return std::unexpected(r->error());
    }
    s.papers = *papers;
    s.versions = *versions;
    s.authors = *authors;
    s.database_bytes = *pages * *page_size;

    auto rows = [&](std::string_view sql, auto fn) -> Result<void> {
      auto stmt = db_.prepare(sql);
      if (!stmt) return std::unexpected(stmt.error());
      for (;;) {
        auto row = stmt->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
        fn(*stmt);
      }
    };
    auto r = rows("SELECT source, count(*) FROM paper_sources GROUP BY source",
                  [&](const Stmt& st) { s.by_source[st.str(0)] = st.int64(1); });
    if (r) {
      r = rows(
          "SELECT category, count(*) AS n FROM paper_categories WHERE position = 0 "
          "GROUP BY category ORDER BY n DESC, category LIMIT 20",
          [&](const Stmt& st) { s.top_categories.emplace_back(st.str(0), st.int64(1)); });
    }
    // Ids are ordered by sort date (published when known), so the extremes are at the ends.
    if (r) {
      r = rows("SELECT published FROM papers WHERE published <> '' ORDER BY id LIMIT 1",
               [&](const Stmt& st) { s.oldest_published = st.str(0); });
    }
    if (r) {
      r = rows("SELECT published FROM papers WHERE published <> '' ORDER BY id DESC LIMIT 1",
               [&](const Stmt& st) { s.newest_published = st.str(0); });
    }
    if (r) {
      r = rows("SELECT key, value FROM harvest_state WHERE key NOT LIKE 'store:%' ORDER BY key",
               [&](const Stmt& st) { s.state[st.str(0)] = st.str(1); });
    }
    if (r) {
      r = rows("SELECT max(updated_at) FROM harvest_state WHERE key NOT LIKE 'store:%'",
               [&](const Stmt& st) { s.last_harvest = st.str(0); });
    }
    return r;
  };
  if (auto r = db_.exec("BEGIN"); !r) return std::unexpected(r.error());
  auto r = read();
  (void)db_.exec("COMMIT");
  if (!r) return std::unexpected(r.error());
  return s;
}

Result<void> SqliteStore::optimize() {
  if (options_.read_only) return fail(ErrorCode::unavailable, "the store is open read-only");
  // Merge every FTS segment into one (faster queries) and end a bulk load in the same
  // transaction (bulk_load.h), refresh the planner's statistics, and fold the WAL back into the
  // database file (which needs the checkpoint lock: the background checkpointer stops first).
  stop_checkpointer();
  auto released =
      in_write_transaction(db_, [&] { return release_bulk_load(db_, self_, /*compact=*/true); });
  if (!released) return released;
  inherited_compaction_ = false;
  if (auto r = db_.exec("PRAGMA optimize"); !r) return r;
  checkpoint_without_waiting();
  return {};
}

Result<void> SqliteStore::end_bulk_load() {
  if (options_.read_only || !options_.bulk_load) return {};
  stop_checkpointer();
  // An interrupted bulk load this one took over still needs its compaction (bulk_load.h).
  auto released = in_write_transaction(
      db_, [&] { return release_bulk_load(db_, self_, /*compact=*/inherited_compaction_); });
  if (!released) return released;
  inherited_compaction_ = false;
  checkpoint_without_waiting();
  return {};
}

Result<void> SqliteStore::claim_bulk_load() {
  if (!options_.bulk_load) return {};
  return sqlite::claim_bulk_load(db_, self_, &inherited_compaction_);
}

void SqliteStore::checkpoint_without_waiting() {
  // TRUNCATE waits for readers through the busy handler; without one it copies what no reader
  // still needs, like PASSIVE, and returns SQLITE_BUSY, which is fine: the rest stays in the WAL
  // for a later checkpoint. So readers cannot hold an import's end up, nor make it fail.
  sqlite3_busy_handler(db_.raw(), nullptr, nullptr);
  (void)sqlite3_wal_checkpoint_v2(db_.raw(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  sqlite3_busy_timeout(db_.raw(), busy_ms(options_));
}

}  // namespace ah::store::sqlite

namespace ah::store {

Result<std::unique_ptr<PaperStore>> open_sqlite(const std::filesystem::path& path,
                                                SqliteOptions options) {
  return sqlite::SqliteStore::open(path, options);
}

}  // namespace ah::store
