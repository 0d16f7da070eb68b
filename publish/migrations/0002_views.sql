-- chemores schema 2: views for the common questions.

-- sentence_citations: a sentence cites the citation groups whose span lies
-- within the sentence's span in the same paragraph.
CREATE VIEW sentence_citations AS
SELECT s.document_id, s.id AS sentence_id, c.id AS citation_id
FROM sentences s
JOIN citations c
  ON c.document_id = s.document_id
 AND c.paragraph_id = s.paragraph_id
 AND c.start >= s.start
 AND c.end <= s.end;

-- sentence_references: the references each sentence cites, once each.
CREATE VIEW sentence_references AS
SELECT DISTINCT sc.document_id, sc.sentence_id, r.n, r.reference_id,
       r.doi, r.doi_status, r.title, r.year
FROM sentence_citations sc
JOIN citation_refs cr ON cr.document_id = sc.document_id AND cr.citation_id = sc.citation_id
JOIN refs r ON r.document_id = cr.document_id AND r.n = cr.n;

-- entity_sentences: every sentence that mentions an entity, with each
-- reference the sentence cites and its DOI (one row per sentence and
-- reference; reference columns are NULL for a sentence without one).
--   SELECT sentence, doi FROM entity_sentences WHERE entity_name = 'ABCB1';
CREATE VIEW entity_sentences AS
SELECT e.id AS entity_id, e.type AS entity_type, e.name AS entity_name,
       s.document_id, s.id AS sentence_id, s.paragraph_id, s.text AS sentence,
       sr.n AS reference_n, sr.reference_id, sr.doi, sr.doi_status
FROM (SELECT DISTINCT entity_id, document_id, sentence_id
      FROM mentions
      WHERE entity_id IS NOT NULL AND sentence_id IS NOT NULL) m
JOIN entities e ON e.id = m.entity_id
JOIN sentences s ON s.document_id = m.document_id AND s.id = m.sentence_id
LEFT JOIN sentence_references sr ON sr.document_id = s.document_id AND sr.sentence_id = s.id;

-- reference_sentences: the sentences that cite a reference (sentence
-- columns are NULL for a citation that lies in no known sentence).
CREATE VIEW reference_sentences AS
SELECT r.reference_id, r.document_id, r.n, r.doi, r.title AS reference_title,
       c.id AS citation_id, c.paragraph_id, p.section_id,
       sc.sentence_id, s.text AS sentence
FROM refs r
JOIN citation_refs cr ON cr.document_id = r.document_id AND cr.n = r.n
JOIN citations c ON c.document_id = cr.document_id AND c.id = cr.citation_id
JOIN paragraphs p ON p.document_id = c.document_id AND p.id = c.paragraph_id
LEFT JOIN sentence_citations sc ON sc.document_id = c.document_id AND sc.citation_id = c.id
LEFT JOIN sentences s ON s.document_id = sc.document_id AND s.id = sc.sentence_id;

-- mechanism_paragraphs: the paragraphs of a mechanism's sections.
CREATE VIEW mechanism_paragraphs AS
SELECT ms.slug AS mechanism, p.document_id, p.id AS paragraph_id, p.section_id
FROM mechanism_sections ms
JOIN paragraphs p ON p.document_id = ms.document_id AND p.section_id = ms.section_id;

-- mechanism_entities: the entities mentioned under each mechanism.
CREATE VIEW mechanism_entities AS
SELECT mp.mechanism, mc.name AS mechanism_name,
       e.id AS entity_id, e.type AS entity_type, e.name AS entity_name,
       count(*) AS mentions, count(DISTINCT m.document_id) AS documents
FROM mechanism_paragraphs mp
JOIN mechanisms mc ON mc.slug = mp.mechanism
JOIN mentions m ON m.document_id = mp.document_id AND m.paragraph_id = mp.paragraph_id
JOIN entities e ON e.id = m.entity_id
GROUP BY mp.mechanism, e.id;

-- mechanism_references: the references cited under each mechanism.
CREATE VIEW mechanism_references AS
SELECT mp.mechanism, r.document_id, r.n, r.reference_id, r.doi, r.doi_status,
       r.title, r.year, count(*) AS citations
FROM mechanism_paragraphs mp
JOIN citations c ON c.document_id = mp.document_id AND c.paragraph_id = mp.paragraph_id
JOIN citation_refs cr ON cr.document_id = c.document_id AND cr.citation_id = c.id
JOIN refs r ON r.document_id = cr.document_id AND r.n = cr.n
GROUP BY mp.mechanism, r.document_id, r.n;
