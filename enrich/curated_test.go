package enrich

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chemores/chemores/extract"
)

const evidenceDir = "../seeds/evidence"

// TestCuratedSeeds checks every committed evidence file the way the
// lexicons are checked: format, DOI syntax, no duplicates, and against
// the document extracted from its seed: every n a reference, every
// title_seen agreeing with the parsed title or saying why not.
func TestCuratedSeeds(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(evidenceDir, "*.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no evidence files")
	}
	for _, file := range files {
		id := strings.TrimSuffix(filepath.Base(file), ".tsv")
		t.Run(id, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c, ps := ParseCurated(data, id)
			for _, p := range ps {
				t.Errorf("%s %v", file, p)
			}
			doc := seedDocument(t, id)
			for _, p := range c.Check(doc.References) {
				t.Errorf("%s %v", file, p)
			}
			if _, err := os.Stat(filepath.Join(evidenceDir, id+".misses.md")); err != nil {
				t.Errorf("no log of the references without an identifier: %v", err)
			}
			dois := 0
			for _, r := range c.Rows {
				if r.DOI != "" {
					dois++
				}
			}
			t.Logf("%s: %d rows, %d with a DOI, of %d references", id, len(c.Rows), dois, len(doc.References))

			// Offline, without any cached response, the curated rows are
			// what the build ships.
			links, err := Enrich(context.Background(), doc, NewSource(NewCache(), nil, false), Options{Curated: c})
			if err != nil {
				t.Fatal(err)
			}
			cov := links.Coverage()
			if cov[SourceCurated] != dois || len(cov) != 1 {
				t.Errorf("offline coverage %v, want %d curated", cov, dois)
			}
			for _, l := range links.References {
				if l.DOI == "" && l.Reason == "" {
					t.Errorf("reference %d: no DOI and no reason", l.N)
				}
			}
		})
	}
}

// seedDocument extracts seeds/<id>.txt.
func seedDocument(t *testing.T, id string) *extract.Document {
	t.Helper()
	path := filepath.Join("..", "seeds", id+".txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Parse(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

const curatedHeader = "# name: doc\n# source: test\n# license: test\n" + CuratedColumns + "\n"

func TestParseCurated(t *testing.T) {
	data := curatedHeader +
		"1\t10.1000/abc\t123\tPMC9\thttps://example.org/a\tpubmed\tA title\t2026-12-07\t\n" +
		"2\t10.1000/abc\t\t\thttps://example.org/b\tblog\tB title\t2026-13-01\t\n" +
		"1\tdoi:10.1/x\tabc\tpmc1\tftp://x\tpmc\t\t2026-12-07\t\n" +
		"3\t\t\t\thttps://example.org/c\tpmc\tC\t2026-12-07\t\n" +
		"4\t10.1000/d\t\n"
	_, ps := ParseCurated([]byte(data), "doc")
	var kinds []string
	for _, p := range ps {
		kinds = append(kinds, p.Kind)
	}
	for _, want := range []string{ProblemDuplicate, ProblemKind, ProblemDate, ProblemDOI, ProblemPMID, ProblemPMCID, ProblemURL, ProblemTitle, ProblemEmpty, ProblemColumns} {
		if !slices.Contains(kinds, want) {
			t.Errorf("no %s problem in %v", want, ps)
		}
	}
	if _, ps := ParseCurated([]byte(curatedHeader), "other"); len(ps) != 1 || ps[0].Kind != ProblemHeader {
		t.Errorf("wrong name: %v", ps)
	}
}

func TestCuratedCheck(t *testing.T) {
	refs := []extract.Reference{
		{N: 1, Title: "Cancer statistics, 2022"},
		{N: 2, Title: "A new lateral flow plasmonic biosensor based on gold-viral biomimetic nanozyme"},
	}
	data := curatedHeader +
		"1\t10.1000/a\t\t\thttps://example.org/a\tpubmed\tCancer Statistics, 2022\t2026-12-07\t\n" +
		"2\t10.1000/b\t\t\thttps://example.org/b\tpubmed\tSomething else entirely\t2026-12-07\t\n" +
		"3\t10.1000/c\t\t\thttps://example.org/c\tpubmed\tC\t2026-12-07\t\n"
	c, ps := ParseCurated([]byte(data), "doc")
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	ps = c.Check(refs)
	if len(ps) != 2 || ps[0].Kind != ProblemTitle || ps[1].Kind != ProblemReference {
		t.Errorf("problems %v, want a title and a reference problem", ps)
	}
	c, _ = ParseCurated([]byte(strings.Replace(data, "Something else entirely\t2026-12-07\t", "Something else entirely\t2026-12-07\ttitle differs: the page names another version", 1)), "doc")
	if ps := c.Check(refs[:2]); len(ps) != 1 || ps[0].Kind != ProblemReference {
		t.Errorf("an explained title difference is not a problem: %v", ps)
	}
}

// TestMergeCurated: agreeing sources raise the score; when they
// disagree the stronger wins and the other is a discrepancy.
func TestMergeCurated(t *testing.T) {
	ref := extract.Reference{N: 7, Title: "Cancer statistics, 2022"}
	row := &CuratedRow{Line: 9, N: 7, DOI: "10.1000/cur", PMID: "42", URL: "https://example.org", Kind: "pubmed", TitleSeen: "Cancer statistics, 2022", Checked: "2026-12-07"}
	matched := func(doi string, score float64) Link {
		return finish(Link{N: 7, Status: Matched, DOI: doi, Score: score, Source: SourceSearch,
			Evidence: []Evidence{{Source: SourceSearch, DOI: doi, Score: score, Agrees: true}}}, evidence{})
	}

	l := mergeCurated(finish(Link{N: 7, Status: Unresolved, Reason: "no cached Crossref response"}, evidence{}), row, ref)
	if l.Status != Matched || l.DOI != row.DOI || l.Source != SourceCurated || l.PMID != "42" || l.Score != 0.9 {
		t.Errorf("offline: %+v", l)
	}

	l = mergeCurated(matched(row.DOI, 0.8), row, ref)
	if l.DOI != row.DOI || l.Score != 0.98 || len(l.Evidence) != 2 || !l.Evidence[1].Agrees || l.Source != SourceCurated {
		t.Errorf("agreeing: %+v", l)
	}

	l = mergeCurated(matched("10.1000/search", 0.97), row, ref)
	if l.DOI != "10.1000/search" || l.Source != SourceSearch || !hasDiscrepancy(l, FieldCurated, row.DOI) {
		t.Errorf("stronger search: %+v", l)
	}

	l = mergeCurated(matched("10.1000/search", 0.8), row, ref)
	if l.DOI != row.DOI || l.Source != SourceCurated || !hasDiscrepancy(l, FieldSearch, "10.1000/search") {
		t.Errorf("weaker search: %+v", l)
	}
	if i := slices.IndexFunc(l.Evidence, func(e Evidence) bool { return e.Source == SourceSearch }); i < 0 || l.Evidence[i].Agrees {
		t.Errorf("the losing search answer should be kept as disagreeing evidence: %+v", l.Evidence)
	}

	pmidOnly := &CuratedRow{Line: 9, N: 7, PMID: "42", URL: "https://example.org", Kind: "pubmed", TitleSeen: ref.Title, Checked: "2026-12-07"}
	l = mergeCurated(finish(Link{N: 7, Status: Unresolved}, evidence{}), pmidOnly, ref)
	if l.Status != NotFound || l.PMID != "42" || l.DOI != "" {
		t.Errorf("PMID only: %+v", l)
	}

	bad := *row
	bad.TitleSeen = "Something else"
	l = mergeCurated(finish(Link{N: 7, Status: Unresolved}, evidence{}), &bad, ref)
	if l.Status != Unresolved || !strings.Contains(l.Reason, "set aside") {
		t.Errorf("a row whose title does not agree must not be applied: %+v", l)
	}
}

func hasDiscrepancy(l Link, field, printed string) bool {
	return slices.ContainsFunc(l.Discrepancies, func(d Discrepancy) bool { return d.Field == field && d.Printed == printed })
}

func FuzzParseCurated(f *testing.F) {
	f.Add([]byte(curatedHeader + "1\t10.1000/a\t1\tPMC1\thttps://e.org\tpubmed\tT\t2026-12-07\tn\n"))
	f.Add([]byte("# name: doc\n\n\t\t\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, _ := ParseCurated(data, "doc")
		seen := map[int]bool{}
		for _, r := range c.Rows {
			if seen[r.N] || r.N <= 0 {
				t.Fatalf("row for reference %d kept twice or not positive", r.N)
			}
			seen[r.N] = true
			if c.Row(r.N) == nil {
				t.Fatalf("Row(%d) is nil", r.N)
			}
		}
	})
}
