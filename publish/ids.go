package publish

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/chemores/chemores/internal/lazyre"
)

// Identifiers in the dataset double as file names in the static API
// (references/<id>.json, entities/<type>/<slug>.json), so each is built
// from a small, URL- and file-system-safe alphabet, and each encoding is
// injective: two different inputs never share a name.

var (
	docIDRe = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$`)
	slugRe  = lazyre.New(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	typeRe  = lazyre.New(`^[a-z][a-z0-9_]{0,31}$`)
)

// validDocID reports whether a document id can be used as a file name
// and a URL path segment as is.
func validDocID(id string) bool {
	return docIDRe().MatchString(id) && !strings.Contains(id, "..")
}

// NormalizeDOI returns a DOI in canonical form: without a resolver or
// "doi:" prefix, trimmed and lower case (DOIs are case-insensitive). It
// returns "" when s is not a DOI ("10.<registrant>/<suffix>").
func NormalizeDOI(s string) string {
	d := strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if strings.HasPrefix(d, p) {
			d = strings.TrimSpace(d[len(p):])
			break
		}
	}
	slash := strings.IndexByte(d, '/')
	if !strings.HasPrefix(d, "10.") || slash < 4 || slash == len(d)-1 {
		return ""
	}
	for _, r := range d[3:slash] {
		if (r < '0' || r > '9') && r != '.' {
			return ""
		}
	}
	for _, r := range d[slash+1:] {
		if r <= ' ' || r == 0x7f || r == '\u00a0' {
			return ""
		}
	}
	return d
}

// referenceID names a cited work. A work with a DOI is named after the
// DOI, so the same paper cited by two reviews is one reference with two
// citing documents, and its id does not change when documents are added.
// A work without a DOI can only be named after its place in one
// document's reference list. The prefixes keep the two kinds apart.
func referenceID(doc string, n int, doi string) string {
	if doi != "" {
		return "doi-" + escapeDOI(doi)
	}
	return "ref-" + doc + "-" + strconv.Itoa(n)
}

// escapeDOI keeps [a-z0-9.-], writes '/' as '_' and every other byte as
// "~xx" (hex). The DOI is lower case already.
func escapeDOI(doi string) string {
	var b strings.Builder
	for i := 0; i < len(doi); i++ {
		c := doi[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '-':
			b.WriteByte(c)
		case c == '/':
			b.WriteByte('_')
		default:
			fmt.Fprintf(&b, "~%02x", c)
		}
	}
	return b.String()
}

// entitySlug turns a CURIE such as "NCBIGene:5243" into a file name
// stem, "NCBIGene-5243". The first ':' becomes '-'; any '-' before it and
// any byte outside [A-Za-z0-9._-] is written "~xx", so the first bare '-'
// always marks the colon and the mapping is injective.
func entitySlug(id string) string {
	prefix, local, ok := strings.Cut(id, ":")
	if !ok {
		return escapeSlug(id, false)
	}
	return escapeSlug(prefix, false) + "-" + escapeSlug(local, true)
}

func escapeSlug(s string, dash bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.' && i > 0, c == '_', c == '-' && dash:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "~%02x", c)
		}
	}
	return b.String()
}

// typeDir is the directory for an entity type; types are short lower-case
// words ("gene"), anything else is escaped.
func typeDir(t string) string {
	if typeRe().MatchString(t) {
		return t
	}
	return "x" + escapeSlug(t, true)
}

// identifierURL is a resolvable link for an identifier, through
// identifiers.org, which knows every scheme the normalize stage uses.
func identifierURL(scheme, id string) string {
	local := id
	if p, rest, ok := strings.Cut(id, ":"); ok && strings.EqualFold(p, scheme) {
		local = rest
	}
	if scheme == "" || local == "" {
		return ""
	}
	return "https://identifiers.org/" + escapeURLPart(scheme) + ":" + escapeURLPart(local)
}

func escapeURLPart(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
