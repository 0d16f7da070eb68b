package main

import (
	"strconv"

	"github.com/go-pdf/fpdf"
)

// fonts are the families registered with fpdf.
type fonts struct {
	text, sans string // family names: body text, and headers and labels
}

// ts wraps fpdf with measuring and drawing of styled words.
type ts struct {
	pdf    *fpdf.Fpdf
	f      fonts
	widths map[string]float64
}

func styleStr(st style) string {
	s := ""
	if st.bold {
		s += "B"
	}
	if st.italic {
		s += "I"
	}
	return s
}

// scriptScale and the offsets place super- and subscripts as publishers
// do: 65% of the size, raised a third of the size or lowered a sixth.
const scriptScale = 0.65

func (t *ts) setFont(family string, st style, size float64) float64 {
	if st.script != 0 {
		size *= scriptScale
	}
	t.pdf.SetFont(family, styleStr(st), size)
	return size
}

// width measures text in a style at a size.
func (t *ts) width(family string, st style, size float64, text string) float64 {
	key := family + "|" + styleStr(st) + "|" + strconv.Itoa(st.script) + "|" + strconv.FormatFloat(size, 'f', 2, 64) + "|" + text
	if w, ok := t.widths[key]; ok {
		return w
	}
	t.setFont(family, st, size)
	w := t.pdf.GetStringWidth(text)
	t.widths[key] = w
	return w
}

func (t *ts) wordWidth(family string, w word, size float64) float64 {
	var x float64
	for _, f := range w {
		x += t.width(family, f.st, size, f.text)
	}
	return x
}

// tline is a line of words ready to draw.
type tline struct {
	words  []word
	widths []float64
	indent float64
	last   bool // a paragraph's last line: not justified
}

func (l tline) natural() float64 {
	var w float64
	for _, x := range l.widths {
		w += x
	}
	return w
}

// breakLines fills lines of the given width greedily, hyphenating a word
// that does not fit at its last break point that does.
func (t *ts) breakLines(family string, words []word, size, width, indent float64) []tline {
	return t.breakLinesH(family, words, size, width, indent, true)
}

// breakLinesH is breakLines with hyphenation on or off (headings and
// titles are not hyphenated).
func (t *ts) breakLinesH(family string, words []word, size, width, indent float64, hyph bool) []tline {
	space := t.width(family, style{}, size, " ")
	var out []tline
	cur := tline{indent: indent}
	used := indent
	push := func() {
		out = append(out, cur)
		cur = tline{}
		used = 0
	}
	queue := append([]word(nil), words...)
	for len(queue) > 0 {
		w := queue[0]
		queue = queue[1:]
		ww := t.wordWidth(family, w, size)
		gap := 0.0
		if len(cur.words) > 0 {
			gap = space
		}
		if used+gap+ww <= width {
			cur.words = append(cur.words, w)
			cur.widths = append(cur.widths, ww)
			used += gap + ww
			continue
		}
		if head, tail, ok := t.hyphenate(family, w, size, width-used-gap); ok && hyph {
			cur.words = append(cur.words, head)
			cur.widths = append(cur.widths, t.wordWidth(family, head, size))
			push()
			queue = append([]word{tail}, queue...)
			continue
		}
		if len(cur.words) == 0 {
			cur.words = append(cur.words, w) // too wide for any line: let it overflow
			cur.widths = append(cur.widths, ww)
			push()
			continue
		}
		push()
		queue = append([]word{w}, queue...)
	}
	if len(cur.words) > 0 {
		push()
	}
	if len(out) > 0 {
		out[len(out)-1].last = true
	}
	return out
}

// hyphenate splits w at its last break point whose head (with the hyphen
// a soft break adds) fits in room.
func (t *ts) hyphenate(family string, w word, size, room float64) (word, word, bool) {
	if room <= 0 {
		return nil, nil, false
	}
	s := w.String()
	explicit, soft := hyphenPoints(s)
	type cut struct {
		at   int
		soft bool
	}
	var cuts []cut
	for _, e := range explicit {
		cuts = append(cuts, cut{e, false})
	}
	for _, e := range soft {
		cuts = append(cuts, cut{e, true})
	}
	var best *cut
	for i := range cuts {
		c := cuts[i]
		head, _ := splitWord(w, c.at)
		if c.soft {
			head = appendHyphen(head)
		}
		if t.wordWidth(family, head, size) <= room && (best == nil || c.at > best.at) {
			best = &cuts[i]
		}
	}
	if best == nil {
		return nil, nil, false
	}
	head, tail := splitWord(w, best.at)
	if best.soft {
		head = appendHyphen(head)
	}
	return head, tail, true
}

// splitWord cuts a word at a byte offset of its text.
func splitWord(w word, at int) (word, word) {
	var head, tail word
	off := 0
	for _, f := range w {
		switch {
		case off+len(f.text) <= at:
			head = append(head, f)
		case off >= at:
			tail = append(tail, f)
		default:
			k := at - off
			head = append(head, frag{f.text[:k], f.st})
			tail = append(tail, frag{f.text[k:], f.st})
		}
		off += len(f.text)
	}
	return head, tail
}

func appendHyphen(w word) word {
	out := append(word(nil), w...)
	last := out[len(out)-1]
	out[len(out)-1] = frag{last.text + "-", last.st}
	return out
}

// drawLine draws a line with its left edge at x and baseline at y (fpdf
// measures y from the top of the page). Justified lines stretch the
// spaces to fill width; whole lines are drawn as strings with their
// spaces, one string per run of one style.
func (t *ts) drawLine(family string, l tline, x, y, size, width float64, justify, whole bool) {
	space := t.width(family, style{}, size, " ")
	gap := space
	if justify && !l.last && len(l.words) > 1 {
		gap = (width - l.indent - l.natural()) / float64(len(l.words)-1)
	}
	x += l.indent
	if whole && (!justify || l.last) {
		t.drawRuns(family, l, x, y, size)
		return
	}
	for i, w := range l.words {
		t.drawWord(family, w, x, y, size)
		x += l.widths[i] + gap
	}
}

func (t *ts) drawWord(family string, w word, x, y, size float64) {
	for _, f := range w {
		t.setFont(family, f.st, size)
		dy := 0.0
		switch f.st.script {
		case 1:
			dy = -0.33 * size
		case -1:
			dy = 0.17 * size
		}
		t.pdf.Text(x, y+dy, f.text)
		x += t.width(family, f.st, size, f.text)
	}
}

// drawRuns draws a ragged line as few strings as its styles allow,
// spaces included.
func (t *ts) drawRuns(family string, l tline, x, y, size float64) {
	var runs []frag
	for i, w := range l.words {
		for k, f := range w {
			if i > 0 && k == 0 {
				if n := len(runs); n > 0 && runs[n-1].st == (style{}) || n > 0 && runs[n-1].st == f.st && f.st.script == 0 {
					runs[n-1].text += " "
				} else {
					runs = append(runs, frag{" ", style{}})
				}
			}
			if n := len(runs); n > 0 && runs[n-1].st == f.st {
				runs[n-1].text += f.text
			} else {
				runs = append(runs, f)
			}
		}
	}
	t.drawWord(family, runs, x, y, size)
}
