-- chemores schema 4: where each published DOI came from, and every
-- source's answer. Additive: schema 3 databases gain a column, a table
-- and a view.

-- doi_source: deposited (the review's reference list as its publisher
-- deposited it with Crossref), search (a Crossref search, scored field
-- by field), printed (the DOI the list printed), curated (read by a
-- person beside the title on a public page: seeds/evidence/); NULL
-- without a DOI.
ALTER TABLE refs ADD COLUMN doi_source TEXT;

-- ref_doi_evidence: each source's answer for a reference, the published
-- DOI's first. agrees is 1 when the source gives the published DOI;
-- a source that gave another DOI lost to a stronger one (and appears in
-- ref_discrepancies as field doi-<source>).
CREATE TABLE ref_doi_evidence (
  document_id TEXT NOT NULL,
  n           INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  source      TEXT NOT NULL, -- deposited, search, printed, curated, pubmed
  doi         TEXT,
  pmid        TEXT,
  score       REAL NOT NULL, -- that source's confidence alone; 0 when it does not count
  agrees      INTEGER NOT NULL,
  detail      TEXT,
  url         TEXT, -- curated: the page read
  PRIMARY KEY (document_id, n, position),
  FOREIGN KEY (document_id, n) REFERENCES refs (document_id, n)
) STRICT;

-- doi_coverage: how many references of each document have a DOI, by
-- source ('none' for those without one), as measured in this release.
--   SELECT * FROM doi_coverage;
CREATE VIEW doi_coverage AS
SELECT document_id, COALESCE(doi_source, 'none') AS doi_source, count(*) AS refs
FROM refs
GROUP BY document_id, COALESCE(doi_source, 'none');
