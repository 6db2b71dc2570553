-- 0009: notice-only papers (core::is_notice_only: a correction, erratum, retraction or expression
-- of concern, or an untyped record that updates another work as one; not a comment or reply,
-- nor an article corrected and republished) are left out of every listing, search and count:
-- their news is the status of the work they update, which that work's row already carries. They
-- stay stored and are still found by their identifiers (get). The store sets the flag whenever
-- it writes a row; here the rows there are get it from their work_type and relations columns,
-- by the same rule (ah_notice_only).
-- Where each listing reads it:
--  - full-text searches: a tag token (kNoticeToken, sqlite/encoding.h) that every search
--    expression negates, so FTS5 skips notices inside its doclists; the notices' index entries
--    are written again here with it;
--  - the newest-first listing without text: the column, on the rows it reads anyway;
--  - the venue filter and venue suggestions: their two indexes, made again with the flag as a
--    second column so that they stay covering (read without the rows);
--  - totals: paper_days counts each day's notices too, and listings count papers minus notices.
-- At 1M papers this reads every paper row once, rewrites the notices' rows and index entries, and
-- builds the two venue indexes again (a few seconds each).

ALTER TABLE papers ADD COLUMN notice_only INTEGER NOT NULL DEFAULT 0;  -- 1 for a notice
-- The rule is core::is_notice_only's, through ah_notice_only (sqlite/functions.h): only a typed
-- notice, or an untyped row with a relation, can be one.
UPDATE papers SET notice_only = 1
  WHERE (work_type <> '' OR relations <> '') AND ah_notice_only(work_type, relations);

-- The notices' tag token, in the index too: their old entries out, the new ones in.
INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, tags)
  SELECT 'delete', id, title_display, authors_text, abstract_display, fts_tags
  FROM papers WHERE notice_only = 1;
UPDATE papers SET fts_tags = trim(fts_tags || ' znotice9') WHERE notice_only = 1;
INSERT INTO paper_fts (rowid, title, authors, abstract, tags)
  SELECT id, title_display, authors_text, abstract_display, fts_tags
  FROM papers WHERE notice_only = 1;

-- Of each day's papers, how many are notices (day key = id >> 24, sqlite/encoding.h).
ALTER TABLE paper_days ADD COLUMN notices INTEGER NOT NULL DEFAULT 0;
UPDATE paper_days SET notices = c.n
  FROM (SELECT id >> 24 AS day, count(*) AS n FROM papers WHERE notice_only = 1 GROUP BY 1) AS c
  WHERE c.day = paper_days.day;

DROP INDEX papers_by_journal_ref;
CREATE INDEX papers_by_journal_ref ON papers(journal_ref COLLATE NOCASE, notice_only)
  WHERE journal_ref <> '';
DROP INDEX papers_by_venue;
CREATE INDEX papers_by_venue ON papers(venue COLLATE NOCASE, notice_only) WHERE venue <> '';
