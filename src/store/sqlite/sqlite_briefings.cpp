// SqliteStore's cached briefings (migration 0007_briefings.sql).
#include "store/sqlite/sqlite_store.h"

namespace ah::store::sqlite {

Result<std::optional<StoredBriefing>> SqliteStore::get_briefing(std::string_view id) {
  auto stmt =
      db_.cached("SELECT id, body, model, lang, papers, created_at FROM briefings WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id);
  auto row = (*stmt)->step();
  if (!row) return std::unexpected(row.error());
  std::optional<StoredBriefing> found;
  if (*row) {
    const Stmt& s = **stmt;
    found = StoredBriefing{s.str(0), s.str(1), s.str(2), s.str(3), s.int64(4), s.str(5)};
  }
  (*stmt)->reset();
  return found;
}

Result<void> SqliteStore::put_briefing(const StoredBriefing& b) {
  if (options_.read_only) return fail(ErrorCode::unavailable, "the store is open read-only");
  if (b.id.empty() || b.body.empty()) {
    return fail(ErrorCode::invalid_argument, "a briefing needs an id and a body");
  }
  const std::string now = utc_now();
  return in_write_transaction(db_, [&]() -> Result<void> {
    auto stmt = db_.cached(
        "INSERT OR REPLACE INTO briefings (id, body, model, lang, papers, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->bind(1, b.id).bind(2, b.body).bind(3, b.model).bind(4, b.lang).bind(5, b.papers);
    (*stmt)->bind(6, std::string_view(now));
    auto done = (*stmt)->exec();
    if (!done) return std::unexpected(done.error());
    return {};
  });
}

}  // namespace ah::store::sqlite
