package enrich

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/chemores/chemores/extract"
)

// seedDoc extracts the seed review, the benchmarks' input.
func seedDoc(b *testing.B) *extract.Document {
	data, err := os.ReadFile("../seeds/10.3892_or.2024.8816.txt")
	if err != nil {
		b.Skip("seed review not found:", err)
	}
	doc, err := extract.Parse(context.Background(), "seed.txt", data)
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkEnrichOffline times a rebuild of the seed's references from
// the cache: empty (every reference unresolved, today's committed state)
// and warm (each search cached with the reference's own record and two
// traps, 10.5555 test DOIs, so that all the matching work is done).
func BenchmarkEnrichOffline(b *testing.B) {
	doc := seedDoc(b)
	b.Run("empty", func(b *testing.B) {
		for b.Loop() {
			if _, err := Enrich(context.Background(), doc, NewSource(nil, nil, false), Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		var es []*entry
		for _, r := range doc.References {
			e := &entry{ID: fmt.Sprint(r.N), Printed: r.Raw, DOI: fmt.Sprintf("10.5555/seed.%d", r.N),
				Journal: r.Journal, Short: r.Journal, Page: r.Pages, Print: r.Year, Online: r.Year,
				Traps: []string{"erratum", "near"}, ref: r}
			e.build()
			es = append(es, e)
		}
		srv := newFakeServer(b, es)
		client, err := NewClient(testConfig(srv.URL))
		if err != nil {
			b.Fatal(err)
		}
		src := NewSource(nil, client, false)
		if _, err := Enrich(context.Background(), doc, src, Options{}); err != nil {
			b.Fatal(err)
		}
		cache := src.Used()
		b.ReportMetric(float64(cache.Len()), "entries")
		before := srv.requests.Load()
		b.ResetTimer()
		for b.Loop() {
			links, err := Enrich(context.Background(), doc, NewSource(cache, nil, false), Options{})
			if err != nil {
				b.Fatal(err)
			}
			if links.Count()[Matched] == 0 {
				b.Fatal("nothing matched")
			}
		}
		if srv.requests.Load() != before {
			b.Fatal("offline run asked the server")
		}
	})
}
