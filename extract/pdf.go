package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/chemores/chemores/extract/pdf"
	"github.com/chemores/chemores/internal/diag"
)

// parsePDF lays out a PDF's pages with the pdf package and hands the
// blocks to the same Build as text sources. A panic in the builder is a
// bug: it becomes an error that says so.
func parsePDF(ctx context.Context, data []byte, src Source) (doc *Document, err error) {
	lay, err := pdf.Read(ctx, data)
	if err != nil {
		return nil, err
	}
	blocks := pdfBlocks(lay)
	defer func() {
		if r := recover(); r != nil {
			doc = nil
			err = fmt.Errorf("internal error while building the document: %v [%s] (please report this, with the file)", r, diag.Frames(debug.Stack()))
		}
	}()
	doc, err = Build(ctx, blocks, src)
	if err != nil {
		if errors.Is(err, ErrInput) {
			return nil, fmt.Errorf("%w (read %d pages, %d characters of text)", err, lay.Pages, lay.Chars)
		}
		return nil, err
	}
	doc.ID = DocumentID(src.Path)
	if doc.Front.DOI == "" {
		doc.Front.DOI = doiFromName(doc.ID)
	}
	doc.Source.Pages = lay.Pages
	doc.Diagnostics = append(doc.Diagnostics, lay.Diagnostics...)
	return doc, nil
}

// pdfBlocks turns the layout's blocks into the builder's.
func pdfBlocks(lay *pdf.Layout) []Block {
	blocks := make([]Block, len(lay.Blocks))
	for i, b := range lay.Blocks {
		blocks[i] = Block{Text: b.Text, Src: -1, Page: b.Page, Hint: hints[b.Hint], Indent: b.Indent, Size: b.Size}
	}
	return blocks
}

var hints = map[pdf.Hint]Hint{pdf.HintNone: HintNone, pdf.HintHeading: HintHeading, pdf.HintCaption: HintCaption}
