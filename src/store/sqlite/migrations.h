// The SQL migrations of the SQLite schema, embedded at build time from src/store/migrations/
// (CMake generates migrations.cpp from migrations.cpp.in). Immutable data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace ah::store::sqlite {

struct Migration {
  std::string_view name;  // file name, "0001_init.sql"; migration i (1-based) is at index i-1
  std::string_view sql;
};

// All migrations in order; schema version N means the first N have been applied.
std::span<const Migration> migrations();

}  // namespace ah::store::sqlite
