package extract

import (
	"strings"
	"unicode/utf8"
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
		if !isSpace(r) && !isInvisible(r) {
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
	lines := strings.SplitAfter(b.Text, "\n")
	indents := b.Indent
	if len(indents) != len(lines) {
		indents = nil
	}
	var out []Block
	start, startSrc, src := 0, b.Src, b.Src
	cut := func(end int) {
		if end <= start {
			return
		}
		text := strings.TrimRight(strings.Join(lines[start:end], ""), "\r\n")
		if strings.TrimSpace(text) != "" {
			nb := Block{Text: text, Src: startSrc, Page: b.Page, Hint: b.Hint, Size: b.Size}
			if indents != nil {
				nb.Indent = indents[start:end]
			}
			out = append(out, nb)
		}
		start, startSrc = end, src
	}
	for i, line := range lines {
		if strongHeading(strings.TrimSpace(line)) {
			cut(i)
			if src >= 0 {
				src += utf8.RuneCountInString(line)
			}
			cut(i + 1)
			continue
		}
		if src >= 0 {
			src += utf8.RuneCountInString(line)
		}
	}
	if start == 0 {
		return []Block{b}
	}
	cut(len(lines))
	return out
}

// strongHeading: a line that is nothing but a heading no sentence can
// be ("References", "Acknowledgements", "2. Materials and methods").
func strongHeading(line string) bool {
	if line == "" || len(line) > 80 {
		return false
	}
	t := CleanText(line)
	if m := numberedHeading.FindStringSubmatch(t); m != nil {
		t = m[2]
	}
	key := headingKey(t)
	_, back := backHeadings[key]
	return referenceHeadings[key] || back || bodyHeadings[key]
}

// contentsLike: most lines of the block, two at least, are numbered
// headings, as in a table of contents, which keeps its lines together.
func contentsLike(b Block) bool {
	n, lines := 0, b.Lines()
	for _, l := range lines {
		if m := numberedHeading.FindStringSubmatch(CleanText(l.Text)); m != nil && titleLike(m[2]) {
			n++
		}
	}
	return n >= 2 && 2*n >= len(lines)
}
