// Opening-time setup of a SQLite connection: pragmas and versioned migrations. Not thread-safe
// (works on one connection).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "core/error.h"
#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"

namespace ah::store::sqlite {

// PRAGMA application_id of an AcademicHub database ('AHub'), set by 0001_init.sql.
inline constexpr std::int64_t kApplicationId = 1095265634;

// Applies the migrations after the database's PRAGMA user_version, in order, each in its own
// IMMEDIATE transaction that also sets user_version (so a failed one leaves the previous schema,
// and two processes opening at once apply each migration once). With `read_only`, nothing is
// applied and an out-of-date schema is an error.
// Errors: unavailable when the file is not an AcademicHub database, or its schema is newer than
// `list` knows (written by a newer AcademicHub), or it needs migrating but is read-only;
// internal when a migration fails (its message names the file).
// `on_migration`, when set, is called with each migration's name before it is applied to an
// existing database; creating a new one (user_version 0, no tables) calls it for none.
Result<void> migrate(Db& db, std::span<const Migration> list, bool read_only,
                     const std::function<void(std::string_view)>& on_migration = {});

}  // namespace ah::store::sqlite
