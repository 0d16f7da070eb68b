-- chemores schema 3: full-text search (FTS5) over paragraphs and sentences.
-- External-content tables: the text lives once, in paragraphs and
-- sentences; the index is rebuilt after loading.
--   SELECT s.document_id, s.id, s.text
--   FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid
--   WHERE sentences_fts MATCH '"P-glycoprotein" OR efflux';

CREATE VIRTUAL TABLE paragraphs_fts USING fts5 (
  text,
  content = 'paragraphs',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE VIRTUAL TABLE sentences_fts USING fts5 (
  text,
  content = 'sentences',
  content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
