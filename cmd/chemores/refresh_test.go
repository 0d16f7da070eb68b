package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

const refreshDoc = `Two papers about cancer

ANA SILVA^{1}

^{1}Example University, Lisbon, Portugal

1. Introduction

Hallmarks were reviewed (1), and so were statistics (2).

References

1. Hanahan D and Weinberg RA: Hallmarks of cancer: The next generation. *Cell* 144: 646-674, 2011.
2. Siegel RL, Miller KD, Fuchs HE and Jemal A: Cancer statistics, 2022. *CA Cancer J Clin* 72: 7-33, 2022.
`

// crossrefStandIn answers searches in Crossref's format. It knows the
// second paper only once told to, as Crossref would after indexing it.
type crossrefStandIn struct {
	knowsSiegel atomic.Bool
	requests    atomic.Int64
}

func (s *crossrefStandIn) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	q := strings.ToLower(r.URL.Query().Get("query.bibliographic"))
	switch {
	case r.URL.Path == "/ecitmatch.cgi":
		fmt.Fprintln(w, strings.TrimSpace(r.URL.Query().Get("bdata"))+"NOT_FOUND")
	case r.URL.Path != "/works":
		http.NotFound(w, r)
	case strings.Contains(q, "hallmarks"):
		fmt.Fprint(w, `{"status":"ok","message-type":"work-list","message":{"items":[{"DOI":"10.1016/j.cell.2011.02.013","type":"journal-article",`+
			`"title":["Hallmarks of Cancer: The Next Generation"],"container-title":["Cell"],"author":[{"family":"Hanahan","given":"Douglas"},{"family":"Weinberg","given":"Robert A."}],`+
			`"issued":{"date-parts":[[2011,3]]},"volume":"144","page":"646-674","score":90}]}}`)
	case strings.Contains(q, "statistics") && s.knowsSiegel.Load():
		fmt.Fprint(w, `{"status":"ok","message-type":"work-list","message":{"items":[{"DOI":"10.3322/caac.21708","type":"journal-article",`+
			`"title":["Cancer statistics, 2022"],"container-title":["CA: A Cancer Journal for Clinicians"],"short-container-title":["CA Cancer J Clin"],`+
			`"author":[{"family":"Siegel","given":"Rebecca L."},{"family":"Miller","given":"Kimberly D."}],`+
			`"issued":{"date-parts":[[2022,1]]},"volume":"72","page":"7-33","score":80}]}}`)
	default:
		fmt.Fprint(w, `{"status":"ok","message-type":"work-list","message":{"items":[]}}`)
	}
}

// The refresh workflow's steps, run locally against a Crossref stand-in:
// a DOI that appears is published as a new release; a refresh that
// changes nothing publishes nothing (and asks nothing the cache holds).
func TestRefreshPublishesOnlyOnChange(t *testing.T) {
	ctx := context.Background()
	standIn := &crossrefStandIn{}
	srv := httptest.NewServer(standIn)
	defer srv.Close()

	dir := t.TempDir()
	src := filepath.Join(dir, "seeds", "doc.txt")
	cache := filepath.Join(dir, "seeds", "cache", "doc.jsonl")
	build, site := filepath.Join(dir, "build"), filepath.Join(dir, "site")
	if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, []byte(refreshDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	step := func(day int, args ...string) string {
		t.Helper()
		e, out, errb := envWith(map[string]string{
			"CHEMORES_MAILTO":   "test@example.org",
			"SOURCE_DATE_EPOCH": strconv.Itoa(1727784000 + day*86400), // 2024-10-01 + day
		})
		if code := run(ctx, args, e); code != exitOK {
			t.Fatalf("%v: exit %d: %s%s", args, code, out, errb)
		}
		return out.String()
	}
	extracted := filepath.Join(build, "extract", "doc.json")
	step(0, "extract", "-q", src, "-o", extracted)
	refresh := func(day int, mode string) string {
		step(day, "enrich", "-q", extracted, "--cache", cache, "--"+mode, "--crossref-url", srv.URL, "--ncbi-url", srv.URL,
			"-o", filepath.Join(build, "enrich", "doc.json"))
		return step(day, "publish", "-q", "--build", build, "--dist", site, "--mechanisms", vocabTSV)
	}

	first := refresh(0, "online")
	if !strings.Contains(first, "2024-10-01: ") || !strings.Contains(first, "DOIs +1 -0") {
		t.Fatalf("first refresh: %s", first)
	}
	asked := standIn.requests.Load()

	// A week later nothing changed at Crossref: the cache answers, and
	// the content digest says there is nothing new to publish.
	same := refresh(7, "online")
	if !strings.Contains(same, "unchanged") || !strings.Contains(same, "2024-10-01") {
		t.Errorf("refresh without change: %s", same)
	}
	if n := standIn.requests.Load() - asked; n != 0 {
		t.Errorf("refresh with a complete cache asked %d requests", n)
	}

	// Crossref now knows the second paper: a full refresh finds its DOI
	// and a new release is published.
	standIn.knowsSiegel.Store(true)
	changed := refresh(14, "refresh")
	if !strings.Contains(changed, "2024-10-15: ") || !strings.Contains(changed, "DOIs +1 -0") {
		t.Fatalf("refresh with a new DOI: %s", changed)
	}
	notes, err := os.ReadFile(filepath.Join(site, "2024-10-15", "CHANGES.md"))
	if err != nil || !strings.Contains(string(notes), "10.3322/caac.21708") {
		t.Errorf("CHANGES.md does not name the new DOI (%v):\n%s", err, notes)
	}
	releases, _ := os.ReadDir(site)
	var ids []string
	for _, r := range releases {
		if r.IsDir() {
			ids = append(ids, r.Name())
		}
	}
	if strings.Join(ids, " ") != "2024-10-01 2024-10-15" {
		t.Errorf("releases %v, want 2024-10-01 and 2024-10-15", ids)
	}
}
