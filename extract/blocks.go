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
			l := Block{Text: text, Src: off, Page: b.Page, Hint: b.Hint}
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
