package extract

import (
	"context"
	"os"
	"testing"
)

// BenchmarkExtract parses the seed review from bytes to Document.
func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile(seed)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(context.Background(), seed, data); err != nil {
			b.Fatal(err)
		}
	}
}
