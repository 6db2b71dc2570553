#include "store/sqlite/schema.h"

#include <fmt/format.h>

namespace ah::store::sqlite {
namespace {

Result<void> check_identity(Db& db, std::int64_t version, std::size_t latest) {
  auto app_id = db.query_int("PRAGMA application_id");
  if (!app_id) return std::unexpected(app_id.error());
  if (version == 0) {
    auto objects = db.query_int("SELECT count(*) FROM sqlite_schema");
    if (!objects) return std::unexpected(objects.error());
    if (*objects > 0) {
      return fail(ErrorCode::unavailable,
                  "not an AcademicHub database: it has tables but no schema version");
    }
    return {};
  }
  if (*app_id != kApplicationId) {
    return fail(ErrorCode::unavailable,
                fmt::format("not an AcademicHub database (application_id {})", *app_id));
  }
  if (version > static_cast<std::int64_t>(latest)) {
    return fail(ErrorCode::unavailable,
                fmt::format("database schema version {} is newer than this AcademicHub supports "
                            "({}): upgrade AcademicHub to open it",
                            version, latest));
  }
  return {};
}

}  // namespace

Result<void> migrate(Db& db, std::span<const Migration> list, bool read_only,
                     const std::function<void(std::string_view)>& on_migration) {
  auto version = db.query_int("PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  if (auto ok = check_identity(db, *version, list.size()); !ok) return ok;
  if (*version == static_cast<std::int64_t>(list.size())) return {};
  // A new database is created, not updated: its migrations are not announced one by one (a
  // second process creating it at the same moment may apply some of them; it is still new).
  const bool creating = *version == 0;
  if (read_only) {
    return fail(ErrorCode::unavailable,
                fmt::format("database schema version {} needs migrating to {}: open it "
                            "read-write once",
                            *version, list.size()));
  }
  for (;;) {
    if (auto r = db.exec("BEGIN IMMEDIATE"); !r) return r;
    // Re-read inside the write lock: another process may have migrated meanwhile.
    auto current = db.query_int("PRAGMA user_version");
    if (current) {
      if (auto ok = check_identity(db, *current, list.size()); !ok) {
        (void)db.exec("ROLLBACK");
        return ok;
      }
    }
    if (!current || *current == static_cast<std::int64_t>(list.size())) {
      (void)db.exec(current ? "COMMIT" : "ROLLBACK");
      if (!current) return std::unexpected(current.error());
      return {};
    }
    const Migration& m = list[static_cast<std::size_t>(*current)];
    if (on_migration && !creating) {
      std::string_view name = m.name;
      if (name.ends_with(".sql")) name.remove_suffix(4);
      on_migration(name);
    }
    auto applied = db.exec(m.sql);
    if (applied) applied = db.exec(fmt::format("PRAGMA user_version = {}", *current + 1));
    if (applied) applied = db.exec("COMMIT");
    if (!applied) {
      (void)db.exec("ROLLBACK");
      return fail(ErrorCode::internal,
                  fmt::format("migration {} failed: {}", m.name, applied.error().message));
    }
  }
}

}  // namespace ah::store::sqlite
