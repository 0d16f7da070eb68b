package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbrevDef is an abbreviation defined in a paragraph, with byte offsets.
type abbrevDef struct {
	short, long          string
	start, end           int // the whole definition, parentheses included
	shortStart, shortEnd int
	longStart, longEnd   int
	fromLexicon          bool // paired by the lexicon, not by letters
}

// findAbbrevs finds abbreviation definitions in one sentence of text,
// after Schwartz & Hearst (2003): "long form (SF)" and "SF (long form)".
// The letters of the short form must appear in order in the long form,
// the first one at the start of a word, so the short form may sit inside
// a longer name: "copper ion transporter protein 1 (CTR1)".
func findAbbrevs(text string, s span) []abbrevDef {
	var out []abbrevDef
	seg := text[s.start:s.end]
	for i := 0; i < len(seg); i++ {
		if seg[i] != '(' {
			continue
		}
		j := closing(seg, i)
		if j < 0 {
			continue
		}
		inner := seg[i+1 : j]
		if k := strings.IndexAny(inner, ";,"); k >= 0 {
			inner = inner[:k]
		}
		inner = strings.TrimSpace(inner)
		if d, ok := longBefore(seg, i, j, inner); ok {
			out = append(out, d.shift(s.start))
		} else if d, ok := shortBefore(seg, i, j); ok {
			out = append(out, d.shift(s.start))
		}
		i = j
	}
	return out
}

func (d abbrevDef) shift(off int) abbrevDef {
	d.start += off
	d.end += off
	d.shortStart += off
	d.shortEnd += off
	d.longStart += off
	d.longEnd += off
	return d
}

// closing finds the parenthesis that closes the one at i, allowing one
// level of nesting.
func closing(s string, i int) int {
	depth := 0
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// validShort applies Schwartz & Hearst's conditions, plus one capital:
// two to ten characters, at most two words, starting with a letter or
// digit, holding a letter.
func validShort(sf string) bool {
	n := utf8.RuneCountInString(sf)
	if n < 2 || n > 10 || strings.Count(sf, " ") > 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(sf)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	upper := false
	for _, r := range sf {
		if unicode.IsUpper(r) {
			upper = true
		}
		if r == '.' || r == '=' || r == '<' || r == '>' || r == '%' {
			return false // "Fig. 3", "n=5", "P<0.05"
		}
	}
	return upper
}

// longBefore tries "long form (SF)": the long form ends before the
// parenthesis, within min(|SF|+5, 2|SF|) words.
func longBefore(seg string, open, close int, sf string) (abbrevDef, bool) {
	if !validShort(sf) {
		return abbrevDef{}, false
	}
	n := utf8.RuneCountInString(strings.ReplaceAll(sf, " ", ""))
	maxWords := min(n+5, 2*n)
	before := strings.TrimRight(seg[:open], " \t")
	ws := wordStarts(before)
	from := 0
	if len(ws) > maxWords {
		from = ws[len(ws)-maxWords]
	}
	window := before[from:]
	k, ok := bestLong(sf, window)
	if !ok {
		return abbrevDef{}, false
	}
	k = colonCompound(window, k, sf)
	long := window[k:]
	if utf8.RuneCountInString(long) <= utf8.RuneCountInString(sf) || strings.Contains(long, sf) {
		return abbrevDef{}, false
	}
	ss := open + 1 + strings.Index(seg[open+1:close], sf)
	return abbrevDef{
		short: sf, long: long,
		start: from + k, end: close + 1,
		shortStart: ss, shortEnd: ss + len(sf),
		longStart: from + k, longEnd: len(before),
	}, true
}

// colonCompound moves the start k of a long form back over a word joined
// to it by a colon, as chemical names of copolymers are written
// ("polyinosinic:polycytidylic acid (Poly I:C)", "polyinosinic:
// Polycytidylic acid (Poly IC)"): the shortest long form would keep the
// second half of the name only. It moves only when the joined word starts
// with the short form's first letter, as the whole name then does.
func colonCompound(window string, k int, sf string) int {
	before := strings.TrimRight(window[:k], " ")
	if !strings.HasSuffix(before, ":") {
		return k
	}
	before = before[:len(before)-1]
	i := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) }) + 1
	word := before[i:]
	first, _ := utf8.DecodeRuneInString(sf)
	w, _ := utf8.DecodeRuneInString(word)
	if utf8.RuneCountInString(word) < 3 || unicode.ToLower(w) != unicode.ToLower(first) {
		return k
	}
	return i
}

// shortBefore tries "SF (long form)": the word before the parenthesis is
// the short form and the parenthesis holds a longer phrase.
func shortBefore(seg string, open, close int) (abbrevDef, bool) {
	inner := seg[open+1 : close]
	if k := strings.IndexAny(inner, ";,"); k >= 0 {
		inner = inner[:k]
	}
	long := strings.TrimSpace(inner)
	if strings.Count(long, " ") < 1 {
		return abbrevDef{}, false
	}
	before := strings.TrimRight(seg[:open], " \t")
	ws := wordStarts(before)
	if len(ws) == 0 {
		return abbrevDef{}, false
	}
	sf := strings.TrimRight(before[ws[len(ws)-1]:], ",;:")
	if !validShort(sf) || strings.Contains(sf, " ") {
		return abbrevDef{}, false
	}
	k, ok := bestLong(sf, long)
	if !ok || k != 0 || utf8.RuneCountInString(long) <= utf8.RuneCountInString(sf) {
		return abbrevDef{}, false
	}
	ss := ws[len(ws)-1]
	ls := open + 1 + strings.Index(seg[open+1:close], long)
	return abbrevDef{
		short: sf, long: long,
		start: ss, end: close + 1,
		shortStart: ss, shortEnd: ss + len(sf),
		longStart: ls, longEnd: ls + len(long),
	}, true
}

// wordStarts returns the byte offsets where space-separated words start.
func wordStarts(s string) []int {
	var out []int
	prevSpace := true
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && prevSpace {
			out = append(out, i)
		}
		prevSpace = sp
	}
	return out
}

// bestLong is Schwartz & Hearst's matching: walk the short form's letters
// and digits from the end, finding each in the long form from the end;
// the first must start a word. It returns the byte offset where the long
// form starts.
func bestLong(sf, lf string) (int, bool) {
	s := []rune(sf)
	var l []rune
	var at []int // byte offset of each rune of lf
	for i, r := range lf {
		l = append(l, r)
		at = append(at, i)
	}
	si, li := len(s)-1, len(l)-1
	for si >= 0 {
		c := unicode.ToLower(s[si])
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			si--
			continue
		}
		for li >= 0 && (unicode.ToLower(l[li]) != c ||
			(si == 0 && li > 0 && (unicode.IsLetter(l[li-1]) || unicode.IsDigit(l[li-1])))) {
			li--
		}
		if li < 0 {
			return 0, false
		}
		li--
		si--
	}
	return at[li+1], true
}
