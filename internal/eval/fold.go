package eval

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/chemores/chemores/internal/textutil"
)

// fold lowercases s, strips accents, turns punctuation into spaces and
// collapses runs of space: "Étya’ale, D." and "Etya'ale D" fold alike
// except for the apostrophe, which goes too.
func fold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case r == '\'' || r == '’' || r == 'ʼ':
			// Inside a name: O'Brien, Etya'ale.
			continue
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// compact is fold without spaces, for pages, volumes and DOIs.
func compact(s string) string { return strings.ReplaceAll(fold(s), " ", "") }

// similarity is 1 - edit distance / longer length, over code points.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	longer := max(len(ra), len(rb))
	return 1 - float64(textutil.Levenshtein(ra, rb))/float64(longer)
}

// dice is the Dice coefficient of the two strings' word sets: cheap
// enough to compare every reference with every other when aligning.
func dice(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	set := make(map[string]int, len(a))
	for _, w := range a {
		set[w]++
	}
	common := 0
	for _, w := range b {
		if set[w] > 0 {
			set[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// titleMatch is the README's rule for titles: similarity of at least 0.9
// after folding.
func titleMatch(got, want string) bool {
	return similarity(fold(got), fold(want)) >= 0.9
}

// stop words that journal abbreviations drop (ISO 4).
var journalStop = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true,
	"de": true, "la": true, "le": true, "des": true, "du": true, "der": true,
	"und": true, "a": true, "an": true, "at": true, "y": true, "e": true, "do": true, "da": true,
}

// journalMatch is the README's rule for journals: the same title after
// folding (similarity ≥ 0.9), or one an abbreviation of the other.
func journalMatch(got, want string) bool {
	g, w := fold(got), fold(want)
	if g == "" || w == "" {
		return false
	}
	if similarity(g, w) >= 0.9 {
		return true
	}
	return abbreviates(strings.Fields(g), strings.Fields(w)) || abbreviates(strings.Fields(w), strings.Fields(g))
}

// abbreviates says whether short abbreviates full word by word: each
// word of short shortens the next word of full ("Clin" for "Clinical",
// "Natl" for "National"), or the initials of several ("USA" for "United States of
// America"); full's stop words may be skipped, and every other word of
// full must be accounted for.
func abbreviates(short, full []string) bool {
	if len(short) == 0 || len(short) > len(full) {
		return false
	}
	var walk func(i, j int) bool
	walk = func(i, j int) bool {
		if i == len(short) {
			for ; j < len(full); j++ {
				if !journalStop[full[j]] {
					return false
				}
			}
			return true
		}
		if j == len(full) {
			return false
		}
		if journalStop[full[j]] && walk(i, j+1) {
			return true
		}
		if shortens(short[i], full[j]) && walk(i+1, j+1) {
			return true
		}
		// Initials across words, stop words skipped: "USA", "PLoS".
		s := []rune(short[i])
		k, m := j, 0
		for m < len(s) && k < len(full) {
			switch {
			case journalStop[full[k]]:
				k++
			case strings.HasPrefix(full[k], string(s[m])):
				k++
				m++
			default:
				m = len(s) + 1
			}
		}
		return m == len(s) && k > j+1 && walk(i+1, k)
	}
	return walk(0, 0)
}

// shortens: abbr keeps full's first letter and some of the others in
// order, as ISO 4 abbreviations do ("Natl", "Res", "Ther").
func shortens(abbr, full string) bool {
	a, f := []rune(abbr), []rune(full)
	if len(a) == 0 || len(f) == 0 || a[0] != f[0] || len(a) > len(f) {
		return false
	}
	j := 1
	for _, r := range a[1:] {
		for j < len(f) && f[j] != r {
			j++
		}
		if j == len(f) {
			return false
		}
		j++
	}
	return true
}
