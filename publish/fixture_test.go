package publish

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/normalize"
)

// The fixtures: the real extract output of the seed review, with
// hand-made normalize and enrich outputs for a few of its paragraphs and
// references (see testdata/README.md).
const fixtureDoc = "10.3892_or.2024.8816"

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// fixture returns the seed's stage outputs; each call decodes afresh, so
// tests may change what they get.
func fixture(t testing.TB) Input {
	t.Helper()
	var in Input
	in.Doc, in.Ann, in.Links = new(extract.Document), new(normalize.Annotations), new(enrich.Links)
	readJSON(t, filepath.Join("testdata", "extract", fixtureDoc+".json"), in.Doc)
	readJSON(t, filepath.Join("testdata", "normalize", fixtureDoc+".json"), in.Ann)
	readJSON(t, filepath.Join("testdata", "enrich", fixtureDoc+".json"), in.Links)
	return in
}

func vocab(t testing.TB) []Mechanism {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "seeds", "lexicons", "mechanisms.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := ParseMechanisms(f)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

var fixtureTime = time.Date(2024, 10, 1, 12, 0, 0, 0, time.UTC)

func options(t testing.TB) Options {
	return Options{Release: ReleaseDate(fixtureTime), Time: fixtureTime, Mechanisms: vocab(t)}
}

func readJSONBytes(t testing.TB, b []byte, v any) {
	t.Helper()
	if b == nil {
		t.Fatal("no such file in the release")
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}
