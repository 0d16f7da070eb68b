package release

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/chemores/chemores/internal/readfile"
)

// ErrVerify marks a release that failed verification.
var ErrVerify = errors.New("verification failed")

// MaxMetaBytes caps the metadata files read before anything is trusted.
const MaxMetaBytes = 64 << 20

// VerifyReport is the result of checking one installed release.
type VerifyReport struct {
	Release  string
	Dir      string
	Files    int
	Bytes    int64
	Problems []string
}

// VerifyOptions controls Verify.
type VerifyOptions struct {
	Schemas bool // also validate JSON files against the release's schemas
}

// Verify checks a release directory (one holding manifest.json), or a
// directory of releases and its latest.json. Every listed file must exist
// as a regular file with the listed size and SHA-256, nothing unlisted may
// be there, SHA256SUMS must agree with the manifest, and (with Schemas)
// every JSON file must match its schema. The error wraps ErrVerify and
// names the first problems; the reports list them all.
func Verify(dir string, o VerifyOptions) ([]*VerifyReport, error) {
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); err == nil {
		r := verifyRelease(dir, o)
		return []*VerifyReport{r}, reportErr([]*VerifyReport{r})
	}
	ids, err := Releases(dir)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("%s: %w: no %s and no releases", dir, ErrVerify, ManifestFile)
	}
	var out []*VerifyReport
	for _, id := range ids {
		out = append(out, verifyRelease(filepath.Join(dir, id), o))
	}
	last := out[len(out)-1]
	if err := checkLatest(dir, ids, o); err != nil {
		last.Problems = append(last.Problems, err.Error())
	}
	return out, reportErr(out)
}

func reportErr(rs []*VerifyReport) error {
	var probs []string
	for _, r := range rs {
		for _, p := range r.Problems {
			probs = append(probs, r.Dir+": "+p)
		}
	}
	if len(probs) == 0 {
		return nil
	}
	msg := strings.Join(probs[:min(len(probs), 3)], "; ")
	if len(probs) > 3 {
		msg += fmt.Sprintf("; and %d more", len(probs)-3)
	}
	return fmt.Errorf("%w: %s", ErrVerify, msg)
}

// checkLatest checks latest.json against the newest release. A
// latest.json that is missing, damaged or behind (a publish or pull
// stopped between installing a release and updating it) gets the
// command that rewrites it.
func checkLatest(dir string, ids []string, o VerifyOptions) error {
	want, err := LatestFor(dir, ids)
	if err != nil {
		return err
	}
	if err := latestMatches(dir, want, o); err != nil {
		return fmt.Errorf("%w; run `chemores verify --repair %s` to point it at %s", err, dir, want.Release)
	}
	return nil
}

func latestMatches(dir string, want Latest, o VerifyOptions) error {
	data, err := ReadCapped(filepath.Join(dir, LatestFile), MaxMetaBytes)
	if err != nil {
		return err
	}
	var l Latest
	if err := json.Unmarshal(data, &l); err != nil {
		return fmt.Errorf("%s: %w", LatestFile, err)
	}
	if o.Schemas {
		v, err := NewValidator()
		if err != nil {
			return err
		}
		if err := v.Validate("../"+LatestFile, data); err != nil {
			return err
		}
	}
	if l.Release != want.Release || l.ManifestSHA256 != want.ManifestSHA256 {
		return fmt.Errorf("%s points at %s (manifest %.12s), but the newest release is %s (manifest %.12s)", LatestFile, l.Release, l.ManifestSHA256, want.Release, want.ManifestSHA256)
	}
	return nil
}

func verifyRelease(dir string, o VerifyOptions) *VerifyReport {
	r := &VerifyReport{Dir: dir}
	bad := func(format string, a ...any) { r.Problems = append(r.Problems, fmt.Sprintf(format, a...)) }
	root, err := os.OpenRoot(dir)
	if err != nil {
		bad("%v", err)
		return r
	}
	defer root.Close()
	mb, err := readRootCapped(root, ManifestFile, MaxMetaBytes)
	if err != nil {
		bad("%v", err)
		return r
	}
	m, err := ParseManifest(mb, "", 0)
	if err != nil {
		bad("%v", err)
		return r
	}
	r.Release = m.Release
	if base := filepath.Base(dir); ValidReleaseID(base) && base != m.Release {
		bad("directory %s holds release %s", base, m.Release)
	}
	var val *Validator
	if o.Schemas {
		if val, err = NewValidator(); err != nil {
			bad("%v", err)
		}
	}
	listed := map[string]bool{ManifestFile: true, SumsFile: true}
	for _, e := range m.Files {
		listed[e.Path] = true
		ok, err := fileMatches(root, e)
		if err != nil {
			bad("%s: %v", e.Path, err)
			continue
		}
		if !ok {
			bad("%s: size or sha256 differs from the manifest", e.Path)
			continue
		}
		r.Files++
		r.Bytes += e.Bytes
		if val != nil && val.Covered(e.Path) {
			data, err := root.ReadFile(e.Path)
			if err == nil {
				err = val.Validate(e.Path, data)
			}
			if err != nil {
				bad("%v", err)
			}
		}
	}
	if val != nil {
		if err := val.Validate(ManifestFile, mb); err != nil {
			bad("%v", err)
		}
	}
	sums, err := readRootCapped(root, SumsFile, MaxMetaBytes)
	if err != nil {
		bad("%v", err)
	} else if err := CheckSums(sums, m, SHA256Hex(mb)); err != nil {
		bad("%v", err)
	} else {
		// The manifest and SHA256SUMS are files of the release too: every
		// count of a release's files says FileCount.
		r.Files += 2
		r.Bytes += int64(len(mb) + len(sums))
	}
	fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			bad("%s: %v", p, err)
		case d.Type()&fs.ModeSymlink != 0:
			bad("%s: symbolic link", p)
		case d.IsDir():
		case !d.Type().IsRegular():
			bad("%s: not a regular file", p)
		case !listed[p]:
			bad("%s: not in the manifest", p)
		}
		return nil
	})
	return r
}

// fileMatches reports whether the file at e.Path is a regular file (not a
// link) with e's size and hash.
func fileMatches(root *os.Root, e ManifestEntry) (bool, error) {
	fi, err := root.Lstat(e.Path)
	if err != nil {
		return false, err
	}
	if !fi.Mode().IsRegular() {
		return false, fmt.Errorf("not a regular file")
	}
	if fi.Size() != e.Bytes {
		return false, nil
	}
	// Opened without waiting, and checked again: a file swapped for a
	// FIFO since the Lstat must not hang the check.
	f, err := readfile.OpenRegularIn(root, e.Path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false, err
	}
	return hex.EncodeToString(h.Sum(nil)) == e.SHA256, nil
}

// ReadCapped reads a metadata file: regular, opened without waiting on
// a FIFO, at most max bytes.
func ReadCapped(p string, max int64) ([]byte, error) {
	f, err := readfile.OpenRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAllCapped(f, p, max)
}

func readRootCapped(root *os.Root, p string, max int64) ([]byte, error) {
	f, err := readfile.OpenRegularIn(root, p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAllCapped(f, p, max)
}

func readAllCapped(r io.Reader, name string, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: %w (over %d bytes)", name, ErrTooLarge, max)
	}
	return b, nil
}
