-- chemores schema 1: the tables.
--
-- Keys are the dataset's own ids, qualified by document where an id is
-- only unique within one document (paragraph "p12", reference 34). All
-- offsets (start, end) count Unicode code points in the paragraph's text,
-- so substr(text, start + 1, end - start) is the span. Foreign keys are
-- declared; run PRAGMA foreign_keys = ON in your session to have SQLite
-- enforce them (the publisher does).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
  id               TEXT PRIMARY KEY,
  doi              TEXT,
  title            TEXT NOT NULL,
  journal          TEXT,
  received         TEXT,
  accepted         TEXT,
  published        TEXT,
  abstract         TEXT,
  source_path      TEXT NOT NULL,
  source_format    TEXT NOT NULL,
  source_bytes     INTEGER NOT NULL,
  source_sha256    TEXT NOT NULL,
  extract_schema   TEXT NOT NULL,
  normalize_schema TEXT, -- NULL: no normalize output was published
  enrich_schema    TEXT  -- NULL: no enrich output was published
) STRICT;

CREATE TABLE keywords (
  document_id TEXT NOT NULL REFERENCES documents (id),
  position    INTEGER NOT NULL,
  keyword     TEXT NOT NULL,
  PRIMARY KEY (document_id, position)
) STRICT;

CREATE TABLE authors (
  document_id        TEXT NOT NULL REFERENCES documents (id),
  position           INTEGER NOT NULL,
  name               TEXT NOT NULL,
  given              TEXT,
  family             TEXT,
  email              TEXT,
  corresponding      INTEGER NOT NULL,
  equal_contribution INTEGER NOT NULL,
  PRIMARY KEY (document_id, position)
) STRICT;

CREATE TABLE affiliations (
  document_id TEXT NOT NULL REFERENCES documents (id),
  label       TEXT NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (document_id, label)
) STRICT;

CREATE TABLE author_affiliations (
  document_id       TEXT NOT NULL,
  author_position   INTEGER NOT NULL,
  affiliation_label TEXT NOT NULL,
  PRIMARY KEY (document_id, author_position, affiliation_label),
  FOREIGN KEY (document_id, author_position) REFERENCES authors (document_id, position),
  FOREIGN KEY (document_id, affiliation_label) REFERENCES affiliations (document_id, label)
) STRICT;

CREATE TABLE funding (
  document_id TEXT NOT NULL REFERENCES documents (id),
  position    INTEGER NOT NULL,
  funder      TEXT NOT NULL,
  grant       TEXT, -- one row per grant number; NULL when none printed
  PRIMARY KEY (document_id, position)
) STRICT;

CREATE TABLE sections (
  document_id TEXT NOT NULL REFERENCES documents (id),
  id          TEXT NOT NULL,
  parent_id   TEXT,
  position    INTEGER NOT NULL, -- pre-order: a section, then its subsections
  depth       INTEGER NOT NULL,
  number      TEXT,
  title       TEXT NOT NULL,
  kind        TEXT NOT NULL, -- body, run_in, back, abstract
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id, parent_id) REFERENCES sections (document_id, id)
) STRICT;

CREATE TABLE paragraphs (
  rowid       INTEGER PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  id          TEXT NOT NULL,
  section_id  TEXT,
  position    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  src_start   INTEGER NOT NULL, -- byte span in the source file
  src_end     INTEGER NOT NULL,
  UNIQUE (document_id, id),
  FOREIGN KEY (document_id, section_id) REFERENCES sections (document_id, id)
) STRICT;
CREATE INDEX paragraphs_section ON paragraphs (document_id, section_id);

CREATE TABLE sentences (
  rowid        INTEGER PRIMARY KEY,
  document_id  TEXT NOT NULL,
  id           TEXT NOT NULL,
  paragraph_id TEXT NOT NULL,
  position     INTEGER NOT NULL,
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL,
  text         TEXT NOT NULL,
  UNIQUE (document_id, id),
  FOREIGN KEY (document_id, paragraph_id) REFERENCES paragraphs (document_id, id)
) STRICT;
CREATE INDEX sentences_span ON sentences (document_id, paragraph_id, start);

CREATE TABLE figures (
  document_id  TEXT NOT NULL REFERENCES documents (id),
  kind         TEXT NOT NULL, -- figure, table
  n            INTEGER NOT NULL,
  label        TEXT NOT NULL,
  title        TEXT,
  caption      TEXT NOT NULL,
  section_id   TEXT,
  paragraph_id TEXT,
  PRIMARY KEY (document_id, kind, n)
) STRICT;

CREATE TABLE figure_calls (
  document_id  TEXT NOT NULL,
  paragraph_id TEXT NOT NULL,
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL,
  text         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  figure_n     INTEGER NOT NULL,
  PRIMARY KEY (document_id, paragraph_id, start, figure_n),
  FOREIGN KEY (document_id, paragraph_id) REFERENCES paragraphs (document_id, id)
) STRICT;

-- refs: the reference lists ("references" is an SQL keyword). One row per
-- entry; reference_id names the cited work across documents: "doi-..."
-- when it has a DOI (the same DOI in two lists is one work), else
-- "ref-<document>-<n>".
CREATE TABLE refs (
  document_id  TEXT NOT NULL REFERENCES documents (id),
  n            INTEGER NOT NULL,
  reference_id TEXT NOT NULL,
  raw          TEXT NOT NULL,
  title        TEXT,
  journal      TEXT,
  volume       TEXT,
  issue        TEXT,
  pages        TEXT,
  first_page   TEXT,
  last_page    TEXT,
  year         INTEGER,
  et_al        INTEGER NOT NULL,
  printed_doi  TEXT,
  printed_pmid TEXT,
  doi          TEXT, -- the DOI published: matched by enrich, else printed
  pmid         TEXT,
  doi_status   TEXT NOT NULL, -- matched, ambiguous, not_found, error, unresolved, printed
  doi_score    REAL NOT NULL,
  doi_reason   TEXT,
  agreed       TEXT, -- fields that agreed, comma-separated
  disagreed    TEXT,
  sources      TEXT,
  PRIMARY KEY (document_id, n)
) STRICT;
CREATE INDEX refs_reference ON refs (reference_id);
CREATE INDEX refs_doi ON refs (doi);

CREATE TABLE ref_authors (
  document_id TEXT NOT NULL,
  n           INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  family      TEXT NOT NULL,
  initials    TEXT,
  suffix      TEXT,
  PRIMARY KEY (document_id, n, position),
  FOREIGN KEY (document_id, n) REFERENCES refs (document_id, n)
) STRICT;

CREATE TABLE ref_discrepancies (
  document_id TEXT NOT NULL,
  n           INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  field       TEXT NOT NULL,
  printed     TEXT,
  registered  TEXT,
  PRIMARY KEY (document_id, n, position),
  FOREIGN KEY (document_id, n) REFERENCES refs (document_id, n)
) STRICT;

CREATE TABLE ref_candidates (
  document_id TEXT NOT NULL,
  n           INTEGER NOT NULL,
  rank        INTEGER NOT NULL,
  doi         TEXT,
  title       TEXT,
  type        TEXT,
  journal     TEXT,
  year        INTEGER,
  score       REAL NOT NULL,
  PRIMARY KEY (document_id, n, rank),
  FOREIGN KEY (document_id, n) REFERENCES refs (document_id, n)
) STRICT;

-- citations: in-text citation groups such as "(34,36-38)".
CREATE TABLE citations (
  document_id  TEXT NOT NULL,
  id           TEXT NOT NULL,
  paragraph_id TEXT NOT NULL,
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL,
  text         TEXT NOT NULL,
  style        TEXT NOT NULL,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id, paragraph_id) REFERENCES paragraphs (document_id, id)
) STRICT;
CREATE INDEX citations_span ON citations (document_id, paragraph_id, start, end);

CREATE TABLE citation_refs (
  document_id TEXT NOT NULL,
  citation_id TEXT NOT NULL,
  position    INTEGER NOT NULL,
  n           INTEGER NOT NULL,
  PRIMARY KEY (document_id, citation_id, position),
  FOREIGN KEY (document_id, citation_id) REFERENCES citations (document_id, id),
  FOREIGN KEY (document_id, n) REFERENCES refs (document_id, n)
) STRICT;
CREATE INDEX citation_refs_ref ON citation_refs (document_id, n);

-- entities: genes, chemicals, diseases, merged across documents by id.
CREATE TABLE entities (
  id        TEXT PRIMARY KEY, -- CURIE: NCBIGene:5243, MESH:D004317
  type      TEXT NOT NULL,    -- gene, chemical, disease
  name      TEXT NOT NULL,    -- official symbol for genes
  full_name TEXT,
  mentions  INTEGER NOT NULL
) STRICT;
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);
CREATE INDEX entities_type ON entities (type);

CREATE TABLE identifiers (
  entity_id  TEXT NOT NULL REFERENCES entities (id),
  scheme     TEXT NOT NULL, -- NCBIGene, HGNC, MESH, CHEBI, ...
  identifier TEXT NOT NULL,
  url        TEXT,
  PRIMARY KEY (entity_id, scheme, identifier)
) STRICT;
CREATE INDEX identifiers_lookup ON identifiers (scheme, identifier);

-- entity_forms: what the text calls an entity (P-gp, MDR1, ...).
CREATE TABLE entity_forms (
  entity_id TEXT NOT NULL REFERENCES entities (id),
  form      TEXT NOT NULL,
  PRIMARY KEY (entity_id, form)
) STRICT;
CREATE INDEX entity_forms_form ON entity_forms (form COLLATE NOCASE);

CREATE TABLE mentions (
  document_id  TEXT NOT NULL,
  id           TEXT NOT NULL,
  paragraph_id TEXT NOT NULL,
  sentence_id  TEXT, -- NULL when it lies in no known sentence
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL,
  text         TEXT NOT NULL,
  type         TEXT NOT NULL,
  entity_id    TEXT REFERENCES entities (id), -- NULL: left unresolved
  resolved_by  TEXT,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id, paragraph_id) REFERENCES paragraphs (document_id, id),
  FOREIGN KEY (document_id, sentence_id) REFERENCES sentences (document_id, id)
) STRICT;
CREATE INDEX mentions_entity ON mentions (entity_id, document_id, sentence_id);
CREATE INDEX mentions_paragraph ON mentions (document_id, paragraph_id);

-- mention_candidates: entity ids considered for an ambiguous mention
-- (not necessarily listed in entities).
CREATE TABLE mention_candidates (
  document_id TEXT NOT NULL,
  mention_id  TEXT NOT NULL,
  position    INTEGER NOT NULL,
  entity_id   TEXT NOT NULL,
  PRIMARY KEY (document_id, mention_id, position),
  FOREIGN KEY (document_id, mention_id) REFERENCES mentions (document_id, id)
) STRICT;

CREATE TABLE abbreviations (
  document_id  TEXT NOT NULL,
  position     INTEGER NOT NULL,
  short        TEXT NOT NULL,
  long         TEXT NOT NULL,
  paragraph_id TEXT NOT NULL,
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL,
  entity_id    TEXT REFERENCES entities (id),
  PRIMARY KEY (document_id, position),
  FOREIGN KEY (document_id, paragraph_id) REFERENCES paragraphs (document_id, id)
) STRICT;
CREATE INDEX abbreviations_short ON abbreviations (short);

CREATE TABLE lexicons (
  document_id TEXT NOT NULL REFERENCES documents (id),
  name        TEXT NOT NULL,
  source      TEXT,
  license     TEXT,
  entries     INTEGER NOT NULL,
  sha256      TEXT,
  PRIMARY KEY (document_id, name)
) STRICT;

CREATE TABLE diagnostics (
  rowid       INTEGER PRIMARY KEY,
  document_id TEXT REFERENCES documents (id),
  stage       TEXT NOT NULL, -- extract, normalize, enrich, publish
  level       TEXT NOT NULL, -- warning, info
  code        TEXT NOT NULL,
  location    TEXT NOT NULL,
  message     TEXT NOT NULL
) STRICT;
CREATE INDEX diagnostics_code ON diagnostics (code);

-- mechanisms: the curated vocabulary (seeds/lexicons/mechanisms.tsv).
CREATE TABLE mechanisms (
  slug        TEXT PRIMARY KEY,
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL
) STRICT;

CREATE TABLE mechanism_patterns (
  slug     TEXT NOT NULL REFERENCES mechanisms (slug),
  position INTEGER NOT NULL,
  pattern  TEXT NOT NULL,
  PRIMARY KEY (slug, position)
) STRICT;

-- mechanism_sections: sections whose title names a mechanism, and their
-- subsections (matched_on names the section whose title matched).
CREATE TABLE mechanism_sections (
  slug        TEXT NOT NULL REFERENCES mechanisms (slug),
  document_id TEXT NOT NULL,
  section_id  TEXT NOT NULL,
  pattern     TEXT NOT NULL,
  matched_on  TEXT NOT NULL,
  PRIMARY KEY (slug, document_id, section_id),
  FOREIGN KEY (document_id, section_id) REFERENCES sections (document_id, id)
) STRICT;
CREATE INDEX mechanism_sections_section ON mechanism_sections (document_id, section_id);
