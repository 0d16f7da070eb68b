package release

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/chemores/chemores/internal/atomic"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Releases lists the release ids in a directory of releases, oldest
// first: directories (or links to them) named as release ids.
func Releases(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range ents {
		if !ValidReleaseID(e.Name()) {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(filepath.Join(dir, e.Name()))
			isDir = err == nil && fi.IsDir()
		}
		if isDir {
			ids = append(ids, e.Name())
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// LatestFor is latest.json for a directory whose releases are ids.
func LatestFor(dir string, ids []string) (Latest, error) {
	id := ids[len(ids)-1]
	mb, err := ReadCapped(filepath.Join(dir, id, ManifestFile), MaxMetaBytes)
	if err != nil {
		return Latest{}, fmt.Errorf("release %s: %w", id, err)
	}
	var m Manifest
	if err := json.Unmarshal(mb, &m); err != nil {
		return Latest{}, fmt.Errorf("release %s: %s: %w", id, ManifestFile, err)
	}
	return Latest{Release: id, Created: m.Created, Path: id + "/", Manifest: id + "/" + ManifestFile,
		ManifestSHA256: SHA256Hex(mb), Content: m.Content, Releases: ids}, nil
}

// SyncDir flushes a directory's entries to disk, where the file system can.
func SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	// Some file systems cannot sync a directory; the rename still holds.
	_ = f.Sync()
	return nil
}

// encodeIndented is JSON as the release writes files people read:
// indented, no HTML escaping, a final newline.
func encodeIndented(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("encode %T: %v", v, err)) // our own types always encode
	}
	return b.Bytes()
}

// RepairLatest points dir's latest.json at its newest release, after
// checking that release's files against its manifest: what a publish or
// pull stopped between installing a release and updating latest.json
// leaves to do. It returns the release latest.json now names.
func RepairLatest(ctx context.Context, dir string) (string, error) {
	unlock, err := Lock(ctx, dir, nil)
	if err != nil {
		return "", err
	}
	defer unlock()
	ids, err := Releases(dir)
	if err != nil {
		return "", err
	}
	if len(ids) == 0 {
		return "", fmt.Errorf("%s: no releases to point %s at", dir, LatestFile)
	}
	newest := ids[len(ids)-1]
	if r := verifyRelease(filepath.Join(dir, newest), VerifyOptions{}); len(r.Problems) > 0 {
		return "", fmt.Errorf("%s: %w: the newest release %s has problems (%s); %s left as it is",
			dir, ErrVerify, newest, strings.Join(r.Problems[:min(len(r.Problems), 3)], "; "), LatestFile)
	}
	return newest, WriteLatest(dir)
}

// WriteLatest points dir's latest.json at its newest release, rewriting
// it only when it would change.
func WriteLatest(dir string) error {
	ids, err := Releases(dir)
	if err != nil || len(ids) == 0 {
		return err
	}
	l, err := LatestFor(dir, ids)
	if err != nil {
		return err
	}
	data := encodeIndented(l)
	p := filepath.Join(dir, LatestFile)
	if old, err := ReadCapped(p, MaxMetaBytes); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return atomic.WriteFile(p, data, 0o644)
}
