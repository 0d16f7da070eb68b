package release

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"
)

// ErrUnsafePath marks a path in a manifest that could write outside the
// release directory or clash with the installer's own files.
var ErrUnsafePath = errors.New("unsafe path")

// ErrTooLarge marks a file over the size cap.
var ErrTooLarge = errors.New("file over the size cap")

// checkRelPath accepts only plain relative paths: slash-separated
// segments of printable characters, none empty, "." or "..", none
// starting with a dot (hidden names are the installer's), no backslash or
// colon (drive letters, alternate streams), no absolute path.
func checkRelPath(p string) error {
	if p == "" || len(p) > 1024 {
		return fmt.Errorf("%w: %q: empty or too long", ErrUnsafePath, p)
	}
	if strings.HasPrefix(p, "/") || path.Clean(p) != p {
		return fmt.Errorf("%w: %q: not a clean relative path", ErrUnsafePath, p)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.HasPrefix(seg, ".") || len(seg) > 255 {
			return fmt.Errorf("%w: %q: segment %q", ErrUnsafePath, p, seg)
		}
		for i := 0; i < len(seg); i++ {
			if c := seg[i]; c < 0x20 || c == 0x7f || c == '\\' || c == ':' {
				return fmt.Errorf("%w: %q: character %q", ErrUnsafePath, p, c)
			}
		}
	}
	return nil
}

// FileCount is the number of files of a release: those its manifest
// lists, the manifest itself and SHA256SUMS (which lists all the others,
// so it has one line less). publish, pull and verify all count so.
func FileCount(m *Manifest) int { return len(m.Files) + 2 }

// ParseManifest decodes and checks a manifest: a valid release id (the
// one wanted, if given), safe unique paths that do not shadow each other
// or the reserved names, sizes under the cap, well-formed hashes.
func ParseManifest(data []byte, want string, maxFile int64) (*Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, err)
	}
	if !ValidReleaseID(m.Release) {
		return nil, fmt.Errorf("%s: release %q is not a release id", ManifestFile, m.Release)
	}
	if want != "" && m.Release != want {
		return nil, fmt.Errorf("%s: is for release %s, not %s", ManifestFile, m.Release, want)
	}
	if len(m.Files) == 0 {
		return nil, fmt.Errorf("%s: lists no files", ManifestFile)
	}
	seen := map[string]bool{}
	for _, e := range m.Files {
		if err := checkRelPath(e.Path); err != nil {
			return nil, fmt.Errorf("%s: %w", ManifestFile, err)
		}
		if e.Path == ManifestFile || e.Path == SumsFile {
			return nil, fmt.Errorf("%s: %w: %s is reserved", ManifestFile, ErrUnsafePath, e.Path)
		}
		if seen[e.Path] {
			return nil, fmt.Errorf("%s: %s listed twice", ManifestFile, e.Path)
		}
		seen[e.Path] = true
		if e.Bytes < 0 {
			return nil, fmt.Errorf("%s: %s: negative size", ManifestFile, e.Path)
		}
		if maxFile > 0 && e.Bytes > maxFile {
			return nil, fmt.Errorf("%s: %s: %w (%d bytes, cap %d)", ManifestFile, e.Path, ErrTooLarge, e.Bytes, maxFile)
		}
		if len(e.SHA256) != 64 || !isHex(e.SHA256) {
			return nil, fmt.Errorf("%s: %s: sha256 %q is not 64 lower-case hex digits", ManifestFile, e.Path, e.SHA256)
		}
	}
	// A file may not also be a directory ("a" and "a/b").
	for p := range seen {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if seen[d] {
				return nil, fmt.Errorf("%s: %w: %s is both a file and a directory", ManifestFile, ErrUnsafePath, d)
			}
		}
	}
	return &m, nil
}

// CheckSums checks that SHA256SUMS lists exactly the manifest's files and
// the manifest itself, with the same hashes.
func CheckSums(sums []byte, m *Manifest, manifestSHA string) error {
	got, err := parseSums(sums)
	if err != nil {
		return fmt.Errorf("%s: %w", SumsFile, err)
	}
	want := map[string]string{ManifestFile: manifestSHA}
	for _, e := range m.Files {
		want[e.Path] = e.SHA256
	}
	for p, h := range want {
		if got[p] != h {
			return fmt.Errorf("%s: %s: hash differs from the manifest or is missing", SumsFile, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			return fmt.Errorf("%s: lists %s, which the manifest does not", SumsFile, p)
		}
	}
	return nil
}
