package enrich

import (
	"testing"

	"github.com/chemores/chemores/extract"
)

func ref(t *testing.T, s string) extract.Reference {
	t.Helper()
	r, err := extract.ParseReference(s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return r
}

func work(doi, title, journal string, year int, vol, page string, authors ...string) Work {
	w := Work{DOI: doi, Type: "journal-article", Title: []string{title}, ContainerTitle: []string{journal},
		Issued: DateParts{Parts: [][]int{{year}}}, Volume: vol, Page: page}
	for _, a := range authors {
		w.Author = append(w.Author, Author{Family: a})
	}
	return w
}

// TestDecide covers each trap on its own, with a made-up DOI prefix
// (10.5555 is Crossref's test prefix) since only the decision matters.
func TestDecide(t *testing.T) {
	stats := "Siegel RL, Miller KD, Fuchs HE and Jemal A: Cancer statistics, 2022. CA Cancer J Clin 72: 7-33, 2022."
	right := work("10.5555/right", "Cancer statistics, 2022", "CA: A Cancer Journal for Clinicians", 2022, "72", "7-33", "Siegel", "Miller")
	cases := []struct {
		name   string
		ref    string
		works  []Work
		ncbi   string // DOI PubMed gives
		status string
		doi    string
	}{
		{"right record alone", stats, []Work{right}, "", Matched, "10.5555/right"},
		{"same series, other year", stats, []Work{
			work("10.5555/2021", "Cancer statistics, 2021", "CA: A Cancer Journal for Clinicians", 2022, "72", "7-33", "Siegel", "Miller"),
		}, "", NotFound, ""},
		{"erratum with the same title", stats, []Work{func() Work {
			w := right
			w.DOI = "10.5555/erratum"
			w.UpdateTo = []Update{{DOI: "10.5555/right", Type: "erratum"}}
			return w
		}()}, "", NotFound, ""},
		{"erratum first, right record second", stats, []Work{func() Work {
			w := right
			w.DOI = "10.5555/erratum"
			w.UpdateTo = []Update{{DOI: "10.5555/right", Type: "erratum"}}
			return w
		}(), right}, "", Matched, "10.5555/right"},
		{"preprint only", stats, []Work{func() Work {
			w := right
			w.DOI, w.Type = "10.5555/pre", "posted-content"
			return w
		}()}, "", NotFound, ""},
		{"dataset (PDB entry) only", stats, []Work{func() Work {
			w := right
			w.DOI, w.Type = "10.5555/pdb", "dataset"
			return w
		}()}, "", NotFound, ""},
		{"peer review only", stats, []Work{func() Work {
			w := right
			w.DOI, w.Type = "10.5555/review", "peer-review"
			return w
		}()}, "", NotFound, ""},
		{"reply titled as such", stats, []Work{
			work("10.5555/reply", "Reply to: Cancer statistics, 2022", "CA: A Cancer Journal for Clinicians", 2022, "72", "500", "Siegel"),
		}, "", NotFound, ""},
		{"online year printed, print year registered", stats, []Work{func() Work {
			w := right
			w.Issued = DateParts{Parts: [][]int{{2021}}}
			w.PublishedOnline = &DateParts{Parts: [][]int{{2021}}}
			w.PublishedPrint = &DateParts{Parts: [][]int{{2022}}}
			return w
		}()}, "", Matched, "10.5555/right"},
		{"two records too close", stats, []Work{right, func() Work {
			w := right
			w.DOI = "10.5555/twin"
			return w
		}()}, "", Ambiguous, ""},
		{"PubMed agrees", stats, []Work{right}, "10.5555/right", Matched, "10.5555/right"},
		{"PubMed disagrees", stats, []Work{right}, "10.5555/other", Ambiguous, ""},
		{"wrong journal and pages, same title", stats, []Work{
			work("10.5555/else", "Cancer statistics, 2022", "Journal of Something Else", 2019, "12", "100-110", "Other"),
		}, "", NotFound, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := evidence{ref: ref(t, c.ref), works: c.works}
			if c.ncbi != "" {
				ev.pmid, ev.pmidDOI = "1", c.ncbi
			}
			l := decide(ev)
			if l.Status != c.status || l.DOI != c.doi {
				t.Errorf("got %s %q, want %s %q (%s)", l.Status, l.DOI, c.status, c.doi, l.Reason)
			}
		})
	}
}

func TestSameJournal(t *testing.T) {
	cases := []struct {
		printed, full string
		want          bool
	}{
		{"J Am Soc Nephrol", "Journal of the American Society of Nephrology", true},
		{"N Engl J Med", "New England Journal of Medicine", true},
		{"CA Cancer J Clin", "CA: A Cancer Journal for Clinicians", true},
		{"Proc Natl Acad Sci USA", "Proceedings of the National Academy of Sciences", true},
		{"Cancers (Basel)", "Cancers", true},
		{"Biomed Pharmacother", "Biomedicine & Pharmacotherapy", true},
		{"Cold Spring Harb Perspect Med", "Cold Spring Harbor Perspectives in Medicine", true},
		{"Cell Oncol (Dordr)", "Cellular Oncology", true},
		{"Cancer", "Cancer Research", false},
		{"Cancer Res", "Cancer", false},
		{"Nat Commun", "Nature Genetics", false},
		{"Cell", "Cell Reports", false},
	}
	for _, c := range cases {
		w := Work{ContainerTitle: []string{c.full}}
		if got := sameJournal(c.printed, w); got != c.want {
			t.Errorf("sameJournal(%q, %q) = %v, want %v", c.printed, c.full, got, c.want)
		}
	}
}

func TestPageKey(t *testing.T) {
	for in, want := range map[string]string{"e22976": "22976", "0129": "129", "D941": "941", "zcad028": "28", "S12": "12", "a037556": "37556", "xii": "xii"} {
		if got := pageKey(in); got != want {
			t.Errorf("pageKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleNumbers(t *testing.T) {
	r := ref(t, "Nieto MA, Huang RY, Jackson RA and Thiery JP: EMT: 2016. Cell 166: 21-45, 2016.")
	if s := compare(r, work("10.5555/a", "EMT: 2016", "Cell", 2016, "166", "21-45", "Nieto")); s.reject != "" {
		t.Errorf("same numbers rejected: %s", s.reject)
	}
	if s := compare(r, work("10.5555/b", "EMT: 2015", "Cell", 2016, "166", "21-45", "Nieto")); s.reject == "" {
		t.Error("a different number in the title was not rejected")
	}
}

func TestSimilarity(t *testing.T) {
	cases := []struct {
		a, b string
		lo   float64
	}{
		{"TGF-β promotes heterogeneity", "TGF-beta promotes heterogeneity", 1},
		{"Hallmarks of cancer: The next generation", "Hallmarks of Cancer: The Next Generation", 1},
		{"<i>In vivo</i> imaging", "In vivo imaging", 1},
		{"Complementary regulation of the Snai1 and Snai2 genes", "Compensatory regulation of the Snai1 and Snai2 genes", 0.8},
	}
	for _, c := range cases {
		if s := similarity(c.a, c.b); s < c.lo {
			t.Errorf("similarity(%q, %q) = %.2f, want >= %.2f", c.a, c.b, s, c.lo)
		}
	}
	if s := similarity("Autophagy and cancer dormancy", "Prostate cancer dormancy and recurrence"); s >= 0.75 {
		t.Errorf("different titles score %.2f", s)
	}
}

func TestQuery(t *testing.T) {
	r := ref(t, "Siegel RL, Miller KD, Fuchs HE and Jemal A: Cancer statistics, 2022. *CA Cancer J Clin* 72: 7-33, 2022.")
	want := "Siegel RL, Miller KD, Fuchs HE, Cancer statistics, 2022, CA Cancer J Clin, 72, 7, 2022"
	if got := Query(r); got != want {
		t.Errorf("Query = %q, want %q", got, want)
	}
	if got := citMatch(r); got != "ca cancer j clin|2022|72|7|siegel rl|1|" {
		t.Errorf("citMatch = %q", got)
	}
}

// extractRef is a parsed reference for fuzz targets.
var extractRef = func() extract.Reference {
	r, _ := extract.ParseReference("Siegel RL, Miller KD, Fuchs HE and Jemal A: Cancer statistics, 2022. CA Cancer J Clin 72: 7-33, 2022.")
	return r
}()
