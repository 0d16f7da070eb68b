package pdf

import (
	"fmt"
	"os"
	"testing"
)

// TestDumpPDF prints the blocks the layout makes of the PDF named by
// CHEMORES_PDF_DUMP: a debugging aid, skipped otherwise.
func TestDumpPDF(t *testing.T) {
	path := os.Getenv("CHEMORES_PDF_DUMP")
	if path == "" {
		t.Skip("set CHEMORES_PDF_DUMP=file.pdf")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := openPDF(data)
	if err != nil {
		t.Fatal(err)
	}
	var pages []*pageText
	fonts := newFontCache()
	for i := 1; i <= r.NumPage(); i++ {
		pt, err := readPageSafe(r, i, fonts)
		if err != nil {
			t.Logf("page %d: %v", i, err)
		}
		if pt != nil {
			pages = append(pages, pt)
		}
	}
	for _, b := range layoutPages(pages) {
		fmt.Printf("--- p%d hint=%d\n%s\n", b.Page, b.Hint, b.Text)
	}
}

// TestDumpPDFLines prints page 1's lines with their columns.
func TestDumpPDFLines(t *testing.T) {
	path := os.Getenv("CHEMORES_PDF_DUMP")
	if path == "" {
		t.Skip("set CHEMORES_PDF_DUMP=file.pdf")
	}
	data, _ := os.ReadFile(path)
	r, err := openPDF(data)
	if err != nil {
		t.Fatal(err)
	}
	pt, err := readPageSafe(r, 1, newFontCache())
	if err != nil {
		t.Fatal(err)
	}
	pl := buildLines(pt)
	fmt.Println("gutters", pl.gutters, "lefts", pl.colLeft)
	for _, l := range pl.lines {
		fmt.Printf("b%d c%d x%.1f-%.1f y%.1f s%.1f %q\n", l.band, l.col, l.x0, l.x1, l.base, l.size, lineText(l))
	}
}
