package pdf

import "github.com/chemores/chemores/internal/diag"

// Hint is what the layout knows about a block beyond its text.
type Hint int

const (
	HintNone    Hint = iota
	HintHeading      // set larger or bolder than body text
	HintCaption      // a figure or table caption
)

// Block is a paragraph, heading, caption or list in reading order. Text
// keeps line breaks and writes markup as text sources do (*italics*,
// ^{superscripts}, _{subscripts}).
type Block struct {
	Text string
	Page int // 1-based
	Hint Hint
	// Indent is, for each line of Text, how far it starts right of its
	// column's left edge, in ems of the body text: what tells a hanging
	// indent from a wrapped line.
	Indent []float64
	Size   float64 // font size of the block's text, in points
}

// Layout is a PDF read into blocks.
type Layout struct {
	Blocks      []Block
	Pages       int // in the file
	Chars       int // glyphs drawn
	Diagnostics []diag.Diagnostic
}
