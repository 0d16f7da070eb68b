package publish

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/normalize"
)

// docData is one document after publish has checked the three stage
// outputs against each other. Everything the database and the API show
// comes from here, so the two cannot disagree. Rows that point at
// nothing (a mention in a paragraph that does not exist) are dropped or
// cut loose with a diagnostic, never passed on to fail a foreign key.
type docData struct {
	id    string
	doc   *extract.Document
	ann   *normalize.Annotations
	links *enrich.Links
	lic   DocLicense
	text  bool // the full text is published (see includeText)

	secs      []secRow
	secIdx    map[string]int
	paras     []extract.Paragraph
	paraIdx   map[string]int
	paraRunes []int
	sents     []normalize.Sentence // in reading order
	sentIdx   map[string]int
	sentCites [][]int // citation groups in each sentence
	sentMents [][]int // mentions in each sentence
	cites     []citeRow
	refs      []refRow
	refIdx    map[int]int
	mentions  []normalize.Mention
	abbrevs   []normalize.Abbreviation
	entities  []normalize.Entity // as the document lists them, checked
	figCalls  []extract.FigureCall
	support   []normalize.Support // citation scope (claims.go)
	claims    []normalize.Claim
	diags     []Diagnostic
}

type secRow struct {
	*extract.Section
	Parent string
	Depth  int
	Mechs  []secMech
}

// secMech ties a section to a mechanism: matched on its own title, or
// inherited from the ancestor whose title matched (From).
type secMech struct {
	Slug, Pattern, From string
}

type citeRow struct {
	extract.Citation     // Refs: only numbers that exist in the list
	Sentence         int // index into sents; -1 when in no sentence
}

type refRow struct {
	extract.Reference
	Link      *enrich.Link
	DOI, PMID string
	Status    string
	Score     float64
	Source    string // where the DOI came from: deposited, search, printed, curated; "" without one
	ID        string // the cited work's id: see referenceID
	Cites     []int  // indexes into cites
}

func newDocData(in Input, vocab []Mechanism, textPolicy string) *docData {
	lic := documentLicense(in)
	d := &docData{id: in.Doc.ID, doc: in.Doc, ann: in.Ann, links: in.Links, lic: lic, text: includeText(textPolicy, lic)}
	d.diags = append(d.diags, stageDiags(d.id, StageExtract, in.Doc.Diagnostics)...)
	d.loadSections(vocab)
	d.loadParagraphs()
	d.loadReferences()
	d.loadCitations()
	if in.Ann == nil {
		d.warn("normalize-missing", "document "+d.id, "no normalize output: no sentences, entities, mentions or abbreviations")
	} else {
		d.diags = append(d.diags, stageDiags(d.id, StageNormalize, in.Ann.Diagnostics)...)
		d.loadSentences()
		d.loadEntities()
		d.loadMentions()
		d.loadAbbreviations()
	}
	if in.Links == nil {
		d.warn("enrich-missing", "document "+d.id, "no enrich output: DOIs only where the reference list prints them")
	}
	d.placeCitations()
	d.loadClaimData(vocab)
	d.sentMents = make([][]int, len(d.sents))
	for i, m := range d.mentions {
		if si, ok := d.sentIdx[m.Sentence]; ok && m.Sentence != "" {
			d.sentMents[si] = append(d.sentMents[si], i)
		}
	}
	if !d.text {
		d.stripText()
	}
	return d
}

// stripText leaves out the document's prose, for a release built without
// full text: paragraphs, sentences, the abstract and captions become
// empty strings, while ids, offsets, mentions, citations, references and
// claims stay. The stage outputs themselves are not changed.
func (d *docData) stripText() {
	doc := *d.doc
	doc.Front.Abstract = ""
	doc.Paragraphs = nil
	doc.Figures = slices.Clone(doc.Figures)
	for i := range doc.Figures {
		doc.Figures[i].Caption = ""
	}
	d.doc = &doc
	for i := range d.paras {
		d.paras[i].Text = ""
	}
	for i := range d.sents {
		d.sents[i].Text = ""
	}
	d.info("text-omitted", "document "+d.id, "full text left out (licence %s, redistribution %s): ids, offsets, entities and claims kept", d.lic.License, d.lic.Redistribute)
}

func (d *docData) loadSections(vocab []Mechanism) {
	d.secIdx = map[string]int{}
	var walk func(ss []*extract.Section, parent string, depth int, inherited []secMech)
	walk = func(ss []*extract.Section, parent string, depth int, inherited []secMech) {
		for _, s := range ss {
			if s == nil || s.ID == "" {
				d.warn("section-invalid", "section under "+parent, "section without an id skipped")
				continue
			}
			if _, dup := d.secIdx[s.ID]; dup {
				d.warn("section-duplicate", "section "+s.ID, "section id used twice; the second is skipped")
				continue
			}
			var mechs []secMech
			if s.Kind == extract.KindBody || s.Kind == extract.KindRunIn {
				for _, m := range matchTitle(vocab, s.Title) {
					mechs = append(mechs, secMech{Slug: m.Slug, Pattern: m.Pattern, From: s.ID})
				}
			}
			for _, m := range inherited {
				if !slices.ContainsFunc(mechs, func(x secMech) bool { return x.Slug == m.Slug }) {
					mechs = append(mechs, m)
				}
			}
			slices.SortFunc(mechs, func(a, b secMech) int { return strings.Compare(a.Slug, b.Slug) })
			d.secIdx[s.ID] = len(d.secs)
			d.secs = append(d.secs, secRow{Section: s, Parent: parent, Depth: depth, Mechs: mechs})
			walk(s.Children, s.ID, depth+1, mechs)
		}
	}
	walk(d.doc.Sections, "", 0, nil)
}

func (d *docData) loadParagraphs() {
	d.paraIdx = map[string]int{}
	for _, p := range d.doc.Paragraphs {
		if p.ID == "" {
			d.warn("paragraph-invalid", "document "+d.id, "paragraph without an id skipped")
			continue
		}
		if _, dup := d.paraIdx[p.ID]; dup {
			d.warn("paragraph-duplicate", "paragraph "+p.ID, "paragraph id used twice; the second is skipped")
			continue
		}
		if _, ok := d.secIdx[p.Section]; !ok && p.Section != "" {
			d.warn("paragraph-section-unknown", "paragraph "+p.ID, "section %q does not exist; paragraph kept without a section", p.Section)
			p.Section = ""
		}
		d.paraIdx[p.ID] = len(d.paras)
		d.paras = append(d.paras, p)
		d.paraRunes = append(d.paraRunes, utf8.RuneCountInString(p.Text))
	}
	for _, fc := range d.doc.FigureCalls {
		if d.spanOK(fc.Paragraph, fc.Start, fc.End) {
			d.figCalls = append(d.figCalls, fc)
		}
	}
}

// spanOK reports whether [start, end) lies in paragraph p's text.
func (d *docData) spanOK(p string, start, end int) bool {
	i, ok := d.paraIdx[p]
	return ok && start >= 0 && start <= end && end <= d.paraRunes[i]
}

func (d *docData) loadReferences() {
	d.refIdx = map[int]int{}
	for _, r := range d.doc.References {
		if _, dup := d.refIdx[r.N]; dup || r.N <= 0 {
			d.warn("reference-duplicate", "reference "+strconv.Itoa(r.N), "reference number used twice or not positive; skipped")
			continue
		}
		d.refIdx[r.N] = len(d.refs)
		d.refs = append(d.refs, refRow{Reference: r, Status: enrich.Unresolved})
	}
	if d.links != nil {
		seen := map[int]bool{}
		for i := range d.links.References {
			l := &d.links.References[i]
			j, ok := d.refIdx[l.N]
			if !ok || seen[l.N] {
				d.warn("link-unknown-reference", "reference "+strconv.Itoa(l.N), "link for a reference that is not in the list, or linked twice; skipped")
				continue
			}
			seen[l.N] = true
			d.refs[j].Link = l
		}
		if missing := len(d.refs) - len(seen); missing > 0 {
			d.warn("link-missing", "document "+d.id, "%d of %d references have no enrich link; they are published as unresolved", missing, len(d.refs))
		}
	}
	for i := range d.refs {
		d.resolveDOI(&d.refs[i])
	}
}

// resolveDOI decides the DOI a reference is published with: the one
// enrich matched, else the one the list printed, else none.
func (d *docData) resolveDOI(r *refRow) {
	where := "reference " + strconv.Itoa(r.N)
	printed := NormalizeDOI(r.Reference.DOI)
	if r.Reference.DOI != "" && printed == "" {
		d.warn("doi-invalid", where, "printed DOI %q is not a DOI", r.Reference.DOI)
	}
	r.PMID = digitsOnly(r.Reference.PMID)
	if l := r.Link; l != nil {
		r.Status, r.Score = l.Status, l.Score
		if !knownStatus[r.Status] {
			d.warn("link-status-unknown", where, "status %q is not one publish knows; published as unresolved", l.Status)
			r.Status = enrich.Unresolved
		}
		if math.IsNaN(r.Score) || r.Score < 0 || r.Score > 1 {
			d.warn("link-score-invalid", where, "score %v is outside [0, 1]; clamped", l.Score)
			r.Score = clamp01(r.Score)
		}
		if p := digitsOnly(l.PMID); p != "" {
			r.PMID = p
		}
		if r.Status == enrich.Matched {
			r.DOI = NormalizeDOI(l.DOI)
			r.Source = l.Source
			if r.Source == "" {
				r.Source = enrich.SourceSearch // links before schema 1.1.0 matched by search only
			}
			if r.DOI == "" {
				d.warn("doi-invalid", where, "matched DOI %q is not a DOI; published as error", l.DOI)
				r.Status, r.Source = enrich.Error, ""
			}
		}
		for _, x := range l.Discrepancies {
			if strings.HasPrefix(x.Field, "doi-") {
				d.warn("doi-sources-disagree", where, "%s gave %s; %s (from %s) is published", strings.TrimPrefix(x.Field, "doi-"), x.Printed, r.DOI, r.Source)
			}
		}
	}
	if r.DOI == "" && printed != "" {
		r.DOI, r.Status, r.Source = printed, statusPrinted, enrich.SourcePrinted
	}
	r.ID = referenceID(d.id, r.N, r.DOI)
}

func clamp01(f float64) float64 {
	if math.IsNaN(f) || f < 0 {
		return 0
	}
	return math.Min(f, 1)
}

func digitsOnly(s string) string {
	s = strings.TrimSpace(s)
	for _, r := range s {
		if r < '0' || r > '9' {
			return ""
		}
	}
	return s
}

// admit checks an item with an id and a span in a paragraph: the id must
// be new and the span inside its paragraph; otherwise the item is
// reported ("<kind>-duplicate", "<kind>-span") and skipped.
func (d *docData) admit(kind, where, id string, seen map[string]bool, para string, start, end int) bool {
	if id == "" || seen[id] {
		d.warn(kind+"-duplicate", where, "%s without an id or with an id used twice; skipped", kind)
		return false
	}
	if !d.spanOK(para, start, end) {
		d.warn(kind+"-span", where, "span [%d, %d) is not in paragraph %q; skipped", start, end, para)
		return false
	}
	return true
}

func (d *docData) loadCitations() {
	seen := map[string]bool{}
	for _, c := range d.doc.Citations {
		where := "citation " + c.ID
		if !d.admit("citation", where, c.ID, seen, c.Paragraph, c.Start, c.End) {
			continue
		}
		seen[c.ID] = true
		var refs []int
		for _, n := range c.Refs {
			if _, ok := d.refIdx[n]; !ok {
				d.warn("citation-unknown-reference", where, "cites reference %d, which is not in the list", n)
				continue
			}
			if !slices.Contains(refs, n) {
				refs = append(refs, n)
			}
		}
		c.Refs = refs
		for _, n := range refs {
			r := &d.refs[d.refIdx[n]]
			r.Cites = append(r.Cites, len(d.cites))
		}
		d.cites = append(d.cites, citeRow{Citation: c, Sentence: -1})
	}
}

func (d *docData) loadSentences() {
	d.sentIdx = map[string]int{}
	seen := map[string]bool{}
	for _, s := range d.ann.Sentences {
		where := "sentence " + s.ID
		if !d.admit("sentence", where, s.ID, seen, s.Paragraph, s.Start, s.End) {
			continue
		}
		seen[s.ID] = true
		d.sents = append(d.sents, s)
	}
	// Reading order, whatever order the file had.
	slices.SortStableFunc(d.sents, func(a, b normalize.Sentence) int {
		if c := d.paraIdx[a.Paragraph] - d.paraIdx[b.Paragraph]; c != 0 {
			return c
		}
		return a.Start - b.Start
	})
	for i, s := range d.sents {
		d.sentIdx[s.ID] = i
	}
}

func (d *docData) sentence(id string) (normalize.Sentence, bool) {
	i, ok := d.sentIdx[id]
	if !ok {
		return normalize.Sentence{}, false
	}
	return d.sents[i], true
}

func (d *docData) loadEntities() {
	seen := map[string]bool{}
	for _, e := range d.ann.Entities {
		if e.ID == "" || seen[e.ID] {
			d.warn("entity-duplicate", "entity "+e.ID, "entity without an id or listed twice; skipped")
			continue
		}
		if e.Type == "" {
			d.warn("entity-type-missing", "entity "+e.ID, "entity has no type; skipped")
			continue
		}
		seen[e.ID] = true
		d.entities = append(d.entities, e)
	}
}

func (d *docData) hasEntity(id string) bool {
	return slices.ContainsFunc(d.entities, func(e normalize.Entity) bool { return e.ID == id })
}

func (d *docData) loadMentions() {
	known := map[string]bool{}
	for _, e := range d.entities {
		known[e.ID] = true
	}
	seen := map[string]bool{}
	for _, m := range d.ann.Mentions {
		where := "mention " + m.ID
		if !d.admit("mention", where, m.ID, seen, m.Paragraph, m.Start, m.End) {
			continue
		}
		seen[m.ID] = true
		if m.Sentence != "" {
			s, ok := d.sentence(m.Sentence)
			if !ok || s.Paragraph != m.Paragraph || m.Start < s.Start || m.End > s.End {
				d.warn("mention-sentence", where, "sentence %q does not hold the mention; kept without a sentence", m.Sentence)
				m.Sentence = ""
			}
		}
		if m.Entity != "" && !known[m.Entity] {
			d.warn("mention-entity-unknown", where, "entity %q is not listed; kept unresolved", m.Entity)
			m.Entity, m.ResolvedBy = "", ""
		}
		d.mentions = append(d.mentions, m)
	}
	slices.SortStableFunc(d.mentions, func(a, b normalize.Mention) int {
		if c := d.paraIdx[a.Paragraph] - d.paraIdx[b.Paragraph]; c != 0 {
			return c
		}
		return a.Start - b.Start
	})
}

func (d *docData) loadAbbreviations() {
	for _, a := range d.ann.Abbreviations {
		where := "abbreviation " + a.Short
		if !d.spanOK(a.Paragraph, a.Start, a.End) {
			d.warn("abbreviation-span", where, "span [%d, %d) is not in paragraph %q; skipped", a.Start, a.End, a.Paragraph)
			continue
		}
		if a.Entity != "" && !d.hasEntity(a.Entity) {
			d.warn("abbreviation-entity-unknown", where, "entity %q is not listed; kept without it", a.Entity)
			a.Entity = ""
		}
		d.abbrevs = append(d.abbrevs, a)
	}
}

// placeCitations finds the sentence each citation group lies in: the
// sentence of the same paragraph whose span holds the group's span. This
// is the rule the sentence_citations view applies in SQL.
func (d *docData) placeCitations() {
	if len(d.sents) == 0 {
		return
	}
	byPara := map[string][]int{}
	for i, s := range d.sents {
		byPara[s.Paragraph] = append(byPara[s.Paragraph], i)
	}
	d.sentCites = make([][]int, len(d.sents))
	for i := range d.cites {
		c := &d.cites[i]
		for _, si := range byPara[c.Paragraph] {
			s := d.sents[si]
			if s.Start <= c.Start && c.End <= s.End {
				c.Sentence = si
				d.sentCites[si] = append(d.sentCites[si], i)
				break
			}
		}
		if c.Sentence < 0 && len(byPara[c.Paragraph]) > 0 {
			d.info("citation-outside-sentence", "citation "+c.ID, "span [%d, %d) of paragraph %s lies in no sentence", c.Start, c.End, c.Paragraph)
		}
	}
}
