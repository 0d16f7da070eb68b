package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text that a converter laid out as the page looks (pdftotext -layout)
// sets two columns side by side on each line. columnBlocks reads such a
// text column by column, page by page, and gives each line its indent
// (the converter keeps it in spaces), so that paragraphs and hanging
// indents are told as in a PDF. Lines that cross the gutter (a title, a
// wide table) stay where they are. The blocks' source offsets are
// unknown (-1): their lines no longer follow the file's order.

// columnBlocks returns the blocks of a side-by-side text, or nil when
// the text has no page set in columns.
func columnBlocks(text string) []Block {
	pages := strings.Split(text, "\f")
	cuts := make([]int, len(pages))
	any := false
	for i, p := range pages {
		cuts[i] = gutter(strings.Split(p, "\n"))
		any = any || cuts[i] > 0
	}
	if !any {
		return nil
	}
	var blocks []Block
	for i, p := range pages {
		first := len(blocks)
		blocks = pageBlocks(blocks, strings.Split(p, "\n"), cuts[i], i+1)
		if i > 0 && first < len(blocks) {
			// The form feed stays, as in the text, for dropRunningHeads.
			blocks[first].Text = "\f" + blocks[first].Text
		}
	}
	return blocks
}

// pageBlocks adds a page's blocks: its left column, then its right one
// (a line that crosses the gutter cut at c stays in the left), or the
// whole page when c is 0.
func pageBlocks(blocks []Block, lines []string, c, page int) []Block {
	if c <= 0 {
		return appendLines(blocks, lines, page)
	}
	var left, right []string
	for _, l := range lines {
		rs := []rune(l)
		if len(rs) <= c || crosses(rs, c) {
			left = append(left, l)
			right = append(right, "")
			continue
		}
		left = append(left, string(rs[:c]))
		right = append(right, string(rs[c:]))
	}
	blocks = appendLines(blocks, left, page)
	return appendLines(blocks, right, page)
}

// gutter finds the column where a page's two columns part: a band of
// spaces that most lines long enough to reach it have, with text on both
// sides, and that few lines cross. It returns the band's middle in code
// points, or 0 for a page in one column.
func gutter(lines []string) int {
	// Cheap checks first, so that prose, and junk with lines megabytes
	// long, costs no per-column counts: a page in columns has lines of
	// at most a few hundred code points, many with a wide space inside.
	gaps := 0
	for _, l := range lines {
		if len(l) > 1600 {
			return 0
		}
		if strings.Contains(strings.TrimLeft(l, " "), "   ") {
			gaps++
		}
	}
	if gaps < 8 {
		return 0
	}
	width := 0
	rows := make([][]rune, len(lines))
	for i, l := range lines {
		rows[i] = []rune(l)
		width = max(width, len(rows[i]))
	}
	if width < 60 {
		return 0
	}
	both := make([]int, width)
	cross := make([]int, width)
	long := make([]int, width)
	for _, rs := range rows {
		first, last := textSpan(rs)
		if first < 0 {
			continue
		}
		for c := 2; c < len(rs)-2; c++ {
			long[c]++
			switch {
			case rs[c-1] == ' ' && rs[c] == ' ' && rs[c+1] == ' ':
				if first < c-1 && last > c+1 {
					both[c]++
				}
			default:
				cross[c]++
			}
		}
	}
	best, bestN := 0, 0
	for c := width / 4; c < width*3/4; c++ {
		if both[c] > bestN && 10*cross[c] <= long[c] {
			best, bestN = c, both[c]
		}
	}
	if bestN < 8 {
		return 0
	}
	// The middle of the band of such columns around best.
	lo, hi := best, best
	for lo-1 > 0 && both[lo-1] >= bestN*4/5 && 10*cross[lo-1] <= long[lo-1] {
		lo--
	}
	for hi+1 < width && both[hi+1] >= bestN*4/5 && 10*cross[hi+1] <= long[hi+1] {
		hi++
	}
	return (lo + hi + 1) / 2
}

func textSpan(rs []rune) (first, last int) {
	first, last = -1, -1
	for i, r := range rs {
		if !unicode.IsSpace(r) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// crosses: the line has text at the gutter, so it spans the columns.
func crosses(rs []rune, c int) bool {
	at := func(i int) bool { return i < len(rs) && !unicode.IsSpace(rs[i]) }
	return at(c) && (at(c-1) || at(c+1))
}

// appendLines adds a column's lines as blocks cut at blank lines, each
// line's indent in ems (two spaces to the em, as a converter pads a
// proportional font), measured from the column's least indented line.
func appendLines(blocks []Block, lines []string, page int) []Block {
	low := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := leadingSpaces(l); low < 0 || n < low {
			low = n
		}
	}
	var cur *Block
	for _, l := range lines {
		t := strings.TrimRight(l, " \r")
		if strings.TrimSpace(t) == "" {
			cur = nil
			continue
		}
		ind := float64(leadingSpaces(t)-low) / 2
		t = strings.TrimLeft(t, " ")
		if cur == nil {
			blocks = append(blocks, Block{Text: t, Src: -1, Page: page, Indent: []float64{ind}})
			cur = &blocks[len(blocks)-1]
			continue
		}
		cur.Text += "\n" + t
		cur.Indent = append(cur.Indent, ind)
	}
	return blocks
}

func leadingSpaces(s string) int {
	n := 0
	for n < len(s) && s[n] == ' ' {
		n++
	}
	return utf8.RuneCountInString(s[:n])
}
