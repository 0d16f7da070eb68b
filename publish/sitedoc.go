package publish

import (
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"
)

// docPage is a document's page: its front matter, the text section by
// section with sentences anchored (#p12.s3), mentions linked to their
// entities and callouts to the reference list, then the references.
type docPage struct {
	ID, DOI, DOIURL, Journal, Published string
	Authors                             string
	Citation                            string
	License                             licenseView
	Abstract                            string
	Sections                            []docSectionView
	Figures                             []docFigureView
	Refs                                []docRefView
}

type docSectionView struct {
	ID, Heading string
	Level       int // 2..6
	Paragraphs  []template.HTML
}

type docFigureView struct {
	Label, Title, Caption string
}

type docRefView struct {
	N                 int
	Raw, Href         string
	DOI, DOIURL, Stat string
}

func documentPage(ds *dataset, d *docData, from string) docPage {
	f := d.doc.Front
	doi := NormalizeDOI(f.DOI)
	v := docPage{ID: d.id, DOI: doi, DOIURL: doiURL(doi), Journal: f.Journal, Published: f.Published,
		Citation: documentCitation(d), Abstract: f.Abstract,
		License: licenseOf(d, from)}
	var names []string
	for _, a := range f.Authors {
		names = append(names, a.Name)
	}
	v.Authors = strings.Join(names, ", ")
	sentsOf := map[string][]int{}
	for i, s := range d.sents {
		sentsOf[s.Paragraph] = append(sentsOf[s.Paragraph], i)
	}
	marksOf := map[string][]inline{}
	for _, m := range d.mentions {
		marksOf[m.Paragraph] = append(marksOf[m.Paragraph], mentionInline(ds, m.Start, m.End, m.Entity, m.Type, from))
	}
	for _, c := range d.cites {
		marksOf[c.Paragraph] = append(marksOf[c.Paragraph], calloutInline(c.Start, c.End, c.Refs))
	}
	paras := map[string][]int{}
	var loose []int // paragraphs in no section
	for i, p := range d.paras {
		if _, ok := d.secIdx[p.Section]; ok {
			paras[p.Section] = append(paras[p.Section], i)
		} else {
			loose = append(loose, i)
		}
	}
	para := func(i int) template.HTML {
		p := d.paras[i]
		var ss []spanID
		for _, si := range sentsOf[p.ID] {
			s := d.sents[si]
			ss = append(ss, spanID{s.ID, s.Start, s.End})
		}
		return paragraphHTML(p.ID, p.Text, ss, marksOf[p.ID])
	}
	if len(loose) > 0 {
		sv := docSectionView{ID: "sec-text", Heading: "Text", Level: 2}
		for _, i := range loose {
			sv.Paragraphs = append(sv.Paragraphs, para(i))
		}
		v.Sections = append(v.Sections, sv)
	}
	for _, s := range d.secs {
		sv := docSectionView{ID: "sec-" + s.ID, Heading: strings.TrimSpace(s.Number + " " + s.Title), Level: min(2+s.Depth, 6)}
		for _, i := range paras[s.ID] {
			sv.Paragraphs = append(sv.Paragraphs, para(i))
		}
		v.Sections = append(v.Sections, sv)
	}
	for _, fg := range d.doc.Figures {
		v.Figures = append(v.Figures, docFigureView{fg.Label, fg.Title, fg.Caption})
	}
	for _, r := range d.refs {
		v.Refs = append(v.Refs, docRefView{N: r.N, Raw: referenceText(&r), Href: relLink(from, siteReference(r.ID)),
			DOI: r.DOI, DOIURL: doiURL(r.DOI), Stat: r.Status})
	}
	return v
}

func referenceText(r *refRow) string {
	if r.Raw != "" {
		return r.Raw
	}
	return referenceLabel(r)
}

// inline is a marked span of a paragraph: a mention or a callout.
type inline struct {
	start, end  int
	open, close string
}

type spanID struct {
	id         string
	start, end int
}

var typeClass = map[string]string{"gene": "g", "chemical": "c", "disease": "d", "family": "f"}

func mentionInline(ds *dataset, start, end int, entity, typ, from string) inline {
	cls := "m"
	if c, ok := typeClass[typ]; ok {
		cls += " t" + c
	}
	if e := ds.entity(entity); e != nil {
		return inline{start, end, `<a class="` + cls + `" href="` + html.EscapeString(relLink(from, siteEntity(e.Type, e.ID))) + `">`, "</a>"}
	}
	return inline{start, end, `<span class="` + cls + ` u" title="not resolved to an entity">`, "</span>"}
}

func calloutInline(start, end int, refs []int) inline {
	if len(refs) == 0 {
		return inline{start, end, `<span class="cite">`, "</span>"}
	}
	var ns []string
	for _, n := range refs {
		ns = append(ns, strconv.Itoa(n))
	}
	title := "Reference " + ns[0]
	if len(ns) > 1 {
		title = "References " + strings.Join(ns, ", ")
	}
	return inline{start, end, `<a class="cite" href="#ref-` + ns[0] + `" title="` + title + `">`, "</a>"}
}

// paragraphHTML writes a paragraph's text with its sentences as anchored
// spans and its mentions and callouts as links. Offsets are code points.
// A mark that crosses a sentence's edge or another mark is left out
// (its text stays).
func paragraphHTML(id, text string, sents []spanID, marks []inline) template.HTML {
	var b strings.Builder
	b.WriteString(`<p id="` + html.EscapeString(id) + `">`)
	if text == "" {
		b.WriteString(`<span class="omitted">(text not published)</span></p>`)
		return template.HTML(b.String())
	}
	rs := []rune(text)
	slices.SortStableFunc(marks, func(a, b inline) int { return a.start - b.start })
	plain := func(a, z int) {
		pos := a
		for _, m := range marks {
			if m.start < pos || m.end > z || m.start >= m.end {
				continue
			}
			b.WriteString(html.EscapeString(string(rs[pos:m.start])))
			b.WriteString(m.open)
			b.WriteString(html.EscapeString(string(rs[m.start:m.end])))
			b.WriteString(m.close)
			pos = m.end
		}
		b.WriteString(html.EscapeString(string(rs[pos:z])))
	}
	pos := 0
	for _, s := range sents {
		if s.start < pos || s.end > len(rs) || s.start > s.end {
			continue
		}
		plain(pos, s.start)
		b.WriteString(`<span class="s" id="` + html.EscapeString(s.id) + `">`)
		plain(s.start, s.end)
		b.WriteString(`</span>`)
		pos = s.end
	}
	plain(pos, len(rs))
	b.WriteString("</p>")
	return template.HTML(b.String())
}
