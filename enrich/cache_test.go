package enrich

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Answers that are errors in disguise (a Crossref "status": "error" under
// HTTP 200, an HTML page, a truncated body) are retried and never
// cached: a later run must not take a fault of the moment for the truth.
func TestBadAnswersNotCached(t *testing.T) {
	corpus := loadCorpus(t)
	var withPMID []*entry
	for _, e := range corpus {
		if e.PMID != "" {
			withPMID = append(withPMID, e)
		}
	}
	if len(withPMID) == 0 {
		t.Fatal("no corpus entry with a PMID")
	}
	corpus = withPMID[:1]
	srv := newFakeServer(t, corpus)
	srv.fault = func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case r.URL.Path == "/works":
			fmt.Fprint(w, `{"status":"error","message-type":"validation-failure","message":[{"message":"try later"}]}`)
		case r.URL.Path == "/ecitmatch.cgi":
			fmt.Fprint(w, "<html><head><title>502 Bad Gateway</title></head><body>x|y|z|a|b|c|d</body></html>\n")
		default:
			return false
		}
		return true
	}
	cfg := testConfig(srv.URL)
	cfg.Retries = 2
	cfg.MaxErrors = 100
	client, _ := NewClient(cfg)
	src := NewSource(nil, client, false)
	links, err := Enrich(context.Background(), corpusDoc(corpus), src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l := links.References[0]; l.Status != Error || !strings.Contains(l.Reason, "bad response body") {
		t.Errorf("got %s (%s), want an error", l.Status, l.Reason)
	}
	if n := src.Used().Len(); n != 0 {
		t.Errorf("%d bad answers cached: %v", n, src.Used().Keys())
	}
	if r := client.Stats().Retries.Load(); r < int64(cfg.Retries) {
		t.Errorf("%d retries, want the bad answers retried", r)
	}

	// PubMed's bad answers alone: the search is good and cached, the
	// HTML page from ECitMatch is not.
	srv.mu.Lock()
	srv.fault = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/ecitmatch.cgi" {
			return false
		}
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><body>Service unavailable</body></html>\n")
		return true
	}
	srv.mu.Unlock()
	src = NewSource(nil, client, false)
	if _, err := Enrich(context.Background(), corpusDoc(corpus), src, Options{}); err != nil {
		t.Fatal(err)
	}
	keys := src.Used().Keys()
	if len(keys) == 0 || !strings.HasPrefix(keys[0], keySearch) {
		t.Errorf("the good search answer was not cached: %q", keys)
	}
	for _, k := range keys {
		if strings.HasPrefix(k, keyCitMatch) {
			t.Errorf("an HTML page was cached for %q", k)
		}
	}
}

// A cache that holds bad answers from an older version is cleaned when
// read: the bad entries are left out and counted.
func TestReadCacheDropsBadAnswers(t *testing.T) {
	works := `{"status":"ok","message-type":"work-list","message":{"items":[{"DOI":"10.1/a","title":["A"]}]}}`
	work := `{"status":"ok","message-type":"work","message":{"DOI":"10.1/a","title":["A"]}}`
	summary := `{"header":{"type":"esummary"},"result":{"uids":["123"],"123":{"uid":"123","articleids":[{"idtype":"doi","value":"10.1/a"}]}}}`
	good := []Entry{
		{Key: keySearch + "a", Status: 200, JSON: []byte(works)},
		{Key: keyLookup + "10.1/a", Status: 200, JSON: []byte(work)},
		{Key: keyLookup + "10.1/none", Status: 404, Text: "Resource not found."},
		{Key: keyCitMatch + "j|2020|1|2|a|k|", Status: 200, Text: "j|2020|1|2|a|k|123\n"},
		{Key: keySummary + "123", Status: 200, JSON: []byte(summary)},
	}
	bad := []Entry{
		{Key: keySearch + "b", Status: 200, JSON: []byte(`{"status":"error","message-type":"validation-failure","message":[]}`)},
		{Key: keySearch + "c", Status: 404, Text: "Not found"},
		{Key: keySearch + "d", Status: 200, Text: `{"status":"ok","message-type":"work-list","message":{"ite`},
		{Key: keyLookup + "10.1/b", Status: 500, Text: "oops"},
		{Key: keyCitMatch + "x|2020|1|2|a|k|", Status: 200, Text: "<html><body>Bad Gateway</body></html>"},
		{Key: keyCitMatch + "y|2020|1|2|a|k|", Status: 200, Text: "y|2020|1|"},
		{Key: keySummary + "456", Status: 200, Text: `{"header":{"type":"esummary"},"result":{"uids":["4`},
		{Key: keySummary + "789", Status: 200, JSON: []byte(`{"error":"API rate limit exceeded"}`)},
	}
	var buf bytes.Buffer
	c := NewCache()
	for _, e := range append(good, bad...) {
		c.Put(e)
	}
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCache(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.Len() != len(good) || back.Dropped() != len(bad) {
		t.Errorf("kept %d, dropped %d; want %d and %d", back.Len(), back.Dropped(), len(good), len(bad))
	}
	for _, e := range bad {
		if _, ok := back.Get(e.Key); ok {
			t.Errorf("kept %q", e.Key)
		}
	}
}
