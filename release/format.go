package release

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/chemores/chemores/internal/lazyre"
)

// The release format: the names of a release's files, its manifest,
// SHA256SUMS and latest.json. Package publish writes releases in it; Pull,
// Verify and Server read them.

// APIDir is where the static JSON API lives in a release.
const APIDir = "api/v1/"

// File is one file of a release, by path relative to the release root.
type File struct {
	Path string
	Data []byte
}

// FileKind says which JSON Schema describes which files.
type FileKind struct {
	Pattern string `json:"pattern"` // relative to the release: "api/v1/entities/{type}/{id}.json"
	Schema  string `json:"schema"`  // relative to the release: "schemas/entity.schema.json"
}

var releaseRe = lazyre.New(`^([0-9]{4})-([0-9]{2})-([0-9]{2})([b-z]?)$`)

// SHA256Hex is the SHA-256 of b in lower-case hex, as manifests write it.
func SHA256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Manifest is manifest.json: every file of the release (but itself and
// SHA256SUMS, which lists it) with its size and SHA-256.
type Manifest struct {
	Release string `json:"release"`
	Created string `json:"created"`
	// Content is the release's content digest (see contentDigest): the
	// same for two releases that differ only in id and date.
	Content string          `json:"content"`
	Files   []ManifestEntry `json:"files"`
	Bytes   int64           `json:"bytes"`
}

// ManifestEntry is one file of a release.
type ManifestEntry struct {
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// SHA256Sums writes coreutils' format, "<hex>  <path>\n", sorted by path,
// so that `sha256sum -c SHA256SUMS` checks the release.
func SHA256Sums(entries []ManifestEntry) []byte {
	es := slices.Clone(entries)
	slices.SortFunc(es, func(a, b ManifestEntry) int { return strings.Compare(a.Path, b.Path) })
	var b bytes.Buffer
	for _, e := range es {
		fmt.Fprintf(&b, "%s  %s\n", e.SHA256, e.Path)
	}
	return b.Bytes()
}

// parseSums reads SHA256SUMS back: path to hex.
func parseSums(data []byte) (map[string]string, error) {
	out := map[string]string{}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" {
			continue
		}
		sum, p, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 || !isHex(sum) || p == "" {
			return nil, fmt.Errorf("line %d: not \"<sha256>  <path>\"", i+1)
		}
		if _, dup := out[p]; dup {
			return nil, fmt.Errorf("line %d: %s listed twice", i+1, p)
		}
		out[p] = sum
	}
	return out, nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Latest is latest.json: the newest release and where its manifest is.
type Latest struct {
	Release        string   `json:"release"`
	Created        string   `json:"created"`
	Path           string   `json:"path"`
	Manifest       string   `json:"manifest"`
	ManifestSHA256 string   `json:"manifest_sha256"`
	Content        string   `json:"content"`  // the release's content digest (Manifest.Content)
	Releases       []string `json:"releases"` // all, oldest first
}

// Release file names.
const (
	HomeFile     = "index.html" // the release's home page; the other pages are under site/
	DBFile       = "chemores.sqlite"
	DBGzFile     = "chemores.sqlite.gz"
	ManifestFile = "manifest.json"
	SumsFile     = "SHA256SUMS"
	ChangesFile  = "changes.json"
	ChangesMD    = "CHANGES.md"
	PackageFile  = "datapackage.json"
	ReadmeFile   = "README.md"
	LatestFile   = "latest.json"
)

// TarballName is the release tarball's file name.
func TarballName(id string) string { return "chemores-" + id + ".tar.gz" }

// ValidReleaseID reports whether id is a release id: a date, and a letter
// b-z for a same-day patch.
func ValidReleaseID(id string) bool {
	m := releaseRe().FindStringSubmatch(id)
	if m == nil {
		return false
	}
	_, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3])
	return err == nil
}

// ReleaseDate is the release id for a time: its UTC date.
func ReleaseDate(t time.Time) string { return t.UTC().Format("2006-01-02") }
