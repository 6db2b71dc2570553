-- 0002: an index for the web API's venue filter and venue suggestions: journal_ref, only for
-- papers that have one (about a fifth of arXiv), case-insensitive (NOCASE folds ASCII) so that
-- a typed prefix is a range of it. The venue filter reads this index instead of every paper row.
-- (Author suggestions use the full-text index instead: an index of every author name would cost
-- a sixth of the import speed.)
CREATE INDEX papers_by_journal_ref ON papers(journal_ref COLLATE NOCASE) WHERE journal_ref <> '';
