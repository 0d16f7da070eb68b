package publish

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/chemores/chemores/internal/diag"
	"github.com/chemores/chemores/normalize"
)

// dataset is the whole corpus after checking: documents in id order,
// entities and cited works merged across documents, mechanisms in
// vocabulary order.
type dataset struct {
	docs     []*docData
	vocab    []Mechanism
	entities []*entityData // by id
	entIdx   map[string]int
	works    []*work // in order of first citation: first document, then n
	workIdx  map[string]int
	mechs    []*mechData
	diags    []Diagnostic
}

// entityData is one entity with everything the corpus says about it.
type entityData struct {
	normalize.Entity // first document's name, type and full name; identifiers merged
	Forms            []string
	Docs             []string
	Occ              []ref // its mentions: into docData.mentions
	Abbrevs          []ref // into docData.abbrevs
	Mechs            []string
}

// ref points at row i of a slice in document d.
type ref struct {
	d *docData
	i int
}

// work is a cited paper: one or more reference-list entries (in one or
// several documents) that share a DOI, or a single entry without one.
type work struct {
	ID      string
	Entries []ref // into docData.refs
}

func (w *work) first() *refRow { e := w.Entries[0]; return &e.d.refs[e.i] }

type mechData struct {
	Mechanism
	Sections []mechSection
	Entities []mechEntity
	Refs     []mechRef
}

type mechSection struct {
	d   *docData
	sec int
	secMech
}

type mechEntity struct {
	e         *entityData
	mentions  int      // claims that tie it
	sentences []string // "<document> <sentence>" of those claims
}

type mechRef struct {
	r     ref // into docData.refs
	cites int
}

func newDataset(inputs []Input, vocab []Mechanism, textPolicy string) (*dataset, error) {
	ds := &dataset{vocab: vocab, entIdx: map[string]int{}, workIdx: map[string]int{}}
	seen := map[string]bool{}
	for _, in := range inputs {
		if err := checkPair(in); err != nil {
			return nil, err
		}
		if seen[in.Doc.ID] {
			return nil, fmt.Errorf("%w: document %q given twice", diag.ErrInput, in.Doc.ID)
		}
		seen[in.Doc.ID] = true
		ds.docs = append(ds.docs, newDocData(in, vocab, textPolicy))
	}
	if len(ds.docs) == 0 {
		return nil, fmt.Errorf("%w: no documents to publish", diag.ErrInput)
	}
	slices.SortFunc(ds.docs, func(a, b *docData) int { return strings.Compare(a.id, b.id) })
	ds.mergeEntities()
	ds.mergeWorks()
	ds.collectMechanisms()
	for _, d := range ds.docs {
		ds.diags = append(ds.diags, d.diags...)
	}
	return ds, nil
}

func (ds *dataset) mergeEntities() {
	byID := map[string]*entityData{}
	for _, d := range ds.docs {
		for _, e := range d.entities {
			m, ok := byID[e.ID]
			if !ok {
				m = &entityData{Entity: e}
				m.Identifiers = nil
				m.Forms = nil
				byID[e.ID] = m
			} else if m.Type != e.Type {
				d.warn("entity-type-conflict", "entity "+e.ID, "type %q here, %q in %s; the first is kept", e.Type, m.Type, m.Docs[0])
			}
			for _, id := range e.Identifiers {
				if !slices.Contains(m.Identifiers, id) {
					m.Identifiers = append(m.Identifiers, id)
				}
			}
			for _, f := range e.Forms {
				if !slices.Contains(m.Forms, f) {
					m.Forms = append(m.Forms, f)
				}
			}
			m.Docs = append(m.Docs, d.id)
		}
		for i, mn := range d.mentions {
			if e := byID[mn.Entity]; e != nil {
				e.Occ = append(e.Occ, ref{d, i})
				if !slices.Contains(e.Forms, mn.Text) {
					e.Forms = append(e.Forms, mn.Text)
				}
			}
		}
		for i, a := range d.abbrevs {
			if e := byID[a.Entity]; e != nil {
				e.Abbrevs = append(e.Abbrevs, ref{d, i})
			}
		}
	}
	for _, e := range byID {
		slices.SortFunc(e.Identifiers, func(a, b normalize.Identifier) int {
			return cmp.Or(strings.Compare(a.Scheme, b.Scheme), strings.Compare(a.ID, b.ID))
		})
		slices.Sort(e.Forms)
		e.Entity.Mentions = len(e.Occ)
		ds.entities = append(ds.entities, e)
	}
	slices.SortFunc(ds.entities, func(a, b *entityData) int { return strings.Compare(a.ID, b.ID) })
	for i, e := range ds.entities {
		ds.entIdx[e.ID] = i
	}
}

func (ds *dataset) entity(id string) *entityData {
	if i, ok := ds.entIdx[id]; ok {
		return ds.entities[i]
	}
	return nil
}

func (ds *dataset) mergeWorks() {
	for _, d := range ds.docs {
		for i, r := range d.refs {
			j, ok := ds.workIdx[r.ID]
			if !ok {
				j = len(ds.works)
				ds.workIdx[r.ID] = j
				ds.works = append(ds.works, &work{ID: r.ID})
			}
			ds.works[j].Entries = append(ds.works[j].Entries, ref{d, i})
		}
	}
}

func (ds *dataset) work(id string) *work { return ds.works[ds.workIdx[id]] }

// collectMechanisms ties each mechanism to the sections whose titles name
// it (and their subsections) and the references cited there, and to the
// entities its claims name (agents and drugs), each with the sentences
// that state them. Co-occurrence in a section no longer ties an entity.
func (ds *dataset) collectMechanisms() {
	for _, m := range ds.vocab {
		md := &mechData{Mechanism: m}
		ents := map[string]int{}
		sents := map[string][]string{}
		refs := map[ref]int{}
		for _, d := range ds.docs {
			// Entities are tied by claims: the agent and the drugs of
			// every claim whose sentence says they take part in this
			// mechanism (normalize.Claim.TiesMechanism).
			for _, c := range d.claims {
				if c.Mechanism != m.Slug || !c.TiesMechanism() {
					continue
				}
				ids := []string{c.Agent.Entity}
				for _, dr := range c.Drugs {
					ids = append(ids, dr.Entity)
				}
				for _, id := range ids {
					if id == "" || ds.entity(id) == nil {
						continue
					}
					ents[id]++
					if k := d.id + " " + c.Sentence; !slices.Contains(sents[id], k) {
						sents[id] = append(sents[id], k)
					}
				}
			}
			inMech := map[string]bool{} // section ids
			for si, s := range d.secs {
				for _, sm := range s.Mechs {
					if sm.Slug == m.Slug {
						md.Sections = append(md.Sections, mechSection{d, si, sm})
						inMech[s.ID] = true
					}
				}
			}
			if len(inMech) == 0 {
				continue
			}

			for _, c := range d.cites {
				if inMech[d.paras[d.paraIdx[c.Paragraph]].Section] {
					for _, n := range c.Refs {
						refs[ref{d, d.refIdx[n]}]++
					}
				}
			}
		}
		for id, n := range ents {
			e := ds.entity(id)
			md.Entities = append(md.Entities, mechEntity{e, n, sents[id]})
			e.Mechs = append(e.Mechs, m.Slug)
		}
		slices.SortFunc(md.Entities, func(a, b mechEntity) int {
			return cmp.Or(b.mentions-a.mentions, strings.Compare(a.e.ID, b.e.ID))
		})
		for r, n := range refs {
			md.Refs = append(md.Refs, mechRef{r, n})
		}
		slices.SortFunc(md.Refs, func(a, b mechRef) int {
			return cmp.Or(strings.Compare(a.r.d.id, b.r.d.id), a.r.i-b.r.i)
		})
		ds.mechs = append(ds.mechs, md)
	}
	for _, e := range ds.entities {
		slices.Sort(e.Mechs)
	}
}
