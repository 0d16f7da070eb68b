package enrich

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/extract"
	"golang.org/x/text/unicode/norm"
)

// maxQuery bounds the query sent to Crossref, in runes; a reference is
// never this long, garbage from a failed parse may be.
const maxQuery = 400

// Query is the bibliographic query for a reference: the fields Crossref
// matches on, in a fixed order, normalized so that the same reference
// always gives the same query (and so the same cache key).
func Query(r extract.Reference) string {
	var parts []string
	if r.Title != "" {
		var names []string
		for i, a := range r.Authors {
			if i == 3 {
				break
			}
			names = append(names, strings.TrimSpace(a.Family+" "+a.Initials))
		}
		parts = append(parts, strings.Join(names, ", "), r.Title, r.Journal, r.Volume, r.FirstPage)
		if r.Year != 0 {
			parts = append(parts, strconv.Itoa(r.Year))
		}
	} else {
		parts = append(parts, r.Raw)
	}
	var kept []string
	for _, p := range parts {
		if p = NormalizeQuery(p); p != "" {
			kept = append(kept, p)
		}
	}
	return NormalizeQuery(strings.Join(kept, ", "))
}

// NormalizeQuery puts free text in the form sent and used as a key:
// NFC, no control or format characters, no markup asterisks, single
// spaces, at most maxQuery runes. It is idempotent.
func NormalizeQuery(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if r == '*' || r == '_' || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) || r == utf8.RuneError {
			space = b.Len() > 0
			continue
		}
		if space {
			if n+1 >= maxQuery {
				break
			}
			b.WriteByte(' ')
			n++
			space = false
		}
		if n >= maxQuery {
			break
		}
		b.WriteRune(r)
		n++
	}
	out := strings.TrimRight(b.String(), " ,;")
	// NFC of a cut string can differ from the cut of an NFC string only
	// at the cut; normalizing again keeps the function idempotent.
	if o := norm.NFC.String(out); o != out {
		return NormalizeQuery(o)
	}
	return out
}

// citMatch is the ECitMatch line for a reference
// (journal|year|volume|first page|author|key|), or "" when the reference
// lacks a field ECitMatch needs.
func citMatch(r extract.Reference) string {
	if r.Journal == "" || r.Year == 0 || r.Volume == "" || r.FirstPage == "" || len(r.Authors) == 0 {
		return ""
	}
	field := func(s string) string {
		s = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if r == '|' || r == '\r' || r == '\n' {
				return ' '
			}
			return r
		}, s)), " ")
		return strings.ToLower(NormalizeQuery(s))
	}
	a := r.Authors[0]
	author := field(a.Family + " " + a.Initials)
	return strings.Join([]string{
		field(r.Journal), strconv.Itoa(r.Year), field(r.Volume), field(r.FirstPage),
		author, "1", "",
	}, "|")
}
