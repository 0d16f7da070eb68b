package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/lazyre"
)

// floatLabel reads the labels publishers print: "Figure 1", "Fig. 2.",
// "TABLE 3", "Scheme 1".
var floatLabel = lazyre.New(`^(?i:(fig(?:ure)?|table|scheme|chart|plate|box))\.?\s*(\d{1,3})\s*[.:|]?$`)

// float reads a figure or table (or a group of them) met in section s.
// Its caption becomes a paragraph of kind "caption" and each row of a
// table one of kind "table", so that the callouts in them count (tables
// of studies cite most of a review's references) and later stages see
// their text; the Figure keeps the caption as the other paths do.
func (j *jats) float(n *xnode, s *Section) {
	switch n.name {
	case "fig-group", "table-wrap-group":
		for _, k := range n.kids {
			if k.name == "fig" || k.name == "table-wrap" {
				j.float(k, s)
			}
		}
		return
	case "fig", "table-wrap", "chem-struct-wrap":
	default: // boxed text, supplementary material: text of the section
		j.blocks(n, s)
		return
	}
	f := j.figure(n)
	f.after, f.sec = j.last, s
	j.floats = append(j.floats, f)

	defer func(k string) { j.pkind = k }(j.pkind)
	j.pkind = "caption"
	if c := n.child("caption"); c != nil {
		w := j.buf()
		w.write(f.fig.Label)
		if r, _ := utf8.DecodeLastRuneInString(f.fig.Label); unicode.IsLetter(r) || unicode.IsDigit(r) {
			w.write(".")
		}
		w.spaced()
		w.nodes(c)
		j.add(w, s)
	}
	j.pkind = "table"
	for _, t := range n.find("table") {
		for _, tr := range t.find("tr") {
			j.row(tr, s)
		}
	}
	if foot := n.child("table-wrap-foot"); foot != nil {
		j.blocks(&xnode{kids: []*xnode{foot}}, s)
	}
}

// figure makes the Figure of a <fig> or <table-wrap>: label normalized
// as the text path prints it ("Figure 3", "Table 1"), caption and title.
func (j *jats) figure(n *xnode) *jfloat {
	kind, word := "figure", "Figure"
	if n.name == "table-wrap" {
		kind, word = "table", "Table"
	}
	count := 1
	for _, f := range j.floats {
		if f.fig.Kind == kind {
			count++
		}
	}
	label := strings.TrimRight(render(n.child("label")), " .:|")
	num := count
	switch m := floatLabel().FindStringSubmatch(label); {
	case label == "":
		label = word + " " + strconv.Itoa(num)
	case m != nil:
		num, _ = strconv.Atoi(m[2])
		if w := strings.ToLower(m[1]); strings.HasPrefix(w, "fig") || w == "table" {
			label = word + " " + m[2]
		}
	}
	c := n.child("caption")
	caption := render(c)
	title := strings.TrimRight(render(c.child("title")), ".: ")
	if title == "" {
		title = captionTitle(caption)
	}
	return &jfloat{
		id:  n.attr("id"),
		fig: Figure{N: num, Kind: kind, Label: label, Title: title, Caption: caption},
	}
}

// row reads a table row as one paragraph, its cells joined by " | ".
func (j *jats) row(tr *xnode, s *Section) {
	w := j.buf()
	for _, c := range tr.kids {
		if c.name != "td" && c.name != "th" {
			continue
		}
		cell := w.sub()
		cell.nodes(c)
		t := cell.String()
		if t == "" {
			continue
		}
		if w.n > 0 {
			w.spaced()
			w.put('|')
			w.spaced()
		}
		w.join(cell, t, 0)
	}
	j.add(w, s)
}

// floatsGroup reads the figures and tables a publisher set apart in a
// <floats-group> (PMC prints each after the paragraph that first calls
// it; so does this reader). Floats nobody calls go after the body.
func (j *jats) floatsGroup(n *xnode) {
	if n == nil {
		return
	}
	caller := map[string]*jdraft{}
	var lastBody *jdraft
	for _, d := range j.drafts {
		for _, rid := range d.calls {
			if caller[rid] == nil {
				caller[rid] = d
			}
		}
		if d.sec.Kind == KindBody {
			lastBody = d
		}
	}
	after := map[*jdraft][]*jdraft{}
	var tail []*jdraft
	kept := j.drafts
	for _, k := range n.kids {
		if k.name == "" {
			continue
		}
		at := caller[k.attr("id")]
		for _, c := range k.kids {
			if at == nil && c.name != "" {
				at = caller[c.attr("id")]
			}
		}
		j.drafts, j.last = nil, at
		if at == nil {
			j.last = lastBody
		}
		var s *Section
		if j.last != nil {
			s = j.last.sec
		} else {
			s = j.where(nil)
		}
		j.float(k, s)
		for _, d := range j.drafts {
			d.float = true
		}
		if at == nil {
			tail = append(tail, j.drafts...)
		} else {
			after[at] = append(after[at], j.drafts...)
		}
	}
	j.drafts = nil
	for _, d := range kept {
		j.drafts = append(j.drafts, d)
		j.drafts = append(j.drafts, after[d]...)
	}
	j.drafts = append(j.drafts, tail...)
}
