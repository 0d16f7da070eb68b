package pdf

import (
	"cmp"
	gomath "math"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/chemores/chemores/internal/textutil"
)

// A page's glyphs become lines in three steps: bands (glyphs that share
// a baseline), segments (runs of a band with no gap wider than a column
// gutter could be), and lines (a band's segments within one column, or
// the whole band when it spans the columns). Superscripts and subscripts
// sit on baselines of their own; they are moved into the segment they
// belong to before anything else looks at the bands.

// Script positions of a glyph relative to its line.
const (
	scriptNone int8 = 0
	scriptSup  int8 = 1
	scriptSub  int8 = -1
)

// pglyph is a glyph placed in a line.
type pglyph struct {
	glyph
	script int8
}

type seg struct {
	gs     []pglyph // by x
	x0, x1 float64
	base   float64 // baseline of the band
	size   float64 // largest size among its own (not script) glyphs
	band   int
	col    int // column, or -1 when the segment crosses a gutter
	dead   bool
}

// line is a band's text in one column (or across all of them).
type line struct {
	page   int
	gs     []pglyph // by x
	x0, x1 float64
	base   float64
	size   float64 // size of the line's own text, scripts excluded
	col    int     // column index; -1 when the line spans the columns
	band   int     // index of the band on its page, top first
	header bool    // a running header, footer or page number
	float  bool    // part of a full-width caption between columns
	bold   bool    // every letter bold
	italic bool    // every letter italic
	// set while joining: how this line continues the previous one, and
	// whether its last glyph is a typesetter's hyphen to leave out
	join     joinKind
	dropLast bool
	fontGap  map[*pdfFont]float64 // the gap inside words, in ems, by font (see fontGaps)
}

type joinKind int8

const (
	joinBreak joinKind = iota // a new line ("\n")
	joinNone                  // glued: a word rejoined at a hyphen
	joinSpace                 // one space: "LPS- and"
)

// pageLayout is a page after line building.
type pageLayout struct {
	n       int
	w, h    float64
	lines   []*line // top to bottom, then left to right
	gutters [][2]float64
	colLeft []float64 // left edge of each column's body text
}

// buildLines turns a page's glyphs into lines.
func buildLines(p *pageText) *pageLayout {
	pl := &pageLayout{n: p.n, w: p.w, h: p.h}
	gs := visibleGlyphs(p)
	if len(gs) == 0 {
		return pl
	}
	segs := segments(gs)
	attachScripts(segs)
	live := segs[:0]
	for _, s := range segs {
		if !s.dead {
			live = append(live, s)
		}
	}
	segs = dropLineNumbers(live)
	pl.gutters = findGutters(segs, p.w)
	segs = splitAtGutters(segs, pl.gutters)
	for _, s := range segs {
		s.col = column(s, pl.gutters)
	}
	pl.lines = bandLines(segs, p.n)
	fontGaps(pl.lines)
	pl.colLeft = columnLefts(pl)
	return pl
}

// visibleGlyphs drops white space (gaps between glyphs say where words
// end), glyphs off the page, glyphs drawn twice at the same place (fake
// bold, shadows), and the labels inside figures.
func visibleGlyphs(p *pageText) []glyph {
	out := p.glyphs[:0] // filtered in place: the page is read once
	for _, g := range p.glyphs {
		if strings.TrimFunc(g.s, isSpaceOrInvisible) == "" {
			continue
		}
		if g.x < -g.size || g.x > p.w+g.size || g.y < -g.size || g.y > p.h+g.size {
			continue
		}
		if k := len(out); k > 0 {
			q := out[k-1]
			if q.s == g.s && gomath.Abs(q.x-g.x) < 0.3*max(g.w, 0.1*g.size) && gomath.Abs(q.y-g.y) < 0.3 {
				continue
			}
		}
		out = append(out, g)
	}
	return dropFigureText(composeAccents(out), p)
}

// spacingAccents are the accent glyphs that TeX and other typesetters
// draw over or under a letter, with the combining marks they stand for.
var spacingAccents = map[string]rune{
	"´": '\u0301', "`": '\u0300', "¨": '\u0308', "ˆ": '\u0302', "˜": '\u0303', "ˇ": '\u030C',
	"˘": '\u0306', "¯": '\u0304', "˙": '\u0307', "˚": '\u030A', "¸": '\u0327', "˛": '\u0328',
	"˝": '\u030B',
}

// composeAccents puts an accent drawn as a glyph of its own over the
// letter it covers ("e" and "´" become "é"), looking at the glyphs drawn
// just before and after it.
func composeAccents(gs []glyph) []glyph {
	any := false
	for i := range gs {
		mark, ok := spacingAccents[gs[i].s]
		if !ok {
			continue
		}
		a := &gs[i]
		best, bestOver := -1, 0.0
		for j := max(0, i-2); j <= min(len(gs)-1, i+2); j++ {
			b := &gs[j]
			if j == i || !hasLetter(b.s) || gomath.Abs(a.y-b.y) > b.size || b.s == "" {
				continue
			}
			over := min(a.x+a.w, b.x+b.w) - max(a.x, b.x)
			if over > 0.5*min(a.w, b.w) && over > bestOver {
				best, bestOver = j, over
			}
		}
		if best < 0 {
			continue
		}
		base := gs[best].s
		switch base {
		case "ı": // TeX puts accents on a dotless i
			base = "i"
		case "ȷ":
			base = "j"
		}
		gs[best].s = norm.NFC.String(base + string(mark))
		a.s = ""
		any = true
	}
	if !any {
		return gs
	}
	out := gs[:0]
	for _, g := range gs {
		if g.s != "" {
			out = append(out, g)
		}
	}
	return out
}

func isSpaceOrInvisible(r rune) bool {
	return unicode.IsSpace(r) || textutil.IsSpace(r) || textutil.IsInvisible(r)
}

// dropFigureText removes the text inside figures: images and painted
// boxes that hold little text (labels of a drawing). A framed box full of
// text (a table of contents, a text box) keeps its text, and so does a
// page-sized image (the scan behind an OCR text layer).
func dropFigureText(gs []glyph, p *pageText) []glyph {
	area := p.w * p.h
	drop := make([]bool, len(gs))
	any := false
	for _, b := range p.figures {
		if b.w() < 40 || b.h() < 30 || b.w()*b.h() > 0.6*area {
			continue
		}
		var ink float64
		var in []int
		for i, g := range gs {
			if b.contains(g.x+g.w/2, g.y+0.3*g.size) {
				ink += g.w * g.size
				in = append(in, i)
			}
		}
		if len(in) == 0 || ink/(b.w()*b.h()) >= 0.12 {
			continue
		}
		for _, i := range in {
			drop[i] = true
			any = true
		}
	}
	if !any {
		return gs
	}
	out := gs[:0]
	for i, g := range gs {
		if !drop[i] {
			out = append(out, g)
		}
	}
	return out
}

// segments clusters glyphs into bands by baseline and cuts each band at
// gaps wider than 0.8 of the font size. A column gutter is wider than
// that; the space between words in a justified line almost never is.
func segments(gs []glyph) []*seg {
	// Sort small keys rather than the glyphs themselves.
	type key struct {
		y, x float64
		i    int
	}
	keys := make([]key, len(gs))
	for i, g := range gs {
		keys[i] = key{g.y, g.x, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(b.y, a.y); c != 0 {
			return c
		}
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	var out []*seg
	band := 0
	row := make([]key, 0, 256)
	for i := 0; i < len(keys); {
		first := gs[keys[i].i]
		top := first.y
		tol := max(0.5, 0.12*first.size)
		j := i + 1
		for j < len(keys) && top-keys[j].y <= tol {
			j++
		}
		row = append(row[:0], keys[i:j]...)
		slices.SortFunc(row, func(a, b key) int {
			if c := cmp.Compare(a.x, b.x); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
		for start := 0; start < len(row); {
			end := start + 1
			for end < len(row) {
				prev, g := gs[row[end-1].i], gs[row[end].i]
				if g.x-(prev.x+prev.w) > 0.8*max(g.size, prev.size) {
					break
				}
				end++
			}
			s := &seg{x0: gs[row[start].i].x, base: top, band: band, gs: make([]pglyph, 0, end-start)}
			for _, k := range row[start:end] {
				g := gs[k.i]
				s.gs = append(s.gs, pglyph{glyph: g})
				s.x1 = max(s.x1, g.x+g.w)
				s.size = max(s.size, g.size)
			}
			out = append(out, s)
			start = end
		}
		band++
		i = j
	}
	return out
}

// attachScripts moves superscript and subscript segments into the
// segment whose text they are raised or lowered from: smaller glyphs
// whose baseline lies 0.15 to 0.75 of the host's size above its baseline
// (0.05 to 0.45 below, for subscripts), within or next to the host.
func attachScripts(segs []*seg) {
	// segs run top to bottom: hosts are looked for in a window of
	// baselines around each candidate.
	biggest := 0.0
	for _, s := range segs {
		biggest = max(biggest, s.size)
	}
	for i, s := range segs {
		if len(s.gs) > 14 {
			continue
		}
		var host *seg
		var kind int8
		best := gomath.Inf(1)
		lo := i
		for lo > 0 && segs[lo-1].base-s.base <= 0.45*biggest && i-lo < 400 {
			lo--
		}
		for k := lo; k < len(segs) && k-i < 400; k++ {
			h := segs[k]
			if s.base-h.base > 0.75*biggest {
				break
			}
			if h == s || h.dead || h.band == s.band || len(h.gs) == 0 {
				continue
			}
			small := s.size < 0.86*h.size
			if !small && len(s.gs) > 3 {
				continue
			}
			d := s.base - h.base
			var k int8
			switch {
			case d >= 0.15*h.size && d <= 0.75*h.size:
				k = scriptSup
			case d <= -0.05*h.size && d >= -0.45*h.size:
				k = scriptSub
			default:
				continue
			}
			// Horizontal distance between the two, 0 when they overlap.
			dx := max(0, s.x0-h.x1, h.x0-s.x1)
			limit := 0.6 * h.size
			if !small {
				limit = 0.1 * h.size // same size: only glued to the host
			}
			if dx > limit {
				continue
			}
			score := dx + gomath.Abs(d)*0.1
			if score < best {
				best, host, kind = score, h, k
			}
		}
		if host == nil {
			continue
		}
		for _, g := range s.gs {
			g.script = kind
			host.gs = append(host.gs, g)
		}
		sortGlyphs(host.gs)
		host.x0, host.x1 = min(host.x0, s.x0), max(host.x1, s.x1)
		s.dead = true
		s.gs = nil
	}
}

// column returns the column a segment lies in, or -1 when it crosses the
// middle of a gutter.
func column(s *seg, gutters [][2]float64) int {
	for i, g := range gutters {
		mid := (g[0] + g[1]) / 2
		if s.x0 < mid-1 && s.x1 > mid+1 {
			return -1
		}
		if (s.x0+s.x1)/2 < mid {
			return i
		}
	}
	return len(gutters)
}

// bandLines groups segments into lines: per band, one line per column,
// or one line for the whole band when any segment spans a gutter.
func bandLines(segs []*seg, page int) []*line {
	var out []*line
	for i := 0; i < len(segs); {
		j := i
		spans := false
		for j < len(segs) && segs[j].band == segs[i].band {
			if segs[j].col < 0 {
				spans = true
			}
			j++
		}
		byCol := map[int]*line{}
		var order []*line
		for _, s := range segs[i:j] {
			c := s.col
			if spans {
				c = -1
			}
			l := byCol[c]
			if l == nil {
				l = &line{page: page, col: c, band: s.band, base: s.base, x0: s.x0, x1: s.x1}
				byCol[c] = l
				order = append(order, l)
			}
			l.gs = append(l.gs, s.gs...)
			l.x0, l.x1 = min(l.x0, s.x0), max(l.x1, s.x1)
		}
		for _, l := range order {
			sortGlyphs(l.gs)
			l.finish()
			out = append(out, l)
		}
		i = j
	}
	return out
}

func sortGlyphs(gs []pglyph) {
	slices.SortFunc(gs, func(a, b pglyph) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
}

// finish computes the line's size and style from its glyphs.
func (l *line) finish() {
	l.bold, l.italic = true, true
	letters := 0
	for _, g := range l.gs {
		if g.script == scriptNone {
			l.size = max(l.size, g.size)
		}
		if !hasLetter(g.s) {
			continue
		}
		letters++
		if !g.font.bold {
			l.bold = false
		}
		if !g.font.italic {
			l.italic = false
		}
	}
	if l.size == 0 {
		for _, g := range l.gs {
			l.size = max(l.size, g.size)
		}
	}
	if letters == 0 {
		l.bold, l.italic = false, false
	}
}

// fontGaps measures, for each font of a page, the usual distance from one
// of its glyphs to the next on a line (the gap depends on the first
// glyph's width only): about zero where
// the font's widths are right. Where a PDF's widths are off (Hindawi's
// say every glyph is 0.4 em wider than it is drawn), the gaps inside
// words and between them move together, and word spaces are found
// relative to this (see gapBefore). The median of the gaps is the gap
// inside words, since most glyphs are followed by one of their own
// word; it is bounded so that letter-spaced lines keep their spaces.
func fontGaps(lines []*line) {
	gaps := map[*pdfFont][]float64{}
	for _, l := range lines {
		for i := 1; i < len(l.gs); i++ {
			prev, g := l.gs[i-1], l.gs[i]
			if prev.script != scriptNone || g.script != scriptNone || l.size <= 0 {
				continue
			}
			gaps[prev.font] = append(gaps[prev.font], (g.x-(prev.x+prev.w))/l.size)
		}
	}
	base := map[*pdfFont]float64{}
	for f, gs := range gaps {
		if len(gs) < 20 {
			continue
		}
		slices.Sort(gs)
		if m := min(max(gs[len(gs)/2], -0.8), 0.05); m < -0.05 {
			base[f] = m
		}
	}
	if len(base) == 0 {
		return
	}
	for _, l := range lines {
		l.fontGap = base
	}
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// columnLefts finds each column's left edge: the most common start of
// its lines (paragraph indents and centered lines start further right).
func columnLefts(pl *pageLayout) []float64 {
	n := len(pl.gutters) + 1
	lefts := make([]float64, n)
	for c := 0; c < n; c++ {
		counts := map[int]int{}
		for _, l := range pl.lines {
			if l.col == c || (n == 1 && l.col == -1) {
				counts[int(gomath.Round(l.x0))]++
			}
		}
		best, bestN := gomath.Inf(1), 0
		for x, k := range counts {
			if k > bestN || k == bestN && float64(x) < best {
				best, bestN = float64(x), k
			}
		}
		if bestN == 0 {
			best = 0
		}
		lefts[c] = best
	}
	return lefts
}

// left returns the left edge of the column a line is in.
func (pl *pageLayout) left(l *line) float64 {
	if l.col < 0 || l.col >= len(pl.colLeft) {
		if len(pl.colLeft) > 0 {
			return pl.colLeft[0]
		}
		return l.x0
	}
	return pl.colLeft[l.col]
}

// dropLineNumbers removes the line numbers of manuscripts and preprints:
// a column of short numbers at one x, left or right of all the text,
// on ten lines or more.
func dropLineNumbers(segs []*seg) []*seg {
	left, right := gomath.Inf(1), gomath.Inf(-1)
	byX := map[int][]*seg{}
	for _, s := range segs {
		if isNumber(s) {
			byX[int(gomath.Round(s.x1))] = append(byX[int(gomath.Round(s.x1))], s)
			continue
		}
		left, right = min(left, s.x0), max(right, s.x1)
	}
	drop := map[*seg]bool{}
	for _, ss := range byX {
		if len(ss) < 10 {
			continue
		}
		for _, s := range ss {
			if s.x1 <= left+1 || s.x0 >= right-1 {
				drop[s] = true
			}
		}
	}
	if len(drop) == 0 {
		return segs
	}
	out := segs[:0]
	for _, s := range segs {
		if !drop[s] {
			out = append(out, s)
		}
	}
	return out
}

func isNumber(s *seg) bool {
	if len(s.gs) == 0 || len(s.gs) > 4 {
		return false
	}
	for _, g := range s.gs {
		for _, r := range g.s {
			if r < '0' || r > '9' {
				return false
			}
		}
	}
	return true
}

// splitAtGutters cuts a segment that bridges a gutter at the gap over
// it: a narrow gutter (LaTeX's is 10 pt) can be less than 0.8 of a
// heading's size, so a heading and the line beside it in the other
// column came out as one segment.
func splitAtGutters(segs []*seg, gutters [][2]float64) []*seg {
	if len(gutters) == 0 {
		return segs
	}
	var out []*seg
	for _, s := range segs {
		cut := false
		for k := 1; k < len(s.gs) && !cut; k++ {
			prev, g := s.gs[k-1], s.gs[k]
			a, b := prev.x+prev.w, g.x
			for _, gt := range gutters {
				mid := (gt[0] + gt[1]) / 2
				if a <= mid && b >= mid && b-a >= 3 {
					left := &seg{gs: s.gs[:k], x0: s.x0, base: s.base, band: s.band}
					right := &seg{gs: s.gs[k:], x0: g.x, base: s.base, band: s.band}
					for _, half := range []*seg{left, right} {
						for _, h := range half.gs {
							half.x1 = max(half.x1, h.x+h.w)
							if h.script == scriptNone {
								half.size = max(half.size, h.size)
							}
						}
					}
					out = append(out, splitAtGutters([]*seg{left, right}, gutters)...)
					cut = true
					break
				}
			}
		}
		if !cut {
			out = append(out, s)
		}
	}
	return out
}
