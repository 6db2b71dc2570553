-- 0006: research radars (issue 9). A radar is one user's profile (store/radar_store.h): followed
-- authors, keywords, exclusions, pool bounds, a description, seed papers and votes. Every user
-- has radars of their own ("local" until accounts exist), named uniquely per user. Papers are
-- named by their stable id (papers.uid); an id merged away since resolves through paper_aliases
-- when read. Deleting a radar deletes its seeds, votes, sessions and seen papers.

CREATE TABLE radars (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused
  user        TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  -- The profile's lists, each a JSON array of strings.
  authors     TEXT    NOT NULL DEFAULT '[]',
  author_ids  TEXT    NOT NULL DEFAULT '[]',
  keywords    TEXT    NOT NULL DEFAULT '[]',
  excludes    TEXT    NOT NULL DEFAULT '[]',
  categories  TEXT    NOT NULL DEFAULT '[]',
  venues      TEXT    NOT NULL DEFAULT '[]',
  sources     TEXT    NOT NULL DEFAULT '[]',
  description TEXT    NOT NULL DEFAULT '',
  -- Bumped by every change of the profile, its seeds or its votes: what a cached learned radar
  -- was trained on.
  revision    INTEGER NOT NULL DEFAULT 1,
  created     TEXT    NOT NULL,  -- ISO 8601 UTC
  updated     TEXT    NOT NULL
);
CREATE UNIQUE INDEX radars_by_user_name ON radars(user, name COLLATE NOCASE);

-- Seed papers in the order given.
CREATE TABLE radar_seeds (
  radar_id  INTEGER NOT NULL REFERENCES radars(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  paper_uid INTEGER NOT NULL,
  PRIMARY KEY (radar_id, position)
) WITHOUT ROWID;

-- 👍 (1) and 👎 (-1); clearing a vote deletes its row.
CREATE TABLE radar_votes (
  radar_id  INTEGER NOT NULL REFERENCES radars(id) ON DELETE CASCADE,
  paper_uid INTEGER NOT NULL,
  vote      INTEGER NOT NULL,
  at        TEXT    NOT NULL,
  PRIMARY KEY (radar_id, paper_uid)
) WITHOUT ROWID;

-- A feed session: one chain of 换一批 cursors, within which no paper is shown twice.
CREATE TABLE radar_sessions (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  radar_id INTEGER NOT NULL REFERENCES radars(id) ON DELETE CASCADE,
  created  TEXT    NOT NULL
);
CREATE INDEX radar_sessions_by_radar ON radar_sessions(radar_id);

-- Papers a radar has shown (state 'shown', in `session`), and papers its user dismissed or read
-- (state 'dismissed' or 'read', session 0: they stay out of every later feed of the radar).
CREATE TABLE radar_seen (
  radar_id  INTEGER NOT NULL REFERENCES radars(id) ON DELETE CASCADE,
  session   INTEGER NOT NULL,
  paper_uid INTEGER NOT NULL,
  state     TEXT    NOT NULL,
  at        TEXT    NOT NULL,
  PRIMARY KEY (radar_id, session, paper_uid)
) WITHOUT ROWID;
