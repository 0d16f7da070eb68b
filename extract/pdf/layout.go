package pdf

import (
	gomath "math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/textutil"
)

// layoutPages turns the glyphs of a PDF's pages into Blocks in reading
// order, as TextBlocks does for a text source: one block per paragraph,
// heading, caption or front-matter item, lines separated by "\n", with
// italics, superscripts and subscripts written as text sources write
// them. Running headers and page numbers are left out; words hyphenated
// at line ends are rejoined; a paragraph that a column or page break cut
// in two is joined again.
func layoutPages(pages []*pageText) []Block {
	var pls []*pageLayout
	for _, p := range pages {
		pls = append(pls, buildLines(p))
	}
	return layoutLines(pls)
}

func layoutLines(pls []*pageLayout) []Block {
	markHeaders(pls)
	st := measure(pls)
	var blocks []*pblock
	for _, pl := range pls {
		for _, g := range readingOrder(pl) {
			blocks = append(blocks, st.split(pl, g)...)
		}
	}
	st.hints(blocks)
	st.indented = indentedStyle(blocks, st)
	lex := newLexicon(pls)
	for _, b := range blocks {
		lex.joinLines(b.lines)
	}
	mergeContinued(blocks, lex, st)
	var out []Block
	for _, b := range blocks {
		if b.merged {
			continue
		}
		text := renderBlock(b.lines)
		if strings.TrimSpace(text) == "" {
			continue
		}
		out = append(out, Block{Text: text, Page: b.page, Hint: b.hint, Indent: b.indents(st), Size: b.size})
	}
	return out
}

// indents measures where each line of the block's text starts, in ems
// of the body size, from its column's left edge.
func (b *pblock) indents(st *stats) []float64 {
	em := st.body
	if em <= 0 {
		em = b.size
	}
	out := make([]float64, 0, len(b.lines))
	for i, l := range b.lines {
		if i == 0 || l.join == joinBreak {
			out = append(out, gomath.Round((l.x0-b.pl.left(l))/em*10)/10)
		}
	}
	return out
}

// pblock is a block while it is being laid out.
type pblock struct {
	lines  []*line
	pl     *pageLayout
	page   int
	hint   Hint
	size   float64
	group  int     // reading-order group (a column of a run, or a spanning band group)
	right  float64 // where the group's full lines end
	front  bool    // title block of the first page: never joined to the text
	merged bool
}

// stats are the document's typographic measures.
type stats struct {
	body     float64             // the body text's font size
	indented bool                // body paragraphs open with an indent
	leading  map[float64]float64 // usual baseline distance by (rounded) size
	group    int
}

func sizeKey(s float64) float64 { return gomath.Round(s*4) / 4 }

// measure finds the body size (the size most letters are set in) and,
// for each size, the usual distance between baselines.
func measure(pls []*pageLayout) *stats {
	st := &stats{leading: map[float64]float64{}}
	count := map[float64]int{}
	dists := map[float64]map[float64]int{}
	for _, pl := range pls {
		prev := map[int]*line{} // the previous line of each column
		for _, l := range pl.lines {
			if l.header {
				continue
			}
			count[sizeKey(l.size)] += len(l.gs)
			if p := prev[l.col]; p != nil && sizeKey(p.size) == sizeKey(l.size) {
				d := gomath.Round((p.base-l.base)*10) / 10
				if d > 0.5*l.size && d < 3*l.size {
					k := sizeKey(l.size)
					if dists[k] == nil {
						dists[k] = map[float64]int{}
					}
					dists[k][d]++
				}
			}
			prev[l.col] = l
		}
	}
	st.body = bodySize(pls)
	for k, m := range dists {
		st.leading[k] = modeOf(m)
	}
	return st
}

func modeOf[K float64 | int](m map[K]int) K {
	var best K
	bestN := -1
	for k, n := range m {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}

// lead is the usual baseline distance for a size.
func (st *stats) lead(size float64) float64 {
	if d, ok := st.leading[sizeKey(size)]; ok && d > 0 {
		return d
	}
	return 1.2 * size
}

// split cuts a reading-order group of lines into blocks.
func (st *stats) split(pl *pageLayout, g []*line) []*pblock {
	var out []*pblock
	var cur *pblock
	right := columnRight(g)
	limit := 0.0 // the measure: where the longest lines end
	for _, l := range g {
		if !l.header {
			limit = max(limit, l.x1)
		}
	}
	st.group++
	for i, l := range g {
		if l.header {
			continue
		}
		if cur != nil && !st.breaks(pl, g[i-1], l, right, limit) {
			cur.lines = append(cur.lines, l)
			continue
		}
		cur = &pblock{pl: pl, page: pl.n, size: l.size, group: st.group, right: right}
		cur.lines = append(cur.lines, l)
		out = append(out, cur)
	}
	return out
}

// columnRight is where the group's full lines end: the most common
// right edge.
func columnRight(g []*line) float64 {
	counts := map[int]int{}
	for _, l := range g {
		counts[int(gomath.Round(l.x1))]++
	}
	best, bestN := 0, 0
	for x, n := range counts {
		if n > bestN || n == bestN && x > best {
			best, bestN = x, n
		}
	}
	return float64(best)
}

// breaks decides whether line b starts a new block after line a.
func (st *stats) breaks(pl *pageLayout, a, b *line, right, limit float64) bool {
	if a.header {
		return true
	}
	if gomath.Abs(a.size-b.size) > max(0.6, 0.08*a.size) {
		return true
	}
	dist := a.base - b.base
	if dist <= 0 || dist > 1.3*st.lead(b.size)+0.5 {
		return true
	}
	left := pl.left(b)
	ind := func(l *line) bool {
		d := l.x0 - left
		return d > 0.6*l.size && d < 5*l.size
	}
	if a.bold != b.bold {
		// A bold run-in heading that fills its line goes on in bold at
		// the start of the next: one paragraph.
		runIn := a.bold && startsBold(b) && !ind(b) && a.x1 >= right-1.5*a.size
		if !runIn {
			return true
		}
	}
	full := b.x1 >= right-1.5*b.size
	if ind(b) && !ind(a) && full {
		return true // a paragraph's indented first line
	}
	text := lineText(b)
	if startsBold(b) && textutil.EndsSentence(strings.TrimSpace(lineText(a))) {
		return true // a run-in heading opens a paragraph
	}
	if captionStart.MatchString(text) && (startsBold(b) || b.size < st.body-0.3) {
		return true
	}
	// Styles without indents: a line that ends a sentence with room left
	// for the next line's first word ends the paragraph.
	if fits(a, b, limit) && textutil.EndsSentence(strings.TrimSpace(lineText(a))) && !ind(b) && startsUpper(text) {
		return true
	}
	return false
}

// fits reports whether the first word of line b would have fitted at the
// end of line a, within the measure: then a was not wrapped but broken.
func fits(a, b *line, limit float64) bool {
	w := 0.0
	for i, g := range b.gs {
		if i > 0 && gapBefore(b, i) {
			break
		}
		w = g.x + g.w - b.x0
	}
	return a.x1+0.25*a.size+w <= limit+0.5
}

func startsBold(l *line) bool {
	for _, g := range l.gs {
		if hasLetter(g.s) {
			return g.font.bold
		}
	}
	return false
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// hints marks headings (short blocks set bold or larger than the body)
// and captions. Nothing before the first paragraph of body text on the
// first page is a heading: there sit the title and the byline, set large
// and bold, which the builder must see as front matter.
func (st *stats) hints(blocks []*pblock) {
	front := true
	for _, b := range blocks {
		text := blockPlain(b)
		if front && b.page == blocks[0].page && !isBodyParagraph(b, st) {
			b.front = true
			if captionStart.MatchString(text) {
				b.hint = HintCaption
			}
			continue
		}
		front = false
		switch {
		case captionStart.MatchString(text):
			b.hint = HintCaption
		case len(b.lines) <= 3 && utf8.RuneCountInString(text) <= 250 && (allBold(b) || b.size >= 1.12*st.body):
			b.hint = HintHeading
			for _, l := range b.lines[1:] {
				l.join = joinSpace // the builder reads a heading from one line
			}
		}
	}
}

func isBodyParagraph(b *pblock, st *stats) bool {
	return len(b.lines) >= 2 && gomath.Abs(b.size-st.body) < 0.3 && !allBold(b)
}

func allBold(b *pblock) bool {
	for _, l := range b.lines {
		if !l.bold {
			return false
		}
	}
	return true
}

func blockPlain(b *pblock) string {
	var parts []string
	for _, l := range b.lines {
		parts = append(parts, lineText(l))
	}
	return strings.Join(parts, " ")
}

// indentedStyle reports a document whose body paragraphs mostly open
// with an indented line (counted where the paragraph does not start a
// column, which says nothing).
func indentedStyle(blocks []*pblock, st *stats) bool {
	ind, flush := 0, 0
	for i, b := range blocks {
		if b.hint != HintNone || len(b.lines) < 2 || gomath.Abs(b.size-st.body) > 0.3 || i == 0 || blocks[i-1].group != b.group {
			continue
		}
		l := b.lines[0]
		if d := l.x0 - b.pl.left(l); d > 0.6*l.size && d < 5*l.size {
			ind++
		} else {
			flush++
		}
	}
	return ind > 2*flush && ind >= 3
}

// mergeContinued joins a paragraph cut by a column or page break: the
// last block of body text in one column and the first in the next, when
// the second does not start a new paragraph (no indent, not a heading)
// and the first does not end a sentence or the second starts in lower
// case. Footnotes and floats between them keep their places after the
// joined paragraph.
func mergeContinued(blocks []*pblock, lex *lexicon, st *stats) {
	for i, a := range blocks {
		if a.merged || a.front || a.hint == HintCaption || !lastOfGroup(blocks, i, st) {
			continue
		}
		j := nextFlow(blocks, i, st)
		if j < 0 {
			continue
		}
		b := blocks[j]
		first := b.lines[0]
		if b.hint != HintNone || gomath.Abs(a.size-b.size) > 0.3 {
			continue
		}
		if a.hint == HintHeading {
			// A bold run-in heading cut off at the foot of a column: the
			// next column goes on in bold, then in roman.
			if len(a.lines) > 1 || !startsBold(first) || first.bold {
				continue
			}
			a.hint = HintNone
		}
		if d := first.x0 - b.pl.left(first); d > 0.6*first.size && d < 5*first.size {
			continue // indented: a new paragraph
		}
		last := strings.TrimSpace(lineText(a.lines[len(a.lines)-1]))
		next := strings.TrimSpace(lineText(first))
		if textutil.EndsSentence(last) && !textutil.StartsLower(next) && !st.indented {
			// Where paragraphs open with an indent, an unindented first
			// line continues the paragraph even after a full stop.
			continue
		}
		lines := append(a.lines, b.lines...)
		first.join = joinBreak
		lex.joinAt(lines, len(a.lines))
		a.lines = lines
		b.merged = true
	}
}

// lastOfGroup: block i is the last body-size block of its group.
func lastOfGroup(blocks []*pblock, i int, st *stats) bool {
	a := blocks[i]
	for k := i + 1; k < len(blocks) && blocks[k].group == a.group; k++ {
		if !blocks[k].merged && gomath.Abs(blocks[k].size-a.size) <= 0.3 {
			return false
		}
	}
	return true
}

// nextFlow finds the first block of the next group that continues the
// text: same size, not in a float or caption. A heading on the way stops
// the search.
func nextFlow(blocks []*pblock, i int, st *stats) int {
	a := blocks[i]
	for k := i + 1; k < len(blocks) && k < i+40; k++ {
		b := blocks[k]
		if b.merged || b.group == a.group {
			continue
		}
		if b.hint == HintHeading {
			return -1
		}
		if b.hint == HintCaption || b.lines[0].float || gomath.Abs(b.size-a.size) > 0.3 {
			continue
		}
		if !firstOfGroup(blocks, k) {
			return -1
		}
		return k
	}
	return -1
}

func firstOfGroup(blocks []*pblock, k int) bool {
	for j := k - 1; j >= 0 && blocks[j].group == blocks[k].group; j-- {
		if !blocks[j].merged && gomath.Abs(blocks[j].size-blocks[k].size) <= 0.3 {
			return false
		}
	}
	return true
}
