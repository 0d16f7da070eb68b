package enrich

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestDecodeWorks reads an answer shaped like Crossref's, extra fields
// and all.
func TestDecodeWorks(t *testing.T) {
	data, err := os.ReadFile("testdata/works.json")
	if err != nil {
		t.Fatal(err)
	}
	ws, err := DecodeWorks(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 2 {
		t.Fatalf("%d items, want 2", len(ws))
	}
	w := ws[0]
	if w.DOI != "10.1016/j.cell.2011.02.013" || w.year() != 2011 || w.Volume != "144" || w.Page != "646-674" ||
		w.Author[0].Family != "Hanahan" || w.ISSN[0] != "0092-8674" || w.ShortContainerTitle[0] != "Cell" || w.Score != 97.5 {
		t.Errorf("decoded %+v", w)
	}
	if u := ws[1].UpdateTo; len(u) != 1 || u[0].Type != "erratum" || u[0].DOI != w.DOI {
		t.Errorf("update-to %+v", u)
	}
	for _, bad := range []string{``, `[]`, `{"status":"error","message":[]}`, `{"status":"ok","message-type":"work","message":{}}`,
		`{"status":"ok","message":{"items":[{"DOI":"nope"}]}}`, `{"status":"ok","message":null}`, `{"status":"ok","message":{"items":[{"DOI":"10.1/x","issued":"2020"}]}}`} {
		if _, err := DecodeWorks([]byte(bad)); !errors.Is(err, ErrDecode) {
			t.Errorf("DecodeWorks(%q) = %v, want ErrDecode", bad, err)
		}
	}
}

func TestParseCitMatch(t *testing.T) {
	cases := []struct {
		in        string
		pmid      string
		ambiguous bool
		err       bool
	}{
		{"proc natl acad sci u s a|1991|88|3248|mann bj|Art1|2014248\n", "2014248", false, false},
		{"science|1987|235|182|palmenber ac|Art2|NOT_FOUND;INVALID_JOURNAL\n", "", false, false},
		{"cell|2011|144|646|hanahan d|1|AMBIGUOUS (2 citations)\n", "", true, false},
		{"", "", false, true},
		{"garbage", "", false, true},
	}
	for _, c := range cases {
		res, err := parseCitMatch(c.in)
		if (err != nil) != c.err || res.PMID != c.pmid || res.Ambiguous != c.ambiguous {
			t.Errorf("parseCitMatch(%q) = %+v, %v", c.in, res, err)
		}
	}
}

func TestCacheRoundTrip(t *testing.T) {
	c := NewCache()
	c.Put(newEntry("crossref works b", "https://api.crossref.org/works?query.bibliographic=b&mailto=x%40y.org", 200,
		[]byte(`{ "status" : "ok", "message-type": "work-list", "message": {"items": [{"DOI": "10.1/b", "title": ["<i>x</i> & y"]}]} }`)))
	c.Put(newEntry("ncbi ecitmatch a", "https://e/ecitmatch.cgi?bdata=a&email=x%40y.org", 200, []byte("a|b|c|d|e|1|123\n")))
	c.Put(newEntry("crossref work 10.1/none", "https://api.crossref.org/works/10.1/none", 404, []byte("Resource not found.")))
	var a bytes.Buffer
	if err := c.Write(&a); err != nil {
		t.Fatal(err)
	}
	out := a.String()
	if strings.Contains(out, "x%40y.org") || strings.Contains(out, "x@y.org") {
		t.Errorf("cache keeps the contact address:\n%s", out)
	}
	if !strings.Contains(out, `"json":{"status":"ok","message-type":"work-list","message":{"items":[{"DOI":"10.1/b","title":["<i>x</i> & y"]}]}}`) {
		t.Errorf("JSON body not kept compact and unescaped:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"crossref work 10.1/none"`) || !strings.Contains(lines[2], `"ncbi ecitmatch a"`) {
		t.Errorf("lines not sorted by key:\n%s", out)
	}
	back, err := ReadCache(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	back.Write(&b)
	if a.String() != b.String() {
		t.Error("write, read, write is not stable")
	}
	if _, err := ReadCache(strings.NewReader(lines[0] + "\n" + lines[0] + "\n")); err == nil {
		t.Error("duplicate keys accepted")
	}
	if _, err := ReadCache(strings.NewReader("{not json\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad line: %v", err)
	}
}

func FuzzDecodeWorks(f *testing.F) {
	data, _ := os.ReadFile("testdata/works.json")
	f.Add(data)
	f.Add([]byte(`{"status":"ok","message":{"items":[{"DOI":"10.1/x","issued":{"date-parts":[[]]},"published-print":{"date-parts":[]}}]}}`))
	f.Add([]byte(`{"status":"ok","message-type":"work","message":{"DOI":"10.1/x","title":[]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ws, err := DecodeWorks(data)
		if err != nil {
			if !errors.Is(err, ErrDecode) {
				t.Fatalf("error not ErrDecode: %v", err)
			}
			return
		}
		for _, w := range ws {
			// Everything matching reads must be safe on any record.
			_ = w.title() + w.journal()
			_ = w.years()
			_ = w.year()
			_ = recordPages(w)
			compare(extractRef, w)
		}
		w, err := DecodeWork(data)
		if err == nil {
			compare(extractRef, w)
		}
	})
}

func FuzzNormalizeQuery(f *testing.F) {
	for _, s := range []string{"Siegel RL, Miller KD: Cancer statistics, 2022. *CA Cancer J Clin* 72: 7-33, 2022.",
		"TGF- β\u00a0promotes\t\nheterogeneity", "e\u0301\u0301\u0301", "\xff\xfe", strings.Repeat("ab ", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := NormalizeQuery(s)
		if !utf8.ValidString(q) {
			t.Fatalf("invalid UTF-8: %q", q)
		}
		if utf8.RuneCountInString(q) > maxQuery {
			t.Fatalf("%d runes, over %d", utf8.RuneCountInString(q), maxQuery)
		}
		if q != strings.TrimSpace(q) || strings.Contains(q, "  ") || strings.ContainsAny(q, "\t\n\r*") {
			t.Fatalf("not normalized: %q", q)
		}
		if again := NormalizeQuery(q); again != q {
			t.Fatalf("not idempotent: %q -> %q", q, again)
		}
		r := extractRef
		r.Title, r.Raw = s, s
		if Query(r) != NormalizeQuery(Query(r)) {
			t.Fatalf("Query not normalized for %q", s)
		}
		_ = citMatch(r)
	})
}

func FuzzParseCitMatch(f *testing.F) {
	f.Add("cell|2011|144|646|hanahan d|1|21376230\n")
	f.Add("a|b|c|d|e|f|AMBIGUOUS\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		res, err := parseCitMatch(s)
		if err == nil && res.PMID != "" && !isDigits(res.PMID) {
			t.Fatalf("PMID %q", res.PMID)
		}
		if err != nil && !errors.Is(err, ErrDecode) {
			t.Fatalf("error not ErrDecode: %v", err)
		}
	})
}
