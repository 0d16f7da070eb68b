package publish

import (
	"slices"
	"strconv"
	"strings"
)

// SearchIndex is api/v1/search.json: a small inverted index a browser can
// load once to find entities, references, mechanisms and documents by
// name, synonym, identifier, DOI or title word. Terms are lower case and
// sorted, so a client can binary-search them or match prefixes.
type SearchIndex struct {
	Entries []SearchEntry `json:"entries"`
	Terms   []SearchTerm  `json:"terms"`
}

// SearchEntry is something a search can find.
type SearchEntry struct {
	Kind  string `json:"k"` // document, entity, reference, mechanism
	ID    string `json:"id"`
	Label string `json:"label"`
	Href  string `json:"href"` // relative to api/v1/
}

// SearchTerm lists the entries (indexes into Entries) a term finds.
type SearchTerm struct {
	Term    string `json:"t"`
	Entries []int  `json:"e"`
}

var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true, "from": true,
	"in": true, "into": true, "is": true, "are": true, "its": true, "of": true, "on": true, "or": true,
	"the": true, "to": true, "via": true, "with": true, "their": true, "that": true, "this": true,
}

type indexer struct {
	idx   SearchIndex
	terms map[string][]int
}

func (x *indexer) entry(kind, id, label, href string) int {
	x.idx.Entries = append(x.idx.Entries, SearchEntry{kind, id, label, href})
	return len(x.idx.Entries) - 1
}

// add indexes a phrase: as a whole (lower case) and word by word.
func (x *indexer) add(e int, phrases ...string) {
	for _, p := range phrases {
		p = strings.ToLower(strings.Join(strings.Fields(p), " "))
		if p == "" {
			continue
		}
		x.term(e, p)
		for _, w := range words(p) {
			if len(w) >= 2 && !stopWords[w] {
				x.term(e, w)
			}
		}
	}
}

func (x *indexer) term(e int, t string) {
	if l := x.terms[t]; len(l) > 0 && l[len(l)-1] == e {
		return
	}
	x.terms[t] = append(x.terms[t], e)
}

func buildSearch(ds *dataset) SearchIndex {
	x := &indexer{terms: map[string][]int{}}
	for _, d := range ds.docs {
		e := x.entry("document", d.id, d.doc.Front.Title, hrefDocument(d.id))
		x.add(e, d.id, d.doc.Front.Title, NormalizeDOI(d.doc.Front.DOI))
		x.add(e, d.doc.Front.Keywords...)
	}
	for _, m := range ds.mechs {
		e := x.entry("mechanism", m.Slug, m.Name, hrefMechanism(m.Slug))
		x.add(e, m.Slug, m.Name)
		x.add(e, m.Patterns...)
	}
	for _, en := range ds.entities {
		e := x.entry("entity", en.ID, en.Name, hrefEntity(en.Type, en.ID))
		x.add(e, en.ID, en.Name, en.FullName)
		x.add(e, en.Forms...)
		for _, id := range en.Identifiers {
			x.add(e, id.Scheme+":"+id.ID)
		}
		for _, a := range en.Abbrevs {
			ab := a.d.abbrevs[a.i]
			x.add(e, ab.Short, ab.Long)
		}
	}
	for _, w := range ds.works {
		r := w.first()
		label := r.Title
		if label == "" {
			label = r.Raw
		}
		e := x.entry("reference", w.ID, label, hrefReference(w.ID))
		x.add(e, r.Title, r.Journal, r.DOI, r.PMID)
		if len(r.Authors) > 0 {
			x.add(e, r.Authors[0].Family)
		}
		if r.Year > 0 {
			x.term(e, strconv.Itoa(r.Year))
		}
	}
	for t, es := range x.terms {
		slices.Sort(es)
		x.idx.Terms = append(x.idx.Terms, SearchTerm{t, slices.Compact(es)})
	}
	slices.SortFunc(x.idx.Terms, func(a, b SearchTerm) int { return strings.Compare(a.Term, b.Term) })
	x.idx.Entries = nonNil(x.idx.Entries)
	x.idx.Terms = nonNil(x.idx.Terms)
	return x.idx
}
