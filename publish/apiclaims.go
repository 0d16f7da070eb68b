package publish

import (
	"slices"

	"github.com/chemores/chemores/normalize"
)

// The claims API: api/v1/claims.json lists who the claims are about,
// and one file per agent entity, per drug and per mechanism holds those
// claims in full, each with its sentence and the references backing it.
func hrefClaimsEntity(typ, id string) string {
	return "claims/entities/" + typeDir(typ) + "/" + entitySlug(id) + ".json"
}
func hrefClaimsDrug(id string) string        { return "claims/drugs/" + entitySlug(id) + ".json" }
func hrefClaimsMechanism(slug string) string { return "claims/mechanisms/" + slug + ".json" }

// Kinds of claim files: what their subject is to the claims.
const (
	ClaimsOfAgent     = "agent"
	ClaimsOfDrug      = "drug"
	ClaimsOfMechanism = "mechanism"
)

// ClaimIndex is api/v1/claims.json.
type ClaimIndex struct {
	Claims     int            `json:"claims"`
	Entities   []ClaimSubject `json:"entities"`   // agents, by id
	Drugs      []ClaimSubject `json:"drugs"`      // by id
	Mechanisms []ClaimSubject `json:"mechanisms"` // in vocabulary order
}

// ClaimSubject is what a claims file is about.
type ClaimSubject struct {
	Kind   string `json:"kind"` // ClaimsOfAgent, ClaimsOfDrug, ClaimsOfMechanism
	ID     string `json:"id"`   // entity id or mechanism slug
	Type   string `json:"type"` // entity type, or "mechanism"
	Name   string `json:"name"`
	Claims int    `json:"claims"`
	Href   string `json:"href"`  // this claims file
	About  string `json:"about"` // the entity's or mechanism's own file
}

// ClaimSet is api/v1/claims/entities/<type>/<file>.json (the claims whose
// agent is the entity), claims/drugs/<file>.json (the claims naming the
// drug) and claims/mechanisms/<slug>.json (the claims with the mechanism).
type ClaimSet struct {
	Subject ClaimSubject `json:"subject"`
	Claims  []APIClaim   `json:"claims"`
}

// APIClaim is a normalize.Claim as published: entities with their names
// and links, the sentence quoted, and the references backing it with
// their DOIs.
type APIClaim struct {
	Document      string         `json:"document"`
	ID            string         `json:"id"`
	Sentence      Sentence       `json:"sentence"`
	Paragraph     string         `json:"paragraph"`
	Section       *string        `json:"section"`
	Agent         ClaimAgentAPI  `json:"agent"`
	Relation      string         `json:"relation"`
	RelationBy    string         `json:"relation_by"`
	Cue           ClaimCue       `json:"cue"`
	State         *string        `json:"state"`
	StateBy       *string        `json:"state_by"`
	Effect        string         `json:"effect"`
	Drugs         []ClaimTermAPI `json:"drugs"`
	DrugsBy       string         `json:"drugs_by"`
	Cancer        *ClaimTermAPI  `json:"cancer"`
	CancerBy      *string        `json:"cancer_by"`
	Mechanism     *string        `json:"mechanism"`
	MechanismFrom *string        `json:"mechanism_from"`
	MechanismBy   *string        `json:"mechanism_by"`
	TiesMechanism bool           `json:"ties_mechanism"`
	Negated       bool           `json:"negated"`
	NegatedBy     *string        `json:"negated_by"`
	Hedged        bool           `json:"hedged"`
	HedgedBy      *string        `json:"hedged_by"`
	References    []CitedRef     `json:"references"`
}

// ClaimAgentAPI is a claim's agent: an entity (Entity, Href set) or a
// process named by a noun phrase.
type ClaimAgentAPI struct {
	Kind   string  `json:"kind"`
	Entity *string `json:"entity"`
	Name   string  `json:"name"` // the entity's name, else the text
	Text   string  `json:"text"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	By     string  `json:"by"`
	Href   *string `json:"href"`
}

// ClaimTermAPI is a drug or the cancer of a claim.
type ClaimTermAPI struct {
	Entity    *string `json:"entity"`
	Name      string  `json:"name"`
	Text      string  `json:"text"`
	Paragraph string  `json:"paragraph"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Inherited bool    `json:"inherited"`
	Href      *string `json:"href"`
}

type ClaimCue struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// claimGroups sorts the corpus's claims by subject: the agent entity,
// each drug entity, the mechanism. Claims keep corpus order (documents
// by id, then reading order).
type claimGroups struct {
	total                int
	agents, drugs, mechs map[string][]ref // into docData.claims
}

func groupClaims(ds *dataset) claimGroups {
	g := claimGroups{agents: map[string][]ref{}, drugs: map[string][]ref{}, mechs: map[string][]ref{}}
	for _, d := range ds.docs {
		for i, c := range d.claims {
			g.total++
			r := ref{d, i}
			if ds.entity(c.Agent.Entity) != nil {
				g.agents[c.Agent.Entity] = append(g.agents[c.Agent.Entity], r)
			}
			for _, dr := range c.Drugs {
				if ds.entity(dr.Entity) != nil && !slices.Contains(g.drugs[dr.Entity], r) {
					g.drugs[dr.Entity] = append(g.drugs[dr.Entity], r)
				}
			}
			if c.Mechanism != "" {
				g.mechs[c.Mechanism] = append(g.mechs[c.Mechanism], r)
			}
		}
	}
	return g
}

func sortedKeys(m map[string][]ref) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// addClaimFiles adds the claims API's files; add takes paths relative
// to api/v1/.
func addClaimFiles(ds *dataset, add func(path string, v func() any)) {
	g := groupClaims(ds)
	idx := ClaimIndex{Claims: g.total, Entities: []ClaimSubject{}, Drugs: []ClaimSubject{}, Mechanisms: []ClaimSubject{}}
	file := func(s ClaimSubject, refs []ref) {
		add(s.Href, func() any { return buildClaimSet(ds, s, refs) })
	}
	for _, id := range sortedKeys(g.agents) {
		e := ds.entity(id)
		s := ClaimSubject{ClaimsOfAgent, id, e.Type, e.Name, len(g.agents[id]), hrefClaimsEntity(e.Type, id), hrefEntity(e.Type, id)}
		idx.Entities = append(idx.Entities, s)
		file(s, g.agents[id])
	}
	for _, id := range sortedKeys(g.drugs) {
		e := ds.entity(id)
		s := ClaimSubject{ClaimsOfDrug, id, e.Type, e.Name, len(g.drugs[id]), hrefClaimsDrug(id), hrefEntity(e.Type, id)}
		idx.Drugs = append(idx.Drugs, s)
		file(s, g.drugs[id])
	}
	for _, m := range ds.mechs {
		if refs := g.mechs[m.Slug]; len(refs) > 0 {
			s := ClaimSubject{ClaimsOfMechanism, m.Slug, "mechanism", m.Name, len(refs), hrefClaimsMechanism(m.Slug), hrefMechanism(m.Slug)}
			idx.Mechanisms = append(idx.Mechanisms, s)
			file(s, refs)
		}
	}
	add("claims.json", func() any { return idx })
}

func buildClaimSet(ds *dataset, s ClaimSubject, refs []ref) ClaimSet {
	out := ClaimSet{Subject: s, Claims: []APIClaim{}}
	for _, r := range refs {
		out.Claims = append(out.Claims, apiClaim(ds, r.d, r.d.claims[r.i]))
	}
	return out
}

func apiClaim(ds *dataset, d *docData, c normalize.Claim) APIClaim {
	si := d.sentIdx[c.Sentence]
	out := APIClaim{Document: d.id, ID: c.ID, Sentence: Sentence{c.Sentence, d.sents[si].Text}, Paragraph: c.Paragraph,
		Section: strPtr(c.Section), Relation: c.Relation, RelationBy: c.RelationBy,
		Cue: ClaimCue{c.Cue.Text, c.Cue.Start, c.Cue.End}, State: strPtr(c.State), StateBy: strPtr(c.StateBy), Effect: c.Effect,
		Drugs: []ClaimTermAPI{}, DrugsBy: c.DrugsBy, CancerBy: strPtr(c.CancerBy),
		Mechanism: strPtr(c.Mechanism), MechanismFrom: strPtr(c.MechanismFrom), MechanismBy: strPtr(c.MechanismBy),
		TiesMechanism: c.TiesMechanism(), Negated: c.Negated, NegatedBy: strPtr(c.NegatedBy), Hedged: c.Hedged, HedgedBy: strPtr(c.HedgedBy),
		References: citedRefs(d, si)}
	a := c.Agent
	out.Agent = ClaimAgentAPI{Kind: a.Kind, Name: a.Text, Text: a.Text, Start: a.Start, End: a.End, By: a.By}
	if e := ds.entity(a.Entity); e != nil {
		out.Agent.Entity, out.Agent.Name, out.Agent.Href = &e.ID, e.Name, strPtr(hrefEntity(e.Type, e.ID))
	}
	for _, t := range c.Drugs {
		out.Drugs = append(out.Drugs, claimTerm(ds, t))
	}
	if c.Cancer != nil {
		t := claimTerm(ds, *c.Cancer)
		out.Cancer = &t
	}
	return out
}

func claimTerm(ds *dataset, t normalize.ClaimTerm) ClaimTermAPI {
	out := ClaimTermAPI{Name: t.Text, Text: t.Text, Paragraph: t.Paragraph, Start: t.Start, End: t.End, Inherited: t.Inherited}
	if e := ds.entity(t.Entity); e != nil {
		out.Entity, out.Name, out.Href = &e.ID, e.Name, strPtr(hrefEntity(e.Type, e.ID))
	}
	return out
}

// claimCount is the number of claims in the corpus.
func claimCount(ds *dataset) int {
	n := 0
	for _, d := range ds.docs {
		n += len(d.claims)
	}
	return n
}
