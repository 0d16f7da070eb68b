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
	columns := false
	for i, p := range pages {
		cuts[i] = gutter(strings.Split(p, "\n"))
		columns = columns || cuts[i] > 0
	}
	if !columns {
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

// pageBlocks adds a page's blocks. A page is cut into regions, runs of
// lines that cross the gutter at c (an abstract or a table set across
// the page) and runs of lines that do not; the first are read whole, the
// second left column first, then the right one. The page is one region
// when c is 0.
func pageBlocks(blocks []Block, lines []string, c, page int) []Block {
	if c <= 0 {
		return appendLines(blocks, lines, page)
	}
	// A line crosses the gutter when it has text at c. One or two such
	// lines between lines that do not are a column's lines that run
	// into the gutter, not a region read across the page.
	crossing := make([]bool, len(lines))
	rows := make([][]rune, len(lines))
	for i, l := range lines {
		rows[i] = []rune(l)
		crossing[i] = len(rows[i]) > c && crosses(rows[i], c)
	}
	for i := 0; i < len(lines); {
		if !crossing[i] {
			i++
			continue
		}
		j := i
		for j < len(lines) && (crossing[j] || strings.TrimSpace(lines[j]) == "") {
			j++
		}
		n := 0
		for k := i; k < j; k++ {
			if crossing[k] {
				n++
			}
		}
		if n < 3 && splitBefore(lines, crossing, i) && j < len(lines) {
			for k := i; k < j; k++ {
				crossing[k] = false
			}
		}
		i = j
	}
	var left, right, whole []string
	flush := func() {
		if len(whole) > 0 {
			blocks = appendLines(blocks, whole, page)
		}
		if len(left) > 0 {
			blocks = appendLines(blocks, left, page)
			blocks = appendLines(blocks, right, page)
		}
		left, right, whole = nil, nil, nil
	}
	for i, l := range lines {
		switch {
		case strings.TrimSpace(l) == "":
			// A blank line belongs to the region it is in.
			if len(left) > 0 {
				left, right = append(left, ""), append(right, "")
			} else {
				whole = append(whole, "")
			}
		case crossing[i]:
			if len(left) > 0 {
				flush()
			}
			whole = append(whole, l)
		default:
			if len(whole) > 0 {
				flush()
			}
			cut := min(c, len(rows[i]))
			left = append(left, string(rows[i][:cut]))
			right = append(right, string(rows[i][cut:]))
		}
	}
	flush()
	return blocks
}

// splitBefore: a line before i is read in columns.
func splitBefore(lines []string, crossing []bool, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if strings.TrimSpace(lines[k]) != "" && !crossing[k] {
			return true
		}
	}
	return false
}

// gutter finds the column where a page's two columns part: a band of
// spaces that many lines long enough to reach it have, with text on both
// sides, and that at most half of them cross. It returns the band's middle in code
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
	// Lines that cross: a page may set its title and abstract, or a
	// table, across both columns (pageBlocks reads them whole).
	ok := func(c int) bool { return 2*cross[c] <= long[c] }
	bestN := 0
	for c := width / 4; c < width*3/4; c++ {
		if ok(c) {
			bestN = max(bestN, both[c])
		}
	}
	if bestN < 8 {
		return 0
	}
	// The leftmost band of such columns: the right column's labels or
	// first-line indents can stand out of it ("17.   Sadanandan, B."),
	// leaving a second band of spaces between them and the text.
	for c := width / 4; c < width*3/4; c++ {
		if !ok(c) || both[c] < bestN*4/5 {
			continue
		}
		hi := c
		for hi+1 < width && ok(hi+1) && both[hi+1] >= bestN*4/5 {
			hi++
		}
		return (c + hi + 1) / 2
	}
	return 0
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
