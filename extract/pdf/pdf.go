package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/chemores/chemores/internal/textutil"

	"github.com/ledongthuc/pdf"

	"github.com/chemores/chemores/internal/diag"
)

// Read lays out a PDF: its pages' glyphs become Blocks in reading
// order. Problems with the file are diag.ErrInput errors that say what
// is wrong and what to do; a page that cannot be read is skipped with a
// warning diagnostic; a panic anywhere (a bug, or a file that defeats
// the PDF library) becomes an error naming the page. Reading is bounded
// by a watchdog (see timeout).
func Read(ctx context.Context, data []byte) (*Layout, error) {
	type result struct {
		lay *Layout
		err error
	}
	// An abandoned read stops at its next page: the watchdog cancels it.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan result, 1)
	go func() {
		lay, err := read(ctx, data)
		done <- result{lay, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.lay, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-timer.C:
		return nil, fmt.Errorf("%w: reading the PDF took over %s: the file is damaged in a way the PDF library cannot get out of", diag.ErrInput, timeout)
	}
}

// timeout bounds reading one PDF. A review of a few hundred pages reads
// in seconds; a damaged file can make the PDF library loop, and a loop
// inside it cannot be interrupted. Past the limit the file is reported
// and the reading goroutine is abandoned (it ends with the process).
var timeout = time.Minute

func read(ctx context.Context, data []byte) (lay *Layout, err error) {
	page := 0 // the page being read, for the panic report
	stage := "reading"
	defer func() {
		if r := recover(); r != nil {
			lay = nil
			where := "the file's structure"
			switch {
			case page > 0:
				where = fmt.Sprintf("page %d", page)
			case stage != "reading":
				where = "the pages"
			}
			if stage == "reading" {
				// ledongthuc/pdf reports malformed objects by panicking,
				// wherever they are first looked at.
				err = fmt.Errorf("%w: the PDF is truncated or damaged and cannot be read (%s: %v); try repairing it (for example `qpdf in.pdf repaired.pdf`)", diag.ErrInput, where, r)
				return
			}
			err = fmt.Errorf("internal error while %s %s: %v [%s] (please report this, with the file)",
				stage, where, r, diag.Frames(debug.Stack()))
		}
	}()
	r, err := openPDF(data)
	if err != nil {
		return nil, err
	}
	n := r.NumPage()
	switch {
	case n <= 0:
		return nil, fmt.Errorf("%w: the PDF has no pages", diag.ErrInput)
	case n > maxPages:
		return nil, fmt.Errorf("%w: the PDF has %d pages, over the limit of %d; a review is far shorter", diag.ErrInput, n, maxPages)
	}
	var (
		pages  []*pageText
		diags  []diag.Diagnostic
		fonts  = newFontCache()
		glyphs int
		images int
		bad    int
	)
	// Pages are read a few at a time in parallel (content streams are
	// independent; the reader only reads the file) and used in order, so
	// the result and the first page over the glyph budget are as if read
	// one by one.
	ahead := runtime.GOMAXPROCS(0)
	for first := 1; first <= n; first += ahead {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		batch := readPages(r, first, min(first+ahead-1, n), fonts)
		for i, res := range batch {
			page = first + i
			if res.err != nil {
				diags = append(diags, diag.Diagnostic{Level: diag.Warning, Code: "pdf-page-unreadable",
					Where: fmt.Sprintf("page %d", page), Message: res.err.Error()})
			}
			pt := res.pt
			if pt == nil {
				continue
			}
			for _, g := range pt.glyphs {
				if strings.ContainsRune(g.s, unicode.ReplacementChar) {
					bad++
				}
			}
			glyphs += len(pt.glyphs)
			images += pt.images
			pages = append(pages, pt)
			if glyphs > maxGlyphsDoc {
				// Pages that all draw one large shared stream (a
				// decompression bomb) would each cost its glyphs again.
				return nil, fmt.Errorf("%w: the PDF draws more than %d characters on its first %d pages, over the limit for one document", diag.ErrInput, maxGlyphsDoc, page)
			}
		}
	}
	page = 0
	switch {
	case glyphs == 0 && images > 0:
		return nil, fmt.Errorf("%w: the PDF has no text layer: its %d page(s) hold only images (a scan?); run OCR on it first (for example `ocrmypdf in.pdf out.pdf`) and extract the result", diag.ErrInput, n)
	case glyphs == 0:
		return nil, fmt.Errorf("%w: the PDF has no text on any of its %d page(s)%s", diag.ErrInput, n, pageProblems(diags))
	case bad > glyphs/2:
		return nil, fmt.Errorf("%w: the PDF's fonts do not say which characters they draw (%d of %d characters unreadable); run OCR on it first (for example `ocrmypdf --force-ocr in.pdf out.pdf`)", diag.ErrInput, bad, glyphs)
	}
	// Lines are built page by page so that a panic names its page; the
	// rest of the layout (headers, reading order across pages, joins)
	// looks at all pages at once.
	stage = "laying out"
	pls := make([]*pageLayout, 0, len(pages))
	for _, pt := range pages {
		page = pt.n
		pls = append(pls, buildLines(pt))
	}
	page = 0
	return &Layout{Blocks: layoutLines(pls), Pages: n, Chars: glyphs, Diagnostics: diags}, nil
}

// readPageSafe reads one page, turning a panic of the PDF library (which
// reports malformed content by panicking) into an error for that page.
type pageResult struct {
	pt  *pageText
	err error
}

// readPages reads pages first to last, each in its own goroutine.
func readPages(r *pdf.Reader, first, last int, fonts *fontCache) []pageResult {
	out := make([]pageResult, last-first+1)
	if len(out) == 1 {
		out[0].pt, out[0].err = readPageSafe(r, first, fonts)
		return out
	}
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() { out[i].pt, out[i].err = readPageSafe(r, first+i, fonts) })
	}
	wg.Wait()
	return out
}

func readPageSafe(r *pdf.Reader, n int, fonts *fontCache) (pt *pageText, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("malformed page content: %v", x)
		}
	}()
	p, err := pageAt(r, n)
	if err != nil {
		return nil, err
	}
	pt, err = readPage(p, n, fonts)
	if err != nil {
		err = fmt.Errorf("page read in part: %w", err)
	}
	return pt, err
}

// maxTreeDepth bounds the descent through a page tree: real ones are a
// few levels deep, and a damaged one whose Kids point back up would
// otherwise be walked for ever (the PDF library's own Page does).
const maxTreeDepth = 64

// pageAt finds page n (1-based) in the page tree, as pdf.Reader.Page
// does, but gives up on a tree that loops.
func pageAt(r *pdf.Reader, n int) (pdf.Page, error) {
	num := n - 1
	node := r.Trailer().Key("Root").Key("Pages")
	for depth := 0; depth < maxTreeDepth; depth++ {
		if node.Key("Type").Name() != "Pages" {
			break
		}
		kids := node.Key("Kids")
		var next pdf.Value
		for i := 0; i < kids.Len() && next.IsNull(); i++ {
			kid := kids.Index(i)
			switch kid.Key("Type").Name() {
			case "Pages":
				c := int(kid.Key("Count").Int64())
				if num < c {
					next = kid
				} else {
					num -= c
				}
			case "Page":
				if num == 0 {
					return pdf.Page{V: kid}, nil
				}
				num--
			}
		}
		if next.IsNull() {
			return pdf.Page{}, errors.New("page missing from the page tree")
		}
		node = next
	}
	return pdf.Page{}, fmt.Errorf("the page tree is more than %d levels deep or loops", maxTreeDepth)
}

func pageProblems(diags []diag.Diagnostic) string {
	if len(diags) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s: %s)", diags[0].Where, diags[0].Message)
}

// openPDF opens the file with ledongthuc/pdf, after the checks the
// library does not make or words badly. The library wants "%PDF-1.x" and
// "%%EOF" within the last 100 bytes; PDF 2.0 files and files with bytes
// after the last "%%EOF" are read through a view that satisfies it.
func openPDF(data []byte) (*pdf.Reader, error) {
	// The header may come after up to 1 KB of junk (mail and web
	// wrappers); without one the file is not a PDF, whatever its name.
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: not a PDF: it starts with %q", diag.ErrInput, textutil.Abbreviate(string(bytes.ToValidUTF8(data[:min(len(data), 40)], nil)), 40))
	}
	tail := data[max(0, len(data)-4096):]
	eof := bytes.LastIndex(tail, []byte("%%EOF"))
	if eof < 0 {
		return nil, fmt.Errorf("%w: the PDF is truncated or damaged: it has no end-of-file marker (%%%%EOF); was the download cut short?", diag.ErrInput)
	}
	end := len(data) - len(tail) + eof + len("%%EOF")
	if err := checkXref(data[:end]); err != nil {
		return nil, err
	}
	view := &pdfView{data: data[:end]}
	if len(data) < 9 || !bytes.HasPrefix(data, []byte("%PDF-1.")) || data[7] < '0' || data[7] > '7' || (data[8] != '\n' && data[8] != '\r') {
		view.header = []byte("%PDF-1.7\n")
	}
	r, err := pdf.NewReader(view, int64(end))
	if err == nil {
		// ledongthuc/pdf derives each object's RC4 key at full length;
		// the standard cuts it to the file key's length plus 5 bytes, so
		// files with keys under 88 bits (40-bit RC4, common in old PDFs
		// with copy or print restrictions) decrypt to garbage.
		if enc := r.Trailer().Key("Encrypt"); enc.Kind() == pdf.Dict {
			bits := enc.Key("Length").Int64()
			if bits == 0 {
				bits = 40
			}
			if enc.Key("V").Int64() < 4 && bits < 88 {
				return nil, fmt.Errorf("%w: the PDF is encrypted with %d-bit RC4, which chemores cannot decrypt; save an unprotected copy first (for example `qpdf --decrypt in.pdf out.pdf`)", diag.ErrInput, bits)
			}
		}
		return r, nil
	}
	msg := err.Error()
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword):
		return nil, fmt.Errorf("%w: the PDF is encrypted and needs a password to open; save an unprotected copy first (for example `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`)", diag.ErrInput)
	case strings.Contains(msg, "256-bit") || strings.Contains(msg, "R=5") || strings.Contains(msg, "R=6"):
		return nil, fmt.Errorf("%w: the PDF is encrypted with 256-bit AES, which chemores cannot decrypt; save an unprotected copy first (for example `qpdf --decrypt in.pdf out.pdf`)", diag.ErrInput)
	case strings.Contains(msg, "encryption"):
		return nil, fmt.Errorf("%w: the PDF is encrypted in a way chemores cannot read (%s); save an unprotected copy first (for example `qpdf --decrypt in.pdf out.pdf`)", diag.ErrInput, msg)
	case strings.HasPrefix(msg, "not a PDF"):
		return nil, fmt.Errorf("%w: not a PDF, though it starts like one (%s)", diag.ErrInput, msg)
	}
	return nil, fmt.Errorf("%w: the PDF is truncated or damaged and cannot be read (%s); try repairing it (for example `qpdf in.pdf repaired.pdf`)", diag.ErrInput, msg)
}

// pdfView is the file as the library sees it: cut after the last
// %%EOF, with the header rewritten when it names a version the library
// does not know.
type pdfView struct {
	data   []byte
	header []byte
}

func (v *pdfView) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(v.data)) {
		return 0, io.EOF
	}
	n := copy(p, v.data[off:])
	for i := 0; i < n && off+int64(i) < int64(len(v.header)); i++ {
		p[i] = v.header[off+int64(i)]
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
