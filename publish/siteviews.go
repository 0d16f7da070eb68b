package publish

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/chemores/chemores/normalize"
)

// What the page templates show, made from the same values as the API
// files (buildEntity, buildMechanism, buildReference, apiClaim), with
// links between pages made relative to the page.

type link struct{ Label, Href string }

// seg is a piece of quoted text; Mark is set on the words a page is about.
type seg struct {
	Text string
	Mark bool
}

// refView is a reference as cited in a sentence or listed on a page.
type refView struct {
	N                   int
	Label, Href         string
	DOI, DOIURL, Status string
	Scope               string
}

// sentView is a sentence quoted with its references.
type sentView struct {
	Doc, ID, Href, Section string
	Segs                   []seg
	Refs                   []refView
}

// claimView is one resistance claim.
type claimView struct {
	Agent, AgentHref string
	Relation, Effect string
	State            string
	Drugs            []link
	Cancer           string
	Mechanism        link
	Negated, Hedged  bool
	Sentence         sentView
}

// budget is what one page may spend on quotations, in bytes of HTML
// (estimated), so that a page stays under 200 kB for a corpus where an
// entity is everywhere; the page says how many it left out, and the API
// file has them all.
type budget int

// take reports whether a quotation of about n bytes still fits, and
// spends them.
func (b *budget) take(n int) bool {
	if *b < budget(n) {
		*b = 0 // later ones, even smaller, would break the order
		return false
	}
	*b -= budget(n)
	return true
}

// cost estimates the HTML a quoted sentence makes: its text and the
// links to the references it cites.
func (v sentView) cost() int {
	n := 250
	for _, s := range v.Segs {
		n += len(s.Text) + 20
	}
	return n + 220*len(v.Refs)
}

const (
	quoteBudget = 100 << 10 // the sentences of an entity or reference page
	claimBudget = 60 << 10  // the claims of an entity page
	mechBudget  = 90 << 10  // the claims of a mechanism page
	listBudget  = 30 << 10  // each list of sections or references of a mechanism page
)

func doiURL(doi string) string {
	if doi == "" {
		return ""
	}
	return "https://doi.org/" + doi
}

func referenceLabel(r *refRow) string {
	s := r.Title
	if s == "" {
		s = r.Raw
	}
	if s == "" {
		s = "Reference " + strconv.Itoa(r.N)
	}
	return s
}

// quote cuts a sentence's text into pieces, marking the given spans
// (paragraph offsets); without text it says so.
func quote(d *docData, si int, marks [][2]int) []seg {
	s := d.sents[si]
	if s.Text == "" {
		return []seg{{Text: "(text not published: see the document's licence)"}}
	}
	rs := []rune(s.Text)
	slices.SortFunc(marks, func(a, b [2]int) int { return a[0] - b[0] })
	var out []seg
	pos := 0
	for _, m := range marks {
		a, b := m[0]-s.Start, m[1]-s.Start
		if a < pos || b > len(rs) || a >= b {
			continue
		}
		if a > pos {
			out = append(out, seg{Text: string(rs[pos:a])})
		}
		out = append(out, seg{Text: string(rs[a:b]), Mark: true})
		pos = b
	}
	if pos < len(rs) {
		out = append(out, seg{Text: string(rs[pos:])})
	}
	return out
}

// sentenceView quotes sentence si of d, with the references backing it.
func sentenceView(d *docData, si int, marks [][2]int, from string) sentView {
	s := d.sents[si]
	v := sentView{Doc: d.id, ID: s.ID, Href: relLink(from, siteDocument(d.id)) + "#" + s.ID, Segs: quote(d, si, marks)}
	if sec := d.sectionOf(s.Paragraph); sec != "" {
		if i, ok := d.secIdx[sec]; ok {
			v.Section = strings.TrimSpace(d.secs[i].Number + " " + d.secs[i].Title)
		}
	}
	for _, c := range citedRefs(d, si) {
		r := &d.refs[d.refIdx[c.N]]
		v.Refs = append(v.Refs, refView{N: c.N, Label: referenceLabel(r), Href: relLink(from, siteReference(c.ID)),
			DOI: c.DOI, DOIURL: doiURL(c.DOI), Status: c.DOIStatus, Scope: c.Scope})
	}
	return v
}

func claimViewOf(ds *dataset, d *docData, ci int, from string) claimView {
	c := d.claims[ci]
	a := apiClaim(ds, d, c)
	v := claimView{Agent: a.Agent.Name, Relation: c.Relation, Effect: c.Effect, State: c.State, Negated: c.Negated, Hedged: c.Hedged}
	if e := ds.entity(c.Agent.Entity); e != nil {
		v.AgentHref = relLink(from, siteEntity(e.Type, e.ID))
	}
	for _, t := range a.Drugs {
		l := link{Label: t.Name}
		if e := ds.entity(derefStr(t.Entity)); e != nil {
			l.Href = relLink(from, siteEntity(e.Type, e.ID))
		}
		v.Drugs = append(v.Drugs, l)
	}
	if a.Cancer != nil {
		v.Cancer = a.Cancer.Name
	}
	if c.Mechanism != "" {
		for _, m := range ds.mechs {
			if m.Slug == c.Mechanism {
				v.Mechanism = link{m.Name, relLink(from, siteMechanism(m.Slug))}
			}
		}
	}
	var marks [][2]int
	if c.Agent.End > c.Agent.Start {
		marks = append(marks, [2]int{c.Agent.Start, c.Agent.End})
	}
	v.Sentence = sentenceView(d, d.sentIdx[c.Sentence], marks, from)
	return v
}

func derefStr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// --- mechanisms ---

type mechItem struct {
	link
	Description                    string
	Sections, Entities, References int
	Claims                         int
}

func mechanismList(ds *dataset, from string) []mechItem {
	g := groupClaims(ds)
	var out []mechItem
	for _, m := range ds.mechs {
		out = append(out, mechItem{link{m.Name, relLink(from, siteMechanism(m.Slug))}, m.Description,
			len(m.Sections), len(m.Entities), len(m.Refs), len(g.mechs[m.Slug])})
	}
	return out
}

type mechPage struct {
	Description  string
	Patterns     []string
	Sections     []link
	Entities     []mechEntityView
	Claims       []claimView
	More         int // claims left out (see budget)
	MoreRefs     int // references left out
	MoreSections int
	MechAPI      string // the mechanism's API file: every section and reference
	API          string // the mechanism's claims file, which has them all
	References   []refView
}

type mechEntityView struct {
	link
	Type   string
	Claims int
}

func mechanismPage(ds *dataset, m *mechData, from string) mechPage {
	v := mechPage{Description: m.Description, Patterns: m.Patterns, API: relLink(from, apiDir+hrefClaimsMechanism(m.Slug)),
		MechAPI: relLink(from, apiDir+hrefMechanism(m.Slug))}
	left := budget(listBudget)
	for _, s := range m.Sections {
		sec := s.d.secs[s.sec]
		l := link{strings.TrimSpace(sec.Number+" "+sec.Title) + " (" + s.d.id + ")", relLink(from, siteDocument(s.d.id)) + "#sec-" + sec.ID}
		if !left.take(len(l.Label) + len(l.Href) + 30) {
			v.MoreSections++
			continue
		}
		v.Sections = append(v.Sections, l)
	}
	for _, e := range m.Entities {
		v.Entities = append(v.Entities, mechEntityView{link{e.e.Name, relLink(from, siteEntity(e.e.Type, e.e.ID))}, e.e.Type, e.mentions})
	}
	left = budget(mechBudget)
	for _, r := range groupClaims(ds).mechs[m.Slug] {
		c := claimViewOf(ds, r.d, r.i, from)
		if !left.take(c.Sentence.cost() + 300) {
			v.More++
			continue
		}
		v.Claims = append(v.Claims, c)
	}
	left = budget(listBudget)
	for _, x := range m.Refs {
		r := &x.r.d.refs[x.r.i]
		rv := refView{N: r.N, Label: referenceLabel(r), Href: relLink(from, siteReference(r.ID)),
			DOI: r.DOI, DOIURL: doiURL(r.DOI), Status: r.Status}
		if !left.take(len(rv.Label) + len(rv.Href) + 2*len(rv.DOI) + 120) {
			v.MoreRefs++
			continue
		}
		v.References = append(v.References, rv)
	}
	return v
}

// --- entities ---

type entityGroup struct {
	Type  string
	Items []entityRow
}

type entityRow struct {
	link
	FullName  string
	Mentions  int
	Sentences int
}

var typeOrder = []string{normalize.Gene, "family", normalize.Chemical, normalize.Disease}

func typeRank(t string) int {
	if i := slices.Index(typeOrder, t); i >= 0 {
		return i
	}
	return len(typeOrder)
}

func entityList(ds *dataset, from string) []entityGroup {
	es := slices.Clone(ds.entities)
	slices.SortStableFunc(es, func(a, b *entityData) int {
		if c := typeRank(a.Type) - typeRank(b.Type); c != 0 {
			return c
		}
		if c := strings.Compare(a.Type, b.Type); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	var out []entityGroup
	for _, e := range es {
		if len(out) == 0 || out[len(out)-1].Type != e.Type {
			out = append(out, entityGroup{Type: e.Type})
		}
		it := buildEntityItem(e)
		g := &out[len(out)-1]
		g.Items = append(g.Items, entityRow{link{e.Name, relLink(from, siteEntity(e.Type, e.ID))}, e.FullName, it.Mentions, it.Sentences})
	}
	return out
}

type entityPageView struct {
	ID, Type, FullName string
	Identifiers        []link
	Forms              []string
	Abbreviations      []string
	Mechanisms         []link
	Members            []link
	Sentences          []sentView
	More               int // sentences left out (see budget)
	Unplaced           int // mentions in no sentence
	Claims             []claimView
	MoreClaims         int
	API                string // the entity's API file, which has them all
}

func entityPage(ds *dataset, e *entityData, from string) entityPageView {
	v := entityPageView{ID: e.ID, Type: e.Type, FullName: e.FullName, Forms: e.Forms,
		API: relLink(from, apiDir+hrefEntity(e.Type, e.ID))}
	for _, id := range identifiers(e.Identifiers) {
		v.Identifiers = append(v.Identifiers, link{schemeName(id.Scheme) + " " + localID(id), id.URL})
	}
	seenAb := map[string]bool{}
	for _, a := range e.Abbrevs {
		ab := a.d.abbrevs[a.i]
		if s := ab.Short + " = " + ab.Long; !seenAb[s] {
			seenAb[s] = true
			v.Abbreviations = append(v.Abbreviations, s)
		}
	}
	for _, slug := range e.Mechs {
		for _, m := range ds.mechs {
			if m.Slug == slug {
				v.Mechanisms = append(v.Mechanisms, link{m.Name, relLink(from, siteMechanism(slug))})
			}
		}
	}
	for _, id := range e.Members {
		if m := ds.entity(id); m != nil {
			v.Members = append(v.Members, link{m.Name, relLink(from, siteEntity(m.Type, m.ID))})
		}
	}
	// One quote per sentence, with every mention of the entity in it marked.
	type key struct {
		d  *docData
		si int
	}
	var order []key
	marks := map[key][][2]int{}
	for _, o := range e.Occ {
		m := o.d.mentions[o.i]
		si, ok := o.d.sentIdx[m.Sentence]
		if !ok || m.Sentence == "" {
			v.Unplaced++
			continue
		}
		k := key{o.d, si}
		if _, seen := marks[k]; !seen {
			order = append(order, k)
		}
		marks[k] = append(marks[k], [2]int{m.Start, m.End})
	}
	left := budget(quoteBudget)
	for _, k := range order {
		sv := sentenceView(k.d, k.si, marks[k], from)
		if !left.take(sv.cost()) {
			v.More++
			continue
		}
		v.Sentences = append(v.Sentences, sv)
	}
	g := groupClaims(ds)
	var cl []ref
	cl = append(cl, g.agents[e.ID]...)
	for _, r := range g.drugs[e.ID] {
		if !slices.Contains(cl, r) {
			cl = append(cl, r)
		}
	}
	left = budget(claimBudget)
	for _, r := range cl {
		c := claimViewOf(ds, r.d, r.i, from)
		if !left.take(c.Sentence.cost() + 300) {
			v.MoreClaims++
			continue
		}
		v.Claims = append(v.Claims, c)
	}
	return v
}

// schemeName names an identifier scheme for people.
func schemeName(s string) string {
	switch strings.ToLower(s) {
	case "ncbigene":
		return "NCBI Gene"
	case "mesh":
		return "MeSH"
	case "chebi":
		return "ChEBI"
	case "pubchem.compound":
		return "PubChem"
	case "doid":
		return "Disease Ontology"
	case "hgnc":
		return "HGNC"
	}
	return s
}

func localID(id Identifier) string {
	if p, rest, ok := strings.Cut(id.ID, ":"); ok && strings.EqualFold(p, id.Scheme) {
		return rest
	}
	return id.ID
}

// --- references ---

type refGroup struct {
	Doc, Title, Href string // Href: the document's reference list
	Count, WithDOI   int
	Items            []refView // none when the list is too long for one page
}

// maxListed is how many references the references page lists one by one;
// past it, the page sends each document's readers to the reference list
// of its document page, so that it stays under 200 kB.
const maxListed = 1000

func referenceList(ds *dataset, from string) []refGroup {
	total := 0
	for _, d := range ds.docs {
		total += len(d.refs)
	}
	var out []refGroup
	for _, d := range ds.docs {
		g := refGroup{Doc: d.id, Title: d.doc.Front.Title, Href: relLink(from, siteDocument(d.id)) + "#references", Count: len(d.refs)}
		for _, r := range d.refs {
			if r.DOI != "" {
				g.WithDOI++
			}
			if total <= maxListed {
				g.Items = append(g.Items, refView{N: r.N, Label: referenceLabel(&r), Href: relLink(from, siteReference(r.ID)),
					DOI: r.DOI, DOIURL: doiURL(r.DOI), Status: r.Status})
			}
		}
		out = append(out, g)
	}
	return out
}

type refPage struct {
	Reference
	DOIURL   string
	Authors  string
	Where    string // journal, year, volume, pages
	Aliases  []string
	Evidence []RefEvidence
	Citing   []sentView
	More     int    // citing sentences left out (see budget)
	API      string // the reference's API file
	Entities []link
	Mechs    []link
}

func referencePage(ds *dataset, w *work, from string) refPage {
	r := buildReference(ds, w)
	v := refPage{Reference: r, DOIURL: doiURL(r.DOI), Evidence: r.DOIEvidence, API: relLink(from, apiDir+hrefReference(w.ID))}
	left := budget(quoteBudget)
	var names []string
	for _, a := range r.Authors {
		names = append(names, strings.TrimSpace(a.Family+" "+a.Initials+" "+a.Suffix))
	}
	v.Authors = strings.Join(names, ", ")
	if r.EtAl {
		v.Authors += " et al."
	}
	var where []string
	for _, s := range []string{r.Journal, yearStr(r.Year), r.Volume, r.Pages} {
		if s != "" {
			where = append(where, s)
		}
	}
	v.Where = strings.Join(where, ", ")
	for _, e := range w.Entries {
		d := e.d
		rr := &d.refs[e.i]
		if a := entryID(d.id, rr.N); a != w.ID {
			v.Aliases = append(v.Aliases, a)
		}
		seen := map[int]bool{}
		for _, ci := range rr.Cites {
			si := d.cites[ci].Sentence
			if si < 0 || seen[si] {
				continue
			}
			seen[si] = true
			c := d.cites[ci]
			sv := sentenceView(d, si, [][2]int{{c.Start, c.End}}, from)
			if !left.take(sv.cost()) {
				v.More++
				continue
			}
			v.Citing = append(v.Citing, sv)
		}
	}
	for _, e := range r.Entities {
		v.Entities = append(v.Entities, link{e.Name, relLink(from, siteEntity(e.Type, e.ID))})
	}
	for _, slug := range r.Mechanisms {
		for _, m := range ds.mechs {
			if m.Slug == slug {
				v.Mechs = append(v.Mechs, link{m.Name, relLink(from, siteMechanism(slug))})
			}
		}
	}
	return v
}

func yearStr(y *int) string {
	if y == nil {
		return ""
	}
	return strconv.Itoa(*y)
}

// --- documents ---

type docItem struct {
	link
	DOI, DOIURL, License string
	FullText             bool
	Paragraphs, Refs     int
}

func documentList(ds *dataset, from string) []docItem {
	var out []docItem
	for _, d := range ds.docs {
		doi := NormalizeDOI(d.doc.Front.DOI)
		out = append(out, docItem{link{d.doc.Front.Title, relLink(from, siteDocument(d.id))}, doi, doiURL(doi),
			d.lic.License, d.text, len(d.paras), len(d.refs)})
	}
	return out
}

// count formats n with its noun.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
