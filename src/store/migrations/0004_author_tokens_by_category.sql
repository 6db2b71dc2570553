-- 0004: authors' tokens (author_token in store/sqlite/encoding.h) made of words split the way the
-- index splits text, by Unicode category (search/words.h). Before, every non-ASCII character was
-- part of a word: "O’Brien" (with a curly apostrophe) was the token "zuo’brien9" and "Wei Zhang"
-- with a no-break space "zuwei zhang9", which the author filters of today ("zuo0brien9",
-- "zuwei0zhang9") do not find. Only a paper with a non-ASCII character in an author's name can
-- change, and only the papers whose tags do change are written again, in the index too
-- (ah_retag_authors is registered by the store).
CREATE TEMP TABLE ah_retag AS
  SELECT id, fts_tags AS old_tags,
         ah_retag_authors(fts_tags, (SELECT group_concat(name, char(31)) FROM (
           SELECT name FROM paper_authors WHERE paper_id = papers.id ORDER BY position))) AS new_tags
  FROM papers
  WHERE EXISTS (SELECT 1 FROM paper_authors WHERE paper_id = papers.id AND name GLOB '*[^ -~]*');
DELETE FROM temp.ah_retag WHERE new_tags = old_tags;
INSERT INTO paper_fts (paper_fts, rowid, title, authors, abstract, tags)
  SELECT 'delete', p.id, p.title_display, p.authors_text, p.abstract_display, p.fts_tags
  FROM papers AS p JOIN temp.ah_retag AS r ON r.id = p.id;
UPDATE papers SET fts_tags = (SELECT new_tags FROM temp.ah_retag WHERE id = papers.id)
  WHERE id IN (SELECT id FROM temp.ah_retag);
INSERT INTO paper_fts (rowid, title, authors, abstract, tags)
  SELECT p.id, p.title_display, p.authors_text, p.abstract_display, p.fts_tags
  FROM papers AS p JOIN temp.ah_retag AS r ON r.id = p.id;
DROP TABLE temp.ah_retag;
