package pdf

import (
	"fmt"
	"os"
	"strconv"
	"testing"
)

func TestDbgPage(t *testing.T) {
	if os.Getenv("PDFF") == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(os.Getenv("PDFF"))
	r, err := openPDF(data)
	if err != nil {
		t.Fatal(err)
	}
	pg, _ := strconv.Atoi(os.Getenv("PG"))
	pt, err := readPageSafe(r, pg, newFontCache())
	if err != nil {
		t.Fatal(err)
	}
	pl := buildLines(pt)
	fmt.Println("w", pt.w, "gutters", pl.gutters, "lefts", pl.colLeft)
	for _, l := range pl.lines {
		fmt.Printf("b%d c%d x%.1f-%.1f y%.1f s%.1f h%v %q\n", l.band, l.col, l.x0, l.x1, l.base, l.size, l.header, lineText(l))
	}
}
