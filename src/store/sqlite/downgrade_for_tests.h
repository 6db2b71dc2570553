// Test support: turns a database of the current schema back into one of schema 9 (before the
// titles' index, migration 0010), 8 (before the notice flag, 0009) or 4 (before records, 0005,
// and radars, 0006), data kept, so that tests of older migrations can rewind a database they
// filled with today's store, and the tests of 0005, 0009 and 0010 can run on what the migration
// before left.
#pragma once

#include <string>

#include "store/sqlite/db.h"

namespace ah::store::sqlite {

// Undoes 0010_title_index.sql: no titles' index; sets user_version = 9.
inline Result<void> downgrade_to_schema_9(Db& db) {
  return db.exec("DROP TABLE title_fts; PRAGMA user_version = 9;");
}

// Undoes 0009_notice_only.sql and later: the notices' tag token (in the index too), the venue
// indexes without the flag, no flag columns; sets user_version = 8.
inline Result<void> downgrade_to_schema_8(Db& db) {
  if (auto r = downgrade_to_schema_9(db); !r) return r;
  return db.exec(
      "INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, tags) "
      "  SELECT 'delete', id, title_display, authors_text, abstract_display, fts_tags "
      "  FROM papers WHERE notice_only = 1; "
      "UPDATE papers SET fts_tags = trim(replace(' ' || fts_tags || ' ', ' znotice9 ', ' ')) "
      "  WHERE notice_only = 1; "
      "INSERT INTO paper_fts (rowid, title, authors, abstract, tags) "
      "  SELECT id, title_display, authors_text, abstract_display, fts_tags "
      "  FROM papers WHERE notice_only = 1; "
      "DROP INDEX papers_by_journal_ref; "
      "CREATE INDEX papers_by_journal_ref ON papers(journal_ref COLLATE NOCASE) "
      "  WHERE journal_ref <> ''; "
      "DROP INDEX papers_by_venue; "
      "CREATE INDEX papers_by_venue ON papers(venue COLLATE NOCASE) WHERE venue <> ''; "
      "ALTER TABLE papers DROP COLUMN notice_only; "
      "ALTER TABLE paper_days DROP COLUMN notices; "
      "PRAGMA user_version = 8;");
}

// Drops what 0005_records.sql and later migrations added (tables, indexes, columns) and sets
// user_version = 4.
inline Result<void> downgrade_to_schema_4(Db& db) {
  if (auto r = downgrade_to_schema_8(db); !r) return r;
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
