package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/internal/corpusgen"
)

// corpus writes n generated reviews (from the seed) into a directory.
func corpus(t *testing.T, n int) []string {
	t.Helper()
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	src, err := extract.Parse(context.Background(), seed, data)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := corpusgen.Generate([]*extract.Document{src}, n, 3, "10.5555_test")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	for _, d := range docs {
		p := filepath.Join(dir, d.Name)
		if err := os.WriteFile(p, d.Text, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

var buildFlags = []string{"--cache-dir", "../../seeds/cache", "--lexicons", "../../seeds/lexicons", "--mechanisms", vocabTSV}

// A corpus built in one process gives, per document, the same bytes as
// the stage commands the Makefile runs, and one release with every
// document.
func TestBuildCorpusMatchesStageCommands(t *testing.T) {
	sources := corpus(t, 6)
	build, dist := t.TempDir(), t.TempDir()
	e, out, errb := envWith(map[string]string{"SOURCE_DATE_EPOCH": epoch})
	args := append([]string{"build", "-j", "3", "--build", build, "--dist", dist}, buildFlags...)
	if code := run(context.Background(), append(args, sources...), e); code != exitOK {
		t.Fatalf("build: exit %d: %s%s", code, out, errb)
	}
	if !strings.Contains(errb.String(), "build: 6 documents") || !strings.Contains(out.String(), "2024-10-01: ") {
		t.Errorf("summary: %q %q", out, errb)
	}
	// The Makefile's way, for two of the documents.
	for _, src := range sources[:2] {
		id := extract.DocumentID(src)
		one := t.TempDir()
		steps := [][]string{
			{"extract", "-q", src, "-o", filepath.Join(one, "extract.json")},
			{"normalize", "-q", "-lexicons", "../../seeds/lexicons", filepath.Join(one, "extract.json"), "-o", filepath.Join(one, "normalize.json")},
			{"enrich", "-q", filepath.Join(one, "extract.json"), "--cache", filepath.Join("../../seeds/cache", id+".jsonl"), "-o", filepath.Join(one, "enrich.json")},
		}
		for _, step := range steps {
			e, _, errb := testEnv()
			if code := run(context.Background(), step, e); code != exitOK {
				t.Fatalf("%v: exit %d: %s", step, code, errb)
			}
		}
		for _, stage := range []string{"extract", "normalize", "enrich"} {
			want, _ := os.ReadFile(filepath.Join(one, stage+".json"))
			got, err := os.ReadFile(filepath.Join(build, stage, id+".json"))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s %s: build output differs from the stage command's (%v)", id, stage, err)
			}
		}
	}
	latest, err := os.ReadFile(filepath.Join(dist, "latest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(latest), `"release": "2024-10-01"`) {
		t.Errorf("latest.json: %s", latest)
	}
	docs, _ := filepath.Glob(filepath.Join(dist, "2024-10-01", "api", "v1", "documents", "*.json"))
	if len(docs) != 6 {
		t.Errorf("release has %d documents, want 6", len(docs))
	}
	// build publishes what it holds in memory; publishing what it wrote
	// gives the same release.
	again := t.TempDir()
	pe, _, perr := envWith(map[string]string{"SOURCE_DATE_EPOCH": epoch})
	if code := run(context.Background(), []string{"publish", "-q", "--build", build, "--dist", again, "--mechanisms", vocabTSV}, pe); code != exitOK {
		t.Fatalf("publish: exit %d: %s", code, perr)
	}
	a, _ := os.ReadFile(filepath.Join(dist, "2024-10-01", "SHA256SUMS"))
	b, _ := os.ReadFile(filepath.Join(again, "2024-10-01", "SHA256SUMS"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the release published from the build directory differs from build's own")
	}
}

// One bad document: every failure is named, the good documents' outputs
// are written, and nothing is published.
func TestBuildBadDocumentPublishesNothing(t *testing.T) {
	sources := corpus(t, 3)
	bad := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(bad, []byte("no references here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build, dist := t.TempDir(), t.TempDir()
	e, _, errb := envWith(map[string]string{"SOURCE_DATE_EPOCH": epoch})
	args := append([]string{"build", "--build", build, "--dist", dist}, buildFlags...)
	code := run(context.Background(), append(append(args, sources...), bad), e)
	if code != exitBadInput || !strings.Contains(errb.String(), "bad.txt") || !strings.Contains(errb.String(), "1 of 4 documents failed, nothing published") {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if entries, _ := os.ReadDir(dist); len(entries) != 0 {
		t.Errorf("dist has %d entries after a failed build", len(entries))
	}
	if outs, _ := filepath.Glob(filepath.Join(build, "normalize", "*.json")); len(outs) != 3 {
		t.Errorf("%d normalize outputs, want the 3 good documents'", len(outs))
	}
}

func TestExpandSources(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "a.pdf", "b.pdf", "b.xml", "c.xml", "notes.md", "d.license.json"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	got, err := expandSources([]string{dir, "other.txt"})
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.pdf"), filepath.Join(dir, "c.xml"), "other.txt"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("expandSources: %v, %v; want %v", got, err, want)
	}
	_, err = expandSources([]string{filepath.Join(dir, "*.nxml")})
	if err == nil || !strings.Contains(err.Error(), "matches no file") || exitCode(err) != exitUsage {
		t.Errorf("an unmatched pattern: %v", err)
	}
	empty := t.TempDir()
	if _, err := expandSources([]string{empty}); err == nil || !strings.Contains(err.Error(), "holds no source") {
		t.Errorf("a directory without sources: %v", err)
	}
}
