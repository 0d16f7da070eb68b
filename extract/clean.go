package extract

import (
	"strings"

	"github.com/chemores/chemores/internal/textutil"

	"golang.org/x/text/unicode/norm"
)

// Clean turns the markdown-flavoured text that PDF converters emit into
// plain Unicode text: *italics* and **bold** lose their markers, LaTeX
// math ($\text{H}_2\text{O}$) becomes H₂O, _{sub} and ^{sup} become
// Unicode sub- and superscripts where every character has one, Greek
// letters spaced out by the converter ("TGF- β", "NF- κ B") are closed
// up, and whitespace runs (line breaks included) become one space.
//
// base is the code point offset of text[0] in the source, or -1 when the
// source has no offsets (PDF). The returned align pairs [output offset,
// source offset] mark every point where the two stop moving in step; see
// SourceOffset.
func Clean(text string, base int) (string, [][2]int) {
	if !norm.NFC.IsNormalString(text) {
		// Composing can merge code points; do it first so that the
		// offsets below refer to what is written. Sources are NFC in
		// practice, so the alignment loss here is rare and local.
		text = norm.NFC.String(text)
	}
	if base < 0 && isPlain(text) {
		return text, nil
	}
	c := cleaner{in: []rune(text), base: base}
	c.skip = make([]bool, len(c.in))
	markEmphasis(c.in, c.skip)
	markGreekSpaces(c.in, c.skip)
	c.run()
	return c.out.String(), c.align
}

// isPlain reports text that Clean would return unchanged: printable
// ASCII without markup characters, single spaces, no leading or trailing
// space. Most headings and short lines are.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '*' || c == '$' || c == '_' || c == '^' || c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			return false
		}
	}
	return true
}

// CleanText is Clean without the alignment.
func CleanText(text string) string {
	s, _ := Clean(text, -1)
	return s
}

// SourceOffset maps a code point offset in a cleaned text back to the
// source, given the text's alignment and the source offset of its start.
func SourceOffset(align [][2]int, start, i int) int {
	src := start + i
	for _, a := range align {
		if a[0] > i {
			break
		}
		src = a[1] + (i - a[0])
	}
	return src
}

type cleaner struct {
	in    []rune
	skip  []bool // emphasis markers and spaces around Greek letters
	base  int
	out   strings.Builder
	n     int // code points written
	align [][2]int
	space bool // a space is pending
}

func (c *cleaner) run() {
	in := c.in
	for i := 0; i < len(in); {
		r := in[i]
		switch {
		case c.skip[i]:
			i++
		case textutil.IsSpace(r):
			c.space = c.n > 0
			i++
		case r == '$':
			if j := closing(in, i+1, '$', 400); j > i+1 {
				c.emit(renderMath(in[i+1:j]), i)
				i = j + 1
				continue
			}
			c.copy(i)
			i++
		case (r == '_' || r == '^') && i+1 < len(in) && in[i+1] == '{':
			if j := closing(in, i+2, '}', 80); j > i+2 {
				c.emit(strings.TrimSpace(script(r, in[i+2:j])), i)
				i = j + 1
				continue
			}
			c.copy(i)
			i++
		case textutil.IsInvisible(r):
			i++
		case r == '\u2010' || r == '\u2011': // hyphen, non-breaking hyphen
			c.emit("-", i)
			i++
		case r >= 'ﬀ' && r <= 'ﬄ':
			c.emit(ligatures[r], i)
			i++
		default:
			c.copy(i)
			i++
		}
	}
}

var ligatures = map[rune]string{'ﬁ': "fi", 'ﬂ': "fl", 'ﬀ': "ff", 'ﬃ': "ffi", 'ﬄ': "ffl"}

// closing returns the index of the first end rune after from, within
// limit runes and not across a blank line, or -1.
func closing(in []rune, from int, end rune, limit int) int {
	for j := from; j < len(in) && j < from+limit; j++ {
		if in[j] == end {
			return j
		}
		if in[j] == '\n' && j+1 < len(in) && in[j+1] == '\n' {
			return -1
		}
	}
	return -1
}

// flush writes a pending space.
func (c *cleaner) flush() {
	if c.space {
		c.out.WriteByte(' ')
		c.n++
		c.space = false
	}
}

// copy writes in[i] unchanged, anchoring when the offsets drifted.
func (c *cleaner) copy(i int) {
	c.flush()
	if c.base >= 0 {
		want := c.base + i
		got := c.base + c.n
		if k := len(c.align); k > 0 {
			got = c.align[k-1][1] + c.n - c.align[k-1][0]
		}
		if got != want {
			c.align = append(c.align, [2]int{c.n, want})
		}
	}
	c.out.WriteRune(c.in[i])
	c.n++
}

// emit writes s in place of source material starting at in[i].
func (c *cleaner) emit(s string, i int) {
	if strings.TrimSpace(s) == "" {
		c.space = c.space || s != "" && c.n > 0 // "^{ }" is a space at most
		return
	}
	c.flush()
	if c.base >= 0 {
		c.align = append(c.align, [2]int{c.n, c.base + i})
	}
	c.out.WriteString(s)
	c.n += len([]rune(s))
}

// markEmphasis marks the asterisks of *emphasis* and **strong** runs: an
// opening run followed by a non-space, closed by a run of the same length
// after a non-space in the same paragraph. A lone '*' (a footnote mark,
// "*Contributed equally") stays.
func markEmphasis(in []rune, skip []bool) {
	for i := 0; i < len(in); i++ {
		if in[i] != '*' || skip[i] {
			continue
		}
		k := i
		for k < len(in) && in[k] == '*' {
			k++
		}
		n := k - i
		if n > 2 || k >= len(in) || textutil.IsSpace(in[k]) || (i > 0 && textutil.IsWordRune(in[i-1])) {
			i = k - 1
			continue
		}
		end := -1
		for j := k + 1; j < len(in) && j < k+600; j++ {
			if in[j] == '\n' && j+1 < len(in) && in[j+1] == '\n' {
				break
			}
			if in[j] != '*' {
				continue
			}
			m := j
			for m < len(in) && in[m] == '*' {
				m++
			}
			if m-j == n && !textutil.IsSpace(in[j-1]) && (m >= len(in) || !textutil.IsWordRune(in[m])) {
				end = j
				break
			}
			j = m - 1
		}
		if end < 0 {
			i = k - 1
			continue
		}
		for x := i; x < k; x++ {
			skip[x] = true
		}
		for x := end; x < end+n; x++ {
			skip[x] = true
		}
		i = k - 1
	}
}
