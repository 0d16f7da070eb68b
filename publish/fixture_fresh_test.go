package publish

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/chemores/chemores/normalize"
)

// The normalize fixture is what the normalize stage makes of the extract
// fixture today, so that the claims, ties and golden files tested here
// are the ones a release gets (testdata/README.md says how to refresh it).
func TestNormalizeFixtureFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the gene lexicon")
	}
	var files []normalize.LexiconFile
	for _, name := range []string{"genes.tsv", "chemicals.tsv", "diseases.tsv", "overrides.tsv", "families.tsv", "mechanisms.tsv"} {
		p := filepath.Join("..", "seeds", "lexicons", name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, normalize.LexiconFile{Path: p, Data: data})
	}
	lx, err := normalize.NewLexicon(files...)
	if err != nil {
		t.Fatal(err)
	}
	in := fixture(t)
	a, err := normalize.Annotate(context.Background(), in.Doc, lx, normalize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var now normalize.Annotations
	if err := json.Unmarshal(b, &now); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&now, in.Ann) {
		t.Errorf("testdata/normalize/%s.json is not what normalize makes of the extract fixture today: refresh it (testdata/README.md)", fixtureDoc)
	}
}
