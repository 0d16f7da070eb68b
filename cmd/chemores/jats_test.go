package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chemores/chemores/enrich"
)

const jatsFixture = "../../extract/testdata/jats/review.xml"

func TestExtractJATS(t *testing.T) {
	out := filepath.Join(t.TempDir(), "doc.json")
	e, _, errb := testEnv()
	if code := run(context.Background(), []string{"extract", jatsFixture, "-o", out}, e); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	want := "review.xml: 11 sections, 18 paragraphs, 2 figures, 11 citations, 13 references, 0 warnings"
	if !strings.Contains(errb.String(), want) {
		t.Errorf("summary %q, want %q", errb, want)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), `"format": "jats"`) {
		t.Errorf("no jats format in %s", out)
	}
}

// Malformed XML and XML that is no article: exit code 3, one line naming
// the file, nothing written.
func TestExtractBadXML(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, data, want string }{
		{"truncated.xml", `<?xml version="1.0"?><article><front><article-meta>`, "the file ends inside <article-meta>"},
		{"drawing.svg", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`, "not a JATS <article>"},
		{"laughs.xml", `<!DOCTYPE article [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><article>&b;</article>`, "declares entities"},
	}
	for _, tt := range tests {
		in := filepath.Join(dir, tt.name)
		if err := os.WriteFile(in, []byte(tt.data), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out", "doc.json")
		e, stdout, errb := testEnv()
		code := run(context.Background(), []string{"extract", in, "-o", out}, e)
		msg := strings.TrimSpace(errb.String())
		if code != exitBadInput || !strings.Contains(msg, tt.want) || !strings.Contains(msg, tt.name) || strings.Contains(msg, "\n") {
			t.Errorf("%s: exit %d, stderr %q; want %d, one line naming the file and %q", tt.name, code, msg, exitBadInput, tt.want)
		}
		if _, err := os.Stat(out); err == nil || stdout.Len() > 0 {
			t.Errorf("%s: output written", tt.name)
		}
	}
}

// A DOI printed in a JATS reference reaches enrich, which looks it up and
// records it as printed evidence when the record agrees.
func TestJATSPrintedDOI(t *testing.T) {
	const doi = "10.5555/cd.2020.0101"
	record := `{"DOI":"` + doi + `","type":"journal-article","title":["Rapid adaptive resistance to KRAS G12C inhibition"],` +
		`"container-title":["Cancer Discovery"],"short-container-title":["Cancer Discov"],"author":[{"family":"Ahmed","given":"S."},{"family":"Brown","given":"K. L."}],` +
		`"issued":{"date-parts":[[2020,8]]},"volume":"10","issue":"8","page":"1078-1088","score":50}`
	lookups := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/ecitmatch.cgi":
			fmt.Fprintln(w, strings.TrimSpace(r.URL.Query().Get("bdata"))+"NOT_FOUND")
		case r.URL.Path == "/works" && strings.Contains(strings.ToLower(r.URL.Query().Get("query.bibliographic")), "rapid adaptive"):
			fmt.Fprint(w, `{"status":"ok","message-type":"work-list","message":{"items":[`+record+`]}}`)
		case r.URL.Path == "/works":
			fmt.Fprint(w, `{"status":"ok","message-type":"work-list","message":{"items":[]}}`)
		case r.URL.Path == "/works/"+doi:
			lookups++
			fmt.Fprint(w, `{"status":"ok","message-type":"work","message":`+record+`}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	extracted, enriched := filepath.Join(dir, "extract.json"), filepath.Join(dir, "enrich.json")
	for _, args := range [][]string{
		{"extract", "-q", jatsFixture, "-o", extracted},
		{"enrich", "-q", extracted, "--cache", filepath.Join(dir, "cache.jsonl"), "--online", "--mailto", "test@example.org",
			"--crossref-url", srv.URL, "--ncbi-url", srv.URL, "-o", enriched},
	} {
		e, _, errb := testEnv()
		if code := run(context.Background(), args, e); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args[0], code, errb)
		}
	}
	data, err := os.ReadFile(enriched)
	if err != nil {
		t.Fatal(err)
	}
	var links enrich.Links
	if err := json.Unmarshal(data, &links); err != nil {
		t.Fatal(err)
	}
	l := links.References[0]
	if l.Status != enrich.Matched || l.DOI != doi || !slices.Contains(l.Sources, "printed") || !slices.Contains(l.Agreed, "doi") || lookups == 0 {
		t.Errorf("reference 1: %s %s sources %v agreed %v (%d lookups of the printed DOI); want matched with printed evidence", l.Status, l.DOI, l.Sources, l.Agreed, lookups)
	}
}

// chemores build takes JATS sources beside text ones.
func TestBuildJATS(t *testing.T) {
	sources := append(corpus(t, 1), jatsFixture, "../../extract/testdata/jats/authoryear.nxml")
	build, dist := t.TempDir(), t.TempDir()
	e, out, errb := envWith(map[string]string{"SOURCE_DATE_EPOCH": epoch})
	args := append([]string{"build", "--build", build, "--dist", dist}, buildFlags...)
	if code := run(context.Background(), append(args, sources...), e); code != exitOK {
		t.Fatalf("build: exit %d: %s%s", code, out, errb)
	}
	for _, id := range []string{"review", "authoryear"} {
		for _, stage := range []string{"extract", "normalize", "enrich"} {
			if _, err := os.Stat(filepath.Join(build, stage, id+".json")); err != nil {
				t.Errorf("%s: %v", id, err)
			}
		}
		if _, err := os.Stat(filepath.Join(dist, "2024-10-01", "api", "v1", "documents", id+".json")); err != nil {
			t.Errorf("%s not published: %v", id, err)
		}
	}
	e, out, errb = testEnv()
	if code := run(context.Background(), []string{"verify", dist}, e); code != exitOK {
		t.Errorf("verify: exit %d: %s%s", code, out, errb)
	}
}
