package publish

import (
	"cmp"
	"slices"
	"strings"

	"github.com/chemores/chemores/normalize"
)

// Links inside the API are relative to api/v1/.
func hrefDocument(id string) string  { return "documents/" + id + ".json" }
func hrefReference(id string) string { return "references/" + id + ".json" }
func hrefMechanism(s string) string  { return "mechanisms/" + s + ".json" }
func hrefEntity(typ, id string) string {
	return "entities/" + typeDir(typ) + "/" + entitySlug(id) + ".json"
}

func yearPtr(y int) *int {
	if y <= 0 {
		return nil
	}
	return &y
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// citedRefs lists the references backing sentence si of d, each once:
// those its own callouts cite (scope direct), then those of the callout
// closing its run of sentences (inferred; see normalize.CitationScope).
func citedRefs(d *docData, si int) []CitedRef {
	out := []CitedRef{}
	if si < 0 {
		return out
	}
	id := d.sents[si].ID
	for _, sp := range d.support {
		if sp.Sentence != id {
			continue
		}
		ci := slices.IndexFunc(d.cites, func(c citeRow) bool { return c.ID == sp.Citation })
		if ci < 0 {
			continue
		}
		for _, n := range d.cites[ci].Refs {
			r := &d.refs[d.refIdx[n]]
			if !slices.ContainsFunc(out, func(c CitedRef) bool { return c.N == n }) {
				out = append(out, CitedRef{N: n, ID: r.ID, DOI: r.DOI, DOIStatus: r.Status, Scope: sp.Scope})
			}
		}
	}
	return out
}

func (d *docData) sectionOf(paragraph string) string {
	return d.paras[d.paraIdx[paragraph]].Section
}

func (d *docData) sentenceRef(id string) *Sentence {
	s, ok := d.sentence(id)
	if !ok {
		return nil
	}
	return &Sentence{ID: s.ID, Text: s.Text}
}

func buildDocument(ds *dataset, d *docData) Document {
	f := d.doc.Front
	doc := Document{
		ID: d.id, DOI: NormalizeDOI(f.DOI), Title: f.Title, Journal: f.Journal,
		Received: f.Received, Accepted: f.Accepted, Published: f.Published,
		Keywords: nonNil(f.Keywords), Abstract: f.Abstract,
		Authors: []DocAuthor{}, Affiliations: []DocAffil{}, Funding: []DocFunding{},
		Source:  DocSource{d.doc.Source.Path, d.doc.Source.Format, d.doc.Source.Bytes, d.doc.Source.SHA256},
		License: d.lic, FullText: d.text,
		Stages:   DocStages{Extract: d.doc.Schema},
		Sections: []DocSection{}, Paragraphs: []DocParagraph{}, Figures: []DocFigure{},
		References: []ReferenceRef{}, Abbreviations: []DocAbbrev{}, Diagnostics: nonNil(d.diags),
	}
	if d.ann != nil {
		doc.Stages.Normalize = &d.ann.Schema
	}
	if d.links != nil {
		doc.Stages.Enrich = &d.links.Schema
	}
	for _, a := range f.Authors {
		doc.Authors = append(doc.Authors, DocAuthor{a.Name, a.Given, a.Family, nonNil(a.Affiliations), a.Corresponding, a.EqualContrib, a.Email})
	}
	for _, a := range f.Affiliations {
		doc.Affiliations = append(doc.Affiliations, DocAffil{a.Label, a.Text})
	}
	for _, fu := range f.Funding {
		doc.Funding = append(doc.Funding, DocFunding{fu.Funder, nonNil(fu.Grants)})
	}
	paras := map[string][]string{}
	for _, p := range d.paras {
		paras[p.Section] = append(paras[p.Section], p.ID)
	}
	for _, s := range d.secs {
		var mechs []string
		for _, m := range s.Mechs {
			mechs = append(mechs, m.Slug)
		}
		doc.Sections = append(doc.Sections, DocSection{ID: s.ID, Parent: strPtr(s.Parent), Depth: s.Depth,
			Number: s.Number, Title: s.Title, Kind: s.Kind, Mechanisms: nonNil(mechs), Paragraphs: nonNil(paras[s.ID])})
	}
	sents, cites, ments := map[string][]DocSentence{}, map[string][]DocCitation{}, map[string][]DocMention{}
	for _, s := range d.sents {
		sents[s.Paragraph] = append(sents[s.Paragraph], DocSentence{s.ID, s.Start, s.End})
	}
	for _, c := range d.cites {
		var sid *string
		refs := []CitedRef{}
		if c.Sentence >= 0 {
			sid = &d.sents[c.Sentence].ID
		}
		for _, n := range c.Refs {
			r := &d.refs[d.refIdx[n]]
			refs = append(refs, CitedRef{N: n, ID: r.ID, DOI: r.DOI, DOIStatus: r.Status})
		}
		cites[c.Paragraph] = append(cites[c.Paragraph], DocCitation{c.ID, c.Start, c.End, c.Text, c.Style, sid, refs})
	}
	for _, m := range d.mentions {
		ments[m.Paragraph] = append(ments[m.Paragraph], DocMention{m.ID, m.Start, m.End, m.Text, m.Type, strPtr(m.Entity), strPtr(m.Sentence)})
	}
	for _, p := range d.paras {
		doc.Paragraphs = append(doc.Paragraphs, DocParagraph{p.ID, p.Section, p.Text,
			nonNil(sents[p.ID]), nonNil(cites[p.ID]), nonNil(ments[p.ID])})
	}
	for _, fg := range d.doc.Figures {
		doc.Figures = append(doc.Figures, DocFigure{fg.Kind, fg.N, fg.Label, fg.Title, fg.Caption, fg.Section, fg.Paragraph})
	}
	for _, r := range d.refs {
		doc.References = append(doc.References, ReferenceRef{N: r.N, ID: r.ID, Title: r.Title, Journal: r.Journal,
			Year: yearPtr(r.Year), DOI: r.DOI, DOIStatus: r.Status, DOIScore: r.Score, Href: hrefReference(r.ID)})
	}
	for _, a := range d.abbrevs {
		doc.Abbreviations = append(doc.Abbreviations, DocAbbrev{a.Short, a.Long, a.Paragraph, a.Start, a.End, strPtr(a.Entity)})
	}
	return doc
}

// citedIn summarizes where one reference-list entry is cited.
func citedIn(e ref) CitedIn {
	d, r := e.d, &e.d.refs[e.i]
	out := CitedIn{Document: d.id, N: r.N, Citations: len(r.Cites), Sentences: []string{}, Sections: []string{}}
	for _, ci := range r.Cites {
		c := d.cites[ci]
		if c.Sentence >= 0 && !slices.Contains(out.Sentences, d.sents[c.Sentence].ID) {
			out.Sentences = append(out.Sentences, d.sents[c.Sentence].ID)
		}
		if s := d.sectionOf(c.Paragraph); s != "" && !slices.Contains(out.Sections, s) {
			out.Sections = append(out.Sections, s)
		}
	}
	return out
}

func buildReferenceItem(w *work) ReferenceItem {
	e := w.Entries[0]
	r := &e.d.refs[e.i]
	it := ReferenceItem{ID: w.ID, N: r.N, Document: e.d.id, Title: r.Title, Journal: r.Journal, Year: yearPtr(r.Year),
		DOI: r.DOI, DOIStatus: r.Status, DOIScore: r.Score, DOISource: r.Source, PMID: r.PMID, CitedIn: []CitedIn{}, Href: hrefReference(w.ID)}
	for _, x := range w.Entries {
		it.CitedIn = append(it.CitedIn, citedIn(x))
	}
	return it
}

func buildReference(ds *dataset, w *work) Reference {
	e := w.Entries[0]
	r := &e.d.refs[e.i]
	out := Reference{ID: w.ID, N: r.N, Document: e.d.id, Raw: r.Raw, Authors: []RefAuthor{}, EtAl: r.EtAl,
		Title: r.Title, Journal: r.Journal, Year: yearPtr(r.Year), Volume: r.Volume, Issue: r.Issue, Pages: r.Pages,
		DOI: r.DOI, DOIStatus: r.Status, DOIScore: r.Score, DOISource: r.Source, DOIEvidence: []RefEvidence{}, PMID: r.PMID,
		Agreed: []string{}, Disagreed: []string{}, Discrepancies: []RefDiscrepancy{}, Candidates: []RefCandidate{},
		Mechanisms: []string{}, Entities: []EntityRef{}, CitedIn: []CitedInFull{}}
	for _, a := range r.Authors {
		out.Authors = append(out.Authors, RefAuthor{a.Family, a.Initials, a.Suffix})
	}
	if l := r.Link; l != nil {
		out.DOIReason = l.Reason
		out.Agreed, out.Disagreed = nonNil(l.Agreed), nonNil(l.Disagreed)
		for _, x := range l.Discrepancies {
			out.Discrepancies = append(out.Discrepancies, RefDiscrepancy{x.Field, x.Printed, x.Registered})
		}
		for _, c := range l.Candidates {
			out.Candidates = append(out.Candidates, RefCandidate{NormalizeDOI(c.DOI), c.Title, c.Type, c.Journal, yearPtr(c.Year), clamp01(c.Score)})
		}
		for _, e := range l.Evidence {
			out.DOIEvidence = append(out.DOIEvidence, RefEvidence{e.Source, NormalizeDOI(e.DOI), digitsOnly(e.PMID), clamp01(e.Score), e.Agrees, e.Detail, e.URL})
		}
	}
	ents := map[string]bool{}
	for _, x := range w.Entries {
		d, rr := x.d, &x.d.refs[x.i]
		full := CitedInFull{Document: d.id, N: rr.N, DOIStatus: rr.Status, Citations: []Citing{}}
		for _, ci := range rr.Cites {
			c := d.cites[ci]
			sec := d.sectionOf(c.Paragraph)
			ct := Citing{ID: c.ID, Paragraph: c.Paragraph, Section: sec, Text: c.Text}
			if c.Sentence >= 0 {
				s := d.sents[c.Sentence]
				ct.Sentence = &Sentence{s.ID, s.Text}
				for _, mi := range d.sentMents[c.Sentence] {
					if m := d.mentions[mi]; m.Entity != "" {
						ents[m.Entity] = true
					}
				}
			}
			if si, ok := d.secIdx[sec]; ok {
				for _, m := range d.secs[si].Mechs {
					if !slices.Contains(out.Mechanisms, m.Slug) {
						out.Mechanisms = append(out.Mechanisms, m.Slug)
					}
				}
			}
			full.Citations = append(full.Citations, ct)
		}
		out.CitedIn = append(out.CitedIn, full)
	}
	slices.Sort(out.Mechanisms)
	for _, e := range ds.entities { // by id
		if ents[e.ID] {
			out.Entities = append(out.Entities, EntityRef{e.ID, e.Type, e.Name, hrefEntity(e.Type, e.ID)})
		}
	}
	return out
}

func identifiers(ids []normalize.Identifier) []Identifier {
	out := []Identifier{}
	for _, id := range ids {
		out = append(out, Identifier{id.Scheme, id.ID, identifierURL(id.Scheme, id.ID)})
	}
	return out
}

func buildEntityItem(e *entityData) EntityItem {
	sents := map[string]bool{}
	for _, o := range e.Occ {
		if s := o.d.mentions[o.i].Sentence; s != "" {
			sents[o.d.id+"\x00"+s] = true
		}
	}
	return EntityItem{ID: e.ID, Type: e.Type, Name: e.Name, FullName: e.FullName, Identifiers: identifiers(e.Identifiers),
		Mentions: len(e.Occ), Sentences: len(sents), Documents: nonNil(e.Docs), Mechanisms: nonNil(e.Mechs), Href: hrefEntity(e.Type, e.ID)}
}

func buildEntity(ds *dataset, e *entityData) Entity {
	out := Entity{ID: e.ID, Type: e.Type, Name: e.Name, FullName: e.FullName, Identifiers: identifiers(e.Identifiers),
		Forms: nonNil(e.Forms), Documents: nonNil(e.Docs), Mechanisms: nonNil(e.Mechs),
		Abbreviations: []EntityAbbrev{}, Mentions: []EntityMention{}, References: []EntityCited{}}
	for _, a := range e.Abbrevs {
		ab := a.d.abbrevs[a.i]
		out.Abbreviations = append(out.Abbreviations, EntityAbbrev{a.d.id, ab.Short, ab.Long})
	}
	type key struct {
		doc string
		n   int
	}
	refSents := map[key]map[string]bool{}
	var order []key
	for _, o := range e.Occ {
		d, m := o.d, o.d.mentions[o.i]
		em := EntityMention{Document: d.id, ID: m.ID, Text: m.Text, Paragraph: m.Paragraph, Section: d.sectionOf(m.Paragraph),
			Start: m.Start, End: m.End, ResolvedBy: m.ResolvedBy, References: []CitedRef{}}
		if si, ok := d.sentIdx[m.Sentence]; ok && m.Sentence != "" {
			em.Sentence = d.sentenceRef(m.Sentence)
			em.References = citedRefs(d, si)
			for _, c := range em.References {
				k := key{d.id, c.N}
				if refSents[k] == nil {
					refSents[k] = map[string]bool{}
					order = append(order, k)
				}
				refSents[k][m.Sentence] = true
			}
		}
		out.Mentions = append(out.Mentions, em)
	}
	slices.SortFunc(order, func(a, b key) int { return cmp.Or(strings.Compare(a.doc, b.doc), a.n-b.n) })
	for _, k := range order {
		d := ds.docs[slices.IndexFunc(ds.docs, func(x *docData) bool { return x.id == k.doc })]
		r := &d.refs[d.refIdx[k.n]]
		out.References = append(out.References, EntityCited{ID: r.ID, Document: k.doc, N: k.n, Title: r.Title, Year: yearPtr(r.Year),
			DOI: r.DOI, DOIStatus: r.Status, Sentences: len(refSents[k]), Href: hrefReference(r.ID)})
	}
	return out
}

func buildMechanismItem(m *mechData) MechanismItem {
	return MechanismItem{Slug: m.Slug, Name: m.Name, Description: m.Description, Sections: len(m.Sections),
		Entities: len(m.Entities), References: len(m.Refs), Href: hrefMechanism(m.Slug)}
}

func buildMechanism(m *mechData) MechanismFile {
	out := MechanismFile{Slug: m.Slug, Name: m.Name, Description: m.Description, Patterns: nonNil(m.Patterns),
		Sections: []MechSection{}, Entities: []MechEntity{}, References: []MechReference{}}
	for _, s := range m.Sections {
		sec := s.d.secs[s.sec]
		out.Sections = append(out.Sections, MechSection{s.d.id, sec.ID, sec.Number, sec.Title, s.Pattern, s.From})
	}
	for _, e := range m.Entities {
		out.Entities = append(out.Entities, MechEntity{e.e.ID, e.e.Type, e.e.Name, e.mentions, nonNil(e.sentences), hrefEntity(e.e.Type, e.e.ID)})
	}
	for _, x := range m.Refs {
		r := &x.r.d.refs[x.r.i]
		out.References = append(out.References, MechReference{ID: r.ID, Document: x.r.d.id, N: r.N, Title: r.Title,
			Year: yearPtr(r.Year), DOI: r.DOI, DOIStatus: r.Status, Citations: x.cites, Href: hrefReference(r.ID)})
	}
	return out
}
