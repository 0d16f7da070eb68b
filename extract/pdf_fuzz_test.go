package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParsePDF mutates the PDF fixtures: whatever the bytes, Parse
// returns a Document or an error, and no panic is left to its recover
// (an "internal error" is a bug to fix).
func FuzzParsePDF(f *testing.F) {
	for _, name := range []string{"note-owner-aes-128.pdf", "note-owner-rc4-128.pdf", "synthetic-nlm.pdf"} {
		data, err := os.ReadFile(filepath.Join("testdata/pdf", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(textPage("BT /F1 11 Tf 72 760 Td (Results) Tj 0 -20 Td (Text \\(1\\).) Tj 0 -20 Td (References) Tj 0 -20 Td (1. Doe J: T. J 1: 2-3, 2020.) Tj ET"))
	f.Add(textPage("q 1 0 0 1 10 10 cm BT /F1 9 Tf [(A)-250(B)] TJ T* (C) ' 1 2 (D) \" ET Q BI /W 2 /H 2 ID \x00\x01EI Q Q"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(context.Background(), "fuzz.pdf", data)
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatal(err)
			}
			return
		}
		if doc == nil || doc.Source.Format != "pdf" {
			t.Fatalf("doc = %+v", doc)
		}
	})
}
