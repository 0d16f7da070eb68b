package publish

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it after review):\n%s", name, firstDiff(want, got))
	}
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa64(int64(i+1)) + ":\n- " + trunc(x) + "\n+ " + trunc(y)
		}
	}
	return ""
}

func trunc(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

func TestGolden(t *testing.T) {
	rel := build(t)
	for name, path := range map[string]string{
		"index.json":                      apiDir + "index.json",
		"entity-NCBIGene-5243.json":       apiDir + "entities/gene/NCBIGene-5243.json",
		"mechanism-increased-efflux.json": apiDir + "mechanisms/increased-efflux.json",
		"reference-doi-10.1084_jem.json":  apiDir + "references/doi-10.1084_jem.20191388.json",
		"CHANGES.md":                      ChangesMD,
		"README.md":                       ReadmeFile,
	} {
		golden(t, name, rel.File(path))
	}
	db := openDB(t, rel)
	rows := queryStrings(t, db, "SELECT sentence_id, coalesce(reference_n, ''), coalesce(doi, ''), sentence FROM entity_sentences WHERE entity_name = 'ABCB1' ORDER BY document_id, sentence_id, reference_n")
	golden(t, "entity_sentences-ABCB1.txt", []byte(strings.Join(rows, "\n")+"\n"))
}
