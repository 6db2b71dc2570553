-- 0003: every author's name as one token in the full-text index's tags (see author_token in
-- store/sqlite/encoding.h), so that an author filter reads that author's postings only instead
-- of those of every word of the name. Papers stored before it get their authors' tokens here,
-- and the index is rebuilt from the rows (ah_author_token is registered by the store). At 1M
-- papers this runs once for about 70 s and needs free disk about the database's size for the
-- WAL until it is checkpointed.
UPDATE papers SET fts_tags = trim(fts_tags || ' ' || coalesce(
    (SELECT group_concat(token, ' ') FROM (
       SELECT DISTINCT ah_author_token(name) AS token FROM paper_authors
       WHERE paper_id = papers.id ORDER BY position)
     WHERE token <> ''), ''))
  WHERE EXISTS (SELECT 1 FROM paper_authors WHERE paper_id = papers.id);
INSERT INTO paper_fts (paper_fts) VALUES ('rebuild');
