package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/lazyre"
)

// nameForm is one way reference lists print a person. Each is tried on
// an entry, and the parse that explains most of it wins (see
// ParseReference).
type nameForm int

const (
	// formVancouver: "Surname AB" (Vancouver, NLM, Spandidos, BMC,
	// Springer, F1000, Royal Society).
	formVancouver nameForm = iota
	// formInverted: "Surname, A. B." (Nature, APA, Harvard, Elsevier,
	// Frontiers, Copernicus; with semicolons, SciELO).
	formInverted
	// formInitialsFirst: "A. B. Surname" (IEEE, Hindawi, ACS).
	formInitialsFirst
)

var nameForms = []nameForm{formVancouver, formInverted, formInitialsFirst}

const (
	// A surname: capitalized words ("O'Brien", "Aguirre-Ghiso", "McDonald",
	// "Énzsöly"), with particles before or between them ("van Vliet",
	// "Tallón de Lara"). A word needs a lower-case letter, so that an
	// all-capital title word or a run of initials is not a surname.
	surnameWord = `\p{Lu}[\p{L}\p{M}'’]*\p{Ll}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*`
	particle    = `(?:[vV]an|[vV]on|[dD]e|[dD]a|[dD]el|[dD]ella|[dD]er|[dD]en|[dD]i|[dD]u|[lL]a|[lL]e|[dD]os|[dD]as|[tT]er|[tT]en|[aA]l|[eE]l|[bB]in|[iI]bn|[dD]')`
	surname     = `(?:` + particle + `\s+|` + particle + `-)*` + surnameWord + `(?:\s+(?:` + particle + `\s+)*` + surnameWord + `){0,2}`
	// Initials run together ("AB", "J-P") after a Vancouver surname.
	packedInitials = `\p{Lu}{1,4}(?:-\p{Lu}{1,4})?`
	// Dotted initials ("A.", "A. B.", "A.B.", "J.-L.", "Th.").
	dotted = `\p{Lu}\p{Ll}{0,2}\.(?:\s?-?\s?\p{Lu}\p{Ll}{0,2}\.)*`
	suffix = `(?:Jr|Sr|III|II|IV|2nd|3rd|Neto|Filho|Júnior|Sobrinho|No)\.?` // longest first: RE2 takes the first alternative that fits; Portuguese names end in Neto (No), Filho, Júnior
)

var (
	nameVancouver     = lazyre.New(`^(` + surname + `)\s+(` + packedInitials + `)(?:\s+(` + suffix + `))?`)
	nameInverted      = lazyre.New(`^(` + surname + `),\s*(?:(` + suffix + `),\s*)?(` + dotted + `)(?:,?\s+(` + suffix + `))?`)
	nameInitialsFirst = lazyre.New(`^(` + dotted + `)\s?(` + surname + `)(?:,?\s+(` + suffix + `))?`)

	// What separates two names.
	nameSep = lazyre.New(`^(?:\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*;\s*(?:and\s+|&\s+)?|\s*,\s*)`)
	// "et al", with or without its period, comma or italics.
	etAlRe = lazyre.New(`^(?:\s*[,;])?\s*\*?et\.?\s+al\b\.?\*?`)
	// Initials that are all of a piece ("Wistuba II" is initials, not a
	// suffix, when nothing follows).
	suffixes = map[string]string{"Jr": "Jr", "Sr": "Sr", "II": "II", "III": "III", "IV": "IV", "2nd": "2nd", "3rd": "3rd",
		"Neto": "Neto", "No": "Neto", "Filho": "Filho", "Júnior": "Júnior", "Sobrinho": "Sobrinho"}
)

// authorScan is the author list read off the front of an entry.
type authorScan struct {
	people []Person
	etAl   bool
	rest   string // what follows the list
	end    int    // bytes the list took, before rest's leading punctuation
}

// scanAuthors reads names of one form from the start of s for as long
// as they are joined by separators, then an optional "et al". It fails
// (ok false) when the list does not end at a plausible boundary: a
// period, colon, comma, quote, parenthesis or year.
func scanAuthors(s string, form nameForm) (authorScan, bool) {
	var out authorScan
	pos := 0
	for {
		p, n := matchName(s[pos:], form)
		if n == 0 {
			break
		}
		out.people = append(out.people, p)
		pos += n
		if m := etAlRe().FindStringIndex(s[pos:]); m != nil {
			out.etAl = true
			pos += m[1]
			break
		}
		sep := nameSep().FindStringIndex(s[pos:])
		if sep == nil {
			break
		}
		if _, n := matchName(s[pos+sep[1]:], form); n == 0 {
			if m := etAlRe().FindStringIndex(s[pos:]); m != nil {
				out.etAl = true
				pos += m[1]
			}
			break
		}
		pos += sep[1]
	}
	if len(out.people) == 0 {
		return out, false
	}
	rest := s[pos:]
	if s[pos-1] != '.' && !listEnds(rest) {
		return out, false
	}
	out.rest = strings.TrimLeft(rest, " .,:;")
	out.end = pos
	return out, true
}

// matchName matches one name of the form at the start of s and returns
// it with the bytes it took.
func matchName(s string, form nameForm) (Person, int) {
	p, n := matchNameAt(s, form)
	// The name must end at a word's end; Go's \b knows ASCII letters
	// only, so the test is here ("Tadić", not "Tadi").
	if n > 0 && n < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			return Person{}, 0
		}
	}
	return p, n
}

func matchNameAt(s string, form nameForm) (Person, int) {
	var m []string
	switch form {
	case formVancouver:
		m = nameVancouver().FindStringSubmatch(s)
		if m == nil {
			return Person{}, 0
		}
		return Person{Family: m[1], Initials: m[2], Suffix: suffixes[strings.TrimSuffix(m[3], ".")]}, len(m[0])
	case formInverted:
		m = nameInverted().FindStringSubmatch(s)
		if m == nil {
			return Person{}, 0
		}
		suf := m[2] // APA: "Ford, Jr., W. K."
		if suf == "" {
			suf = m[4]
		}
		return Person{Family: m[1], Initials: packInitials(m[3]), Suffix: suffixes[strings.TrimSuffix(suf, ".")]}, len(m[0])
	default:
		m = nameInitialsFirst().FindStringSubmatch(s)
		if m == nil {
			return Person{}, 0
		}
		return Person{Family: m[2], Initials: packInitials(m[1]), Suffix: suffixes[strings.TrimSuffix(m[3], ".")]}, len(m[0])
	}
}

var (
	initialsReplacer = strings.NewReplacer(".", "", " ", "")
	pageDashes       = strings.NewReplacer("–", "-", "—", "-", "‐", "-", "‑", "-", "−", "-")
)

// packInitials turns "J. A." into "JA" and "J.-L." into "J-L".
func packInitials(s string) string {
	return initialsReplacer.Replace(s)
}

// listEnds: what follows an author list starts the title or the year.
func listEnds(rest string) bool {
	t := strings.TrimLeft(rest, " ")
	if t == "" {
		return true
	}
	switch t[0] {
	case '.', ':', ',', '(', '"', '*', ';', '[':
		return true
	}
	if strings.HasPrefix(t, "“") || strings.HasPrefix(t, "‘") {
		return true
	}
	return len(t) >= 4 && isDigits(t[:4])
}

// collectiveAuthor reads an organization printed as the author ("World
// Health Organization.", "AOAC:"): a short run of capitalized words up
// to the first period or colon.
var collective = lazyre.New(`^((?:\p{Lu}[\p{L}&'’\-]*|of|and|for|the|de|on|&)(?:\s+(?:\p{Lu}[\p{L}&'’\-]*|of|and|for|the|de|do|da|on|in|&|\(\p{Lu}+\))){0,9})[.:]\s+`)

// splitPages reads printed pages: "409-436", "1078-88" (NLM shortens the
// last page: 1088), "3233" and "e22976" (article numbers), "30-48 e14" and
// "81-89.e10" (Cell Press supplementary pages, kept as "48.e14"),
// "132S-75S" (supplement pages: 175S).
func splitPages(p string) (string, string) {
	p = strings.TrimSpace(pageDashes.Replace(p))
	p = strings.TrimPrefix(strings.TrimPrefix(p, "pp."), "p.")
	p = strings.TrimSpace(p)
	if p == "" {
		return "", ""
	}
	first, last, ok := strings.Cut(p, "-")
	first = strings.TrimSpace(first)
	if !ok {
		return first, ""
	}
	last = strings.TrimSpace(last)
	supp := ""
	if i := strings.IndexAny(last, " ."); i > 0 {
		supp = "." + strings.TrimLeft(last[i:], " .")
		last = last[:i]
	}
	// Shortened last pages: digits, and the same letter on both ends
	// ("132S-75S", "S12-9").
	fd, fs := splitLetter(first)
	ld, ls := splitLetter(last)
	if isDigits(fd.digits) && isDigits(ld.digits) && len(ld.digits) < len(fd.digits) && fd.prefix == ld.prefix && (fs == ls || ls == "") {
		last = ld.prefix + fd.digits[:len(fd.digits)-len(ld.digits)] + ld.digits + ls
	}
	return first, last + supp
}

type pageParts struct{ prefix, digits string }

// splitLetter cuts "S12" into prefix "S", digits "12", and "132S" into
// digits "132" and the suffix letter "S".
func splitLetter(s string) (pageParts, string) {
	i := 0
	for i < len(s) && (s[i] < '0' || s[i] > '9') {
		i++
	}
	j := len(s)
	for j > i && (s[j-1] < '0' || s[j-1] > '9') {
		j--
	}
	return pageParts{prefix: s[:i], digits: s[i:j]}, s[j:]
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
