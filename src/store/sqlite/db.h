// Thin RAII wrappers over the sqlite3 C API (connection and prepared statement) that turn SQLite
// result codes into ah::Error values. Private to the SQLite backend. Not thread-safe: a Db and
// its statements belong to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

namespace ah::store::sqlite {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// A prepared statement. Bind with 1-based indexes; step() until it returns false; reset() (also
// done by bind_all-style callers) before reuse. Text bound with bind() is copied only when it is
// a temporary: pass views that outlive the step.
class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}

  sqlite3_stmt* raw() const { return s_.get(); }
  explicit operator bool() const { return static_cast<bool>(s_); }

  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_.get(), i, v);
    return *this;
  }
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Stmt& bind(int i, double v) {
    sqlite3_bind_double(s_.get(), i, v);
    return *this;
  }
  // Binds text without copying: the bytes must stay valid until the statement is reset.
  Stmt& bind(int i, std::string_view v) {
    sqlite3_bind_text(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(s_.get(), i);
    return *this;
  }

  // Runs one step: true when a row is available, false when done. Errors: internal carrying
  // SQLite's message, or unavailable (busy_error() for a database locked past the timeout).
  Result<bool> step();
  // Steps to completion, ignoring rows, then resets. Returns the number of rows changed.
  Result<int> exec();
  // Steps to completion calling fn(*this) for every row, then resets (also after an error).
  template <typename Fn>
  Result<void> each_row(Fn fn) {
    for (;;) {
      auto row = step();
      if (!row) {
        reset();
        return std::unexpected(row.error());
      }
      if (!*row) break;
      fn(static_cast<const Stmt&>(*this));
    }
    reset();
    return {};
  }
  void reset() {
    sqlite3_reset(s_.get());
    sqlite3_clear_bindings(s_.get());
  }

  std::int64_t int64(int col) const { return sqlite3_column_int64(s_.get(), col); }
  int integer(int col) const { return sqlite3_column_int(s_.get(), col); }
  double real(int col) const { return sqlite3_column_double(s_.get(), col); }
  bool is_null(int col) const { return sqlite3_column_type(s_.get(), col) == SQLITE_NULL; }
  std::string_view text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_.get(), col));
    return p ? std::string_view(p, sqlite3_column_bytes(s_.get(), col)) : std::string_view();
  }
  std::string str(int col) const { return std::string(text(col)); }

 private:
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, StmtFinalizer> s_;
};

// A connection with a cache of prepared statements keyed by their SQL text.
class Db {
 public:
  // Opens `path` (":memory:" allowed). `flags` are SQLITE_OPEN_*. Errors: unavailable.
  static Result<Db> open(const std::string& path, int flags);

  sqlite3* raw() const { return db_.get(); }

  // Runs one or more statements without results. Errors: internal with SQLite's message (never
  // the SQL: error messages reach people).
  Result<void> exec(std::string_view sql);
  // Prepares a statement owned by the caller. Errors: internal.
  Result<Stmt> prepare(std::string_view sql);
  // Returns a cached statement for `sql` (prepared on first use), reset and with bindings cleared.
  // The pointer stays valid for the Db's lifetime. Errors: internal.
  Result<Stmt*> cached(std::string_view sql);
  // The single integer a query returns (e.g. a PRAGMA). Errors: internal, not_found without rows.
  Result<std::int64_t> query_int(std::string_view sql);

  std::int64_t changes() const { return sqlite3_changes64(db_.get()); }
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }

  // An error for the last failed call on this connection: `what: message (code)`.
  Error error(std::string_view what) const;

 private:
  std::unique_ptr<sqlite3, DbCloser> db_;
  // Looked up by the SQL's text without copying it (the write path asks for a few dozen
  // statements per record).
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Declared after db_ so that statements are finalized before the connection closes.
  std::unordered_map<std::string, std::unique_ptr<Stmt>, TextHash, std::equal_to<>> cache_;
};

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back when it fails.
template <typename Body>
auto in_write_transaction(Db& db, Body body) -> decltype(body()) {
  if (auto r = db.exec("BEGIN IMMEDIATE"); !r) return std::unexpected(r.error());
  auto result = body();
  if (result) {
    if (auto c = db.exec("COMMIT"); !c) {
      (void)db.exec("ROLLBACK");
      return std::unexpected(c.error());
    }
  } else {
    (void)db.exec("ROLLBACK");
  }
  return result;
}

// Maps a SQLite result code to an ErrorCode: busy/locked/cantopen/notadb -> unavailable, others
// -> internal.
ErrorCode code_for(int sqlite_rc);

// The error of a call that gave up waiting for another connection's lock (SQLITE_BUSY, after the
// connection's busy timeout): unavailable with Error::busy set, worded for people (how long it
// waited, what to do), without SQLite's "database is locked". Every error built here for a
// SQLITE_BUSY result is this one.
Error busy_error(sqlite3* db);

}  // namespace ah::store::sqlite
