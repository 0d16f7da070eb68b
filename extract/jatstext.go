package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/textutil"

	"golang.org/x/text/unicode/norm"
)

// textBuf turns the mixed content of a JATS element into the text the
// other input paths make of the same article: one line, white space
// runs made one space, invisible characters dropped, <sup> and <sub>
// as Unicode super- and subscripts where every character has one (as
// "^{...}" and "_{...}" are in text sources), NFC. XML text is not
// markup, so Clean, which reads "*" and "$" as markup, is not used.
//
// It records where bibliographic callouts (<xref ref-type="bibr">) fall
// in the text, in code points, and which figures and tables the text
// calls.
type textBuf struct {
	b      strings.Builder
	n      int  // code points written
	space  bool // a space is pending
	soft   bool // it comes from an element boundary, not from the source
	lead   bool // white space came before the first character
	marks  bool // italics as *...*, for the reference parser
	inSup  bool
	cites  []anchor
	calls  []string  // rids of xrefs to figures and tables
	floats []*xnode  // figures and tables met inside the text
	labels labelFunc // what an empty callout stands for
}

// labelFunc gives the printed label of a reference id, or "".
type labelFunc func(rid string) string

// anchor is one callout: its span in the text and the ids it points to.
type anchor struct {
	start, end int
	rids       []string
	sup        bool
}

func (w *textBuf) String() string { return w.b.String() }

// sub is an empty buffer with the same settings, for content that is
// rendered first and transformed (superscripts, italics).
func (w *textBuf) sub() *textBuf {
	return &textBuf{marks: w.marks, inSup: w.inSup, labels: w.labels}
}

// write adds source text.
func (w *textBuf) write(s string) {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	for _, r := range s {
		switch {
		case textutil.IsSpace(r):
			w.spaced()
			w.soft = false
		case textutil.IsInvisible(r):
		case r == '\u2010' || r == '\u2011': // hyphen, non-breaking hyphen
			w.put('-')
		case r >= 'ﬀ' && r <= 'ﬄ':
			for _, c := range ligatures[r] {
				w.put(c)
			}
		default:
			w.put(r)
		}
	}
}

func (w *textBuf) put(r rune) {
	if w.soft && strings.ContainsRune(",.;:)]", r) {
		// "<addr-line>Uppsala</addr-line>, Sweden": the boundary after
		// an element is no space before punctuation.
		w.space = false
	}
	w.flush()
	w.b.WriteRune(r)
	w.n++
}

func (w *textBuf) flush() {
	if w.space {
		w.b.WriteByte(' ')
		w.n++
		w.space = false
	}
}

// spaced marks a word boundary: a space unless at the start or end.
func (w *textBuf) spaced() {
	if w.n > 0 {
		w.space, w.soft = true, !w.space || w.soft
	} else {
		w.lead = true
	}
}

// join appends text rendered in s and transformed into t, which has as
// many code points as s plus shift before and after (the transforms map
// one code point to one), moving s's anchors along.
func (w *textBuf) join(s *textBuf, t string, shift int) {
	if s.lead {
		w.spaced()
	}
	if t != "" {
		if k := len(w.cites); k > 0 && len(s.cites) > 0 && s.cites[0].start == 0 && w.cites[k-1].end == w.n && !w.space {
			w.put(',') // <sup><xref>4</xref></sup><sup><xref>5</xref></sup>
		}
		w.flush()
		base := w.n + shift
		w.b.WriteString(t)
		w.n += utf8.RuneCountInString(t)
		for _, a := range s.cites {
			a.start += base
			a.end += base
			w.cites = append(w.cites, a)
		}
	}
	w.calls = append(w.calls, s.calls...)
	w.floats = append(w.floats, s.floats...)
	if s.space {
		w.spaced()
		w.soft = w.soft && s.soft
	}
}

// nodes renders the children of n.
func (w *textBuf) nodes(n *xnode) {
	for _, k := range n.kids {
		w.node(k)
	}
}

// skipped elements hold no text of the article: graphics, identifiers,
// footnotes set elsewhere, alternative descriptions.
var skipped = map[string]bool{
	"inline-graphic": true, "graphic": true, "media": true, "alt-text": true, "long-desc": true,
	"object-id": true, "private-char": true, "target": true, "fn": true, "institution-id": true,
	"permissions": true, "annotation": true, "annotation-xml": true, "contrib-id": true,
}

// floatNames are the elements printed apart from the running text.
var floatNames = map[string]bool{
	"fig": true, "fig-group": true, "table-wrap": true, "table-wrap-group": true,
	"boxed-text": true, "supplementary-material": true, "chem-struct-wrap": true,
}

// blockNames end a word before and after them when met inline.
var blockNames = map[string]bool{
	"p": true, "list": true, "list-item": true, "disp-formula": true, "disp-quote": true,
	"title": true, "caption": true, "td": true, "th": true, "tr": true, "def-list": true,
	"def-item": true, "term": true, "def": true, "label": true, "table": true, "statement": true,
	"verse-line": true, "addr-line": true, "attrib": true, "preformat": true,
}

func (w *textBuf) node(n *xnode) {
	switch {
	case n.name == "":
		w.write(n.text)
	case n.name == "xref":
		w.xref(n)
	case n.name == "sup" || n.name == "sub":
		s := w.sub()
		kind := '_'
		if n.name == "sup" {
			kind, s.inSup = '^', true
		}
		s.nodes(n)
		w.join(s, script(kind, []rune(s.String())), 0)
	case n.name == "italic" && w.marks:
		s := w.sub()
		s.nodes(n)
		t := s.String()
		if t != "" {
			t = "*" + t + "*"
		}
		w.join(s, t, 1)
	case n.name == "break":
		w.spaced()
	case skipped[n.name] || n.name == "named-content" && strings.HasSuffix(n.attr("content-type"), "-id"):
	case floatNames[n.name]:
		w.floats = append(w.floats, n)
		w.spaced()
	case n.name == "math":
		w.write(mathText(n))
	case n.name == "tex-math":
		w.write(texText(n.raw()))
	case n.name == "alternatives":
		if k := pickAlternative(n); k != nil {
			w.node(k)
		}
	case blockNames[n.name]:
		w.spaced()
		w.nodes(n)
		w.spaced()
	default:
		w.nodes(n)
	}
}

// xref renders a cross-reference, noting callouts to references and
// calls of figures and tables.
func (w *textBuf) xref(n *xnode) {
	rids := strings.Fields(n.attr("rid"))
	switch n.attr("ref-type") {
	case "bibr":
	case "fig", "table", "boxed-text", "supplementary-material", "scheme", "chem":
		w.calls = append(w.calls, rids...)
		fallthrough
	default:
		w.nodes(n)
		return
	}
	if k := len(w.cites); k > 0 && w.cites[k-1].end == w.n && !w.space && w.n > 0 {
		// <xref>4</xref><xref>5</xref> would read as 45.
		w.put(',')
	}
	w.flush()
	start := w.n
	w.nodes(n)
	if w.n == start {
		// An empty callout: some publishers let the renderer print it.
		alt := n.attr("alt")
		if alt == "" && len(rids) > 0 && w.labels != nil {
			alt = w.labels(rids[0])
		}
		w.write(alt)
	}
	if w.n > start {
		w.cites = append(w.cites, anchor{start: start, end: w.n, rids: rids, sup: w.inSup})
	}
}

// pickAlternative chooses among equivalent renderings: MathML, then TeX,
// then the first that is not a picture.
func pickAlternative(n *xnode) *xnode {
	if k := n.child("math"); k != nil {
		return k
	}
	if k := n.child("tex-math"); k != nil {
		return k
	}
	for _, k := range n.kids {
		if k.name != "" && !skipped[k.name] {
			return k
		}
	}
	return nil
}

// render is the one-line text of n.
func render(n *xnode) string {
	if n == nil {
		return ""
	}
	var w textBuf
	w.nodes(n)
	return w.String()
}

// mathText renders MathML as plain text: scripts as Unicode scripts
// where they have them, fractions with a slash.
func mathText(n *xnode) string {
	var b strings.Builder
	mathML(n, &b)
	return b.String()
}

func mathML(n *xnode, b *strings.Builder) {
	if n.name == "" {
		b.WriteString(strings.TrimSpace(n.text))
		return
	}
	var el []*xnode
	for _, k := range n.kids {
		if k.name != "" {
			el = append(el, k)
		}
	}
	switch {
	case skipped[n.name]:
	case mathScripts[n.name] != "" && len(el) > 1:
		mathML(el[0], b)
		for i, kind := range mathScripts[n.name] {
			if i+1 < len(el) {
				var s strings.Builder
				mathML(el[i+1], &s)
				b.WriteString(script(kind, []rune(s.String())))
			}
		}
	case n.name == "mfrac" && len(el) == 2:
		mathML(el[0], b)
		b.WriteByte('/')
		mathML(el[1], b)
	case n.name == "mspace":
		b.WriteByte(' ')
	case n.name == "mtext":
		b.WriteString(strings.Join(strings.Fields(n.raw()), " "))
	default:
		for _, k := range n.kids {
			mathML(k, b)
		}
	}
}

// mathScripts are the MathML elements whose later children are sub- or
// superscripts of the first.
var mathScripts = map[string]string{"msub": "_", "msup": "^", "msubsup": "_^"}

// texText renders the TeX of a <tex-math>, which is often a whole LaTeX
// document around one formula.
func texText(s string) string {
	if i := strings.Index(s, `\begin{document}`); i >= 0 {
		s = s[i+len(`\begin{document}`):]
		if j := strings.Index(s, `\end{document}`); j >= 0 {
			s = s[:j]
		}
	}
	s = strings.Trim(strings.TrimSpace(s), "$")
	s = strings.TrimPrefix(strings.TrimSuffix(s, `\]`), `\[`)
	return renderMath([]rune(s))
}
