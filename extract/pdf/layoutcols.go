package pdf

import (
	"cmp"
	gomath "math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/chemores/chemores/internal/textutil"
)

// findGutters finds the vertical strips between text columns: x ranges,
// away from the page edges, that no column-width segment of text crosses
// while text piles up on both sides of them. Segments wider than 60% of
// the text area (lines of a full-width title, caption or one-column
// page) are left out, so a title block above two columns does not hide
// their gutter.
func findGutters(segs []*seg, pageW float64) [][2]float64 {
	if len(segs) < 6 {
		return nil
	}
	left, right := gomath.Inf(1), gomath.Inf(-1)
	for _, s := range segs {
		left, right = min(left, s.x0), max(right, s.x1)
	}
	left, right = max(left, 0), min(right, pageW)
	width := right - left
	if width < 100 {
		return nil
	}
	n := int(width) + 1
	cov := make([]int, n)
	for _, s := range segs {
		if s.x1-s.x0 > 0.6*width {
			continue
		}
		a := max(0, int(s.x0-left))
		b := min(n-1, int(s.x1-left))
		for x := a; x <= b; x++ {
			cov[x]++
		}
	}
	peak := 0
	for _, c := range cov {
		peak = max(peak, c)
	}
	if peak < 4 {
		return nil
	}
	low := max(1, peak/12)
	var out [][2]float64
	from, to := int(0.15*width), int(0.85*width)
	for x := from; x < to; {
		if cov[x] > low {
			x++
			continue
		}
		start := x
		for x < to && cov[x] <= low {
			x++
		}
		end := x // [start, end)
		if float64(end-start) < 4 {
			continue
		}
		// Columns of text run along both sides of a gutter (a hanging
		// indent may keep the right one a few points away).
		if near(cov, start-30, start) < 0.3*float64(peak) || near(cov, end, end+30) < 0.3*float64(peak) {
			continue
		}
		g := [2]float64{left + float64(start), left + float64(end)}
		l, r := 0, 0
		for _, s := range segs {
			if s.x1 <= g[0]+1 {
				l++
			} else if s.x0 >= g[1]-1 {
				r++
			}
		}
		if l >= 2 && r >= 2 {
			out = append(out, g)
		}
	}
	return wideColumns(out, left, right)
}

// wideColumns keeps the gutters that leave every column at least 15% of
// the text width: the gap between a reference list's numbers and their
// entries, or between the cells of a table, is not a gutter. Wider gaps
// are kept first.
func wideColumns(cands [][2]float64, left, right float64) [][2]float64 {
	minCol := max(60, 0.15*(right-left))
	slices.SortStableFunc(cands, func(a, b [2]float64) int {
		return cmp.Compare(b[1]-b[0], a[1]-a[0])
	})
	var keep [][2]float64
	for _, g := range cands {
		ok := g[0]-left >= minCol && right-g[1] >= minCol
		for _, k := range keep {
			if g[0] >= k[1] && g[0]-k[1] < minCol || k[0] >= g[1] && k[0]-g[1] < minCol || g[0] < k[1] && k[0] < g[1] {
				ok = false
			}
		}
		if ok {
			keep = append(keep, g)
		}
	}
	slices.SortFunc(keep, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	return keep
}

// near is the highest coverage over [a, b).
func near(cov []int, a, b int) float64 {
	a, b = max(a, 0), min(b, len(cov))
	top := 0
	for _, c := range cov[a:max(a, b)] {
		top = max(top, c)
	}
	return float64(top)
}

// pageNumber matches what a page number line reads: "12", "- 12 -",
// "Page 3 of 12", "3 | Journal".
var pageNumber = regexp.MustCompile(`^(?i:page\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?i:of|/)\s*\d{1,4})?$`)

// markHeaders flags running headers, footers and page numbers: lines at
// the top or bottom of a page whose letters repeat on another page (digits
// ignored, so "ONCOLOGY REPORTS 52: 154, 2024 3" on page 3 matches the
// same header on page 1 without a page number), and bare page numbers.
func markHeaders(pages []*pageLayout) {
	type cand struct {
		l   *line
		key string
	}
	var cands []cand
	seen := map[string]map[int]bool{}
	for _, p := range pages {
		for _, l := range marginLines(p) {
			key := letterKey(lineText(l))
			cands = append(cands, cand{l, key})
			if key == "" {
				continue
			}
			if seen[key] == nil {
				seen[key] = map[int]bool{}
			}
			seen[key][p.n] = true
		}
	}
	for _, c := range cands {
		t := strings.TrimSpace(lineText(c.l))
		if pageNumber.MatchString(t) || (c.key != "" && len(seen[c.key]) >= 2) {
			c.l.header = true
		}
	}
	// A header printed once (a one-page note, a journal banner on the
	// first page) cannot repeat: a top band set smaller than the text
	// and standing well apart from it is one too.
	body := bodySize(pages)
	for _, p := range pages {
		bands := bandsOf(p.lines)
		if len(bands) < 2 {
			continue
		}
		top, next := bands[0], bands[1]
		size := 0.0
		for _, l := range top {
			size = max(size, l.size)
		}
		if top[0].base > 0.92*p.h && size < body-0.5 && top[0].base-next[0].base > 2.5*size {
			for _, l := range top {
				l.header = true
			}
		}
	}
}

// bodySize is the size most of the document's characters are set in,
// counted before the reference list: in a short article the references,
// set smaller, can outweigh the text.
func bodySize(pages []*pageLayout) float64 {
	count := map[float64]int{}
	for _, p := range pages {
		for _, l := range p.lines {
			if l.header {
				continue
			}
			if len(l.gs) < 40 && textutil.ReferenceHeadings[textutil.HeadingKey(lineText(l))] && len(count) > 0 {
				return modeOf(count)
			}
			count[sizeKey(l.size)] += len(l.gs)
		}
	}
	return modeOf(count)
}

// marginLines are the lines of the top and bottom bands of a page, when
// those bands lie in the page's outer eighth and stand apart from the
// text next to them.
func marginLines(p *pageLayout) []*line {
	if len(p.lines) == 0 {
		return nil
	}
	var out []*line
	bands := bandsOf(p.lines)
	for k := 0; k < len(bands) && k < 2; k++ {
		b := bands[k]
		if b[0].base < 0.87*p.h {
			break
		}
		out = append(out, b...)
	}
	for k := len(bands) - 1; k >= 0 && k >= len(bands)-2; k-- {
		b := bands[k]
		if b[0].base > 0.1*p.h {
			break
		}
		out = append(out, b...)
	}
	return out
}

// bandsOf groups a page's lines by band, top first.
func bandsOf(lines []*line) [][]*line {
	var out [][]*line
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && lines[j].band == lines[i].band {
			j++
		}
		out = append(out, lines[i:j])
		i = j
	}
	return out
}

// letterKey keeps the letters of a line, lower-cased.
func letterKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// lineText is a line's text without markup, spaces from gaps.
func lineText(l *line) string {
	var b strings.Builder
	for i, g := range l.gs {
		if i > 0 && gapBefore(l, i) {
			b.WriteByte(' ')
		}
		b.WriteString(g.s)
	}
	return b.String()
}

// gapBefore reports a word space before glyph i of a line: a gap wider
// than 0.1 of the line's font size (as poppler decides) beyond the gap inside words of the
// previous glyph's font (see fontGaps). Kerning stays below that; the word spaces of
// tightly justified lines (0.13 em in SciELO's) stay above.
func gapBefore(l *line, i int) bool {
	prev, g := l.gs[i-1], l.gs[i]
	gap := g.x - (prev.x + prev.w)
	if l.fontGap != nil {
		gap -= l.fontGap[prev.font] * l.size // the error is in prev's width
	}
	if prev.font != nil && g.font != nil && prev.font.italic != g.font.italic {
		// Leaving or entering italics, TeX adds an italic correction of
		// up to a tenth of an em that is not a space ("et al:").
		return gap > 0.13*l.size
	}
	return gap > 0.1*l.size
}

// readingOrder orders a page's lines: bands top to bottom; consecutive
// bands that do not span the columns form a run, read column by column;
// a band that spans them (a title, a full-width figure caption) closes
// the run. A full-width caption with columns above and below it is a
// float: it does not close the run (the columns flow around it) and
// comes after it.
func readingOrder(p *pageLayout) [][]*line {
	bands := bandsOf(p.lines)
	spanning := make([]bool, len(bands))
	for i, b := range bands {
		for _, l := range b {
			if l.col < 0 {
				spanning[i] = true
			}
		}
	}
	// A short last line of a full-width block (ragged, it may not reach
	// the gutter) belongs to the block, not to the columns below.
	for i := 1; i < len(bands); i++ {
		if spanning[i] || !spanning[i-1] || len(bands[i]) != 1 {
			continue
		}
		a, b := bands[i-1][len(bands[i-1])-1], bands[i][0]
		if gomath.Abs(a.size-b.size) < 0.3 && a.base-b.base <= 1.35*a.size+1 && gomath.Abs(a.x0-b.x0) < 2 && !a.header {
			b.col = -1
			spanning[i] = true
		}
	}
	// Floats: a spanning group that starts with a caption and has column
	// bands both above and below it.
	isFloat := make([]bool, len(bands))
	for i := 0; i < len(bands); {
		if !spanning[i] || bandHeader(bands[i]) {
			i++
			continue
		}
		j := i
		for j < len(bands) && spanning[j] && !bandHeader(bands[j]) {
			j++
		}
		if captionStart.MatchString(lineText(bands[i][0])) && hasColumns(bands[:i]) && hasColumns(bands[j:]) {
			for k := i; k < j; k++ {
				isFloat[k] = true
				for _, l := range bands[k] {
					l.float = true
				}
			}
		}
		i = j
	}
	var groups [][]*line
	ncol := len(p.gutters) + 1
	cols := make([][]*line, ncol)
	var floats []*line
	flush := func() {
		for c := range cols {
			if len(cols[c]) > 0 {
				groups = append(groups, cols[c])
				cols[c] = nil
			}
		}
		if len(floats) > 0 {
			groups = append(groups, floats)
			floats = nil
		}
	}
	var span []*line
	for i, b := range bands {
		switch {
		case isFloat[i]:
			floats = append(floats, b...)
		case spanning[i]:
			if span == nil {
				flush()
			}
			span = append(span, b...)
			continue
		default:
			for _, l := range b {
				c := max(0, min(l.col, ncol-1))
				cols[c] = append(cols[c], l)
			}
		}
		if span != nil {
			groups = append(groups, span)
			span = nil
		}
	}
	if span != nil {
		groups = append(groups, span)
	}
	flush()
	return groups
}

func bandHeader(b []*line) bool {
	for _, l := range b {
		if !l.header {
			return false
		}
	}
	return true
}

func hasColumns(bands [][]*line) bool {
	for _, b := range bands {
		if bandHeader(b) {
			continue
		}
		for _, l := range b {
			if l.col >= 0 {
				return true
			}
		}
	}
	return false
}

// captionStart is the label that opens a figure or table caption.
var captionStart = regexp.MustCompile(`^(?i:figure|fig\.?|table)\s*\d{1,3}\s*[.:|]`)
