-- chemores schema 5: resistance claims, citation scope, families.

-- mentions.generic: a bare "tumor", "cancer": kept, never tied.
ALTER TABLE mentions ADD COLUMN generic INTEGER NOT NULL DEFAULT 0;

-- family_members: the member genes of a family entity (type "family").
CREATE TABLE family_members (
  family_id TEXT NOT NULL REFERENCES entities (id),
  position  INTEGER NOT NULL,
  member_id TEXT NOT NULL, -- NCBIGene CURIE (not necessarily in entities)
  PRIMARY KEY (family_id, position)
) STRICT;

-- sentence_support: the citation groups backing each sentence; direct
-- when the callout is in the sentence, inferred when a later callout of
-- the paragraph closes a run of sentences without one.
CREATE TABLE sentence_support (
  document_id TEXT NOT NULL,
  sentence_id TEXT NOT NULL,
  citation_id TEXT NOT NULL,
  scope       TEXT NOT NULL, -- direct, inferred
  PRIMARY KEY (document_id, sentence_id, citation_id),
  FOREIGN KEY (document_id, sentence_id) REFERENCES sentences (document_id, id),
  FOREIGN KEY (document_id, citation_id) REFERENCES citations (document_id, id)
) STRICT;
CREATE INDEX sentence_support_citation ON sentence_support (document_id, citation_id);

-- claims: one resistance relation stated by one sentence. *_by columns
-- say how each field was decided. Offsets are code points in the
-- paragraph's text.
CREATE TABLE claims (
  document_id      TEXT NOT NULL,
  id               TEXT NOT NULL, -- "<sentence>.c<k>"
  sentence_id      TEXT NOT NULL,
  paragraph_id     TEXT NOT NULL,
  section_id       TEXT,
  agent_kind       TEXT NOT NULL, -- gene, family, chemical, process
  agent_entity_id  TEXT REFERENCES entities (id),
  agent_text       TEXT NOT NULL,
  agent_start      INTEGER NOT NULL,
  agent_end        INTEGER NOT NULL,
  agent_by         TEXT NOT NULL,
  relation         TEXT NOT NULL, -- confers, sensitizes, reverses, transports, inactivates, sequesters, repairs, marker
  relation_by      TEXT NOT NULL,
  cue              TEXT NOT NULL,
  cue_start        INTEGER NOT NULL,
  cue_end          INTEGER NOT NULL,
  state            TEXT, -- loss, gain, mutant
  state_by         TEXT,
  effect           TEXT NOT NULL, -- resistance, sensitivity: the agent's own effect
  cancer_entity_id TEXT REFERENCES entities (id),
  cancer_text      TEXT,
  cancer_inherited INTEGER NOT NULL,
  cancer_by        TEXT,
  mechanism        TEXT REFERENCES mechanisms (slug),
  mechanism_from   TEXT, -- relation, sentence, section
  mechanism_by     TEXT,
  ties_mechanism   INTEGER NOT NULL, -- 1: the sentence says the agent and drugs take part in the mechanism (not a section title alone, not a marker, not negated)
  negated          INTEGER NOT NULL,
  negated_by       TEXT,
  hedged           INTEGER NOT NULL,
  hedged_by        TEXT,
  drugs_by         TEXT NOT NULL,
  PRIMARY KEY (document_id, id),
  FOREIGN KEY (document_id, sentence_id) REFERENCES sentences (document_id, id)
) STRICT;
CREATE INDEX claims_agent ON claims (agent_entity_id);
CREATE INDEX claims_mechanism ON claims (mechanism);

CREATE TABLE claim_drugs (
  document_id TEXT NOT NULL,
  claim_id    TEXT NOT NULL,
  position    INTEGER NOT NULL,
  entity_id   TEXT REFERENCES entities (id), -- NULL: a class no lexicon names
  text        TEXT NOT NULL,
  PRIMARY KEY (document_id, claim_id, position),
  FOREIGN KEY (document_id, claim_id) REFERENCES claims (document_id, id)
) STRICT;
CREATE INDEX claim_drugs_entity ON claim_drugs (entity_id);

-- sentence_references: the references backing each sentence, with scope.
DROP VIEW entity_sentences;
DROP VIEW sentence_references;
CREATE VIEW sentence_references AS
SELECT DISTINCT ss.document_id, ss.sentence_id, ss.scope, r.n, r.reference_id,
       r.doi, r.doi_status, r.title, r.year
FROM sentence_support ss
JOIN citation_refs cr ON cr.document_id = ss.document_id AND cr.citation_id = ss.citation_id
JOIN refs r ON r.document_id = cr.document_id AND r.n = cr.n;

-- entity_sentences: every sentence that mentions an entity, with each
-- reference backing it (scope direct or inferred) and its DOI.
CREATE VIEW entity_sentences AS
SELECT e.id AS entity_id, e.type AS entity_type, e.name AS entity_name,
       s.document_id, s.id AS sentence_id, s.paragraph_id, s.text AS sentence,
       sr.n AS reference_n, sr.reference_id, sr.doi, sr.doi_status, sr.scope
FROM (SELECT DISTINCT entity_id, document_id, sentence_id
      FROM mentions
      WHERE entity_id IS NOT NULL AND sentence_id IS NOT NULL) m
JOIN entities e ON e.id = m.entity_id
JOIN sentences s ON s.document_id = m.document_id AND s.id = m.sentence_id
LEFT JOIN sentence_references sr ON sr.document_id = s.document_id AND sr.sentence_id = s.id;

-- claim_references: the references backing each claim's sentence.
CREATE VIEW claim_references AS
SELECT c.document_id, c.id AS claim_id, sr.scope, sr.n, sr.reference_id, sr.doi, sr.doi_status
FROM claims c
JOIN sentence_references sr ON sr.document_id = c.document_id AND sr.sentence_id = c.sentence_id;

-- drug_resistance: drug -> agents, relations, mechanisms, cancers,
-- sentences and DOIs.
--   SELECT agent, relation, mechanism, sentence, doi FROM drug_resistance
--   WHERE drug_name = 'cisplatin' AND effect = 'resistance';
CREATE VIEW drug_resistance AS
SELECT cd.entity_id AS drug_id, coalesce(de.name, cd.text) AS drug_name, cd.text AS drug_text,
       c.document_id, c.id AS claim_id, c.agent_kind, c.agent_entity_id,
       coalesce(ae.name, c.agent_text) AS agent, c.relation, c.state, c.effect,
       c.negated, c.hedged, c.mechanism, c.cancer_entity_id,
       coalesce(ce.name, c.cancer_text) AS cancer, c.cancer_inherited,
       c.sentence_id, s.text AS sentence, cr.scope, cr.n AS reference_n, cr.doi
FROM claim_drugs cd
JOIN claims c ON c.document_id = cd.document_id AND c.id = cd.claim_id
JOIN sentences s ON s.document_id = c.document_id AND s.id = c.sentence_id
LEFT JOIN entities de ON de.id = cd.entity_id
LEFT JOIN entities ae ON ae.id = c.agent_entity_id
LEFT JOIN entities ce ON ce.id = c.cancer_entity_id
LEFT JOIN claim_references cr ON cr.document_id = c.document_id AND cr.claim_id = c.id;

-- mechanism_evidence: each mechanism's claims, with agent, drugs'
-- count, the sentence and the references that back it.
CREATE VIEW mechanism_evidence AS
SELECT c.mechanism, m.name AS mechanism_name, c.mechanism_from, c.document_id, c.id AS claim_id,
       c.agent_kind, c.agent_entity_id, coalesce(ae.name, c.agent_text) AS agent, c.relation, c.effect,
       c.sentence_id, s.text AS sentence, cr.scope, cr.n AS reference_n, cr.doi
FROM claims c
JOIN mechanisms m ON m.slug = c.mechanism
JOIN sentences s ON s.document_id = c.document_id AND s.id = c.sentence_id
LEFT JOIN entities ae ON ae.id = c.agent_entity_id
LEFT JOIN claim_references cr ON cr.document_id = c.document_id AND cr.claim_id = c.id;

-- mechanism_entities: the entities tied to each mechanism by claims (as
-- agent or as drug) whose sentences say so (claims.ties_mechanism), each
-- with the sentences that support the tie. The section-title ties of
-- schema 2 are in mechanism_paragraphs.
DROP VIEW mechanism_entities;
CREATE VIEW mechanism_entities AS
SELECT t.mechanism, mc.name AS mechanism_name, e.id AS entity_id, e.type AS entity_type,
       e.name AS entity_name, count(*) AS claims, count(DISTINCT t.document_id || ' ' || t.sentence_id) AS sentences,
       count(DISTINCT t.document_id) AS documents
FROM (SELECT mechanism, document_id, sentence_id, agent_entity_id AS entity_id FROM claims
      WHERE ties_mechanism = 1 AND agent_entity_id IS NOT NULL
      UNION ALL
      SELECT c.mechanism, c.document_id, c.sentence_id, cd.entity_id FROM claims c
      JOIN claim_drugs cd ON cd.document_id = c.document_id AND cd.claim_id = c.id
      WHERE c.ties_mechanism = 1 AND cd.entity_id IS NOT NULL) t
JOIN mechanisms mc ON mc.slug = t.mechanism
JOIN entities e ON e.id = t.entity_id
GROUP BY t.mechanism, e.id;
