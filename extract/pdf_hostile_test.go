package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// withPrev rewrites a PDF's trailer to carry /Prev off and, when start
// is not empty, its startxref to start.
func withPrev(pdf []byte, prev int, start string) []byte {
	s := string(pdf)
	if prev >= 0 {
		s = strings.Replace(s, "/Root 1 0 R >>", fmt.Sprintf("/Root 1 0 R /Prev %d >>", prev), 1)
	}
	if start != "" {
		i := strings.LastIndex(s, "startxref\n")
		j := strings.Index(s[i:], "\n%%EOF")
		s = s[:i] + "startxref\n" + start + s[i+j:]
	}
	return []byte(s)
}

// TestParsePDFDamagedXref: a cross-reference chain that loops, and an
// offset outside the file, are reported at once as damage, in plain
// words, not after the watchdog nor as the library's index error.
func TestParsePDFDamagedXref(t *testing.T) {
	good := textPage("BT /F1 11 Tf 72 760 Td (References) Tj 0 -20 Td (1. Doe J: T. J 1: 2-3, 2020.) Tj ET")
	xref := bytes.LastIndex(good, []byte("xref\n0 "))
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"/Prev points at its own section", withPrev(good, xref, ""), "cross-reference sections loop"},
		{"startxref is negative", withPrev(good, -1, "-5"), "points outside the file"},
		{"/Prev past the end", withPrev(good, 1<<30, ""), "points outside the file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse(context.Background(), "x.pdf", tt.data)
			if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "runtime error") {
				t.Fatalf("err = %v, want ErrInput saying %q", err, tt.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s: the loop was waited out, not detected", d)
			}
		})
	}
}

// TestParsePDFBomb: 400 pages that all draw one small compressed stream
// of 150,000 characters would cost 60 million glyphs; the document's
// budget stops the read early, well within a few hundred MB.
func TestParsePDFBomb(t *testing.T) {
	var content bytes.Buffer
	content.WriteString("BT /F1 4 Tf ")
	for i := 0; i < 1500; i++ {
		fmt.Fprintf(&content, "1 0 0 1 10 %d Tm (%s) Tj ", 10+i%800, strings.Repeat("a", 100))
	}
	content.WriteString("ET")
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(content.Bytes())
	zw.Close()
	const pages = 400
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	var kids []string
	for i := 0; i < pages; i++ {
		kids = append(kids, fmt.Sprintf("%d 0 R", 5+i))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages)
	objs = append(objs,
		fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", z.Len(), z.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	for i := 0; i < pages; i++ {
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>")
	}
	data := minimalPDF(objs...)
	if len(data) > 200<<10 {
		t.Fatalf("the bomb is %d bytes, not small", len(data))
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Parse(context.Background(), "bomb.pdf", data)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "over the limit for one document") {
		t.Fatalf("err = %v, want the document's character budget", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 2<<30 {
		t.Errorf("allocated %d MB reading the bomb", grew>>20)
	}
}
