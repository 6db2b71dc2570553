// Reading whole papers (row, identifiers, authors, categories, versions, records) from the SQLite
// schema, several at a time: one query per table for the whole set, never one per paper.
// Not thread-safe (uses the connection).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/error.h"
#include "core/paper.h"
#include "store/sqlite/db.h"

namespace ah::store::sqlite {

// Loads the papers with these ids, in the order of `ids`; ids that do not exist are skipped.
// Each comes with its store-filled fields: paper_id, records, history and status (stored for a
// paper of several records or with notices, else derived from its one record), field_sources
// (empty for a paper of one record: every field is that record's). Errors: internal.
Result<std::vector<core::Paper>> load_papers(Db& db, std::span<const std::int64_t> ids);

}  // namespace ah::store::sqlite
