package eval

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir is the real-article corpus beside the repository, as CI and
// the team's machines have it; CHEMORES_CORPUS names another.
func corpusDir() string {
	if d := os.Getenv("CHEMORES_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "corpus")
}

// floors are the corpus figures this code reaches, rounded down: a
// change that makes extraction worse on real articles fails here. Raise
// them as extraction improves (make eval prints the figures).
var floors = map[string]struct{ found, fields, precision, recall float64 }{
	"pdf":       {0.98, 0.90, 0.96, 0.92},
	"pdftotext": {0.95, 0.84, 0.85, 0.85}, // a point of margin: poppler versions differ
	"jats":      {0.99, 0.99, 0.99, 0.99},
	// pdftotext -layout: columns side by side on each line.
	"pdftotext-layout": {0.94, 0.82, 0.84, 0.82},
}

// TestCorpusFloors extracts every article of the corpus from its PDF,
// from pdftotext's text (plain and -layout) and from its JATS, and
// checks the figures against the floors. It
// needs the corpus (not in a user's clone: then there is nothing to
// measure) and pdftotext (poppler-utils, which .ci/run installs).
func TestCorpusFloors(t *testing.T) {
	dir := corpusDir()
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no corpus at %s (set CHEMORES_CORPUS): nothing to measure", dir)
	}
	arts, err := Articles(dir)
	if err != nil {
		t.Fatal(err)
	}
	results, err := Run(context.Background(), arts, []string{"pdf", "pdftotext", "pdftotext-layout", "jats"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Doc == nil && !r.Skipped {
			t.Errorf("%s from %s: no Document: %v", r.Article, r.Input, r.Err)
		}
	}
	for input, t0 := range Totals(results) {
		f := floors[input]
		got := map[string][2]float64{
			"references found": {t0.FoundRate(), f.found},
			"field accuracy":   {t0.FieldRate(), f.fields},
			"link precision":   {t0.Precision(), f.precision},
			"link recall":      {t0.Recall(), f.recall},
		}
		for name, v := range got {
			if v[0] < v[1] {
				t.Errorf("%s: %s %.3f, below the floor %.2f", input, name, v[0], v[1])
			}
		}
		t.Logf("%s: found %.3f, fields %.3f, links P %.3f R %.3f", input, t0.FoundRate(), t0.FieldRate(), t0.Precision(), t0.Recall())
	}
}
