package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
)

// writeDoc writes a one-reference Document as "chemores extract" would.
func writeDoc(t *testing.T, dir string) string {
	r, err := extract.ParseReference("Hanahan D and Weinberg RA: Hallmarks of cancer: The next generation. Cell 144: 646-674, 2011.")
	if err != nil {
		t.Fatal(err)
	}
	r.N = 1
	data, _ := json.Marshal(extract.Document{Schema: extract.SchemaVersion, ID: "doc", References: []extract.Reference{r}})
	path := filepath.Join(dir, "doc.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEnrichOffline(t *testing.T) {
	dir := t.TempDir()
	in := writeDoc(t, dir)
	e, out, errb := envWith(nil)
	if code := run(context.Background(), []string{"enrich", in, "--cache", filepath.Join(dir, "none.jsonl")}, e); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var l enrich.Links
	if err := json.Unmarshal(out.Bytes(), &l); err != nil {
		t.Fatal(err)
	}
	if got := l.References[0]; got.Status != enrich.Unresolved || !strings.Contains(got.Reason, "make refresh CHEMORES_MAILTO=") {
		t.Errorf("got %+v", got)
	}
	if !strings.Contains(errb.String(), "1 unresolved") {
		t.Errorf("summary: %s", errb)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.jsonl")); err == nil {
		t.Error("an offline run wrote the cache")
	}
}

func TestEnrichUsage(t *testing.T) {
	dir := t.TempDir()
	in := writeDoc(t, dir)
	e, _, errb := envWith(nil)
	if code := run(context.Background(), []string{"enrich", in, "--online"}, e); code != exitUsage || !strings.Contains(errb.String(), "CHEMORES_MAILTO") {
		t.Errorf("--online without an address: exit %d, %s", code, errb)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{oops\n"), 0o644)
	e, _, errb = envWith(nil)
	if code := run(context.Background(), []string{"enrich", in, "--cache", bad}, e); code != exitBadInput || !strings.Contains(errb.String(), "bad.jsonl") {
		t.Errorf("corrupt cache: exit %d, %s", code, errb)
	}
	e, _, _ = envWith(nil)
	if code := run(context.Background(), []string{"enrich", filepath.Join(dir, "missing.json")}, e); code != exitBadInput {
		t.Errorf("missing input: exit %d", code)
	}
}

// TestEnrichOnlineThenOffline refreshes against a local stand-in, then
// rebuilds offline from the cache it wrote: same output, no request.
func TestEnrichOnlineThenOffline(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch r.URL.Path {
		case "/works":
			fmt.Fprint(w, `{"status":"ok","message-type":"work-list","message":{"items":[{"DOI":"10.1016/j.cell.2011.02.013","type":"journal-article",`+
				`"title":["Hallmarks of Cancer: The Next Generation"],"container-title":["Cell"],"author":[{"family":"Hanahan","given":"Douglas"}],`+
				`"issued":{"date-parts":[[2011,3]]},"volume":"144","page":"646-674","score":90}]}}`)
		case "/ecitmatch.cgi":
			fmt.Fprintln(w, strings.TrimSpace(r.URL.Query().Get("bdata"))+"NOT_FOUND")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	in := writeDoc(t, dir)
	cache := filepath.Join(dir, "cache", "doc.jsonl")
	args := []string{"enrich", in, "--cache", cache, "-o", filepath.Join(dir, "a.json"), "--crossref-url", srv.URL, "--ncbi-url", srv.URL}
	e, _, errb := envWith(map[string]string{"CHEMORES_MAILTO": "test@example.org"})
	if code := run(context.Background(), append(args, "--online"), e); code != exitOK {
		t.Fatalf("online: exit %d: %s", code, errb)
	}
	online := requests.Load()
	if online == 0 {
		t.Fatal("no request made online")
	}
	args[5] = filepath.Join(dir, "b.json")
	e, _, errb = envWith(nil)
	if code := run(context.Background(), args, e); code != exitOK {
		t.Fatalf("offline: exit %d: %s", code, errb)
	}
	if n := requests.Load() - online; n != 0 {
		t.Errorf("offline rebuild made %d requests", n)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a.json"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.json"))
	if !bytes.Equal(a, b) || !bytes.Contains(a, []byte(`"status": "matched"`)) {
		t.Errorf("outputs differ or not matched:\n%s\n%s", a, b)
	}
	c, _ := os.ReadFile(cache)
	if bytes.Contains(c, []byte("example.org")) || bytes.Count(c, []byte("\n")) != 2 {
		t.Errorf("cache:\n%s", c)
	}
}

// TestEnrichEvidence: --evidence applies curated rows offline; a file
// that breaks a rule stops the run with every problem listed.
func TestEnrichEvidence(t *testing.T) {
	dir := t.TempDir()
	in := writeDoc(t, dir)
	head := "# name: doc\n# source: test\n# license: test\n" + enrich.CuratedColumns + "\n"
	good := filepath.Join(dir, "good.tsv")
	row := "1\t10.1016/j.cell.2011.02.013\t21376230\t\thttps://pubmed.ncbi.nlm.nih.gov/21376230/\tpubmed\tHallmarks of cancer: the next generation\t2026-12-07\t\n"
	if err := os.WriteFile(good, []byte(head+row), 0o644); err != nil {
		t.Fatal(err)
	}
	e, out, errb := envWith(nil)
	args := []string{"enrich", in, "--cache", filepath.Join(dir, "none.jsonl"), "--evidence", good}
	if code := run(context.Background(), args, e); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var l enrich.Links
	if err := json.Unmarshal(out.Bytes(), &l); err != nil {
		t.Fatal(err)
	}
	if got := l.References[0]; got.Status != enrich.Matched || got.Source != enrich.SourceCurated || got.DOI != "10.1016/j.cell.2011.02.013" || got.PMID != "21376230" {
		t.Errorf("got %+v", got)
	}
	if !strings.Contains(errb.String(), "1 curated") {
		t.Errorf("summary: %s", errb)
	}

	bad := filepath.Join(dir, "bad.tsv")
	badRows := "1\t10.1016/x y\t\t\thttps://e.org\tblog\tSomething else\t2026-12-07\t\n2\t10.1/abc\t\t\thttps://e.org\tpubmed\tT\t2026-12-07\t\n"
	if err := os.WriteFile(bad, []byte(head+badRows), 0o644); err != nil {
		t.Fatal(err)
	}
	e, _, errb = envWith(nil)
	args[len(args)-1] = bad
	if code := run(context.Background(), args, e); code == exitOK {
		t.Fatal("a malformed evidence file was accepted")
	}
	for _, want := range []string{"malformed DOI", "source_kind", "no reference 2", "title_seen"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("the error does not mention %q:\n%s", want, errb)
		}
	}
}
