package corpusgen

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chemores/chemores/extract"
)

func sources(t *testing.T) []*extract.Document {
	t.Helper()
	var out []*extract.Document
	for _, path := range []string{"../../seeds/10.3892_or.2024.8816.txt", "../../extract/testdata/styles/nlm-brackets.txt"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := extract.Parse(context.Background(), path, data)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, doc)
	}
	return out
}

// Generated documents parse cleanly: every callout points into their own
// (renumbered) reference list and every reference is cited.
func TestGeneratedDocumentsParse(t *testing.T) {
	docs, err := Generate(sources(t), 12, 7, "10.5555_corpus")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range docs {
		if seen[string(d.Text)] {
			t.Errorf("%s repeats an earlier document", d.Name)
		}
		seen[string(d.Text)] = true
		doc, err := extract.Parse(context.Background(), d.Name, d.Text)
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		if len(doc.References) == 0 || len(doc.Citations) == 0 {
			t.Errorf("%s: %d references, %d citations", d.Name, len(doc.References), len(doc.Citations))
		}
		for _, diag := range doc.Diagnostics {
			// The NLM source calls a "Table 1" it never captions.
			if diag.Code != "figure-call-unknown" || !strings.Contains(diag.Message, "table 1") {
				t.Errorf("%s: %+v", d.Name, diag)
			}
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	src := sources(t)
	a, _ := Generate(src, 4, 42, "x")
	b, _ := Generate(src, 4, 42, "x")
	c, _ := Generate(src, 4, 43, "x")
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Text, b[i].Text) {
			t.Fatalf("same seed, different document %d", i)
		}
	}
	if bytes.Equal(a[0].Text, c[0].Text) {
		t.Error("different seeds gave the same document")
	}
}

func TestRanges(t *testing.T) {
	for in, want := range map[string]string{"1": "1", "1,2": "1,2", "1,2,3": "1-3", "1,3,4,5,9": "1,3-5,9"} {
		var nums []int
		for _, f := range bytes.Split([]byte(in), []byte(",")) {
			n := 0
			for _, c := range f {
				n = n*10 + int(c-'0')
			}
			nums = append(nums, n)
		}
		if got := ranges(nums); got != want {
			t.Errorf("ranges(%v) = %q, want %q", nums, got, want)
		}
	}
}
