package publish

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestCompressedCopy(t *testing.T) {
	rel := build(t)
	zr, err := gzip.NewReader(bytes.NewReader(rel.File(DBGzFile)))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() || zr.Comment != "" {
		t.Errorf("gzip header carries name %q, time %v", zr.Name, zr.ModTime)
	}
	got, _ := io.ReadAll(zr)
	if !bytes.Equal(got, rel.File(DBFile)) {
		t.Error("the compressed copy is not the database")
	}
}

func TestTarball(t *testing.T) {
	rel := build(t)
	zr, err := gzip.NewReader(bytes.NewReader(rel.File(TarballName(rel.ID))))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	prefix := "chemores-" + rel.ID + "/"
	var names []string
	dirs := map[string]bool{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !h.ModTime.Equal(fixtureTime) || h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: time %v, owner %d/%d %q/%q", h.Name, h.ModTime, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		if !strings.HasPrefix(h.Name, prefix) {
			t.Errorf("%s: outside %s", h.Name, prefix)
		}
		if h.Typeflag == tar.TypeDir {
			dirs[h.Name] = true
			continue
		}
		p := strings.TrimPrefix(h.Name, prefix)
		if parent := h.Name[:strings.LastIndex(h.Name, "/")+1]; !dirs[parent] {
			t.Errorf("%s comes before its directory", h.Name)
		}
		data, _ := io.ReadAll(tr)
		if !bytes.Equal(data, rel.File(p)) || h.Mode != 0o644 {
			t.Errorf("%s: content or mode (%o) differs from the release", p, h.Mode)
		}
		names = append(names, p)
	}
	// The API, the schemas and the browse pages come first (packed while
	// the database is built), in three sorted parts, then the rest, sorted.
	split := 0
	var parts []int
	for _, prefix := range []string{apiDir, "schemas/", siteDir} {
		start := split
		for split < len(names) && strings.HasPrefix(names[split], prefix) {
			split++
		}
		if split == start || !slices.IsSorted(names[start:split]) {
			t.Errorf("tarball entries under %s are missing or out of order", prefix)
		}
		parts = append(parts, split)
	}
	if !slices.IsSorted(names[split:]) {
		t.Errorf("tarball entries after the API, schemas and pages are not sorted (%v of %d)", parts, len(names))
	}
	for _, n := range names[split:] {
		if strings.HasPrefix(n, apiDir) || strings.HasPrefix(n, "schemas/") || strings.HasPrefix(n, siteDir) {
			t.Errorf("%s comes after the other files", n)
		}
	}
	for _, f := range rel.Files {
		in := slices.Contains(names, f.Path)
		want := f.Path != DBGzFile && f.Path != TarballName(rel.ID) && f.Path != ManifestFile && f.Path != SumsFile
		if in != want {
			t.Errorf("%s: in tarball %v, want %v", f.Path, in, want)
		}
	}
}

func TestManifestAndDataPackage(t *testing.T) {
	rel := build(t)
	m, err := parseManifest(rel.File(ManifestFile), rel.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != len(rel.Files)-2 {
		t.Errorf("manifest lists %d of %d files", len(m.Files), len(rel.Files))
	}
	for _, e := range m.Files {
		if sha256hex(rel.File(e.Path)) != e.SHA256 || int64(len(rel.File(e.Path))) != e.Bytes {
			t.Errorf("%s: manifest entry wrong", e.Path)
		}
	}
	if err := checkSums(rel.File(SumsFile), m, sha256hex(rel.File(ManifestFile))); err != nil {
		t.Error(err)
	}
	var dp DataPackage
	if err := json.Unmarshal(rel.File(PackageFile), &dp); err != nil {
		t.Fatal(err)
	}
	if dp.Schema != "https://datapackage.org/profiles/2.0/datapackage.json" || dp.Version != rel.ID {
		t.Errorf("profile %q version %q", dp.Schema, dp.Version)
	}
	names := map[string]bool{}
	for _, r := range dp.Resources {
		if names[r.Name] {
			t.Errorf("resource name %s used twice", r.Name)
		}
		names[r.Name] = true
		data := rel.File(r.Path)
		if data == nil || r.Hash != "sha256:"+sha256hex(data) || r.Bytes != int64(len(data)) {
			t.Errorf("%s: path %s, hash or size wrong", r.Name, r.Path)
		}
		if r.Schema != nil {
			for _, fk := range r.Schema.ForeignKeys {
				if !slices.ContainsFunc(dp.Resources, func(x DPResource) bool { return x.Name == fk.Reference.Resource }) || len(fk.Reference.Fields) != len(fk.Fields) {
					t.Errorf("%s: foreign key to %s %v", r.Name, fk.Reference.Resource, fk.Reference.Fields)
				}
			}
		}
	}
	if !names["table-entity-sentences"] || !names["table-refs"] || !names["database"] {
		t.Errorf("resources: %v", names)
	}
}
