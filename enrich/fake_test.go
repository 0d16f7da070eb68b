package enrich

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chemores/chemores/extract"
)

// entry is one reference of the test corpus (testdata/corpus.json):
// the reference as printed, its true DOI ("" when it has none the
// matcher may find), the fields of its Crossref record that the print
// does not show, and the traps served with it.
type entry struct {
	ID                string   `json:"id"`
	Printed           string   `json:"printed"`
	DOI               string   `json:"doi"`
	PMID              string   `json:"pmid"`
	Journal           string   `json:"journal"`
	Short             string   `json:"short"`
	Page              string   `json:"page"`
	Article           string   `json:"article"`
	Print             int      `json:"print"`
	Online            int      `json:"online"`
	Title             string   `json:"title"` // registered title, when the print has it wrong
	Authors           []Author `json:"authors"`
	Traps             []string `json:"traps"`
	Hide              bool     `json:"hide"` // the search does not return the true record
	Typo              string   `json:"typo"`
	ExpectDiscrepancy string   `json:"expect_discrepancy"`
	Note              string   `json:"note"`

	ref   extract.Reference
	truth *Work  // nil when the work has no DOI
	cands []Work // what the search returns, in Crossref's order
}

func loadCorpus(t testing.TB) []*entry {
	t.Helper()
	data, err := os.ReadFile("testdata/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var es []*entry
	if err := json.Unmarshal(data, &es); err != nil {
		t.Fatal(err)
	}
	for i, e := range es {
		e.ref, _ = extract.ParseReference(e.Printed)
		e.ref.N = i + 1
		e.build()
	}
	return es
}

func date(y int) *DateParts {
	if y == 0 {
		return nil
	}
	return &DateParts{Parts: [][]int{{y}}}
}

// build makes the entry's Crossref records: the true one and its traps.
func (e *entry) build() {
	r := e.ref
	authors := e.Authors
	if authors == nil {
		for _, p := range r.Authors {
			authors = append(authors, Author{Family: p.Family, Given: p.Initials})
		}
	}
	title := e.Title
	if title == "" {
		title = r.Title
	}
	if title == "" {
		title = r.Raw
	}
	base := Work{
		Type: "journal-article", Title: []string{title}, Author: authors,
		Volume: r.Volume, Page: e.Page, ArticleNumber: e.Article,
	}
	if e.Journal != "" {
		base.ContainerTitle = []string{e.Journal}
		base.ShortContainerTitle = []string{e.Short}
	}
	issued := min(e.Print, e.Online)
	if issued == 0 {
		issued = max(e.Print, e.Online, r.Year, 2000)
	}
	base.Issued = *date(issued)
	base.PublishedPrint, base.PublishedOnline = date(e.Print), date(e.Online)
	trap := func(kind string) Work {
		w := base
		w.DOI = "10.5555/trap." + kind + "." + e.ID
		w.Relation = nil
		return w
	}
	if e.DOI != "" {
		w := base
		w.DOI = e.DOI
		e.truth = &w
	}
	var traps []Work
	for _, kind := range e.Traps {
		switch kind {
		case "erratum": // same title, a correction of the true record
			w := trap(kind)
			w.Page = "1"
			w.ArticleNumber = ""
			target := e.DOI
			if target == "" {
				target = "10.5555/withheld." + e.ID
			}
			w.UpdateTo = []Update{{DOI: target, Type: "correction", Label: "Correction"}}
			traps = append(traps, w)
		case "preprint": // the same work, posted a year earlier
			w := trap(kind)
			w.Type, w.Subtype = "posted-content", "preprint"
			w.ContainerTitle, w.ShortContainerTitle = nil, nil
			w.Volume, w.Page, w.ArticleNumber = "", "", ""
			w.Issued = *date(issued - 1)
			w.PublishedPrint, w.PublishedOnline = nil, date(issued-1)
			if e.DOI != "" {
				w.Relation = map[string][]Related{"is-preprint-of": {{IDType: "doi", ID: e.DOI}}}
			}
			traps = append(traps, w)
		case "series": // the same series, the year before
			w := trap(kind)
			w.Title = []string{strings.ReplaceAll(title, fmt.Sprint(r.Year), fmt.Sprint(r.Year-1))}
			w.Issued = *date(issued - 1)
			w.PublishedPrint, w.PublishedOnline = date(issued-1), date(issued-1)
			w.Volume = decr(r.Volume)
			w.Page, w.ArticleNumber = "101-120", ""
			traps = append(traps, w)
		case "pdb": // a structure entry with the same title and authors
			w := trap(kind)
			w.Type = "dataset"
			w.ContainerTitle, w.ShortContainerTitle = nil, nil
			w.Volume, w.Page, w.ArticleNumber = "", "", ""
			traps = append(traps, w)
		case "commentary": // about the paper, by others, elsewhere
			w := trap(kind)
			w.Title = []string{"Comment on \"" + title + "\""}
			w.Author = []Author{{Family: "Commentator", Given: "A"}}
			w.ContainerTitle, w.ShortContainerTitle = []string{"Signal Transduction and Targeted Therapy"}, []string{"Sig Transduct Target Ther"}
			w.Volume, w.Page, w.ArticleNumber = "5", "", "19"
			if e.DOI != "" {
				w.Relation = map[string][]Related{"is-comment-on": {{IDType: "doi", ID: e.DOI}}}
			}
			traps = append(traps, w)
		case "near": // a different paper with a near-identical title
			w := trap(kind)
			w.Title = []string{nearTitle(title)}
			w.Author = []Author{{Family: "Other", Given: "B"}, {Family: "Person", Given: "C"}}
			w.Volume = decr(decr(r.Volume))
			w.Page, w.ArticleNumber = "55-66", ""
			w.Issued = *date(issued - 2)
			w.PublishedPrint, w.PublishedOnline = date(issued-2), date(issued-2)
			traps = append(traps, w)
		case "online-year": // the right paper, online the year before
			e.truth.Issued = *date(e.Print - 1)
			e.truth.PublishedOnline = date(e.Print - 1)
		}
	}
	// Crossref's own ranking puts traps first often enough.
	e.cands = traps
	if e.truth != nil && !e.Hide {
		e.cands = append(e.cands[:len(e.cands):len(e.cands)], *e.truth)
	}
	for i := range e.cands {
		e.cands[i].Score = float64(90 - 7*i)
	}
}

func decr(v string) string {
	var n int
	if _, err := fmt.Sscan(v, &n); err != nil || n < 3 {
		return "2"
	}
	return fmt.Sprint(n - 1)
}

// nearTitle changes the title by a word or two.
func nearTitle(t string) string {
	ws := strings.Fields(t)
	switch {
	case len(ws) > 4:
		ws[len(ws)/2] = "novel"
		return strings.Join(ws, " ") + " revisited"
	case len(ws) > 0:
		return t + " in children"
	}
	return "Something else"
}

// fakeServer stands in for Crossref and NCBI with the corpus's records,
// and counts what it is asked.
type fakeServer struct {
	*httptest.Server
	corpus   []*entry
	requests atomic.Int64
	mu       sync.Mutex
	agents   map[string]int
	ncbiArgs []url.Values
	// fault, if set, may answer instead (return true when it did).
	fault func(w http.ResponseWriter, r *http.Request) bool
	// deposits are works with a reference list, by lower-case DOI.
	deposits map[string]map[string]any
	// searches, filters and lookups count /works?query.bibliographic,
	// /works?filter and /works/{doi} requests.
	searches, filters, lookups atomic.Int64
	// depositHits counts requests for a deposited list.
	depositHits atomic.Int64
}

func newFakeServer(t testing.TB, corpus []*entry) *fakeServer {
	f := &fakeServer{corpus: corpus, agents: map[string]int{}}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	f.requests.Add(1)
	f.mu.Lock()
	f.agents[r.UserAgent()]++
	fault := f.fault
	f.mu.Unlock()
	if fault != nil && fault(w, r) {
		return
	}
	switch {
	case r.URL.Path == "/works" && r.URL.Query().Has("filter"):
		f.filters.Add(1)
		f.filter(w, r.URL.Query().Get("filter"))
	case r.URL.Path == "/works":
		f.searches.Add(1)
		f.search(w, r.URL.Query().Get("query.bibliographic"))
	case strings.HasPrefix(r.URL.Path, "/works/"):
		f.lookups.Add(1)
		f.work(w, strings.TrimPrefix(r.URL.Path, "/works/"))
	case r.URL.Path == "/ecitmatch.cgi":
		f.recordNCBI(r)
		f.citMatch(w, r.URL.Query().Get("bdata"))
	case r.URL.Path == "/esummary.fcgi":
		f.recordNCBI(r)
		f.summary(w, r.URL.Query().Get("id"))
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeServer) recordNCBI(r *http.Request) {
	f.mu.Lock()
	f.ncbiArgs = append(f.ncbiArgs, r.URL.Query())
	f.mu.Unlock()
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func (f *fakeServer) search(w http.ResponseWriter, q string) {
	items := []Work{}
	fq := fold(q)
	best := ""
	for _, e := range f.corpus { // the entry whose title the query holds; the longest wins
		key := fold(e.ref.Title)
		if key == "" {
			key = fold(e.Printed)
		}
		if strings.Contains(fq, key) && len(key) > len(best) {
			items, best = e.cands, key
		}
	}
	writeJSON(w, map[string]any{
		"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
		"message": map[string]any{
			"facets": map[string]any{}, "total-results": len(items), "items": items,
			"items-per-page": rows, "query": map[string]any{"start-index": 0, "search-terms": q},
		},
	})
}

func (f *fakeServer) find(doi string) *Work {
	for _, e := range f.corpus {
		if e.truth != nil && strings.EqualFold(e.truth.DOI, doi) {
			return e.truth
		}
		for i := range e.cands {
			if strings.EqualFold(e.cands[i].DOI, doi) {
				return &e.cands[i]
			}
		}
	}
	return nil
}

// filter answers /works?filter=doi:a,doi:b,... with the records found.
func (f *fakeServer) filter(w http.ResponseWriter, filter string) {
	items := []Work{}
	for _, part := range strings.Split(filter, ",") {
		doi, ok := strings.CutPrefix(part, "doi:")
		if !ok {
			http.Error(w, "only doi filters", http.StatusBadRequest)
			return
		}
		if rec := f.find(doi); rec != nil {
			items = append(items, *rec)
		}
	}
	writeJSON(w, map[string]any{
		"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
		"message": map[string]any{"facets": map[string]any{}, "total-results": len(items), "items": items,
			"items-per-page": len(items), "query": map[string]any{"start-index": 0, "search-terms": nil}},
	})
}

func (f *fakeServer) work(w http.ResponseWriter, doi string) {
	if d, ok := f.deposits[strings.ToLower(doi)]; ok {
		f.depositHits.Add(1)
		writeJSON(w, map[string]any{"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": d})
		return
	}
	rec := f.find(doi)
	if rec == nil {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "Resource not found.")
		return
	}
	writeJSON(w, map[string]any{"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": rec})
}

func (f *fakeServer) citMatch(w http.ResponseWriter, bdata string) {
	line := strings.TrimSpace(bdata)
	p := strings.Split(line, "|")
	answer := "NOT_FOUND"
	if len(p) >= 6 {
		for _, e := range f.corpus {
			if e.PMID != "" && fmt.Sprint(e.ref.Year) == p[1] && e.ref.Volume == p[2] && e.ref.FirstPage == p[3] {
				answer = e.PMID
			}
		}
		line = strings.Join(p[:6], "|")
	}
	fmt.Fprintf(w, "%s|%s\n", line, answer)
}

func (f *fakeServer) summary(w http.ResponseWriter, pmid string) {
	for _, e := range f.corpus {
		if e.PMID == pmid {
			writeJSON(w, map[string]any{
				"header": map[string]any{"type": "esummary", "version": "0.3"},
				"result": map[string]any{
					"uids": []string{pmid},
					pmid: map[string]any{"uid": pmid, "articleids": []map[string]string{
						{"idtype": "pubmed", "value": pmid}, {"idtype": "doi", "value": e.DOI},
					}},
				},
			})
			return
		}
	}
	writeJSON(w, map[string]any{"result": map[string]any{"uids": []string{}}})
}

// testConfig talks to the fake server quickly: limits scaled up, waits
// cut to milliseconds.
func testConfig(url string) Config {
	c := DefaultConfig()
	c.CrossrefURL, c.NCBIURL = url, url
	c.Mailto = "test@example.org"
	c.Version = "test"
	c.SearchRate, c.LookupRate, c.NCBIRate = 2000, 2000, 2000
	c.Gap = 0
	c.Timeout = 2 * time.Second
	c.RetryWaitMin, c.RetryWaitMax = time.Millisecond, 5*time.Millisecond
	c.RetryAfterUnit = time.Millisecond
	return c
}

func corpusDoc(es []*entry) *extract.Document {
	doc := &extract.Document{ID: "corpus"}
	for _, e := range es {
		doc.References = append(doc.References, e.ref)
	}
	return doc
}

// rebuildOffline enriches doc again from the cache the online run filled
// (src): it must ask the server nothing and give the same links. It
// returns that cache, for runs that go on from it.
func rebuildOffline(t *testing.T, doc *extract.Document, src *Source, srv *fakeServer, links *Links) *Cache {
	t.Helper()
	var buf bytes.Buffer
	if err := src.Used().Write(&buf); err != nil {
		t.Fatal(err)
	}
	cache, err := ReadCache(&buf)
	if err != nil {
		t.Fatal(err)
	}
	before := srv.requests.Load()
	again, err := Enrich(context.Background(), doc, NewSource(cache, nil, false), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := srv.requests.Load() - before; n != 0 {
		t.Errorf("offline rebuild made %d HTTP requests, want 0", n)
	}
	a, _ := json.Marshal(links)
	b, _ := json.Marshal(again)
	if !bytes.Equal(a, b) {
		t.Error("offline rebuild differs from the online run")
	}
	return cache
}
