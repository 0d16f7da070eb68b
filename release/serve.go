package release

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"github.com/chemores/chemores/internal/readfile"
)

// Cache lifetimes: a release directory never changes, latest.json does.
const (
	CacheImmutable = "public, max-age=31536000, immutable"
	CacheLatest    = "public, max-age=60, must-revalidate"
	CacheOther     = "no-cache"
)

var contentTypes = map[string]string{
	".json":    "application/json",
	".md":      "text/markdown; charset=utf-8",
	".sqlite":  "application/vnd.sqlite3",
	".gz":      "application/gzip",
	".parquet": "application/vnd.apache.parquet",
	".txt":     "text/plain; charset=utf-8",
	".html":    "text/html; charset=utf-8",
	".css":     "text/css; charset=utf-8",
	".js":      "text/javascript; charset=utf-8",
	".svg":     "image/svg+xml",
}

// pageCSP is sent with every page, as the pages' own meta tag says: they
// load nothing from another host.
const pageCSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'"

// contentType picks the type by name; schemas get their own media type.
func contentType(name string) string {
	switch {
	case strings.HasSuffix(name, ".schema.json"):
		return "application/schema+json"
	case path.Base(name) == SumsFile:
		return "text/plain; charset=utf-8"
	case strings.HasSuffix(name, ".json"):
		return "application/json"
	}
	if t, ok := contentTypes[path.Ext(name)]; ok {
		return t
	}
	return "application/octet-stream"
}

// Server serves a dist directory read-only: GET and HEAD only, no
// directory listings, no hidden files (staging areas), nothing outside
// the directory (symbolic links included), regular files only (a FIFO
// is not waited on). Versioned paths are cached
// for a year as immutable, latest.json for a minute (with an ETag to
// revalidate). "/" redirects to the newest release's home page (to
// latest.json when it has none), and a release directory serves its
// index.html.
type Server struct {
	root *os.Root
}

// NewServer opens dir for serving.
func NewServer(dir string) (*Server, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Server{root: root}, nil
}

// Close releases the directory.
func (s *Server) Close() error { return s.root.Close() }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "read-only: GET and HEAD only", http.StatusMethodNotAllowed)
		return
	}
	p := strings.TrimPrefix(r.URL.Path, "/")
	if p == "" {
		http.Redirect(w, r, s.home(), http.StatusFound)
		return
	}
	if dir, ok := strings.CutSuffix(p, "/"); ok {
		p = dir + "/" + HomeFile
	}
	if checkRelPath(p) != nil {
		http.NotFound(w, r)
		return
	}
	// Opened without waiting: a FIFO would hold a thread per request.
	f, err := readfile.OpenRegularIn(s.root, p)
	if err != nil {
		// A directory with a home page is asked for with its slash, so
		// that the page's relative links work.
		if g, err := readfile.OpenRegularIn(s.root, p+"/"+HomeFile); err == nil {
			g.Close()
			http.Redirect(w, r, "/"+p+"/", http.StatusMovedPermanently)
			return
		}
		// Missing, not a regular file, or a link out of the directory:
		// say nothing more.
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	var rs io.ReadSeeker = f
	h := w.Header()
	h.Set("Content-Type", contentType(p))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Access-Control-Allow-Origin", "*")
	if strings.HasSuffix(p, ".html") {
		h.Set("Content-Security-Policy", pageCSP)
	}
	switch first, _, _ := strings.Cut(p, "/"); {
	case p == LatestFile:
		h.Set("Cache-Control", CacheLatest)
		if sum, err := sha256Seeker(rs); err == nil {
			h.Set("ETag", `"`+sum+`"`)
		}
	case ValidReleaseID(first):
		h.Set("Cache-Control", CacheImmutable)
	default:
		h.Set("Cache-Control", CacheOther)
	}
	// No Last-Modified: file times say nothing about a release.
	http.ServeContent(w, r, p, time.Time{}, rs)
}

// home is where "/" leads: the home page of the release latest.json
// names, else latest.json itself.
func (s *Server) home() string {
	f, err := readfile.OpenRegularIn(s.root, LatestFile)
	if err != nil {
		return "/" + LatestFile
	}
	defer f.Close()
	var l Latest
	if err := json.NewDecoder(io.LimitReader(f, 1<<20)).Decode(&l); err != nil || !ValidReleaseID(l.Release) {
		return "/" + LatestFile
	}
	g, err := readfile.OpenRegularIn(s.root, l.Release+"/"+HomeFile)
	if err != nil {
		return "/" + LatestFile
	}
	g.Close()
	return "/" + l.Release + "/"
}

// sha256Seeker hashes r and rewinds it.
func sha256Seeker(r io.ReadSeeker) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
