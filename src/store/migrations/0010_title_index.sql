-- 0010: a full-text index of titles alone, for the fuzzy title match of records that no
-- identifier links (sqlite_merge.cpp). In paper_fts a term restricted to the title column is
-- read from the word's whole doclist, every paper holding it anywhere, and filtered by column:
-- at 1M papers "learning" is in 15,800 titles and read from 141,575 papers, and the lookups of
-- 20,000 such records took a quarter of an import (bench/README.md). Here a word's doclist holds
-- only the titles.
-- The same tokenizer as paper_fts and detail=full, so a word or phrase matches the same titles
-- as `title : ...` there. Contentless: the text is papers.title_display, which the store writes
-- here whenever it writes paper_fts (fts_write, sqlite_upsert.cpp), so a 'delete' repeats the
-- title paper_fts's entry holds; a rewrite that keeps the title leaves this index alone.
CREATE VIRTUAL TABLE title_fts USING fts5(
  title,
  content = '',
  detail = full,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Titles are ~2% of an import's indexed text: 8 MiB of pending terms is a 25,000-record batch.
INSERT INTO title_fts (title_fts, rank) VALUES ('hashsize', 8388608);
-- A bulk load under way (bulk_load.h) has paper_fts's merge policy: this index takes the same.
INSERT INTO title_fts (title_fts, rank)
  SELECT 'automerge', v FROM paper_fts_config WHERE k = 'automerge';
INSERT INTO title_fts (title_fts, rank)
  SELECT 'crisismerge', v FROM paper_fts_config WHERE k = 'crisismerge';
-- Every paper's title, in rowid order (one pass of ~1 s per 100,000 papers).
INSERT INTO title_fts (rowid, title) SELECT id, title_display FROM papers ORDER BY id;
