#include "store/sqlite/db.h"

#include <fmt/format.h>

namespace ah::store::sqlite {

ErrorCode code_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return ErrorCode::unavailable;
    default:
      return ErrorCode::internal;
  }
}

namespace {

// SQLite's message cut to one line a person can read (a message may quote a statement's text).
std::string short_message(std::string_view msg) {
  constexpr size_t kMaxBytes = 200;
  if (size_t nl = msg.find('\n'); nl != std::string_view::npos) msg = msg.substr(0, nl);
  if (msg.size() <= kMaxBytes) return std::string(msg);
  size_t cut = kMaxBytes;
  while (cut > 0 && (static_cast<unsigned char>(msg[cut]) & 0xC0) == 0x80) --cut;
  return std::string(msg.substr(0, cut)) + "...";
}

// The connection's busy timeout, read back from SQLite (only when an error is being worded).
std::int64_t busy_timeout_ms(sqlite3* db) {
  sqlite3_stmt* s = nullptr;
  std::int64_t ms = 0;
  if (sqlite3_prepare_v2(db, "PRAGMA busy_timeout", -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW) {
    ms = sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  return ms;
}

std::string wait_text(std::int64_t ms) {
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  if (ms >= 1000) return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000);
  return fmt::format("{} ms", ms);
}

// No statement text in the message: errors reach people (the command line prints them), and a
// statement can be kilobytes of SQL that says nothing to them. A busy database gets the worded
// busy error.
Error make_error(sqlite3* db, int rc, std::string_view what, const char* detail = nullptr) {
  if ((rc & 0xff) == SQLITE_BUSY) return busy_error(db);
  const char* msg = detail ? detail : db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Error{code_for(rc),
               what.empty() ? fmt::format("sqlite: {} ({})", short_message(msg), rc)
                            : fmt::format("sqlite: {}: {} ({})", what, short_message(msg), rc)};
}

}  // namespace

Error busy_error(sqlite3* db) {
  const std::int64_t ms = db ? busy_timeout_ms(db) : 0;
  std::string how_long = ms > 0
                             ? fmt::format("has been writing to it for more than {}", wait_text(ms))
                             : std::string("is writing to it");
  return Error{.code = ErrorCode::unavailable,
               .message = fmt::format("the database is busy: another process {} (an import or a "
                                      "harvest?); try again when it has finished",
                                      how_long),
               .busy = true};
}

Result<bool> Stmt::step() {
  int rc = sqlite3_step(s_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = make_error(db_, rc, "");
  sqlite3_reset(s_.get());
  return std::unexpected(std::move(e));
}

Result<int> Stmt::exec() {
  for (;;) {
    auto r = step();
    if (!r) {
      reset();
      return std::unexpected(r.error());
    }
    if (!*r) break;
  }
  int n = sqlite3_changes(db_);
  reset();
  return n;
}

Result<Db> Db::open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db;
  db.db_.reset(raw);
  if (rc != SQLITE_OK) {
    return std::unexpected(
        Error{ErrorCode::unavailable, fmt::format("sqlite: cannot open '{}': {}", path,
                                                  raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))});
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Result<void> Db::exec(std::string_view sql) {
  std::string copy(sql);
  char* msg = nullptr;
  int rc = sqlite3_exec(db_.get(), copy.c_str(), nullptr, nullptr, &msg);
  if (rc != SQLITE_OK) {
    std::string text = msg ? msg : sqlite3_errstr(rc);
    sqlite3_free(msg);
    return std::unexpected(make_error(db_.get(), rc, "", text.c_str()));
  }
  return {};
}

Result<Stmt> Db::prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &s, nullptr);
  if (rc != SQLITE_OK) {
    return std::unexpected(make_error(db_.get(), rc, "prepare"));
  }
  return Stmt(db_.get(), s);
}

Result<Stmt*> Db::cached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->reset();
    return it->second.get();
  }
  auto stmt = prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  auto owned = std::make_unique<Stmt>(std::move(*stmt));
  Stmt* p = owned.get();
  cache_.emplace(std::string(sql), std::move(owned));
  return p;
}

Result<std::int64_t> Db::query_int(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return std::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(ErrorCode::not_found, "sqlite: a query that returns a number gave no row");
  return stmt->int64(0);
}

Error Db::error(std::string_view what) const {
  return make_error(db_.get(), sqlite3_errcode(db_.get()), what);
}

}  // namespace ah::store::sqlite
