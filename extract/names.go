package extract

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	nameJoin = regexp.MustCompile(`\s*(?:,\s*(?:and|&)\s+|\s+(?:and|&)\s+)`)
	// Initials as Vancouver prints them ("AB", "J-P") or Nature does
	// ("A. B.", "J.-P.").
	vancouverInitials = regexp.MustCompile(`^\p{Lu}{1,4}$|^\p{Lu}-\p{Lu}$`)
	dottedInitials    = regexp.MustCompile(`^(?:\p{Lu}\p{Ll}?\.\s?-?\s?)+$`)
	suffixes          = map[string]string{"Jr": "Jr", "Jr.": "Jr", "Sr": "Sr", "Sr.": "Sr", "II": "II", "III": "III", "IV": "IV", "2nd": "2nd", "3rd": "3rd"}
)

// cutEtAl removes a trailing "et al", "et al.", "*et al*" or ", et al."
// and reports whether there was one.
func cutEtAl(s string) (string, bool) {
	t := strings.TrimRight(s, " .*")
	if len(t) < 5 || !strings.EqualFold(t[len(t)-5:], "et al") {
		return s, false
	}
	rest := t[:len(t)-5]
	if rest != "" && !strings.ContainsRune(" ,*", rune(rest[len(rest)-1])) {
		return s, false // "Bennet al" is a name, not "et al"
	}
	return strings.TrimRight(rest, " ,*"), true
}

// authorPieces splits an author list into one string per person and
// reports a trailing "et al".
func authorPieces(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	s, etAl := cutEtAl(s)
	if strings.Contains(s, " and ") || strings.Contains(s, "&") {
		s = nameJoin.ReplaceAllString(s, ", ")
	}
	var pieces []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		// Nature prints "Surname, A. B.": the initials are a piece of
		// their own that belongs to the surname before them.
		if n := len(pieces); n > 0 && dottedInitials.MatchString(trimSuffix(p)) && !strings.Contains(pieces[n-1], ",") && !hasInitials(pieces[n-1]) {
			pieces[n-1] += ", " + p
			continue
		}
		pieces = append(pieces, p)
	}
	return pieces, etAl
}

func trimSuffix(p string) string {
	f := strings.Fields(p)
	if len(f) > 1 && suffixes[f[len(f)-1]] != "" {
		return strings.Join(f[:len(f)-1], " ")
	}
	return p
}

func hasInitials(p string) bool {
	f := strings.Fields(trimSuffix(p))
	return len(f) > 1 && vancouverInitials.MatchString(f[len(f)-1])
}

// parsePerson reads "Diaz LA Jr", "Ray Chaudhuri A", "Wistuba II" or
// "Smith, J. A.".
func parsePerson(p string) (Person, bool) {
	if fam, ini, ok := strings.Cut(p, ","); ok {
		ini = strings.TrimSpace(ini)
		var per Person
		f := strings.Fields(ini)
		if len(f) > 1 && suffixes[f[len(f)-1]] != "" {
			per.Suffix = suffixes[f[len(f)-1]]
			ini = strings.Join(f[:len(f)-1], " ")
		}
		if !dottedInitials.MatchString(ini) || !familyLike(fam) {
			return Person{}, false
		}
		per.Family = CleanText(strings.TrimSpace(fam))
		per.Initials = strings.NewReplacer(".", "", " ", "").Replace(ini)
		return per, true
	}
	f := strings.Fields(strings.TrimSuffix(p, "."))
	var per Person
	// "Diaz LA Jr": a suffix after initials. "Wistuba II": two initials.
	if len(f) >= 3 && suffixes[f[len(f)-1]] != "" && vancouverInitials.MatchString(f[len(f)-2]) {
		per.Suffix = suffixes[f[len(f)-1]]
		f = f[:len(f)-1]
	}
	if len(f) < 2 || !vancouverInitials.MatchString(f[len(f)-1]) {
		return Person{}, false
	}
	fam := strings.Join(f[:len(f)-1], " ")
	if !familyLike(fam) {
		return Person{}, false
	}
	per.Family = CleanText(fam)
	per.Initials = f[len(f)-1]
	return per, true
}

// familyLike: one to four words, each capitalized or a particle ("de",
// "van", "Al'").
func familyLike(s string) bool {
	words := strings.Fields(strings.Trim(s, "* "))
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) && !particles[strings.ToLower(w)] {
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' && c != '.' {
				return false
			}
		}
	}
	return true
}

// isAuthorList reports whether s reads as a list of reference authors.
func isAuthorList(s string) bool {
	pieces, etAl := authorPieces(s)
	if len(pieces) == 0 {
		return false
	}
	for _, p := range pieces {
		if _, ok := parsePerson(p); !ok {
			return false
		}
	}
	return len(pieces) > 0 || etAl
}

func parseAuthors(s string) ([]Person, bool) {
	pieces, etAl := authorPieces(s)
	var out []Person
	for _, p := range pieces {
		if per, ok := parsePerson(p); ok {
			out = append(out, per)
		}
	}
	return out, etAl
}

// splitPages reads printed pages: "409-436", "1078-88" (NLM shortens the
// last page: 1088), "3233" and "e22976" (article numbers), "30-48 e14" and
// "81-89.e10" (Cell Press supplementary pages, kept as "48.e14").
func splitPages(p string) (string, string) {
	p = strings.TrimSpace(strings.NewReplacer("–", "-", "—", "-", "‐", "-").Replace(p))
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
	if isDigits(first) && isDigits(last) && len(last) < len(first) {
		last = first[:len(first)-len(last)] + last
	}
	return first, last + supp
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
