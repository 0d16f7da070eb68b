-- chemores schema 6: each document's licence, whether its full text is
-- published, permanent ids for reference-list entries, and full-text
-- search that answers in one line. Additive for data: schema 5
-- databases gain columns and a view, and the search index is rebuilt.

-- The licence of the document's text and where it was found
-- (seeds/<document>.license.json, or what a JATS file states); full_text
-- is 0 when the release was built without the text (paragraph and
-- sentence text, abstract and captions are then empty strings).
ALTER TABLE documents ADD COLUMN license TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE documents ADD COLUMN license_url TEXT;
ALTER TABLE documents ADD COLUMN license_redistribute TEXT NOT NULL DEFAULT 'unknown'; -- yes, no, unknown
ALTER TABLE documents ADD COLUMN license_source TEXT;
ALTER TABLE documents ADD COLUMN full_text INTEGER NOT NULL DEFAULT 1;

-- reference_entries: every reference-list entry by its permanent id,
-- ref-<document>-<n>, and the id of the work it cites, which becomes
-- doi-<DOI> once a DOI is known. A link saved with the entry id keeps
-- working: api/v1/references/ref-<document>-<n>.json and the browse
-- page of the same name point at the work.
CREATE VIEW reference_entries AS
SELECT 'ref-' || document_id || '-' || n AS entry_id, document_id, n, reference_id, doi, title, year
FROM refs;

-- The search indexes carry their rows' ids, so that the common query
-- needs no join:
--   SELECT document_id, id, text FROM sentences_fts WHERE sentences_fts MATCH '"P-gp"';
-- FTS5 query syntax: words are ANDed; quote a term with hyphens or other
-- punctuation ('"P-gp"', '"TGF-β"'), since an unquoted hyphen is read as
-- a column filter; OR, NOT, NEAR(a b, 5) and prefix* work as in SQLite's
-- FTS5.
DROP TABLE sentences_fts;
DROP TABLE paragraphs_fts;
CREATE VIRTUAL TABLE paragraphs_fts USING fts5 (
  text,
  document_id UNINDEXED,
  id UNINDEXED,
  section_id UNINDEXED,
  content = 'paragraphs',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE sentences_fts USING fts5 (
  text,
  document_id UNINDEXED,
  id UNINDEXED,
  paragraph_id UNINDEXED,
  content = 'sentences',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
