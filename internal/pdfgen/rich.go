package main

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/extract"
)

// style of a piece of text.
type style struct {
	bold, italic bool
	script       int // 1 superscript, -1 subscript
}

// frag is a piece of a word in one style.
type frag struct {
	text string
	st   style
}

// word is what the line breaker moves: fragments with no space between.
type word []frag

func (w word) String() string {
	var b strings.Builder
	for _, f := range w {
		b.WriteString(f.text)
	}
	return b.String()
}

// rich parses the markup of one paragraph into words. base is the style
// of unmarked text. Greek letters that a converter spaced out ("TGF- β")
// are closed up first, by the extract stage's cleaner, so that the PDF
// prints what the publisher printed.
func rich(raw string, base style) []word {
	var words []word
	var cur word
	flush := func() {
		if len(cur) > 0 {
			words = append(words, cur)
			cur = nil
		}
	}
	add := func(text string, st style) {
		for i, part := range strings.Split(text, " ") {
			if i > 0 {
				flush()
			}
			if part != "" {
				cur = append(cur, frag{part, st})
			}
		}
	}
	for _, r := range runs(raw, base) {
		add(r.text, r.st)
	}
	flush()
	return words
}

// runs splits marked-up text into styled runs, with white space
// collapsed to single spaces.
func runs(raw string, base style) []frag {
	raw = strings.Join(strings.Fields(raw), " ")
	var out []frag
	plain := func(s string, st style) {
		if s == "" {
			return
		}
		lead, trail := strings.HasPrefix(s, " "), strings.HasSuffix(s, " ")
		t := extract.CleanText(s)
		if lead {
			t = " " + t
		}
		if trail && t != " " {
			t += " "
		}
		out = append(out, unicodeScripts(t, st)...)
	}
	rs := []rune(raw)
	start := 0
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '$':
			j := indexRune(rs, i+1, '$')
			if j < 0 {
				continue
			}
			plain(string(rs[start:i]), base)
			out = append(out, unicodeScripts(extract.CleanText(string(rs[i:j+1])), base)...)
			i, start = j, j+1
		case (rs[i] == '^' || rs[i] == '_') && i+1 < len(rs) && rs[i+1] == '{':
			j := indexRune(rs, i+2, '}')
			if j < 0 {
				continue
			}
			plain(string(rs[start:i]), base)
			st := base
			st.script = 1
			if rs[i] == '_' {
				st.script = -1
			}
			out = append(out, frag{string(rs[i+2 : j]), st})
			i, start = j, j+1
		case rs[i] == '*' && i+1 < len(rs) && rs[i+1] != ' ' && (i == 0 || !isWord(rs[i-1])):
			n := 1
			if rs[i+1] == '*' {
				n = 2
			}
			j := closeEmphasis(rs, i+n, n)
			if j < 0 {
				continue
			}
			plain(string(rs[start:i]), base)
			st := base
			if n == 1 {
				st.italic = true
			} else {
				st.bold = true
			}
			for _, r := range runs(string(rs[i+n:j]), st) {
				out = append(out, r)
			}
			i, start = j+n-1, j+n
		}
	}
	plain(string(rs[start:]), base)
	return out
}

func indexRune(rs []rune, from int, r rune) int {
	for j := from; j < len(rs) && j < from+400; j++ {
		if rs[j] == r {
			return j
		}
	}
	return -1
}

// closeEmphasis finds the n asterisks that close an emphasis opened
// before from: after a non-space, not followed by a word character.
func closeEmphasis(rs []rune, from, n int) int {
	for j := from + 1; j+n <= len(rs); j++ {
		if rs[j] != '*' || rs[j-1] == ' ' {
			continue
		}
		if n == 2 && (j+1 >= len(rs) || rs[j+1] != '*') {
			continue
		}
		if j+n < len(rs) && isWord(rs[j+n]) {
			continue
		}
		return j
	}
	return -1
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

var supForms = map[rune]rune{'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁺': '+', '⁻': '-', 'ⁿ': 'n'}
var subForms = map[rune]rune{'₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9', '₊': '+', '₋': '-', 'ₘ': 'm', 'ᵤ': 'u', 'ₜ': 't', 'ₐ': 'a', 'ₑ': 'e', 'ₓ': 'x'}

// unicodeScripts prints Unicode super- and subscript characters as a
// typesetter would: smaller base characters, raised or lowered.
func unicodeScripts(s string, st style) []frag {
	var out []frag
	var b strings.Builder
	cur := st
	emit := func() {
		if b.Len() > 0 {
			out = append(out, frag{b.String(), cur})
			b.Reset()
		}
	}
	for _, r := range s {
		want := st
		if c, ok := supForms[r]; ok {
			want.script, r = 1, c
		} else if c, ok := subForms[r]; ok {
			want.script, r = -1, c
		}
		if want != cur {
			emit()
			cur = want
		}
		b.WriteRune(r)
	}
	emit()
	return out
}

// hyphenPoints returns the byte offsets where a word may break: after an
// explicit hyphen, dash or slash (the mark stays, nothing is added), and
// between syllables of a long lower-case word (a hyphen is added).
func hyphenPoints(w string) (explicit, soft []int) {
	rs := []rune(w)
	off := 0
	offs := make([]int, len(rs)+1)
	for i, r := range rs {
		offs[i] = off
		off += utf8.RuneLen(r)
	}
	offs[len(rs)] = off
	for i, r := range rs {
		if (r == '-' || r == '—' || r == '/') && i >= 1 && i <= len(rs)-3 {
			explicit = append(explicit, offs[i+1])
		}
	}
	// Soft breaks only in plain lower-case words: the letters with the
	// punctuation that may follow them.
	core := strings.TrimRight(w, ".,;:)'’\"")
	cr := []rune(core)
	if len(cr) < 7 {
		return explicit, nil
	}
	for _, r := range cr {
		if r < 'a' || r > 'z' {
			return explicit, nil
		}
	}
	for k := 3; k <= len(cr)-3; k++ {
		a, b, c := cr[k-1], cr[k], cr[k+1]
		vcv := vowel(a) && !vowel(b) && vowel(c)
		vccv := k >= 2 && vowel(cr[k-2]) && !vowel(a) && !vowel(b) && vowel(c) && !digraph(a, b)
		if vcv || vccv {
			soft = append(soft, offs[k])
		}
	}
	return explicit, soft
}

func vowel(r rune) bool { return strings.ContainsRune("aeiouy", r) }

func digraph(a, b rune) bool {
	switch string([]rune{a, b}) {
	case "th", "ch", "sh", "ph", "wh", "ck", "gh", "qu", "ng", "nk":
		return true
	}
	return false
}
