package publish

import (
	"crypto/sha256"
	"encoding/hex"
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
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheLatest    = "public, max-age=60, must-revalidate"
	cacheOther     = "no-cache"
)

var contentTypes = map[string]string{
	".json":    "application/json",
	".md":      "text/markdown; charset=utf-8",
	".sqlite":  "application/vnd.sqlite3",
	".gz":      "application/gzip",
	".parquet": "application/vnd.apache.parquet",
	".txt":     "text/plain; charset=utf-8",
}

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
// revalidate); "/" redirects to latest.json.
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
		http.Redirect(w, r, "/"+LatestFile, http.StatusFound)
		return
	}
	if checkRelPath(p) != nil {
		http.NotFound(w, r)
		return
	}
	// Opened without waiting: a FIFO would hold a thread per request.
	f, err := readfile.OpenRegularIn(s.root, p)
	if err != nil {
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
	switch first, _, _ := strings.Cut(p, "/"); {
	case p == LatestFile:
		h.Set("Cache-Control", cacheLatest)
		if sum, err := sha256Seeker(rs); err == nil {
			h.Set("ETag", `"`+sum+`"`)
		}
	case ValidReleaseID(first):
		h.Set("Cache-Control", cacheImmutable)
	default:
		h.Set("Cache-Control", cacheOther)
	}
	// No Last-Modified: file times say nothing about a release.
	http.ServeContent(w, r, p, time.Time{}, rs)
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
