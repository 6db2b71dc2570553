-- 0007: briefings (brief/briefing.h) cached by their key: a SHA-256 of the paper set, the
-- options and the model (brief::cache_key), so the same request is answered without asking the
-- LLM again, and `GET /api/v1/briefings/{id}` returns one. Only complete briefings are kept (not
-- cancelled ones, not ones whose LLM failed). `body` is the briefing's JSON as `brief --json`
-- prints it (brief::to_json).

CREATE TABLE briefings (
  id          TEXT PRIMARY KEY,   -- the cache key (64 hex digits)
  body        TEXT NOT NULL,      -- compact JSON
  model       TEXT NOT NULL DEFAULT '',
  lang        TEXT NOT NULL DEFAULT '',
  papers      INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL       -- ISO 8601 UTC
) WITHOUT ROWID;
