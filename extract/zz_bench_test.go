package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkZZCorpus(b *testing.B) {
	files, _ := filepath.Glob("../../shared/corpus/*/article.pdf")
	var data [][]byte
	for _, f := range files {
		d, _ := os.ReadFile(f)
		data = append(data, d)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, d := range data {
			Parse(context.Background(), files[j], d)
		}
	}
}
