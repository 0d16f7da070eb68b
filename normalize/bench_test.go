package normalize

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkLexiconLoad measures building the lexicon from the committed
// files (target: under 150 ms).
func BenchmarkLexiconLoad(b *testing.B) {
	var files []LexiconFile
	for _, name := range []string{"genes.tsv", "overrides.tsv", "chemicals.tsv", "diseases.tsv"} {
		p := filepath.Join("..", "seeds", "lexicons", name)
		data, err := os.ReadFile(p)
		if err != nil {
			p = filepath.Join("testdata", name)
			if data, err = os.ReadFile(p); err != nil {
				b.Fatal(err)
			}
		}
		files = append(files, LexiconFile{Path: p, Data: data})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewLexicon(files...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNormalize measures Annotate on the seed review after loading
// (target: at least 1 MB of paragraph text per second on one core).
func BenchmarkNormalize(b *testing.B) {
	doc := seedDocument(b)
	lx, _ := seedLexicon(b)
	n := 0
	for _, p := range doc.Paragraphs {
		n += len(p.Text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Annotate(context.Background(), doc, lx, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
}

// BenchmarkNormalizeLarge runs the seed's paragraphs ten times over as
// one document, so that prose's Punkt model, which it decodes on every
// call, weighs little: the throughput after loading.
func BenchmarkNormalizeLarge(b *testing.B) {
	seed := seedDocument(b)
	lx, _ := seedLexicon(b)
	doc := *seed
	doc.Paragraphs = nil
	n := 0
	for k := range 10 {
		for _, p := range seed.Paragraphs {
			p.ID = fmt.Sprintf("%s.%d", p.ID, k)
			doc.Paragraphs = append(doc.Paragraphs, p)
			n += len(p.Text)
		}
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		if _, err := Annotate(context.Background(), &doc, lx, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
