package enrich

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestCorpus resolves the test corpus against the fake Crossref and
// NCBI, with traps around every true record, and checks the targets:
// no wrong DOI at all, and at least 95% of the references that have a
// DOI matched. Then it rebuilds offline from the cache the run wrote
// and checks the result is identical and costs no request.
func TestCorpus(t *testing.T) {
	corpus := loadCorpus(t)
	if n := len(corpus); n < 40 {
		t.Fatalf("corpus has %d references, want at least 40", n)
	}
	srv := newFakeServer(t, corpus)
	client, err := NewClient(testConfig(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	src := NewSource(NewCache(), client, false)
	doc := corpusDoc(corpus)
	links, err := Enrich(context.Background(), doc, src, Options{})
	if err != nil {
		t.Fatal(err)
	}

	var withDOI, matched, correct, wrong int
	for i, e := range corpus {
		l := links.References[i]
		if e.DOI != "" {
			withDOI++
		}
		if l.Status == Matched {
			matched++
			if strings.EqualFold(l.DOI, e.DOI) {
				correct++
			} else {
				wrong++
				t.Errorf("%s: WRONG DOI %s, want %q (%s)", e.ID, l.DOI, e.DOI, l.Reason)
			}
		} else if e.DOI != "" {
			t.Logf("%s: %s, not matched: %s", e.ID, l.Status, l.Reason)
		}
		if e.ExpectDiscrepancy != "" && l.Status == Matched {
			if !slices.ContainsFunc(l.Discrepancies, func(d Discrepancy) bool { return d.Field == e.ExpectDiscrepancy }) {
				t.Errorf("%s: want a %s discrepancy (%s), got %+v", e.ID, e.ExpectDiscrepancy, e.Typo, l.Discrepancies)
			}
		}
		if e.ExpectDiscrepancy == "" && l.Status == Matched {
			for _, d := range l.Discrepancies {
				if d.Field != FieldTitle {
					t.Errorf("%s: unexpected discrepancy %+v", e.ID, d)
				}
			}
		}
		if e.PMID != "" && l.Status == Matched && l.PMID != e.PMID {
			t.Errorf("%s: PMID %q, want %q (PubMed's second opinion)", e.ID, l.PMID, e.PMID)
		}
	}
	precision := float64(correct) / float64(max(matched, 1))
	recall := float64(correct) / float64(withDOI)
	t.Logf("corpus: %d references, %d with a DOI; matched %d, correct %d, wrong %d: precision %.3f, recall %.3f",
		len(corpus), withDOI, matched, correct, wrong, precision, recall)
	if wrong > 0 {
		t.Errorf("%d wrong DOIs, want 0", wrong)
	}
	if recall < 0.95 {
		t.Errorf("recall %.3f, want at least 0.95", recall)
	}

	golden(t, "testdata/corpus.golden.json", links)

	// A warm rebuild: offline, from the cache the run used.
	cache := rebuildOffline(t, doc, src, srv, links)
	before := srv.requests.Load()
	// And an online run over a warm cache asks nothing either.
	warm := NewSource(cache, client, false)
	if _, err := Enrich(context.Background(), doc, warm, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := srv.requests.Load() - before; n != 0 {
		t.Errorf("--online over a warm cache made %d HTTP requests, want 0", n)
	}
}

// golden compares v, as indented JSON, with a file under testdata/; with
// -update it rewrites the file.
func golden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run go test ./enrich -update and review the diff", path)
	}
}
