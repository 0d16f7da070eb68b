package enrich

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/chemores/chemores/extract"
)

// Thresholds of the decision, on the 0-1 candidate score.
const (
	minMatch    = 0.75 // a match needs at least this
	minConsider = 0.50 // below this nothing was found
	minMargin   = 0.10 // over the runner-up
	maxShown    = 5    // candidates kept in a Link
)

// evidence is everything gathered for one reference.
type evidence struct {
	ref   extract.Reference
	works []Work // search results, then the printed DOI's and PubMed's records
	// printed is the state of the DOI printed in the reference:
	// "" (none), "registered", "unregistered", "unchecked".
	printed string
	// PubMed's opinion: the PMID ECitMatch gave, the DOI PubMed has for
	// it, and a note when it could not be asked.
	pmid, pmidDOI, ncbiNote string
	ncbiAmbiguous           bool
}

// decide turns the evidence into a Link.
func decide(ev evidence) Link {
	l := Link{N: ev.ref.N}
	cands := rank(ev.ref, ev.works)
	for i, c := range cands {
		if i == maxShown {
			break
		}
		l.Candidates = append(l.Candidates, Candidate{
			DOI: strings.ToLower(c.work.DOI), Title: c.work.title(), Type: c.work.Type,
			Journal: c.work.journal(), Year: c.work.year(), Score: c.score,
		})
	}
	var best, runner *scored
	var rejected []string
	for i := range cands {
		c := &cands[i]
		if c.reject != "" {
			if c.titleSim >= 0.75 {
				rejected = append(rejected, strings.ToLower(c.work.DOI)+": "+c.reject)
			}
			continue
		}
		if best == nil {
			best = c
		} else if runner == nil {
			runner = c
		}
	}
	note := ""
	if len(rejected) > 0 {
		note = "; set aside " + strings.Join(rejected, "; ")
	}

	if best == nil || best.score < minConsider || len(best.agreed) == 0 {
		l.Status = NotFound
		switch {
		case len(cands) == 0:
			l.Reason = "Crossref returned no candidates"
		case best == nil:
			l.Reason = "no candidate can be the cited work"
		case len(best.agreed) == 0:
			l.Reason = fmt.Sprintf("best candidate %s agrees on no field", strings.ToLower(best.work.DOI))
			l.Score = best.score
		default:
			l.Reason = fmt.Sprintf("best candidate %s scores %.2f, under %.2f", strings.ToLower(best.work.DOI), best.score, minConsider)
			l.Score = best.score
		}
		l.Reason += note
		l.Sources = []string{"crossref"}
		addPrinted(&l, ev, nil)
		return finish(l, ev)
	}

	doi := strings.ToLower(best.work.DOI)
	l.Score = best.score
	l.Agreed = order(best.agreed)
	l.Disagreed = order(best.disagreed)
	l.Sources = []string{"crossref"}
	why := []string{}
	switch {
	case !confident(*best):
		l.Status = Ambiguous
		why = append(why, fmt.Sprintf("best candidate %s scores %.2f but too few fields agree (%s)", doi, best.score, fieldList(best.agreed)))
	case runner != nil && best.score-runner.score < minMargin:
		l.Status = Ambiguous
		why = append(why, fmt.Sprintf("%s (%.2f) and %s (%.2f) are too close", doi, best.score, strings.ToLower(runner.work.DOI), runner.score))
	default:
		l.Status = Matched
		l.DOI = doi
		l.Source = SourceSearch
		l.Evidence = []Evidence{{Source: SourceSearch, DOI: doi, Score: best.score, Agrees: true,
			Detail: "Crossref search; " + fieldList(best.agreed) + " agree"}}
		margin := "no other candidate left"
		if runner != nil {
			margin = fmt.Sprintf("%.2f over the next candidate", best.score-runner.score)
		}
		why = append(why, fmt.Sprintf("%s agree; %s", fieldList(best.agreed), margin))
		if best.yearNote != "" {
			why = append(why, best.yearNote)
		}
	}

	// PubMed's second opinion.
	switch {
	case ev.pmidDOI != "" && ev.pmidDOI == doi:
		l.Sources = append(l.Sources, "ncbi")
		l.PMID = ev.pmid
		if l.Status == Matched {
			l.Score = round3(1 - (1-l.Score)/2)
			l.Evidence = append(l.Evidence, Evidence{Source: SourcePubMed, DOI: doi, PMID: ev.pmid, Agrees: true,
				Detail: "ECitMatch finds the PMID, ESummary gives this DOI"})
		}
		why = append(why, "PubMed agrees (PMID "+ev.pmid+")")
	case ev.pmidDOI != "":
		l.Sources = append(l.Sources, "ncbi")
		if l.Status == Matched {
			l.Status = Ambiguous
			l.DOI = ""
			l.Source = ""
			l.Evidence = nil
		}
		why = append(why, fmt.Sprintf("PubMed (PMID %s) gives %s instead", ev.pmid, ev.pmidDOI))
	case ev.pmid != "":
		why = append(why, "PubMed (PMID "+ev.pmid+") has no DOI to compare")
	case ev.ncbiAmbiguous:
		why = append(why, "PubMed finds several articles")
	case ev.ncbiNote != "":
		why = append(why, ev.ncbiNote)
	}
	if l.Status == Matched {
		l.Discrepancies = best.diffs
	}
	addPrinted(&l, ev, best)
	l.Reason = strings.Join(why, "; ") + note
	return finish(l, ev)
}

// addPrinted checks the DOI the reference printed against the result.
func addPrinted(l *Link, ev evidence, best *scored) {
	p := strings.ToLower(ev.ref.DOI)
	if p == "" {
		return
	}
	switch {
	case l.Status == Matched && p == l.DOI:
		l.Sources = append(l.Sources, "printed")
		l.Agreed = order(append(l.Agreed, FieldDOI))
		l.Evidence = append(l.Evidence, Evidence{Source: SourcePrinted, DOI: p, Agrees: true, Detail: "printed in the reference"})
	case l.Status == Matched:
		l.Disagreed = order(append(l.Disagreed, FieldDOI))
		l.Discrepancies = append(l.Discrepancies, Discrepancy{Field: FieldDOI, Printed: ev.ref.DOI, Registered: l.DOI})
	case ev.printed == "unregistered":
		l.Reason += "; the printed DOI " + p + " is not registered with Crossref"
	}
}

func finish(l Link, ev evidence) Link {
	if l.Agreed == nil {
		l.Agreed = []string{}
	}
	if l.Disagreed == nil {
		l.Disagreed = []string{}
	}
	if l.Discrepancies == nil {
		l.Discrepancies = []Discrepancy{}
	}
	if l.Candidates == nil {
		l.Candidates = []Candidate{}
	}
	if l.Sources == nil {
		l.Sources = []string{}
	}
	if l.Evidence == nil {
		l.Evidence = []Evidence{}
	}
	return l
}

// confident says whether a candidate's fields make the case on their
// own: a title that agrees and at least two other fields, or a title
// close enough with author, year, volume and page all agreeing; and at
// most one of year, volume and page against it.
func confident(s scored) bool {
	if s.score < minMatch {
		return false
	}
	has := func(f string) bool { return slices.Contains(s.agreed, f) }
	against := 0
	for _, f := range []string{FieldYear, FieldVolume, FieldPage, FieldAuthor} {
		if slices.Contains(s.disagreed, f) {
			against++
		}
	}
	if against > 1 {
		return false
	}
	others := 0
	for _, f := range []string{FieldAuthor, FieldYear, FieldVolume, FieldPage, FieldJournal} {
		if has(f) {
			others++
		}
	}
	switch {
	case s.titleSim >= 0.9:
		return others >= 2
	case s.titleSim >= 0.75:
		return has(FieldAuthor) && has(FieldYear) && has(FieldVolume) && has(FieldPage)
	}
	return false
}

// rank scores each distinct record and sorts best first (DOI breaks
// ties, so the order never depends on the answer's order).
func rank(r extract.Reference, works []Work) []scored {
	seen := map[string]bool{}
	var out []scored
	for _, w := range works {
		k := strings.ToLower(w.DOI)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, compare(r, w))
	}
	slices.SortStableFunc(out, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.work.DOI), strings.ToLower(b.work.DOI))
	})
	return out
}

var fieldOrder = []string{FieldTitle, FieldAuthor, FieldYear, FieldVolume, FieldPage, FieldJournal, FieldDOI}

// order sorts field names in the documented order and drops repeats.
func order(fs []string) []string {
	out := []string{}
	for _, f := range fieldOrder {
		if slices.Contains(fs, f) {
			out = append(out, f)
		}
	}
	return out
}

func fieldList(fs []string) string {
	fs = order(fs)
	if len(fs) == 0 {
		return "no fields"
	}
	return strings.Join(fs, ", ")
}
