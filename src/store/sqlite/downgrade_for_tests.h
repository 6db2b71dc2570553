// Test support: turns a database of the current schema back into one of schema 4 (before
// records, migration 0005, and radars, 0006), data kept, so that tests of older migrations can
// rewind a database they filled with today's store, and the test of 0005 can run on what 0004
// left.
#pragma once

#include <string>

#include "store/sqlite/db.h"

namespace ah::store::sqlite {

// Drops what 0005_records.sql and later migrations added (tables, indexes, columns) and sets
// user_version = 4.
inline Result<void> downgrade_to_schema_4(Db& db) {
  std::string sql =
      "DROP TABLE IF EXISTS llm_notes; DROP TABLE IF EXISTS briefings; "
      "DROP TABLE radar_seen; DROP TABLE radar_sessions; DROP TABLE radar_votes; "
      "DROP TABLE radar_seeds; DROP TABLE radars; "
      "DROP INDEX papers_by_uid; DROP INDEX papers_by_venue; DROP TABLE records; "
      "DROP TABLE store_counters; DROP TABLE paper_aliases; DROP TABLE merges; "
      "DROP TABLE merge_blocks; DROP TABLE notices; DROP TABLE match_keys; ";
  for (const char* column :
       {"uid", "source_id", "venue", "venue_short", "volume", "issue", "pages", "publisher",
        "issns", "work_type", "language", "retracted", "relations", "history", "status",
        "provenance"}) {
    sql += std::string("ALTER TABLE papers DROP COLUMN ") + column + "; ";
  }
  sql += "ALTER TABLE paper_authors DROP COLUMN orcid; ALTER TABLE paper_authors DROP COLUMN ids; ";
  sql += "PRAGMA user_version = 4;";
  return db.exec(sql);
}

}  // namespace ah::store::sqlite
