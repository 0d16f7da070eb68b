package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/textutil"

	"github.com/chemores/chemores/internal/lazyre"
)

// Hint is what a layout engine knows about a block beyond its text.
type Hint int

const (
	HintNone    Hint = iota
	HintHeading      // set larger or bolder than body text
	HintCaption      // a figure or table caption
)

// Block is the unit the structure builder reads: a paragraph, heading,
// caption or list, in reading order. For text sources it is what blank
// lines separate; the PDF layout produces the same from positions. Text
// keeps line breaks and markup as text sources write them (*italics*,
// ^{superscripts}), so both paths share one builder.
type Block struct {
	Text string
	Src  int  // code point offset of Text in the source; -1 if unknown
	Page int  // 1-based page, 0 if unknown
	Hint Hint // what layout adds; HintNone for text sources
	// Size is the block's font size in points; 0 when the source does
	// not say (plain text). The title is the largest text of page 1.
	Size float64
	// Indent is, for each line of Text, how far it starts right of its
	// column's left edge, in ems of the body text: what tells a hanging
	// indent (a reference list's entries) from a wrapped line. Nil when
	// the source does not say (plain text).
	Indent []float64
}

// Lines splits the block into its lines with their source offsets.
func (b Block) Lines() []Block {
	var out []Block
	off := b.Src
	lines := strings.SplitAfter(b.Text, "\n")
	indents := b.Indent
	if len(indents) != len(lines) {
		indents = nil // a line break the layout did not make
	}
	for i, line := range lines {
		text := strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(text) != "" {
			l := Block{Text: text, Src: off, Page: b.Page, Hint: b.Hint, Size: b.Size}
			if indents != nil {
				l.Indent = indents[i : i+1]
			}
			out = append(out, l)
		}
		if off >= 0 {
			off += utf8.RuneCountInString(line)
		}
	}
	return out
}

// TextBlocks splits a text source into blocks at blank lines. A line of
// only white space is blank.
func TextBlocks(src string) []Block {
	var (
		blocks []Block
		start  = -1 // byte offset of the current block
		startR int  // its code point offset
		endB   int  // byte offset after its last non-blank line
		pos    int  // code points before the current line
	)
	flush := func() {
		if start >= 0 {
			blocks = append(blocks, Block{Text: src[start:endB], Src: startR})
			start = -1
		}
	}
	for off := 0; off < len(src); {
		end := strings.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
			end = off + end
		} else {
			end = len(src)
		}
		line := src[off:end]
		if isBlank(line) {
			flush()
		} else {
			if start < 0 {
				start, startR = off, pos
			}
			endB = end
			if strings.HasSuffix(line, "\r") {
				endB--
			}
		}
		pos += utf8.RuneCountInString(src[off:next])
		off = next
	}
	flush()
	return blocks
}

func isBlank(line string) bool {
	for _, r := range line {
		if !textutil.IsSpace(r) && !textutil.IsInvisible(r) {
			return false
		}
	}
	return true
}

// splitHeadingLines gives a heading line its own block where a source
// ran it into the text around it: converters that write no blank lines
// ("References" right above "1. Holohan C, …"), or a PDF layout that
// set the heading as close to the text as a line of it. Only headings
// that cannot be prose are split off: the reference, back-matter and
// common body headings, numbered or not.
func splitHeadingLines(blocks []Block) []Block {
	out := make([]Block, 0, len(blocks))
	for _, b := range blocks {
		if !strings.Contains(b.Text, "\n") || contentsLike(b) {
			out = append(out, b)
			continue
		}
		out = append(out, splitBlockAtHeadings(b)...)
	}
	return out
}

func splitBlockAtHeadings(b Block) []Block {
	return cutBlock(b, func(lines []string, i int) (before, after, drop bool) {
		h := strongHeading(strings.TrimSpace(lines[i]))
		return h, h, false
	})
}

// cutBlock cuts a block into several where cut says: before line i,
// after it, or around it, leaving it out (drop). Source offsets and
// indents go with the lines.
func cutBlock(b Block, cut func(lines []string, i int) (before, after, drop bool)) []Block {
	lines := strings.SplitAfter(b.Text, "\n")
	indents := b.Indent
	if len(indents) != len(lines) {
		indents = nil
	}
	var out []Block
	start, startSrc, src := 0, b.Src, b.Src
	emit := func(end int) {
		if end > start {
			text := strings.TrimRight(strings.Join(lines[start:end], ""), "\r\n")
			if strings.TrimSpace(text) != "" {
				nb := Block{Text: text, Src: startSrc, Page: b.Page, Hint: b.Hint, Size: b.Size}
				if indents != nil {
					nb.Indent = indents[start:end]
				}
				out = append(out, nb)
			}
		}
		start, startSrc = end, src
	}
	changed := false
	for i, line := range lines {
		before, after, drop := cut(lines, i)
		changed = changed || before || after || drop
		if before || drop {
			emit(i)
		}
		if src >= 0 {
			src += utf8.RuneCountInString(line)
		}
		if drop {
			start, startSrc = i+1, src
			continue
		}
		if after {
			emit(i + 1)
		}
	}
	if !changed {
		return []Block{b}
	}
	emit(len(lines))
	return out
}

// strongHeading: a line that is nothing but a heading no sentence can
// be ("References", "Acknowledgements", "2. Materials and methods").
func strongHeading(line string) bool {
	if line == "" || len(line) > 80 {
		return false
	}
	t := CleanText(line)
	if m := numberedHeading().FindStringSubmatch(t); m != nil {
		t = m[2]
	}
	key := textutil.HeadingKey(t)
	_, back := backHeadings[key]
	return textutil.ReferenceHeadings[key] || back || bodyHeadings[key]
}

// contentsLike: most lines of the block, two at least, are numbered
// headings, as in a table of contents, which keeps its lines together.
func contentsLike(b Block) bool {
	n, lines := 0, b.Lines()
	for _, l := range lines {
		if m := numberedHeading().FindStringSubmatch(CleanText(l.Text)); m != nil && titleLike(m[2]) {
			n++
		}
	}
	return n >= 2 && 2*n >= len(lines)
}

// reflow cuts hard-wrapped text into paragraphs and headings where a
// converter wrote no blank lines between them (pdftotext, and most
// PDF-to-text tools): in a block of wrapped lines, a line that ends a
// sentence well short of the measure ends its paragraph, and a short
// line that ends no sentence, between a sentence's end and a capital,
// is a heading. Blocks of unwrapped lines (one paragraph per line, as
// the seed's conversion writes them) are left alone.
func reflow(blocks []Block) []Block {
	out := make([]Block, 0, len(blocks))
	for _, b := range blocks {
		w := measure(b.Text)
		if w == 0 {
			out = append(out, b)
			continue
		}
		out = append(out, cutBlock(b, func(lines []string, i int) (before, after, drop bool) {
			line := strings.TrimSpace(lines[i])
			next := ""
			if i+1 < len(lines) {
				next = strings.TrimSpace(lines[i+1])
			}
			prev := ""
			if i > 0 {
				prev = strings.TrimSpace(lines[i-1])
			}
			n := utf8.RuneCountInString(line)
			startsNew := startsUpperOrDigit(next)
			if textutil.EndsSentence(line) && n < w*4/5 && startsNew {
				return false, true, false // a paragraph's last line
			}
			if n < w*3/5 && startsUpperOrDigit(line) && !textutil.EndsSentence(line) &&
				!strings.HasSuffix(line, ",") && (i == 0 || textutil.EndsSentence(prev)) && startsNew &&
				len(strings.Fields(line)) <= 12 {
				return true, true, false // a heading between paragraphs
			}
			return false, false, false
		})...)
	}
	return out
}

// measure is the length of a block's full lines when they are wrapped
// (most lines of similar length, between 40 and 130 code points), else 0.
func measure(text string) int {
	lines := strings.Split(text, "\n")
	if len(lines) < 4 {
		return 0
	}
	lens := make([]int, 0, len(lines))
	for _, l := range lines {
		lens = append(lens, utf8.RuneCountInString(strings.TrimSpace(l)))
	}
	sort.Ints(lens)
	w := lens[len(lens)*4/5] // the full lines
	if w < 40 || w > 130 {
		return 0
	}
	full := 0
	for _, n := range lens {
		if n >= w*4/5 {
			full++
		}
	}
	if 2*full < len(lens) {
		return 0
	}
	return w
}

func startsUpperOrDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '‘'
}

// dropRunningHeads removes the running heads and feet that converters
// leave in the text of a paginated source (pdftotext separates pages
// with form feeds): short lines among the first or last three of a
// page that recur, the same but for their numbers, at the edge of
// three pages or more ("Page 2 of 10", "Cad. Saúde Colet., 2023; …", a
// page number alone). Headings are never taken for them. A text
// without pages is left as it is.
func dropRunningHeads(blocks []Block) []Block {
	type at struct{ block, line int }
	var all []at
	pageOf := map[at]int{}
	page := 0
	for bi, b := range blocks {
		for li, l := range strings.Split(b.Text, "\n") {
			page += strings.Count(l, "\f")
			a := at{bi, li}
			all = append(all, a)
			pageOf[a] = page
		}
	}
	if page < 2 {
		return blocks
	}
	text := func(a at) string { return strings.Split(blocks[a.block].Text, "\n")[a.line] }
	// Lines at a page's edge: the first and last three of each page.
	edge := map[at]bool{}
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && pageOf[all[j]] == pageOf[all[i]] {
			j++
		}
		for k := i; k < j; k++ {
			if k < i+3 || k >= j-3 {
				edge[all[k]] = true
			}
		}
		i = j
	}
	pages := map[string]map[int]bool{}
	for a := range edge {
		if k := headKey(text(a)); k != "" {
			if pages[k] == nil {
				pages[k] = map[int]bool{}
			}
			pages[k][pageOf[a]] = true
		}
	}
	drop := map[at]bool{}
	for _, a := range all {
		if pageOfPages().MatchString(strings.TrimSpace(strings.ReplaceAll(text(a), "\f", ""))) {
			drop[a] = true // BMC's footer, which pdftotext may put between columns
		}
	}
	for a := range edge {
		t := text(a)
		if k := headKey(t); k != "" && len(pages[k]) >= 3 && !strongHeading(strings.TrimSpace(t)) {
			drop[a] = true
		}
	}
	if len(drop) == 0 {
		return blocks
	}
	out := make([]Block, 0, len(blocks))
	for bi, b := range blocks {
		out = append(out, cutBlock(b, func(_ []string, i int) (before, after, dropLine bool) {
			return false, false, drop[at{bi, i}]
		})...)
	}
	return out
}

var pageOfPages = lazyre.New(`(?i)^page \d{1,4} of \d{1,4}$`)

// headKey is a line as a running head repeats it: numbers replaced,
// case and spacing folded; "" for lines too long to be one.
func headKey(line string) string {
	t := strings.TrimSpace(strings.ReplaceAll(line, "\f", ""))
	if t == "" || utf8.RuneCountInString(t) > 110 {
		return ""
	}
	var b strings.Builder
	digits := false
	for _, r := range strings.ToLower(t) {
		if unicode.IsDigit(r) {
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		}
		digits = false
		if !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	k := b.String()
	// A page number alone, or words. A line of numbers and punctuation
	// is a running head only as the very same text ("(2018) 16:84" on
	// every page): "2013;2:26–33." and "2014;5:1–9" have one shape.
	if k != "#" && letterCount(k) < 4 {
		return "=" + t
	}
	return k
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
