package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// minimalPDF assembles a PDF from object bodies (object i+1 is objs[i];
// object 1 must be the catalog) with a correct cross-reference table.
func minimalPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// streamObj writes a content stream object.
func streamObj(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// textPage is a one-page PDF showing lines of Helvetica text.
func textPage(content string) []byte {
	return minimalPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		streamObj("", content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	)
}

func fpdfBytes(t *testing.T, build func(p *fpdf.Fpdf)) []byte {
	t.Helper()
	p := fpdf.New("P", "pt", "A4", "")
	build(p)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readFixture(name string) func(*testing.T) []byte {
	return func(t *testing.T) []byte {
		data, err := os.ReadFile("testdata/pdf/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 40))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(3, 3, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestParsePDFBad checks that each kind of unusable PDF gets one clear
// ErrInput error and no Document.
func TestParsePDFBad(t *testing.T) {
	fixture, err := os.ReadFile(twoColumnPDF)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want string
	}{
		{"truncated", func(*testing.T) []byte { return fixture[:len(fixture)/2] }, "truncated or damaged: it has no end-of-file marker"},
		{"bad cross-reference table", func(*testing.T) []byte {
			return append(bytes.Clone(fixture[:len(fixture)/2]), "\nstartxref\n99999999\n%%EOF\n"...)
		}, "truncated or damaged"},
		{"not a PDF after the header", func(*testing.T) []byte {
			return []byte("%PDF-1.4\n<html><body>Sorry, this article is not available.</body></html>\n%%EOF\n")
		}, "PDF"},
		{"encrypted with a user password", func(t *testing.T) []byte {
			return fpdfBytes(t, func(p *fpdf.Fpdf) {
				p.SetProtection(fpdf.CnProtectPrint, "secret", "owner")
				p.AddPage()
				p.SetFont("Helvetica", "", 12)
				p.Text(72, 72, "Locked text")
			})
		}, "encrypted and needs a password"},
		{"encrypted with 40-bit RC4", func(t *testing.T) []byte {
			return fpdfBytes(t, func(p *fpdf.Fpdf) {
				p.SetProtection(fpdf.CnProtectPrint, "", "owner")
				p.AddPage()
				p.SetFont("Helvetica", "", 12)
				p.Text(72, 72, "Restricted text")
			})
		}, "40-bit RC4, which chemores cannot decrypt"},
		{"encrypted with 256-bit AES", readFixture("note-owner-aes-256.pdf"), "256-bit AES"},
		{"user password, AES", readFixture("note-user-aes-128.pdf"), "needs a password"},
		{"zero pages", func(*testing.T) []byte {
			return minimalPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>")
		}, "has no pages"},
		{"page tree that loops", func(*testing.T) []byte {
			// The Pages node lists itself as a kid: the PDF library's own
			// page lookup walks this for ever.
			return minimalPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>")
		}, "page tree is more than 64 levels deep or loops"},
		{"too many pages", func(*testing.T) []byte {
			return minimalPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 50000 >>")
		}, "50000 pages, over the limit"},
		{"image only", func(t *testing.T) []byte {
			img := pngBytes(t)
			return fpdfBytes(t, func(p *fpdf.Fpdf) {
				p.AddPage()
				opt := fpdf.ImageOptions{ImageType: "PNG"}
				p.RegisterImageOptionsReader("scan", opt, bytes.NewReader(img))
				p.ImageOptions("scan", 0, 0, 595, 842, false, opt, 0, "")
			})
		}, "no text layer"},
		{"no text, no images", func(t *testing.T) []byte {
			return textPage("0 0 m 100 100 l S")
		}, "no text on any"},
		{"text but no references", func(t *testing.T) []byte {
			return textPage("BT /F1 12 Tf 72 700 Td (A note without a reference list.) Tj ET")
		}, "no reference list"},
		{"huge", func(*testing.T) []byte {
			return append(bytes.Clone(fixture), make([]byte, MaxBytes)...)
		}, "over the 64 MB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(context.Background(), "in.pdf", tt.data(t))
			if doc != nil || !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse = %v, %v; want ErrInput mentioning %q", doc != nil, err, tt.want)
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

// TestParsePDFNotPDF: parsePDF, given a file named .pdf that is not one
// (a web page saved under the article's name), says so. Parse sends
// only files that start with %PDF- here today.
func TestParsePDFNotPDF(t *testing.T) {
	doc, err := parsePDF(context.Background(), []byte("<!DOCTYPE html><html>Access denied</html>"), Source{Path: "article.pdf"})
	if doc != nil || !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), `not a PDF: it starts with "<!DOCTYPE html>`) {
		t.Fatalf("parsePDF = %v, %v", doc != nil, err)
	}
}

// TestParsePDFOwnerPassword: a PDF encrypted with only an owner password
// (copy or print restrictions) opens without one, as in any viewer. The
// fixtures are note.txt typeset with -core and encrypted by qpdf (make
// pdf-fixtures).
func TestParsePDFOwnerPassword(t *testing.T) {
	for _, name := range []string{"note-owner-rc4-128.pdf", "note-owner-aes-128.pdf"} {
		t.Run(name, func(t *testing.T) {
			doc := parseFile(t, "testdata/pdf/"+name)
			if len(doc.References) != 1 || doc.References[0].Journal != "Nat Rev Cancer" || len(doc.Citations) != 1 {
				t.Errorf("references %+v, citations %+v", doc.References, doc.Citations)
			}
		})
	}
}

// TestParsePDFBadPage: a page the PDF library cannot read (a filter it
// does not know) is skipped with a warning naming the page; the rest of
// the document is read.
func TestParsePDFBadPage(t *testing.T) {
	good := "BT /F1 11 Tf 72 760 Td (A short note) Tj 0 -40 Td (Results) Tj 0 -40 Td (Cells resist drugs \\(1\\).) Tj " +
		"0 -40 Td (References) Tj 0 -40 Td (1. Doe J: A title. J Test 1: 2-3, 2020.) Tj ET"
	data := minimalPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		streamObj("", good),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>",
		streamObj("/Filter /LZWDecode", "garbage"),
	)
	doc, err := Parse(context.Background(), "badpage.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range doc.Diagnostics {
		if d.Code == "pdf-page-unreadable" && d.Where == "page 2" {
			found = true
		}
	}
	if !found || len(doc.References) != 1 || doc.Source.Pages != 2 {
		t.Errorf("diagnostics %+v, %d references, %d pages", doc.Diagnostics, len(doc.References), doc.Source.Pages)
	}
}
