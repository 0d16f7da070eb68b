package enrich

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chemores/chemores/extract"

	"github.com/chemores/chemores/internal/lazyre"
)

// Curated evidence: seeds/evidence/<doc>.tsv holds, per reference, an
// identifier a person read on a public page beside the work's title. It
// lets an offline build ship DOIs without any cached response, and it is
// one more source when online answers exist. The format, documented like
// the lexicons in seeds/lexicons:
//
//	# name: <document id>
//	# source: ...
//	# license: ...
//	# note: ...            (any number)
//	n<TAB>doi<TAB>pmid<TAB>pmcid<TAB>url<TAB>source_kind<TAB>title_seen<TAB>checked<TAB>note
//
// Rules (ParseCurated and Curated.Check): the header lines; nine columns;
// a DOI (10.NNNN/...), PMID (digits), PMCID (PMCnnn) and URL (http or
// https) well formed; a source_kind from CuratedKinds; checked a date
// (YYYY-MM-DD); a DOI or a PMID on every row; no reference number or DOI
// twice; every n a reference of the document; title_seen agreeing with
// the parsed title, unless the note says "title differs".

// CuratedColumns is the column line of an evidence file.
const CuratedColumns = "n\tdoi\tpmid\tpmcid\turl\tsource_kind\ttitle_seen\tchecked\tnote"

// CuratedKinds are the kinds of page a curated identifier was read on.
var CuratedKinds = []string{"publisher", "pubmed", "pmc", "europepmc", "crossref-deposit", "aggregator"}

// TitleDiffers is what a row's note says when the page's title differs
// from the printed one.
const TitleDiffers = "title differs"

// CuratedRow is one row of an evidence file.
type CuratedRow struct {
	Line      int
	N         int
	DOI       string // lower case
	PMID      string
	PMCID     string
	URL       string
	Kind      string
	TitleSeen string
	Checked   string
	Note      string
}

// Curated is a parsed evidence file.
type Curated struct {
	Name, Source, License string
	Notes                 []string
	Rows                  []CuratedRow
	byN                   map[int]int
}

// Row returns the row for reference n, or nil.
func (c *Curated) Row(n int) *CuratedRow {
	if c == nil {
		return nil
	}
	if i, ok := c.byN[n]; ok {
		return &c.Rows[i]
	}
	return nil
}

// CuratedProblem is a rule an evidence file breaks.
type CuratedProblem struct {
	Line int
	Kind string
	Msg  string
}

func (p CuratedProblem) String() string {
	return fmt.Sprintf("line %d: %s: %s", p.Line, p.Kind, p.Msg)
}

// Problem kinds.
const (
	ProblemHeader    = "header"
	ProblemColumns   = "columns"
	ProblemField     = "field"
	ProblemDOI       = "doi"
	ProblemPMID      = "pmid"
	ProblemPMCID     = "pmcid"
	ProblemURL       = "url"
	ProblemKind      = "source-kind"
	ProblemDate      = "date"
	ProblemEmpty     = "no-identifier"
	ProblemDuplicate = "duplicate"
	ProblemReference = "reference"
	ProblemTitle     = "title"
)

var (
	doiRE   = lazyre.New(`(?i)^10\.\d{4,9}/[-._;()/:<>\[\]A-Z0-9]+$`)
	pmidRE  = lazyre.New(`^[1-9]\d{0,8}$`)
	pmcidRE = lazyre.New(`^PMC[1-9]\d{0,9}$`)
)

// ValidDOI reports whether s has DOI syntax: 10.<registrant>/<suffix>.
func ValidDOI(s string) bool { return doiRE().MatchString(s) }

// ParseCurated parses an evidence file and checks the rules that need
// only the file. name is the document id the file must name. It keeps
// going after a problem so that one run reports all of them.
func ParseCurated(data []byte, name string) (*Curated, []CuratedProblem) {
	c := &Curated{byN: map[int]int{}}
	var ps []CuratedProblem
	add := func(line int, kind, format string, a ...any) {
		ps = append(ps, CuratedProblem{line, kind, fmt.Sprintf(format, a...)})
	}
	if !utf8.Valid(data) {
		add(0, ProblemField, "file is not valid UTF-8")
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n, inHeader, sawColumns := 0, true, false
	dois := map[string]int{}
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if inHeader && strings.HasPrefix(line, "#") {
			text, ok := strings.CutPrefix(line, "# ")
			if !ok {
				add(n, ProblemHeader, `header lines start with "# "`)
				continue
			}
			key, val, _ := strings.Cut(text, ": ")
			val = strings.TrimSpace(val)
			switch key {
			case "name":
				if n != 1 {
					add(n, ProblemHeader, `"# name:" must be the first line`)
				}
				c.Name = val
			case "source":
				c.Source = val
			case "license":
				c.License = val
			case "note":
				c.Notes = append(c.Notes, val)
			default:
				add(n, ProblemHeader, "unknown header line %q (want name, source, license or note)", key)
			}
			continue
		}
		if inHeader {
			inHeader = false
			if line == CuratedColumns {
				sawColumns = true
				continue
			}
			add(n, ProblemHeader, "column line is %q, want %q", line, CuratedColumns)
			if strings.HasPrefix(line, "n\t") {
				continue
			}
		}
		if strings.TrimSpace(line) == "" {
			add(n, ProblemColumns, "empty line")
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 9 {
			add(n, ProblemColumns, "%d columns, want 9", len(f))
			continue
		}
		for i, v := range f {
			if v != strings.TrimSpace(v) {
				add(n, ProblemField, "column %d has leading or trailing space", i+1)
			}
		}
		r := CuratedRow{Line: n, DOI: strings.ToLower(f[1]), PMID: f[2], PMCID: f[3], URL: f[4], Kind: f[5], TitleSeen: f[6], Checked: f[7], Note: f[8]}
		num, err := strconv.Atoi(f[0])
		if err != nil || num <= 0 {
			add(n, ProblemField, "n %q is not a reference number", f[0])
			continue
		}
		r.N = num
		if r.DOI != "" && !ValidDOI(r.DOI) {
			add(n, ProblemDOI, "malformed DOI %q", f[1])
		}
		if r.PMID != "" && !pmidRE().MatchString(r.PMID) {
			add(n, ProblemPMID, "malformed PMID %q", r.PMID)
		}
		if r.PMCID != "" && !pmcidRE().MatchString(r.PMCID) {
			add(n, ProblemPMCID, "malformed PMCID %q", r.PMCID)
		}
		if r.DOI == "" && r.PMID == "" && r.PMCID == "" {
			add(n, ProblemEmpty, "a row needs a DOI, a PMID or a PMCID")
		}
		if u, err := url.Parse(r.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			add(n, ProblemURL, "url %q is not an http(s) address", r.URL)
		}
		if !slices.Contains(CuratedKinds, r.Kind) {
			add(n, ProblemKind, "source_kind %q is not one of %s", r.Kind, strings.Join(CuratedKinds, ", "))
		}
		if _, err := time.Parse(time.DateOnly, r.Checked); err != nil {
			add(n, ProblemDate, "checked %q is not a date (YYYY-MM-DD)", r.Checked)
		}
		if strings.TrimSpace(r.TitleSeen) == "" {
			add(n, ProblemTitle, "empty title_seen")
		}
		if prev, dup := c.byN[r.N]; dup {
			add(n, ProblemDuplicate, "reference %d already has a row (line %d)", r.N, c.Rows[prev].Line)
			continue
		}
		if r.DOI != "" {
			if prev, dup := dois[r.DOI]; dup {
				add(n, ProblemDuplicate, "DOI %s already given on line %d", r.DOI, prev)
			}
			dois[r.DOI] = n
		}
		c.byN[r.N] = len(c.Rows)
		c.Rows = append(c.Rows, r)
	}
	if err := sc.Err(); err != nil {
		add(n, ProblemField, "read: %v", err)
	}
	switch {
	case c.Name == "":
		add(1, ProblemHeader, `first line must be "# name: %s"`, name)
	case name != "" && c.Name != name:
		add(1, ProblemHeader, "name is %q, want %q", c.Name, name)
	}
	if c.Source == "" {
		add(0, ProblemHeader, `missing "# source: ..." line`)
	}
	if c.License == "" {
		add(0, ProblemHeader, `missing "# license: ..." line`)
	}
	if !sawColumns && inHeader {
		add(n, ProblemHeader, "missing column line %q", CuratedColumns)
	}
	return c, ps
}

// Check checks the rows against the document's parsed references: every
// n is a reference, and every title_seen agrees with the parsed title
// or the note says "title differs".
func (c *Curated) Check(refs []extract.Reference) []CuratedProblem {
	byN := map[int]extract.Reference{}
	for _, r := range refs {
		byN[r.N] = r
	}
	var ps []CuratedProblem
	for _, row := range c.Rows {
		ref, ok := byN[row.N]
		if !ok {
			ps = append(ps, CuratedProblem{row.Line, ProblemReference, fmt.Sprintf("the document has no reference %d", row.N)})
			continue
		}
		if sim := titleAgreement(row.TitleSeen, ref); sim < 0.9 && !row.explains() {
			ps = append(ps, CuratedProblem{row.Line, ProblemTitle, fmt.Sprintf(
				"title_seen %q and the printed title %q agree only %.2f; the note must say %q and how", row.TitleSeen, ref.Title, sim, TitleDiffers)})
		}
	}
	return ps
}

// titleAgreement compares a title seen on a page with the reference:
// its parsed title, else its raw text.
func titleAgreement(seen string, ref extract.Reference) float64 {
	if ref.Title != "" {
		return similarity(seen, ref.Title)
	}
	return containment(seen, ref.Raw)
}

func (r *CuratedRow) explains() bool { return strings.Contains(r.Note, TitleDiffers) }

// score is the weight of a curated row: what kind of page, and whether
// its title agrees with the printed one.
func (r *CuratedRow) score(ref extract.Reference) float64 {
	s := 0.9
	if r.Kind == "aggregator" || r.Kind == "crossref-deposit" {
		s = 0.85
	}
	if titleAgreement(r.TitleSeen, ref) < 0.9 {
		s -= 0.1
	}
	return s
}

// usable says whether a row may be applied to the reference (the check
// a malformed file would fail anyway).
func (r *CuratedRow) usable(ref extract.Reference) bool {
	return titleAgreement(r.TitleSeen, ref) >= 0.9 || r.explains()
}

func (r *CuratedRow) evidence(ref extract.Reference, agrees bool) Evidence {
	e := Evidence{Source: SourceCurated, DOI: r.DOI, PMID: r.PMID, Agrees: agrees, URL: r.URL,
		Detail: fmt.Sprintf("%s page, read %s: %q", r.Kind, r.Checked, r.TitleSeen)}
	if r.DOI != "" {
		e.Score = r.score(ref)
	}
	return e
}

// mergeCurated combines a reference's online (or cached) result with its
// curated row. Agreeing sources raise the score; when they disagree the
// stronger wins, and the other's DOI becomes a discrepancy.
func mergeCurated(l Link, row *CuratedRow, ref extract.Reference) Link {
	if row == nil {
		if l.Status == Unresolved {
			l.Reason = joinReason(l.Reason, "no curated evidence either")
		}
		return l
	}
	if !row.usable(ref) {
		l.Reason = joinReason(l.Reason, fmt.Sprintf("curated row (line %d) set aside: its title does not agree and its note does not say why", row.Line))
		return l
	}
	where := fmt.Sprintf("curated: a %s page shows %s beside the title (%s, read %s)", row.Kind, row.id(), row.URL, row.Checked)
	if l.PMID == "" && row.PMID != "" {
		l.PMID = row.PMID
	}
	if row.DOI == "" { // a PMID only: the page showed no DOI
		l.Evidence = append(l.Evidence, row.evidence(ref, l.DOI == ""))
		if l.Status == Unresolved {
			l.Status = NotFound
			l.Reason = where + "; it shows no DOI"
		} else {
			l.Reason = joinReason(l.Reason, where+"; it shows no DOI")
		}
		return finishSources(l, SourceCurated)
	}
	cs := row.score(ref)
	switch {
	case l.Status == Matched && l.DOI == row.DOI:
		l.Evidence = append(l.Evidence, row.evidence(ref, true))
		if cs > l.Score {
			l.Source = SourceCurated
		}
		l.Score = round3(1 - (1-l.Score)*(1-cs))
		l.Reason = joinReason(l.Reason, where+"; it agrees")
	case l.Status == Matched && cs > l.Score:
		loser := Evidence{Source: l.Source, DOI: l.DOI, Score: l.Score, Detail: "lost to the curated DOI"}
		l.Discrepancies = append(l.Discrepancies, Discrepancy{Field: "doi-" + l.Source, Printed: l.DOI, Registered: row.DOI})
		l.Reason = fmt.Sprintf("%s; it is stronger (%.2f) than the %s DOI %s (%.2f): %s", where, cs, l.Source, l.DOI, l.Score, l.Reason)
		l.Evidence = markLost(l.Evidence, l.DOI)
		if !slices.ContainsFunc(l.Evidence, func(e Evidence) bool { return e.Source == loser.Source && e.DOI == loser.DOI }) {
			l.Evidence = append(l.Evidence, loser)
		}
		l.Evidence = append(l.Evidence, row.evidence(ref, true))
		l.DOI, l.Score, l.Source = row.DOI, cs, SourceCurated
		l.Agreed, l.Disagreed = []string{}, []string{}
		l.Discrepancies = onlyDOIFields(l.Discrepancies)
	case l.Status == Matched:
		l.Evidence = append(l.Evidence, row.evidence(ref, false))
		l.Discrepancies = append(l.Discrepancies, Discrepancy{Field: FieldCurated, Printed: row.DOI, Registered: l.DOI})
		l.Reason = joinReason(l.Reason, fmt.Sprintf("%s, but gives %s (%.2f), weaker than this", where, row.DOI, cs))
	default:
		before := l.Reason
		l.Evidence = append(l.Evidence, row.evidence(ref, true))
		if l.Status != Unresolved {
			for _, c := range l.Candidates {
				if c.DOI == row.DOI {
					where += fmt.Sprintf("; the search's candidate scored %.2f", c.Score)
				}
			}
			where += "; online: " + before
		}
		l.Status, l.DOI, l.Score, l.Source, l.Reason = Matched, row.DOI, cs, SourceCurated, where
	}
	return finishSources(l, SourceCurated)
}

// id names the row's identifiers.
func (r *CuratedRow) id() string {
	var ids []string
	if r.DOI != "" {
		ids = append(ids, "DOI "+r.DOI)
	}
	if r.PMID != "" {
		ids = append(ids, "PMID "+r.PMID)
	}
	if r.PMCID != "" {
		ids = append(ids, r.PMCID)
	}
	return strings.Join(ids, ", ")
}

// markLost marks evidence that gave a DOI that lost.
func markLost(es []Evidence, doi string) []Evidence {
	for i := range es {
		if es[i].DOI == doi {
			es[i].Agrees = false
		}
	}
	return es
}

// onlyDOIFields keeps the discrepancies about DOIs: field comparisons
// were against a record that is no longer the one published.
func onlyDOIFields(ds []Discrepancy) []Discrepancy {
	out := []Discrepancy{}
	for _, d := range ds {
		if strings.HasPrefix(d.Field, "doi-") {
			out = append(out, d)
		}
	}
	return out
}

func finishSources(l Link, src string) Link {
	if !slices.Contains(l.Sources, src) {
		l.Sources = append(l.Sources, src)
	}
	return finish(l, evidence{})
}
