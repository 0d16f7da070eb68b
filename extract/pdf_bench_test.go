package extract

import (
	"context"
	"os"
	"testing"
)

// twoColumnPDF is the seed review typeset by internal/pdfgen as a
// two-column A4 article (make pdf-fixtures).
const twoColumnPDF = "testdata/pdf/10.3892_or.2024.8816.pdf"

// BenchmarkExtractPDF parses the two-column fixture from bytes to
// Document: PDF reading, layout and the shared builder.
func BenchmarkExtractPDF(b *testing.B) {
	data, err := os.ReadFile(twoColumnPDF)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(context.Background(), twoColumnPDF, data); err != nil {
			b.Fatal(err)
		}
	}
}
