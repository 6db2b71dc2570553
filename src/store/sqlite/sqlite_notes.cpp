// SqliteStore's notes an LLM wrote on request (migration 0008_llm_notes.sql).
#include "store/sqlite/sqlite_store.h"

namespace ah::store::sqlite {

Result<std::optional<StoredNote>> SqliteStore::get_note(const NoteKey& key) {
  auto stmt = db_.cached(
      "SELECT body, prompt_tokens, completion_tokens, created_at FROM llm_notes WHERE "
      "paper_id = ?1 AND kind = ?2 AND lang = ?3 AND model = ?4 AND prompt_version = ?5 AND "
      "input_hash = ?6");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, key.paper_id).bind(2, key.kind).bind(3, key.lang).bind(4, key.model);
  (*stmt)->bind(5, key.prompt_version).bind(6, key.input_hash);
  auto row = (*stmt)->step();
  if (!row) return std::unexpected(row.error());
  std::optional<StoredNote> found;
  if (*row) {
    const Stmt& s = **stmt;
    found = StoredNote{key, s.str(0), s.int64(1), s.int64(2), s.str(3)};
  }
  (*stmt)->reset();
  return found;
}

Result<void> SqliteStore::put_note(const StoredNote& n) {
  if (options_.read_only) return fail(ErrorCode::unavailable, "the store is open read-only");
  const NoteKey& k = n.key;
  if (k.paper_id < 0 || k.kind.empty() || k.lang.empty() || k.model.empty() ||
      k.input_hash.empty() || n.body.empty()) {
    return fail(ErrorCode::invalid_argument,
                "a note needs a kind, a language, a model, an input hash and a body");
  }
  const std::string now = utc_now();
  return in_write_transaction(db_, [&]() -> Result<void> {
    auto stmt = db_.cached(
        "INSERT OR REPLACE INTO llm_notes (paper_id, kind, lang, model, prompt_version, "
        "input_hash, body, prompt_tokens, completion_tokens, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!stmt) return std::unexpected(stmt.error());
    (*stmt)->bind(1, k.paper_id).bind(2, k.kind).bind(3, k.lang).bind(4, k.model);
    (*stmt)->bind(5, k.prompt_version).bind(6, k.input_hash).bind(7, n.body);
    (*stmt)->bind(8, n.prompt_tokens).bind(9, n.completion_tokens);
    (*stmt)->bind(10, std::string_view(now));
    auto done = (*stmt)->exec();
    if (!done) return std::unexpected(done.error());
    return {};
  });
}

}  // namespace ah::store::sqlite
