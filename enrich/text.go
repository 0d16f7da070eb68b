package enrich

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/chemores/chemores/internal/lazyre"
	"github.com/chemores/chemores/internal/textutil"
)

// markup is what Crossref titles carry from JATS and MathML.
var markup = lazyre.New(`<[^>]{1,80}>|&(?:amp|lt|gt|quot|#\d+);`)

// fold lowercases s, drops accents, spells out Greek letters (as
// normalize does: textutil.GreekName), turns
// every other non-alphanumeric rune into a space and collapses spaces:
// the form titles, names and journals are compared in.
func fold(s string) string {
	s = markup().ReplaceAllStringFunc(s, func(m string) string {
		if m == "&amp;" {
			return " and "
		}
		return " "
	})
	var b strings.Builder
	space := true
	for _, r := range norm.NFKD.String(s) {
		if g, ok := textutil.GreekName(r); ok {
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString(g)
			b.WriteByte(' ')
			space = true
			continue
		}
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining accent: dropped
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case r == '\'' || r == '’':
			// "Al'Khafaji", "Crohn's": keep the word whole
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

func tokens(s string) []string { return strings.Fields(fold(s)) }

// numbers are the digit runs in a folded title: "cancer statistics 2022"
// has {2022}. A cited title and its record must agree on them.
func numbers(folded string) []string {
	var ns []string
	for _, t := range strings.Fields(folded) {
		if t != "" && isDigits(t) {
			ns = append(ns, t)
		}
	}
	return ns
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// similarity compares two titles, 0 to 1: the better of an edit-distance
// ratio (robust to typos) and a token overlap (robust to reordering and
// to punctuation that printers drop).
func similarity(a, b string) float64 {
	fa, fb := fold(a), fold(b)
	if fa == "" || fb == "" {
		return 0
	}
	if fa == fb {
		return 1
	}
	// Titles are short; a runaway one must not cost quadratic time.
	ra, rb := cut([]rune(fa), maxTitle), cut([]rune(fb), maxTitle)
	lev := 1 - float64(textutil.Levenshtein(ra, rb))/float64(max(len(ra), len(rb)))
	return max(lev, dice(strings.Fields(fa), strings.Fields(fb)))
}

// dice is the Sørensen–Dice coefficient of two token multisets.
func dice(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, t := range a {
		count[t]++
	}
	common := 0
	for _, t := range b {
		if count[t] > 0 {
			count[t]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// maxTitle bounds the runes of a title compared by edit distance.
const maxTitle = 400

func cut(r []rune, n int) []rune {
	if len(r) > n {
		return r[:n]
	}
	return r
}
