-- 0005: records and papers. A paper (the merged work) is now made of records (what one source
-- said about it): papers gain a stable id (`uid`, never changed, never reused) and the columns
-- journals and other sources fill; `records` holds every record by its key (family, source_id),
-- with where and when it was fetched. A paper with one record keeps that record's content in its
-- row (the record's `body` is NULL: the bulk arXiv path writes no JSON); when a second record
-- joins, every record of the paper gets its body (the record as received, json/record_json.h)
-- and the row holds the merge (identity/merge.h). Merged-away ids live on in paper_aliases;
-- every automatic merge is logged with its reason in `merges`; merge_blocks keeps apart what
-- an operator split (`academichub unmerge`). Every existing paper gets a stable id (in date
-- order) and one arXiv record. At 1M papers this rewrites every paper row once (about a
-- minute) and needs free disk about the size of the papers table for the WAL.

ALTER TABLE papers ADD COLUMN uid          INTEGER NOT NULL DEFAULT 0;
ALTER TABLE papers ADD COLUMN source_id    TEXT    NOT NULL DEFAULT '';  -- primary record's id
ALTER TABLE papers ADD COLUMN venue        TEXT    NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN venue_short  TEXT    NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN volume       TEXT    NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN issue        TEXT    NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN pages        TEXT    NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN publisher    TEXT    NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN issns        TEXT    NOT NULL DEFAULT '';  -- ' '-joined
ALTER TABLE papers ADD COLUMN work_type    TEXT    NOT NULL DEFAULT '';  -- core::to_string(WorkType)
ALTER TABLE papers ADD COLUMN language     TEXT    NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN retracted    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE papers ADD COLUMN relations    TEXT    NOT NULL DEFAULT '';  -- compact JSON
-- Of a paper of several records (or with notices), as identity/merge.h derived them; '' for a
-- paper of one record without notices, whose history and standing are derived when it is read.
ALTER TABLE papers ADD COLUMN history      TEXT    NOT NULL DEFAULT '';  -- compact JSON
ALTER TABLE papers ADD COLUMN status       TEXT    NOT NULL DEFAULT '';  -- compact JSON
ALTER TABLE papers ADD COLUMN provenance   TEXT    NOT NULL DEFAULT '';  -- field -> record id
ALTER TABLE paper_authors ADD COLUMN orcid TEXT    NOT NULL DEFAULT '';
ALTER TABLE paper_authors ADD COLUMN ids   TEXT    NOT NULL DEFAULT '';  -- "scheme:value ..."

-- Stable ids for the papers there are, in date order; each paper's record is its arXiv record
-- (named by its arXiv id, or by its DOI when it has none).
CREATE TEMP TABLE ah_uids (id INTEGER PRIMARY KEY, uid INTEGER NOT NULL);
INSERT INTO temp.ah_uids (id, uid) SELECT id, row_number() OVER (ORDER BY id) FROM papers;
UPDATE papers SET uid = u.uid, source_id = CASE WHEN arxiv_id <> '' THEN arxiv_id ELSE doi END
  FROM temp.ah_uids AS u WHERE u.id = papers.id;
DROP TABLE temp.ah_uids;
CREATE UNIQUE INDEX papers_by_uid ON papers(uid);
-- The venue filter and venue suggestions read venues from here as well as from journal_ref.
CREATE INDEX papers_by_venue ON papers(venue COLLATE NOCASE) WHERE venue <> '';

-- Every record, by its key. `id` is the record's own number (never reused); `body` is NULL while
-- its paper has only this record (the paper row is the record).
CREATE TABLE records (
  family       TEXT    NOT NULL,              -- identity::Family: arxiv, crossref, pubmed, ...
  source_id    TEXT    NOT NULL,              -- identity::RecordKey::source_id
  id           INTEGER NOT NULL,
  paper_uid    INTEGER NOT NULL,
  source       TEXT    NOT NULL DEFAULT '',   -- core::source::* of its last writer
  fetched_at   TEXT    NOT NULL DEFAULT '',
  fetched_from TEXT    NOT NULL DEFAULT '',
  content_hash INTEGER NOT NULL DEFAULT 0,    -- of the record as stored (sqlite/encoding.h)
  body         TEXT,
  PRIMARY KEY (family, source_id)
) WITHOUT ROWID;
-- Only records of papers of several records (the others are found through their paper's row).
CREATE INDEX records_by_paper ON records(paper_uid) WHERE body IS NOT NULL;
INSERT INTO records (family, source_id, id, paper_uid, source, content_hash)
  SELECT CASE WHEN is_arxiv THEN 'arxiv' ELSE 'other' END,
         CASE WHEN is_arxiv THEN source_id ELSE 'doi:' || doi END,
         uid, uid, source, content_hash
  FROM (SELECT *, arxiv_id <> '' OR source IN ('arxiv-oai', 'arxiv-api', 'arxiv-rss',
                                               'arxiv-snapshot', 'arxiv-daily') AS is_arxiv
        FROM papers);

-- The next stable paper id and record id to hand out (never reused, whatever is merged away).
CREATE TABLE store_counters (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO store_counters (name, value)
  SELECT 'paper_uid', coalesce(max(uid), 0) + 1 FROM papers
  UNION ALL SELECT 'record_id', coalesce(max(uid), 0) + 1 FROM papers;

-- Ids of papers merged into another: they still resolve, to `target_uid`.
CREATE TABLE paper_aliases (
  uid        INTEGER PRIMARY KEY,
  target_uid INTEGER NOT NULL
);

-- Why each record joined its paper (kind 'merge'), and what an operator split off ('unmerge').
CREATE TABLE merges (
  id         INTEGER PRIMARY KEY,
  paper_uid  INTEGER NOT NULL,
  record_id  INTEGER NOT NULL,
  record_key TEXT    NOT NULL,  -- "family:source_id"
  kind       TEXT    NOT NULL,
  reason     TEXT    NOT NULL,  -- "doi 10.1/x", "relation is-preprint-of doi 10.1/x",
                                -- "title+authors+year 0.97", ...
  at         TEXT    NOT NULL
);
CREATE INDEX merges_by_paper ON merges(paper_uid);

-- Pairs of records never to be merged again (key_a < key_b, "family:source_id").
CREATE TABLE merge_blocks (
  key_a TEXT NOT NULL,
  key_b TEXT NOT NULL,
  at    TEXT NOT NULL,
  PRIMARY KEY (key_a, key_b)
) WITHOUT ROWID;

-- Notices about works (a correction, a retraction): the notice record `updates` the target
-- identifier. A paper with one of these identifiers shows the notice in its status.
CREATE TABLE notices (
  target_scheme TEXT NOT NULL,
  target_value  TEXT NOT NULL,
  notice_key    TEXT NOT NULL,              -- the notice record's "family:source_id"
  kind          TEXT NOT NULL,              -- core::to_string(NoticeKind)
  date          TEXT NOT NULL DEFAULT '',
  doi           TEXT NOT NULL DEFAULT '',   -- the notice's DOI
  source        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (target_scheme, target_value, notice_key)
) WITHOUT ROWID;

-- Title words (identity::candidate_words) of papers that have no arXiv record, by day: where an
-- arXiv record without a linking identifier looks for its published version. (Records of other
-- families look in the full-text index instead.)
CREATE TABLE match_keys (
  key       TEXT    NOT NULL,
  day       INTEGER NOT NULL,
  paper_uid INTEGER NOT NULL,
  PRIMARY KEY (key, day, paper_uid)
) WITHOUT ROWID;
CREATE INDEX match_keys_by_paper ON match_keys(paper_uid);
