package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/chemores/chemores/internal/lazyre"
)

// StyleAuthorYear marks an author–year callout: "(Smith et al., 2010;
// Lee & Kim 2012a)" or "Smith and Jones (2010)".
const StyleAuthorYear = "author_year"

// Author–year callouts (Harvard, APA, Chicago; Cell, Elsevier, Springer,
// Frontiers, PeerJ, Copernicus): a group is one or more citations, each a
// name part (one surname, two joined by "and" or "&", a list ending in
// "and", or a surname and "et al.") and one or more years, each perhaps
// with the letter that tells two works of one author and year apart.
const (
	ayPart  = `(?:(?:[vV]an|[vV]on|[dD]e|[dD]a|[dD]el|[dD]er|[dD]en|[dD]i|[dD]u|[lL]a|[lL]e|[dD]os|[dD]as|[tT]er)\s+)*\p{Lu}[\p{L}\p{M}'’\-]*\p{L}`
	ayName  = ayPart + `(?:\s+` + ayPart + `){0,2}` // "da Cruz Cabral"; "Recently Smith" is trimmed by lookup
	ayOrg   = `\p{Lu}[\p{L}\p{M}&'’\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}&'’\-]*|of|and|for|the)){0,5}`
	ayNames = `(?:` + ayName + `(?:\s+et\s+al\.?|\s+(?:and|&)\s+` + ayName + `|(?:,\s*` + ayName + `)+,?\s+(?:and|&)\s+` + ayName + `)?|` + ayOrg + `)`
	ayYear  = `(?:1[5-9]|20)\d{2}[a-z]?`
	ayYears = ayYear + `(?:\s*,\s*(?:` + ayYear + `|[a-z]\b))*`
)

// The callout patterns are large; they are compiled when a document
// first needs them (most cite by number), not when the program starts.
var (
	// One citation inside parentheses: "e.g., Smith et al., 2010a, b",
	// "see Ulrich et al., 2007 for the protocol".
	ayItem = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^\s*(?:(?:e\.g\.|i\.e\.|see also|see|cf\.|reviewed in|reviewed by|for a review,? see|as in)[,:]?\s+)?(` + ayNames + `)\s*,?\s+(` + ayYears + `)(?:\s*,\s*(?:p|pp)\.\s*[\d–-]+)?(?:\s+\p{Ll}[^;]*)?\s*$`)
	})
	// A narrative citation: "Smith et al. (2010)", "Smith and Jones (2010, 2012)".
	ayNarrative = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(` + ayNames + `)\s+\((` + ayYears + `)\)`)
	})
	ayYearIn = lazyre.New(`\b(` + ayYear + `)\b`)
)

// ayKey is what a reference offers to author–year callouts.
type ayKey struct {
	n       int
	names   []string // folded family names, in order
	org     string   // the bracketed short name of an organization ("CLSI")
	year    int
	letter  string
	authors int // authors printed; 3 or more when the list says et al.
}

// ayIndex looks references up by first author and year.
type ayIndex map[string][]ayKey

func newAYIndex(refs []Reference) ayIndex {
	idx := ayIndex{}
	for _, r := range refs {
		if len(r.Authors) == 0 || r.Year == 0 {
			continue
		}
		k := ayKey{n: r.N, year: r.Year, letter: yearLetter(r.Raw, r.Year), authors: len(r.Authors)}
		if r.EtAl && k.authors < 3 {
			k.authors = 3
		}
		for _, a := range r.Authors {
			k.names = append(k.names, foldName(a.Family))
		}
		if m := orgShort().FindStringSubmatch(r.Authors[0].Family); m != nil {
			k.org = foldName(m[1])
			idx[k.org] = append(idx[k.org], k)
		}
		idx[k.names[0]] = append(idx[k.names[0]], k)
	}
	// Letters the list does not print follow printed order (a, b, ...).
	for _, ks := range idx {
		byYear := map[int][]int{}
		for i, k := range ks {
			byYear[k.year] = append(byYear[k.year], i)
		}
		for _, is := range byYear {
			if len(is) < 2 {
				continue
			}
			for j, i := range is {
				if ks[i].letter == "" {
					ks[i].letter = string(rune('a' + j))
				}
			}
		}
	}
	return idx
}

var orgShort = lazyre.New(`[\[(](\p{Lu}{2,})[\])]`)

// yearLetter finds the letter printed after the year in a reference
// ("2020a", "(2020b)").
func yearLetter(raw string, year int) string {
	y := strconv.Itoa(year)
	for i := 0; ; {
		j := strings.Index(raw[i:], y)
		if j < 0 {
			return ""
		}
		at := i + j + len(y)
		if at < len(raw) && raw[at] >= 'a' && raw[at] <= 'z' && (at+1 == len(raw) || !unicode.IsLetter(rune(raw[at+1]))) {
			if i+j == 0 || !unicode.IsDigit(rune(raw[i+j-1])) {
				return string(raw[at])
			}
		}
		i = at
	}
}

func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// lookup finds the reference a citation names: the first author (an
// organization's short name will do) and the year, the letter when the
// list has two of that author and year, and the second author or "et
// al." when that is still not enough. Ambiguity leaves it unlinked.
func (idx ayIndex) lookup(names []string, etAl bool, year int, letter string) (int, bool) {
	if len(names) == 0 {
		return 0, false
	}
	var cands []ayKey
	for _, k := range idx[names[0]] {
		if k.year == year {
			cands = append(cands, k)
		}
	}
	if len(cands) > 1 && letter != "" {
		cands = filterAY(cands, func(k ayKey) bool { return k.letter == letter })
	}
	if len(cands) > 1 && len(names) > 1 {
		cands = filterAY(cands, func(k ayKey) bool { return len(k.names) > 1 && k.names[1] == names[1] })
	}
	if len(cands) > 1 {
		cands = filterAY(cands, func(k ayKey) bool { return etAl == (k.authors >= 3) })
	}
	if len(cands) != 1 {
		return 0, false
	}
	return cands[0].n, true
}

func filterAY(ks []ayKey, keep func(ayKey) bool) []ayKey {
	var out []ayKey
	for _, k := range ks {
		if keep(k) {
			out = append(out, k)
		}
	}
	return out
}

// ayCallout is an author–year group found in a paragraph.
type ayCallout struct {
	start, end int // byte offsets
	refs       []int
}

// scanAuthorYear finds the author–year callouts of a paragraph and links
// them. A name part that is not a known first author is tried without
// its leading words ("Recently Smith", "In Brazil").
func (idx ayIndex) scan(text string) []ayCallout {
	var out []ayCallout
	taken := make([]bool, len(text)+1)
	// Parenthetical groups, in parentheses or, as some journals set them
	// (and inside parentheses), in brackets.
	for i := 0; i < len(text); i++ {
		closer := byte(')')
		switch text[i] {
		case '(':
		case '[':
			closer = ']'
		default:
			continue
		}
		j := strings.IndexByte(text[i+1:], closer)
		if j < 0 || j > 400 {
			continue
		}
		body := text[i+1 : i+1+j]
		if !ayYearIn().MatchString(body) {
			continue
		}
		var refs []int
		for _, part := range strings.Split(body, ";") {
			m := ayItem().FindStringSubmatch(part)
			if m == nil {
				continue
			}
			refs = append(refs, idx.linkItem(m[1], m[2])...)
		}
		if len(refs) > 0 {
			out = append(out, ayCallout{start: i, end: i + j + 2, refs: dedupe(refs)})
			for k := i; k < i+j+2; k++ {
				taken[k] = true
			}
			i += j + 1
		}
	}
	// Narrative citations.
	for _, m := range ayNarrative().FindAllStringSubmatchIndex(text, -1) {
		if taken[m[0]] || taken[m[1]-1] {
			continue
		}
		refs := idx.linkItem(text[m[2]:m[3]], text[m[4]:m[5]])
		if len(refs) == 0 {
			continue
		}
		start := m[2] + idx.nameStart(text[m[2]:m[3]])
		out = append(out, ayCallout{start: start, end: m[1], refs: dedupe(refs)})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// linkItem links one name part and its years ("2010, 2012a", "2010a, b").
func (idx ayIndex) linkItem(namePart, years string) []int {
	names, etAl := splitAYNames(namePart)
	names = idx.trimLead(names)
	var out []int
	lastYear := 0
	for _, y := range strings.Split(years, ",") {
		y = strings.TrimSpace(y)
		year, letter := 0, ""
		switch {
		case len(y) >= 4 && isDigits(y[:4]):
			year, _ = strconv.Atoi(y[:4])
			letter = y[4:]
		case len(y) == 1 && lastYear > 0:
			year, letter = lastYear, y // "2010a, b"
		default:
			continue
		}
		lastYear = year
		if n, ok := idx.lookup(names, etAl, year, letter); ok {
			out = append(out, n)
		}
	}
	return out
}

// trimLead drops words before the surname that the index knows:
// "Recently Smith" is Smith.
func (idx ayIndex) trimLead(names []string) []string {
	if len(names) == 0 {
		return names
	}
	words := strings.Fields(names[0])
	for k := range words {
		key := strings.Join(words[k:], "")
		if len(idx[key]) > 0 {
			return append([]string{key}, names[1:]...)
		}
	}
	return names
}

// nameStart is where a narrative citation's name begins once leading
// words are dropped, in bytes from the start of the name part.
func (idx ayIndex) nameStart(namePart string) int {
	names, _ := splitAYNames(namePart)
	if len(names) == 0 {
		return 0
	}
	words := strings.Fields(names[0])
	for k := range words {
		if len(idx[strings.Join(words[k:], "")]) == 0 {
			continue
		}
		// Skip k words of the printed name part.
		off := 0
		for range k {
			rest := strings.TrimLeft(namePart[off:], " ")
			off = len(namePart) - len(rest)
			sp := strings.IndexByte(rest, ' ')
			if sp < 0 {
				return 0
			}
			off += sp
		}
		return len(namePart) - len(strings.TrimLeft(namePart[off:], " "))
	}
	return 0
}

// splitAYNames reads a name part into folded surnames (a multi-word
// part keeps its words joined by spaces, for trimLead) and whether it
// says "et al.".
func splitAYNames(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	etAl := false
	if i := strings.Index(s, " et al"); i > 0 {
		s, etAl = s[:i], true
	}
	s = strings.ReplaceAll(s, " & ", ", ")
	s = strings.ReplaceAll(s, " and ", ", ")
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		var words []string
		for _, w := range strings.Fields(p) {
			words = append(words, foldName(w))
		}
		out = append(out, strings.Join(words, " "))
	}
	// Later surnames fold whole, as the index holds them; the first keeps
	// its words for trimLead.
	for i := 1; i < len(out); i++ {
		out[i] = strings.ReplaceAll(out[i], " ", "")
	}
	return out, etAl
}

func dedupe(ns []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, n := range ns {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
