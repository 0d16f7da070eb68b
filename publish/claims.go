package publish

import (
	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/normalize"
)

// loadClaims inserts a document's citation scope, claims and the family
// members of its entities' families.
func loadClaims(l *loader, d *docData) {
	for _, s := range d.support {
		l.insert("sentence_support", "document_id, sentence_id, citation_id, scope", d.id, s.Sentence, s.Citation, s.Scope)
	}
	for _, c := range d.claims {
		var cancerID, cancerText any
		inherited := 0
		if c.Cancer != nil {
			cancerID, cancerText = null(c.Cancer.Entity), c.Cancer.Text
			inherited = boolInt(c.Cancer.Inherited)
		}
		l.insert("claims", "document_id, id, sentence_id, paragraph_id, section_id, agent_kind, agent_entity_id, agent_text, agent_start, agent_end, agent_by, relation, relation_by, cue, cue_start, cue_end, state, state_by, effect, cancer_entity_id, cancer_text, cancer_inherited, cancer_by, mechanism, mechanism_from, mechanism_by, ties_mechanism, negated, negated_by, hedged, hedged_by, drugs_by",
			d.id, c.ID, c.Sentence, c.Paragraph, null(c.Section), c.Agent.Kind, null(c.Agent.Entity), c.Agent.Text, c.Agent.Start, c.Agent.End, c.Agent.By,
			c.Relation, c.RelationBy, c.Cue.Text, c.Cue.Start, c.Cue.End, null(c.State), null(c.StateBy), c.Effect,
			cancerID, cancerText, inherited, null(c.CancerBy), null(c.Mechanism), null(c.MechanismFrom), null(c.MechanismBy), boolInt(c.TiesMechanism()),
			boolInt(c.Negated), null(c.NegatedBy), boolInt(c.Hedged), null(c.HedgedBy), c.DrugsBy)
		for i, dr := range c.Drugs {
			l.insert("claim_drugs", "document_id, claim_id, position, entity_id, text", d.id, c.ID, i+1, null(dr.Entity), dr.Text)
		}
	}
}

func loadFamilies(l *loader, ds *dataset) {
	for _, e := range ds.entities {
		for i, m := range e.Members {
			l.insert("family_members", "family_id, position, member_id", e.ID, i+1, m)
		}
	}
}

// loadClaimData checks a document's citation scope and claims against
// what publish kept: a claim whose sentence was dropped is dropped, an
// entity that is not listed is cut loose; the scope is computed here
// from the checked sentences and citations, so it always holds.
func (d *docData) loadClaimData(vocab []Mechanism) {
	var cites []extract.Citation
	for _, c := range d.cites {
		cites = append(cites, c.Citation)
	}
	d.support = normalize.CitationScope(d.sents, cites)
	if d.ann == nil {
		return
	}
	mech := map[string]bool{}
	for _, m := range vocab {
		mech[m.Slug] = true
	}
	for _, c := range d.ann.Claims {
		where := "claim " + c.ID
		if _, ok := d.sentIdx[c.Sentence]; !ok || c.ID == "" {
			d.warn("claim-sentence", where, "sentence %q is not published; claim skipped", c.Sentence)
			continue
		}
		if c.Agent.Entity != "" && !d.hasEntity(c.Agent.Entity) {
			c.Agent.Entity = ""
		}
		if c.Cancer != nil && c.Cancer.Entity != "" && !d.hasEntity(c.Cancer.Entity) {
			cc := *c.Cancer
			cc.Entity = ""
			c.Cancer = &cc
		}
		var drugs []normalize.ClaimTerm
		for _, dr := range c.Drugs {
			if dr.Entity != "" && !d.hasEntity(dr.Entity) {
				dr.Entity = ""
			}
			drugs = append(drugs, dr)
		}
		c.Drugs = drugs
		if c.Mechanism != "" && !mech[c.Mechanism] {
			d.warn("claim-mechanism", where, "mechanism %q is not in the vocabulary; kept without it", c.Mechanism)
			c.Mechanism, c.MechanismFrom, c.MechanismBy = "", "", ""
		}
		if c.Section != "" {
			if _, ok := d.secIdx[c.Section]; !ok {
				c.Section = ""
			}
		}
		d.claims = append(d.claims, c)
	}
}
