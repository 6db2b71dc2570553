#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <mutex>
#include <system_error>

#include "store/sqlite/encoding.h"
#include "store/sqlite/functions.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/paper_rows.h"
#include "store/sqlite/ranking.h"
#include "store/sqlite/schema.h"

namespace ah::store::sqlite {
namespace {

// FTS5 merges its segments as it goes (automerge 4: whenever 4 segments of a level exist). A
// bulk load defers that: no merging until 64 segments pile up on a level (crisismerge), and
// optimize() merges everything once at the end; each record's postings are then rewritten about
// once instead of twice, at the price of slower queries until optimize(). A later normal open
// restores the default, so an interrupted bulk load does not leave the policy behind.
Result<void> set_merge_policy(Db& db, bool bulk) {
  auto stmt = db.prepare("SELECT v FROM paper_fts_config WHERE k = 'automerge'");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  const std::int64_t current = *row ? stmt->int64(0) : 4;
  const std::int64_t wanted = bulk ? 0 : 4;
  if (current == wanted) return {};
  return db.exec(
      fmt::format("INSERT INTO paper_fts (paper_fts, rank) VALUES ('automerge', {0}); "
                  "INSERT INTO paper_fts (paper_fts, rank) VALUES ('crisismerge', {1});",
                  wanted, bulk ? 64 : 16));
}

// SQLite counts every allocation under one process-wide mutex (SQLITE_CONFIG_MEMSTATUS), which
// connections used from several threads at once (the web server's pool) then contend for;
// nothing here reads those counts. It can only be turned off before SQLite initializes, so the
// first open does it (a later call is refused harmlessly if something initialized SQLite first).
void disable_memory_statistics() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<PaperStore>> SqliteStore::open(const std::filesystem::path& path,
                                                      SqliteOptions options, SearchLimits limits) {
  disable_memory_statistics();
  const bool memory = path == ":memory:";
  if (!memory && !options.read_only && path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      return fail(ErrorCode::unavailable, fmt::format("cannot create the directory of '{}': {}",
                                                      path.string(), ec.message()));
    }
  }
  int flags =
      SQLITE_OPEN_NOMUTEX |
      (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  auto db = Db::open(path.string(), flags);
  if (!db) return std::unexpected(db.error());
  auto context = [&](const Error& e) { return std::unexpected(e.with_context(path.string())); };

  sqlite3_busy_timeout(db->raw(), 10000);
  // The first read of the file: a file that is not SQLite fails here with SQLITE_NOTADB.
  if (auto v = db->query_int("PRAGMA user_version"); !v) {
    if (v.error().code == ErrorCode::unavailable) {
      return fail(ErrorCode::unavailable, fmt::format("{}: not an AcademicHub database ({})",
                                                      path.string(), v.error().message));
    }
    return context(v.error());
  }
  if (!options.read_only) {
    // 16 KiB pages for a new database (the size is fixed once it has tables): a paper row with
    // both forms of its abstract is ~3 KB, so 4 KiB pages would hold one row each and waste a
    // third of the file; larger pages also mean fewer B-tree levels and FTS leaf reads.
    auto tables = db->query_int("SELECT count(*) FROM sqlite_schema");
    if (!tables) return context(tables.error());
    if (*tables == 0) {
      if (auto r = db->exec("PRAGMA page_size = 16384"); !r) return context(r.error());
    }
  }
  if (!memory && !options.read_only) {
    auto mode = db->prepare("PRAGMA journal_mode = WAL");
    if (!mode) return context(mode.error());
    auto row = mode->step();
    if (!row) return context(row.error());
    if (!*row || mode->text(0) != "wal") {
      return fail(ErrorCode::unavailable,
                  fmt::format("{}: cannot switch to WAL journaling", path.string()));
    }
  }
  // synchronous=NORMAL in WAL mode: a commit survives a process crash; only an OS crash or
  // power loss may lose the last commits (never corrupts). secure_delete off: FTS merges free
  // many pages and zeroing them doubles their writes.
  std::string pragmas = fmt::format(
      "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = OFF; "
      "PRAGMA temp_store = MEMORY; PRAGMA cache_size = {}; PRAGMA mmap_size = {};",
      options.bulk_load ? -524288 : -65536,  // KiB: 512 MiB for bulk loads, else 64 MiB
      std::int64_t{2} << 30);
  if (auto r = db->exec(pragmas); !r) return context(r.error());

  if (auto r = register_functions(db->raw()); !r) return context(r.error());
  if (auto r = migrate(*db, migrations(), options.read_only, options.on_migration); !r) {
    return context(r.error());
  }
  if (auto r = register_ranking(db->raw()); !r) return context(r.error());
  if (!options.read_only) {
    if (auto r = set_merge_policy(*db, options.bulk_load); !r) return context(r.error());
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(*db), options, limits));
  if (options.bulk_load && !options.read_only && !memory) {
    // The writer checkpoints itself only if the WAL reaches 512 MiB (32768 pages of 16 KiB):
    // the background checkpointer normally keeps it to about one batch.
    auto checkpointer = Checkpointer::start(path.string());
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

Result<std::optional<core::Paper>> SqliteStore::get(std::string_view id_or_doi) {
  std::optional<std::int64_t> id;
  if (auto arxiv = core::ArxivId::parse(id_or_doi)) {
    auto found = lookup("arxiv", arxiv->id);
    if (!found) return std::unexpected(found.error());
    id = *found;
  } else if (auto doi = core::normalize_doi(id_or_doi)) {
    auto found = lookup("doi", *doi);
    if (!found) return std::unexpected(found.error());
    id = *found;
  } else {
    return fail(ErrorCode::invalid_argument,
                fmt::format("neither an arXiv id nor a DOI: '{}'", id_or_doi));
  }
  if (!id) return std::optional<core::Paper>();
  auto papers = load_papers(db_, std::span(&*id, 1));
  if (!papers) return std::unexpected(papers.error());
  if (papers->empty()) return std::optional<core::Paper>();
  return std::optional<core::Paper>(std::move(papers->front()));
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
      r = rows("SELECT key, value FROM harvest_state ORDER BY key",
               [&](const Stmt& st) { s.state[st.str(0)] = st.str(1); });
    }
    if (r) {
      r = rows("SELECT max(updated_at) FROM harvest_state",
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
  // Merge every FTS segment into one (faster queries), refresh the planner's statistics and fold
  // the WAL back into the database file (which needs the checkpoint lock: the background
  // checkpointer of a bulk load stops first).
  stop_checkpointer();
  for (std::string_view sql : {"INSERT INTO paper_fts (paper_fts) VALUES ('optimize')",
                               "PRAGMA optimize", "PRAGMA wal_checkpoint(TRUNCATE)"}) {
    if (auto r = db_.exec(sql); !r) return r;
  }
  return {};
}

}  // namespace ah::store::sqlite

namespace ah::store {

Result<std::unique_ptr<PaperStore>> open_sqlite(const std::filesystem::path& path,
                                                SqliteOptions options) {
  return sqlite::SqliteStore::open(path, options);
}

}  // namespace ah::store
