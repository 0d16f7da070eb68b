// Package textutil holds the small text tests that extract's text
// builder and its PDF layout both make: which runes are spaces or
// invisible, where a sentence ends, and which headings open a
// reference list; and the one spelling of Greek letters that normalize
// (names) and enrich (titles) compare in.
//
// In: strings and runes. Out: yes or no, a heading's lookup key, a
// letter's name.
package textutil

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsInvisible reports the characters that take no room: soft hyphen,
// zero-width spaces and joiners, the byte-order mark.
func IsInvisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

// IsSpace reports the white space a converter may leave between words:
// ASCII space and controls, no-break and the typographic spaces.
func IsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2009', '\u202f', '\u2002', '\u2003', '\u2007', '\u200a':
		return true
	}
	return false
}

// IsWordRune reports the runes of a word: letters, digits, underscore.
func IsWordRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && unicode.IsLetter(r)
}

// EndsSentence: the text ends with sentence-final punctuation, possibly
// followed by closing quotes or brackets.
func EndsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'’”)]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '?' || r == '!' || r == ':'
}

// StartsLower: the text starts with a lower-case letter.
func StartsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// Abbreviate cuts s to n code points, marking the cut with "…".
func Abbreviate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

// HeadingKey is how a heading is looked up: trimmed of a final colon or
// period, spaces collapsed, curly apostrophes straightened, lower case.
func HeadingKey(text string) string {
	t := strings.TrimSpace(text)
	t = strings.TrimRight(t, ":. ")
	t = strings.Join(strings.Fields(t), " ")
	t = strings.ReplaceAll(t, "’", "'")
	return strings.ToLower(t)
}

// ReferenceHeadings head a reference list, as HeadingKey gives them;
// English first, then the languages of the journals that publish in
// several.
var ReferenceHeadings = map[string]bool{
	"references": true, "reference": true, "bibliography": true, "literature cited": true,
	"references and notes": true, "works cited": true, "cited literature": true,
	"references cited": true, "reference list": true, "cited references": true, "literature": true,
	"sources": true, "notes and references": true,
	"referências": true, "referências bibliográficas": true, "referencias": true,
	"referencias bibliográficas": true, "bibliografía": true, "références": true,
	"références bibliographiques": true, "literatur": true, "literaturverzeichnis": true,
	"bibliografia": true, "riferimenti bibliografici": true,
}
