package extract

import (
	"net/url"
	"strings"

	"github.com/chemores/chemores/internal/lazyre"
)

var (
	refDOI   = lazyre.New(`(?i)\(?(?:\bdoi\s*[:.]?\s*|https?://(?:dx\.)?doi\.org/|\bdoi\.org/)?\b(10\.\d{4,9}/[^\s"<>]+)`)
	refPMID  = lazyre.New(`(?i)\[?\bPMID\s*:?\s*(\d{1,9})\]?`)
	refPMCID = lazyre.New(`(?i)\[?\b(?:PMCID\s*:?\s*)?(PMC\d{4,9})\b\]?`)
	refURL   = lazyre.New(`(?i)(?:\bavailable (?:from|at|online)\s*:?\s*|\bdispon[íi]vel em\s*:?\s*|\bdisponible en\s*:?\s*|\bonline\s*:\s*|\bURL\s*:?\s*)?<?(?:https?://|www\.)\S+`)
	refSeen  = lazyre.New(`(?i)[\[(]?\b(?:accessed|cited|retrieved|last accessed|viewed|citado em|citado|acesso em|acessado em|consultado|consultado el)(?: on)?\s*:?\s*[^\])]{0,40}?(?:\d{4})(?:\s+\p{L}{3,9}\.?\s+\d{1,2})?[\])]?\.?`)
	epub     = lazyre.New(`(?i)\s*[\[(]?\s*(?:epub(?: ahead of print)?(?:\s+(?:\d{4}|[A-Z][a-z]{2})[\w ]{0,12})?|online ahead of print|in press|\[internet\])\s*[\])]?\.?`)
	refISBN  = lazyre.New(`(?i)\bISBN(?:-1[03])?\s*:?\s*[\dX][\dX -]{8,16}[\dX]\.?`)
	// Link labels that publishers print after an entry (F1000's
	// "Publisher Full Text", PMC's "[PubMed]", MDPI's "[CrossRef]").
	linkLabels = lazyre.New(`(?i)\[(?:PubMed|CrossRef|Google Scholar|Green Version|PMC free article|Ref list|Web of Science|Scopus|CAS|Medline)\]|\b(?:Publisher Full Text|PubMed Abstract|Free Full Text|Reference Source|Google Scholar|Full Text|PMC Free Article)\b`)
	emptyPunct = lazyre.New(`\s*([,;.])(?:\s+[,;.])+`)
	pipes      = lazyre.New(`(?:\s*\|)+\s*`)
	// Scopus identifiers that PMC prints in some reference lists.
	scopusID = lazyre.New(`\b2-s2\.0-\d{8,12}\b`)
)

// takeIdentifiers records the DOI, PMID and PMCID printed in the entry
// and returns the entry without them and without URLs, access notes,
// link labels and "Epub ahead of print", so that the tail patterns see
// the bibliographic data only.
func (r *Reference) takeIdentifiers(s string) string {
	lower := strings.ToLower(s)
	if strings.Contains(s, "10.") {
		if m := refDOI().FindStringSubmatchIndex(s); m != nil {
			doi := s[m[2]:m[3]]
			end := m[3]
			// A layout may space a DOI ("10.1186/s1167 1-015-0987-z"):
			// tokens that go on with it are part of it.
			for end < len(s) && s[end] == ' ' {
				next := s[end+1:]
				if i := strings.IndexByte(next, ' '); i >= 0 {
					next = next[:i]
				}
				if !continuesIdentifier(doi, next) {
					break
				}
				doi += next
				end += 1 + len(next)
			}
			s = s[:m[2]] + doi + s[end:]
			r.DOI = trimDOI(doi)
			end = m[2] + len(r.DOI)
			if strings.Contains(r.DOI, "%") {
				// Printed as a URL: "10.1002/x%3c4584%3e" is "10.1002/x<4584>".
				if u, err := url.PathUnescape(r.DOI); err == nil {
					r.DOI = u
				}
			}
			if end < len(s) && s[end] == ')' && m[0] < m[2] && s[m[0]] == '(' {
				end++ // "(doi:10.1/x)" as the Royal Society prints it
			}
			s = s[:m[0]] + " " + s[end:]
		}
	}
	if strings.Contains(lower, "pmid") {
		if m := refPMID().FindStringSubmatchIndex(s); m != nil {
			r.PMID = s[m[2]:m[3]]
			s = s[:m[0]] + " " + s[m[1]:]
		}
	}
	if strings.Contains(lower, "pmc") {
		if m := refPMCID().FindStringSubmatchIndex(s); m != nil {
			r.PMCID = strings.ToUpper(s[m[2]:m[3]])
			s = s[:m[0]] + " " + s[m[1]:]
		}
	}
	if strings.Contains(lower, "http") || strings.Contains(lower, "www.") {
		s = refURL().ReplaceAllString(s, " ")
	}
	for _, w := range []string{"accessed", "cited", "retrieved", "viewed", "citado", "acesso", "acessado", "consultado"} {
		if strings.Contains(lower, w) {
			s = refSeen().ReplaceAllString(s, " ")
			break
		}
	}
	if strings.Contains(lower, "epub") || strings.Contains(lower, "print") || strings.Contains(lower, "in press") || strings.Contains(lower, "internet") {
		s = epub().ReplaceAllString(s, " ")
	}
	if strings.Contains(lower, "isbn") {
		s = refISBN().ReplaceAllString(s, " ")
	}
	if strings.Contains(lower, "2-s2.0-") {
		s = scopusID().ReplaceAllString(s, " ")
	}
	s = linkLabels().ReplaceAllString(s, " ")
	if strings.Contains(s, "|") {
		s = pipes().ReplaceAllString(s, " ") // "PubMed Abstract | Publisher Full Text"
	}
	s = strings.Join(strings.Fields(s), " ")
	s = emptyPunct().ReplaceAllString(s, "$1")
	s = strings.ReplaceAll(s, " ,", ",")
	s = strings.ReplaceAll(s, " .", ".")
	s = strings.TrimRight(strings.TrimSpace(s), " .;,")
	return strings.TrimSpace(s) + "."
}
