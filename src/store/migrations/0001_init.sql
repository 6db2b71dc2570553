-- 0001: the initial schema. Applied inside one transaction by store/sqlite/schema.cpp, which then
-- sets PRAGMA user_version = 1. Text columns are NOT NULL DEFAULT '' so that an absent value
-- reads back as the empty string a core::Paper uses.

PRAGMA application_id = 1095265634;  -- 'AHub': marks an AcademicHub database

-- One row per paper, with its current record. `id` is date-ordered (see sqlite/encoding.h):
-- (day of sort_date << 24) | sequence. Small columns first, long text last, so that reading the
-- short columns does not touch overflow pages.
CREATE TABLE papers (
  id               INTEGER PRIMARY KEY,
  arxiv_id         TEXT    NOT NULL DEFAULT '',
  version          INTEGER NOT NULL DEFAULT 0,
  doi              TEXT    NOT NULL DEFAULT '',
  primary_category TEXT    NOT NULL DEFAULT '',
  sort_date        TEXT    NOT NULL DEFAULT '',  -- published, else announced
  published        TEXT    NOT NULL DEFAULT '',
  version_date     TEXT    NOT NULL DEFAULT '',
  updated          TEXT    NOT NULL DEFAULT '',
  announced        TEXT    NOT NULL DEFAULT '',
  source           TEXT    NOT NULL DEFAULT '',
  announce_type    TEXT    NOT NULL DEFAULT '',
  content_hash     INTEGER NOT NULL DEFAULT 0,   -- of the record as stored, without source
  license          TEXT    NOT NULL DEFAULT '',
  abs_url          TEXT    NOT NULL DEFAULT '',
  pdf_url          TEXT    NOT NULL DEFAULT '',
  submitter        TEXT    NOT NULL DEFAULT '',
  report_no        TEXT    NOT NULL DEFAULT '',
  journal_ref      TEXT    NOT NULL DEFAULT '',
  comment          TEXT    NOT NULL DEFAULT '',
  fts_tags         TEXT    NOT NULL DEFAULT '',  -- indexed filter tokens (categories, sources)
  authors_text     TEXT    NOT NULL DEFAULT '',  -- indexed: names joined by '; '
  title            TEXT    NOT NULL DEFAULT '',
  title_display    TEXT    NOT NULL DEFAULT '',
  abstract         TEXT    NOT NULL DEFAULT '',
  abstract_display TEXT    NOT NULL DEFAULT ''
);

-- Every identifier of a paper: ('arxiv', '2401.01234'), ('doi', '10.1/x'), ('pmid', '123'), ...
CREATE TABLE paper_ids (
  scheme   TEXT    NOT NULL,
  value    TEXT    NOT NULL,
  paper_id INTEGER NOT NULL REFERENCES papers(id) ON UPDATE CASCADE ON DELETE CASCADE,
  PRIMARY KEY (scheme, value)
) WITHOUT ROWID;
CREATE INDEX paper_ids_by_paper ON paper_ids(paper_id);

-- Which sources have delivered a paper, and when (UTC, ISO 8601).
CREATE TABLE paper_sources (
  paper_id   INTEGER NOT NULL REFERENCES papers(id) ON UPDATE CASCADE ON DELETE CASCADE,
  source     TEXT    NOT NULL,
  first_seen TEXT    NOT NULL,
  last_seen  TEXT    NOT NULL,
  PRIMARY KEY (paper_id, source)
) WITHOUT ROWID;

-- Known version history.
CREATE TABLE paper_versions (
  paper_id INTEGER NOT NULL REFERENCES papers(id) ON UPDATE CASCADE ON DELETE CASCADE,
  version  INTEGER NOT NULL,
  date     TEXT    NOT NULL DEFAULT '',
  size     TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (paper_id, version)
) WITHOUT ROWID;

-- Authors in order.
CREATE TABLE paper_authors (
  paper_id    INTEGER NOT NULL REFERENCES papers(id) ON UPDATE CASCADE ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  name        TEXT    NOT NULL,
  affiliation TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (paper_id, position)
) WITHOUT ROWID;

-- Categories in order, primary first.
CREATE TABLE paper_categories (
  paper_id INTEGER NOT NULL REFERENCES papers(id) ON UPDATE CASCADE ON DELETE CASCADE,
  position INTEGER NOT NULL,
  category TEXT    NOT NULL,
  PRIMARY KEY (paper_id, position)
) WITHOUT ROWID;
CREATE INDEX paper_categories_by_category ON paper_categories(category, paper_id);

-- Papers per day of sort_date (day key as in sqlite/encoding.h; 0 = undated): exact totals for
-- date-only queries and the document counts behind estimated totals, without scanning papers.
CREATE TABLE paper_days (
  day    INTEGER PRIMARY KEY,
  papers INTEGER NOT NULL
);

-- Harvest checkpoints, written in the same transaction as the papers they cover.
CREATE TABLE harvest_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Full-text index. External content (the view below over papers), so text is stored once; the
-- store keeps it in sync itself (insert, and 'delete' with the old values before a change).
-- detail=full keeps positions (phrases). Tokenizer: Porter stemming over unicode61 with
-- diacritics removed, so "models" finds "model" and "Schrodinger" finds "Schrödinger"; LaTeX
-- punctuation ($, \, {, ^) separates tokens, so "$\alpha$-stable" indexes "alpha" and "stable".
CREATE VIEW paper_text (id, title, authors, abstract, tags) AS
  SELECT id, title_display, authors_text, abstract_display, fts_tags FROM papers;
CREATE VIRTUAL TABLE paper_fts USING fts5(
  title, authors, abstract, tags,
  content = 'paper_text', content_rowid = 'id',
  detail = full,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Buffer up to 64 MiB of pending terms per transaction before writing a segment, so that a
-- 10,000-record batch becomes one segment instead of ~20 small ones to merge later.
INSERT INTO paper_fts (paper_fts, rank) VALUES ('hashsize', 67108864);
