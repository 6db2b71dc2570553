-- 0008: what the LLM wrote on request about one paper or one text (brief/paper_notes.h): a
-- paper's one-line TL;DR, its title and abstract in Simplified Chinese, the English search terms
-- of a radar's description. Kept so that asking again costs nothing. A note is found by
-- everything its answer depends on: the paper (its stable id; 0 for a note on a text), the kind,
-- the answer's language, the model asked, the prompts' version, and a SHA-256 of the text the
-- prompt was made from, so that a new version's abstract or another description is asked anew.
-- `body` is the answer as JSON: {"tldr"}, {"title", "abstract"} or {"terms": [...]}.

CREATE TABLE llm_notes (
  paper_id           INTEGER NOT NULL,   -- papers.uid, or 0
  kind               TEXT NOT NULL,      -- tldr | translation | search_terms
  lang               TEXT NOT NULL,      -- zh | en
  model              TEXT NOT NULL,
  prompt_version     INTEGER NOT NULL,
  input_hash         TEXT NOT NULL,      -- 64 hex digits
  body               TEXT NOT NULL,      -- compact JSON
  prompt_tokens      INTEGER NOT NULL DEFAULT 0,
  completion_tokens  INTEGER NOT NULL DEFAULT 0,
  created_at         TEXT NOT NULL,      -- ISO 8601 UTC
  PRIMARY KEY (paper_id, kind, lang, model, prompt_version, input_hash)
) WITHOUT ROWID;
