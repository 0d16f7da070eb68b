package extract

import (
	"context"
	"fmt"
	"sort"
	"strconv"
)

// JATS (NISO Z39.96) is the XML of PubMed Central and of most open-access
// publishers. It states what the text and PDF paths must guess: the
// section tree, paragraphs, captions, callouts and the reference list
// with its fields. The reader walks the tree into the same Document,
// through the same builder for what both share (ids, figure calls,
// funding, diagnostics).
type jats struct {
	b      *builder
	refIDs map[string]int    // <ref id> -> reference number (list position)
	labels map[string]string // <ref id> -> printed label
	drafts []*jdraft
	floats []*jfloat
	last   *jdraft  // the paragraph a float follows
	loose  *Section // untitled section for body text outside any <sec>
	pkind  string   // kind of the paragraphs being made ("", "caption", "table")
}

// jdraft is a paragraph before numbering.
type jdraft struct {
	sec   *Section
	kind  string
	text  string
	cites []anchor
	calls []string
	id    string
	float bool // from a <floats-group>: outside the body
}

// jfloat is a figure or table and where it stands in the text.
type jfloat struct {
	fig   Figure
	id    string // the element's id, which callouts name
	after *jdraft
	sec   *Section
}

// parseJATS reads a JATS article into a Document.
func parseJATS(ctx context.Context, data []byte, src Source) (*Document, error) {
	art, err := readXML(data)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	j := &jats{b: &builder{doc: emptyDocument(src)}}
	j.references(art.child("back"), art)
	j.front(art.child("front"))
	if body := art.child("body"); body != nil {
		j.blocks(body, nil)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	j.floatsGroup(art.child("floats-group"))
	j.back(art.child("back"))
	j.finish()
	doc := j.b.doc
	if len(doc.References) == 0 {
		// As in the text path: without references, an article needs text.
		n := len(doc.Front.Title)
		for _, p := range doc.Paragraphs {
			n += len(p.Text)
		}
		if n < minArticle {
			return nil, fmt.Errorf("%w: no reference list, and only %d characters of text: too little to be an article", ErrInput, n)
		}
	}
	return doc, nil
}

// emptyDocument is a Document whose lists are empty, not null, in JSON.
func emptyDocument(src Source) *Document {
	return &Document{
		Schema:      SchemaVersion,
		Source:      src,
		Front:       Front{Authors: []Author{}, Affiliations: []Affiliation{}, Keywords: []string{}, Funding: []Funding{}},
		Sections:    []*Section{},
		Paragraphs:  []Paragraph{},
		Figures:     []Figure{},
		FigureCalls: []FigureCall{},
		Citations:   []Citation{},
		References:  []Reference{},
		Diagnostics: []Diagnostic{},
	}
}

// buf is a text buffer that knows the reference labels.
func (j *jats) buf() *textBuf {
	return &textBuf{labels: func(rid string) string { return j.labels[rid] }}
}

// add appends a paragraph made in w to section s, and the floats met
// inside it after it.
func (j *jats) add(w *textBuf, s *Section) {
	if text := w.String(); text != "" {
		d := &jdraft{sec: s, kind: j.pkind, text: text, cites: w.cites, calls: w.calls}
		j.drafts = append(j.drafts, d)
		if j.pkind == "" {
			j.last = d
		}
	}
	for _, f := range w.floats {
		j.float(f, s)
	}
}

// finish numbers the paragraphs and makes citations, figures, figure
// calls, funding from the back matter and the uncited-reference notes.
func (j *jats) finish() {
	doc := j.b.doc
	for i, d := range j.drafts {
		d.id = "p" + strconv.Itoa(i+1)
		doc.Paragraphs = append(doc.Paragraphs, Paragraph{ID: d.id, Section: d.sec.ID, Text: d.text, Kind: d.kind})
	}
	for _, d := range j.drafts {
		if citing(d.sec.Kind) {
			j.citations(d)
		}
	}
	seen := map[string]bool{}
	for _, f := range j.floats {
		key := f.fig.Kind + strconv.Itoa(f.fig.N)
		if seen[key] {
			j.b.diag(Warning, "figure-duplicate", f.fig.Label, "two captions with the same label; the first is kept")
			continue
		}
		seen[key] = true
		if f.after != nil {
			f.fig.Paragraph = f.after.id
		}
		if f.sec != nil {
			f.fig.Section = f.sec.ID
		}
		doc.Figures = append(doc.Figures, f.fig)
	}
	sort.SliceStable(doc.Figures, func(a, b int) bool {
		fa, fb := doc.Figures[a], doc.Figures[b]
		if fa.Kind != fb.Kind {
			return fa.Kind < fb.Kind
		}
		return fa.N < fb.N
	})
	j.b.figureCalls()
	// A caption paragraph starts with its own label, which calls nothing.
	captions := map[string]bool{}
	for _, d := range j.drafts {
		captions[d.id] = d.kind == "caption"
	}
	calls := doc.FigureCalls[:0]
	for _, c := range doc.FigureCalls {
		if c.Start != 0 || !captions[c.Paragraph] {
			calls = append(calls, c)
		}
	}
	doc.FigureCalls = calls
	if len(doc.Front.Funding) == 0 {
		j.b.funding()
	}
	j.b.checkReferences()
}
