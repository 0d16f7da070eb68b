package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestJATSCorpus reads every article.xml of the shared corpus of real
// articles (skipped where it is missing): each gives a Document that
// holds together, with as many references as its gold standard counts
// and citations exactly where the gold has some. The scores against the
// gold are `make eval`'s business.
func TestJATSCorpus(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*", "article.xml"))
	if len(paths) == 0 {
		t.Skip("no corpus at " + corpusDir)
	}
	for _, path := range paths {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			doc := parseFile(t, path)
			checkDocument(t, doc)
			data, err := os.ReadFile(filepath.Join(filepath.Dir(path), "gold.json"))
			if err != nil {
				t.Skip(err)
			}
			var gold struct {
				References []json.RawMessage `json:"references"`
				Citations  int               `json:"n_citations"`
			}
			if err := json.Unmarshal(data, &gold); err != nil {
				t.Fatal(err)
			}
			if len(doc.References) != len(gold.References) {
				t.Errorf("%d references, gold has %d", len(doc.References), len(gold.References))
			}
			if (len(doc.Citations) > 0) != (gold.Citations > 0) {
				t.Errorf("%d citations, gold counts %d callouts", len(doc.Citations), gold.Citations)
			}
		})
	}
}
