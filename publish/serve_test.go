package publish

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	_, _, dir := servedDist(t)
	os.MkdirAll(filepath.Join(dir, stagingPrefix+"x"), 0o755)
	os.WriteFile(filepath.Join(dir, stagingPrefix+"x", "a.json"), []byte("{}"), 0o644)
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644)
	os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "leak.txt"))

	h, err := NewServer(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	tests := []struct {
		method, path string
		status       int
		ctype, cache string
	}{
		{"GET", "/latest.json", 200, "application/json", cacheLatest},
		{"GET", "/" + rel + "/api/v1/index.json", 200, "application/json", cacheImmutable},
		{"GET", "/" + rel + "/api/v1/entities/gene/NCBIGene-5243.json", 200, "application/json", cacheImmutable},
		{"GET", "/" + rel + "/schemas/entity.schema.json", 200, "application/schema+json", cacheImmutable},
		{"GET", "/" + rel + "/chemores.sqlite", 200, "application/vnd.sqlite3", cacheImmutable},
		{"GET", "/" + rel + "/chemores.sqlite.gz", 200, "application/gzip", cacheImmutable},
		{"GET", "/" + rel + "/parquet/entities.parquet", 200, "application/vnd.apache.parquet", cacheImmutable},
		{"GET", "/" + rel + "/" + TarballName(rel), 200, "application/gzip", cacheImmutable},
		{"GET", "/" + rel + "/SHA256SUMS", 200, "text/plain; charset=utf-8", cacheImmutable},
		{"GET", "/" + rel + "/CHANGES.md", 200, "text/markdown; charset=utf-8", cacheImmutable},
		{"HEAD", "/" + rel + "/manifest.json", 200, "application/json", cacheImmutable},
		{"POST", "/latest.json", 405, "", ""},
		{"DELETE", "/" + rel + "/manifest.json", 405, "", ""},
		{"GET", "/" + rel + "/index.html", 200, "text/html; charset=utf-8", cacheImmutable},
		{"GET", "/" + rel + "/site/style.css", 200, "text/css; charset=utf-8", cacheImmutable},
		{"GET", "/" + rel + "/site/search.js", 200, "text/javascript; charset=utf-8", cacheImmutable},
		{"GET", "/" + rel + "/site/entities/gene/NCBIGene-5243.html", 200, "text/html; charset=utf-8", cacheImmutable},
		{"GET", "/" + rel + "/site/", 404, "", ""},
		{"GET", "/" + rel + "/api", 404, "", ""},
		{"GET", "/nothing.json", 404, "", ""},
		{"GET", "/" + stagingPrefix + "x/a.json", 404, "", ""},
		{"GET", "/leak.txt", 404, "", ""},
		{"GET", "/%2e%2e/etc/passwd", 404, "", ""},
		{"GET", "/", 302, "", ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s: %d, want %d", tt.method, tt.path, resp.StatusCode, tt.status)
			continue
		}
		if tt.status != 200 {
			if strings.Contains(string(body), "secret") {
				t.Errorf("%s leaked", tt.path)
			}
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != tt.ctype {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, got, tt.ctype)
		}
		if got := resp.Header.Get("Cache-Control"); got != tt.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tt.path, got, tt.cache)
		}
		if tt.method == "GET" {
			want, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(tt.path, "/"))))
			if string(body) != string(want) {
				t.Errorf("%s: body differs from the file", tt.path)
			}
		}
	}
}

// TestServeHome: "/" leads to the newest release's home page, which a
// release directory serves with its slash, so that relative links work.
func TestServeHome(t *testing.T) {
	_, _, dir := servedDist(t)
	h, err := NewServer(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	home, _ := os.ReadFile(filepath.Join(dir, rel, HomeFile))
	tests := []struct {
		path, location string
		status         int
	}{
		{"/", "/" + rel + "/", http.StatusFound},
		{"/" + rel, "/" + rel + "/", http.StatusMovedPermanently},
		{"/" + rel + "/", "", http.StatusOK},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if rec.Code != tt.status || rec.Header().Get("Location") != tt.location {
			t.Errorf("GET %s: %d to %q, want %d to %q", tt.path, rec.Code, rec.Header().Get("Location"), tt.status, tt.location)
		}
		if tt.status == http.StatusOK {
			if rec.Body.String() != string(home) || !strings.Contains(rec.Header().Get("Content-Security-Policy"), "default-src 'none'") {
				t.Errorf("GET %s: not the home page, or no Content-Security-Policy", tt.path)
			}
		}
	}
	// Without a usable latest.json, "/" leads to latest.json as before.
	os.WriteFile(filepath.Join(dir, LatestFile), []byte("{}"), 0o644)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Header().Get("Location") != "/"+LatestFile {
		t.Errorf("GET / without a release in latest.json: to %q", rec.Header().Get("Location"))
	}
}

func TestServeRevalidateAndRange(t *testing.T) {
	_, _, dir := servedDist(t)
	h, _ := NewServer(dir)
	defer h.Close()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/latest.json", nil))
	etag := rec.Header().Get("ETag")
	if len(etag) != 66 {
		t.Fatalf("ETag %q", etag)
	}
	req := httptest.NewRequest("GET", "/latest.json", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("revalidation: %d", rec.Code)
	}
	req = httptest.NewRequest("GET", "/"+rel+"/"+DBFile, nil)
	req.Header.Set("Range", "bytes=0-15")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusPartialContent || rec.Body.String() != "SQLite format 3\x00" {
		t.Errorf("range: %d %q", rec.Code, rec.Body.String())
	}
}

// A FIFO in the served directory is a 404 at once: no request waits for
// a writer, and no thread is left blocked per request.
func TestServeFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "latest.json"), 0o644); err != nil {
		t.Skip(err)
	}
	h, err := NewServer(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := &http.Client{Timeout: 2 * time.Second}
	threads := pprof.Lookup("threadcreate").Count()
	const n = 50
	for range n {
		resp, err := c.Get(srv.URL + "/latest.json")
		if err != nil {
			if f, err := os.OpenFile(filepath.Join(dir, "latest.json"), os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close() // let one blocked open go
			}
			t.Fatalf("a request to a FIFO: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("status %d, want 404", resp.StatusCode)
		}
	}
	if grew := pprof.Lookup("threadcreate").Count() - threads; grew > n/5 {
		t.Errorf("%d threads created by %d requests", grew, n)
	}
}
