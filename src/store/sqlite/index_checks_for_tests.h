// Test support: checks that the full-text indexes agree with each other.
#pragma once

#include <sqlite3.h>

#include <cstdint>

namespace ah::store::sqlite {

// How many (term, row, offset) entries the titles' index (title_fts) and paper_fts's title column
// do not share, counted both ways: 0 when title_fts holds exactly the titles paper_fts holds
// (paper_fts is checked against its rows by FTS5's own integrity-check; title_fts, contentless,
// cannot be). A 'delete' with another title than was indexed, or a title written to one index and
// not the other, shows here. -1 when the check cannot run.
inline std::int64_t title_index_differences(sqlite3* db) {
  if (sqlite3_exec(db,
                   "CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_full_terms USING "
                   "fts5vocab('main', 'paper_fts', 'instance'); "
                   "CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_title_terms USING "
                   "fts5vocab('main', 'title_fts', 'instance');",
                   nullptr, nullptr, nullptr) != SQLITE_OK) {
    return -1;
  }
  constexpr const char* kSql =
      "WITH full (term, doc, offset) AS ("
      "  SELECT term, doc, offset FROM temp.check_full_terms WHERE col = 'title'), "
      "titles (term, doc, offset) AS (SELECT term, doc, offset FROM temp.check_title_terms) "
      "SELECT (SELECT count(*) FROM (SELECT * FROM full EXCEPT SELECT * FROM titles)) + "
      "       (SELECT count(*) FROM (SELECT * FROM titles EXCEPT SELECT * FROM full))";
  sqlite3_stmt* stmt = nullptr;
  std::int64_t out = -1;
  if (sqlite3_prepare_v2(db, kSql, -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    out = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return out;
}

}  // namespace ah::store::sqlite
