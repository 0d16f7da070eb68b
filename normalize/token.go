package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"

	"github.com/chemores/chemores/internal/textutil"
)

// Token classes.
const (
	tokWord   = iota + 1 // a run of Latin (or other) letters
	tokNum               // a run of digits
	tokGreek             // one Greek letter, folded to its name ("β" -> "beta")
	tokScript            // a run of sub- or superscript characters ("ₘᵤₜ", "⁺")
	tokPunct             // any other visible character
	tokPlural            // a plural "s" split off a symbol: "MSCs" -> "msc" "s"
	tokPrefix            // a species prefix split off a symbol: "hTERT" -> "h" "tert"
)

// Separators: what lies between a token and the one before it.
const (
	sepNone   = iota // attached: "CTR" "1" in "CTR1"
	sepHyphen        // one hyphen or dash: "P" "gp" in "P-gp"
	sepSpace         // white space, possibly around a hyphen: "HIF-1 α"
	sepOther         // anything else (the start of the text, punctuation)
)

// token is a piece of text the matcher compares, with its byte span in
// the text it came from. The text is never rewritten: tokens carry a
// folded form (norm) for comparison and the source span for offsets, which
// is the whole map back from normalized to source text.
type token struct {
	start, end int    // byte offsets in the source text
	norm       string // lower case, NFC, Greek spelled out
	class      uint8
	sep        uint8 // separator before this token
	upper      uint8 // number of upper-case letters
	lower      uint8 // number of lower-case letters
}

func greekName(r rune) (string, bool) { return textutil.GreekName(r) }

// isScript reports sub- and superscript characters: the extract stage
// renders "DNMT3A_{mut}" as "DNMT3Aₘᵤₜ" and keeps "Sox2⁺"; a change into
// them ends a name.
func isScript(r rune) bool {
	if r < 0xB2 {
		return false
	}
	switch {
	case r >= 0x2070 && r <= 0x209F: // superscripts and subscripts block
		return true
	case r == 0xB2 || r == 0xB3 || r == 0xB9: // ² ³ ¹
		return true
	case r >= 0x1D2C && r <= 0x1D6A: // modifier letters (ᵃ ᵇ ᵢ ᵤ ...)
		return true
	case r >= 0x1D9B && r <= 0x1DBF:
		return true
	case r == 0x2C7C: // ⱼ
		return true
	}
	return false
}

func isDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uFE63', '\uFF0D':
		return true
	}
	return false
}

// tokenize splits text into tokens. Letters and digits form separate
// tokens ("CTR1" -> "ctr" "1"), each Greek letter is a token, a run of
// sub- or superscript characters is one token, and separators are
// recorded rather than kept. A lower-case Greek name inside a word after
// capitals ("TGFbeta", "NFkappaB") is split off.
func tokenize(text string) []token {
	return tokenizeInto(make([]token, 0, len(text)/4+1), text, nil)
}

// tokenizeInto appends the tokens of text to toks[:0], reusing its memory.
// With scratch, lower-cased ASCII words are written there instead of
// allocated: their norms are then valid only until the next call with the
// same scratch, which suits building the index, where a name's tokens
// are hashed and dropped.
func tokenizeInto(toks []token, text string, scratch *[]byte) []token {
	toks = toks[:0]
	if scratch != nil {
		if cap(*scratch) < len(text) {
			*scratch = make([]byte, 0, 2*len(text)+64)
		}
		*scratch = (*scratch)[:0]
	}
	var buf []byte
	prevEnd := -1 // end of the previous token; -1 before the first
	emit := func(t token, start, end int) {
		t.start, t.end = start, end
		t.sep = gapSep(text, prevEnd, start)
		prevEnd = end
		if t.class == tokWord {
			toks = appendSplitGreek(toks, t, text)
		} else {
			toks = append(toks, t)
		}
	}
	i := 0
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII fast path: words of letters, numbers, punctuation.
			start := i
			var t token
			switch {
			case c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
				i++
				continue
			case c >= '0' && c <= '9':
				for i < len(text) && text[i] >= '0' && text[i] <= '9' {
					i++
				}
				t = token{class: tokNum, norm: text[start:i]}
			case isUpperASCII(c) || isLowerASCII(c):
				var up, lo int
				for i < len(text) && (isUpperASCII(text[i]) || isLowerASCII(text[i])) {
					if isUpperASCII(text[i]) {
						up++
					} else {
						lo++
					}
					i++
				}
				if i < len(text) && text[i] >= utf8.RuneSelf {
					i = start // letters go on beyond ASCII: the general path
					break
				}
				w := text[start:i]
				if up > 0 {
					w = lowerASCII(w, scratch)
				}
				t = token{class: tokWord, norm: w, upper: clamp8(up), lower: clamp8(lo)}
			default:
				i++
				t = token{class: tokPunct, norm: text[start:i]}
			}
			if i > start {
				emit(t, start, i)
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) || isDash(r) {
			i += n
			continue
		}
		start := i
		var t token
		switch {
		case isScript(r):
			for i < len(text) {
				r, n := utf8.DecodeRuneInString(text[i:])
				if !isScript(r) {
					break
				}
				i += n
			}
			t = token{class: tokScript, norm: text[start:i]}
		case isGreek(r):
			name, _ := greekName(r)
			i += n
			t = token{class: tokGreek, norm: name}
			if unicode.IsUpper(r) {
				t.upper = 1
			} else {
				t.lower = 1
			}
		case unicode.IsDigit(r):
			for i < len(text) {
				r, n := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsDigit(r) || isScript(r) {
					break
				}
				i += n
			}
			t = token{class: tokNum, norm: text[start:i]}
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			buf = buf[:0]
			var up, lo int
			for i < len(text) {
				r, n := utf8.DecodeRuneInString(text[i:])
				if !(unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)) || isGreek(r) || isScript(r) {
					break
				}
				if unicode.IsUpper(r) {
					up++
				} else if unicode.IsLower(r) {
					lo++
				}
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
				i += n
			}
			w := string(buf)
			if !isASCII(w) {
				w = norm.NFC.String(w)
			}
			t = token{class: tokWord, norm: w, upper: clamp8(up), lower: clamp8(lo)}
		default:
			i += n
			t = token{class: tokPunct, norm: text[start:i]}
		}
		emit(t, start, i)
	}
	return toks
}

// gapSep classifies what lies between two tokens: only white space and
// dashes can, since every other character is a token.
func gapSep(text string, prevEnd, start int) uint8 {
	if prevEnd < 0 {
		return sepOther
	}
	gap := text[prevEnd:start]
	switch {
	case gap == "":
		return sepNone
	case strings.IndexFunc(gap, unicode.IsSpace) >= 0:
		return sepSpace
	case utf8.RuneCountInString(gap) == 1:
		return sepHyphen
	}
	return sepSpace
}

// appendSplitGreek appends a word token, split where a lower-case Greek
// name follows capitals ("TGFbeta" -> "tgf" "beta", "NFkappaB" -> "nf"
// "kappa" "b").
func appendSplitGreek(toks []token, t token, text string) []token {
	src := text[t.start:t.end]
	if n := len(src); n >= 4 && src[0] == 'h' && t.lower == 1 && t.upper == uint8(n-1) && isASCII(src) {
		// A human-species prefix: "hTERT", "hMLH1".
		w := wordToken(src[1:], t.start+1, sepNone)
		return append(toks, token{start: t.start, end: t.start + 1, norm: "h", class: tokPrefix, sep: t.sep, lower: 1}, w)
	}
	if n := len(src); n >= 3 && src[n-1] == 's' && t.lower == 1 && t.upper >= 2 && isASCII(src) {
		// A plural symbol: "MSCs", "TKIs", "DSBs".
		w := wordToken(src[:n-1], t.start, t.sep)
		return append(toks, w, token{start: t.end - 1, end: t.end, norm: "s", class: tokPlural, sep: sepNone, lower: 1})
	}
	if t.upper == 0 || t.lower < 2 || !isASCII(src) {
		return append(toks, t)
	}
	// Find lower-case runs preceded by an upper-case letter.
	i := 0
	for i < len(src) {
		if !isLowerASCII(src[i]) || i == 0 || !isUpperASCII(src[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(src) && isLowerASCII(src[j]) {
			j++
		}
		if textutil.IsGreekName(src[i:j]) {
			var parts []token
			if i > 0 {
				parts = append(parts, wordToken(src[:i], t.start, t.sep))
			}
			parts = append(parts, token{start: t.start + i, end: t.start + j, norm: src[i:j], class: tokGreek, sep: sepNone, lower: 1})
			if j < len(src) {
				parts = append(parts, wordToken(src[j:], t.start+j, sepNone))
			}
			if i == 0 {
				parts[0].sep = t.sep
			}
			return append(toks, parts...)
		}
		i = j
	}
	return append(toks, t)
}

// lowerASCII lower-cases an ASCII word, into scratch when given (which
// never grows here: it holds at least the whole text).
func lowerASCII(w string, scratch *[]byte) string {
	if scratch == nil {
		return strings.ToLower(w)
	}
	b := *scratch
	n := len(b)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if isUpperASCII(c) {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	*scratch = b
	return unsafe.String(&b[n], len(w))
}

func wordToken(s string, start int, sep uint8) token {
	var up, lo int
	for i := 0; i < len(s); i++ {
		if isUpperASCII(s[i]) {
			up++
		} else if isLowerASCII(s[i]) {
			lo++
		}
	}
	return token{start: start, end: start + len(s), norm: strings.ToLower(s), class: tokWord, sep: sep, upper: clamp8(up), lower: clamp8(lo)}
}

func isGreek(r rune) bool {
	_, ok := greekName(r)
	return ok
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isLowerASCII(b byte) bool { return b >= 'a' && b <= 'z' }
func isUpperASCII(b byte) bool { return b >= 'A' && b <= 'Z' }

func clamp8(n int) uint8 {
	if n > 255 {
		return 255
	}
	return uint8(n)
}

// isName reports whether a token can be part of a name.
func (t *token) isName() bool {
	return t.class == tokWord || t.class == tokNum || t.class == tokGreek
}
