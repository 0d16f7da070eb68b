package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/diag"
)

// ErrInput marks an input that cannot be used: empty, binary, not UTF-8,
// too large, or without a reference list. Callers branch on it to tell
// bad input from failures of the program.
var ErrInput = diag.ErrInput

// MaxBytes is the largest input accepted. Reviews are well under 1 MB of
// text and a few MB of PDF; more is almost surely the wrong file.
const MaxBytes = 64 << 20

// Parse reads a source document (text, PDF or JATS XML, told apart by
// content; a file named .xml or .nxml is read as XML whatever it holds)
// and returns its Document. name is the path to report and to derive the
// document id from.
func Parse(ctx context.Context, name string, data []byte) (*Document, error) {
	src := Source{
		Path:   filepath.ToSlash(name),
		Bytes:  int64(len(data)),
		SHA256: sum(data),
	}
	switch {
	case len(data) == 0:
		return nil, fmt.Errorf("%w: empty file", ErrInput)
	case len(data) > MaxBytes:
		return nil, fmt.Errorf("%w: %d MB is over the %d MB limit", ErrInput, len(data)>>20, MaxBytes>>20)
	case bytes.HasPrefix(data, []byte("%PDF-")) || strings.EqualFold(filepath.Ext(name), ".pdf"):
		// A file named .pdf that is not one (a saved web page) gets the PDF
		// reader's "not a PDF" rather than the text path's complaints.
		src.Format = "pdf"
		return parsePDF(ctx, data, src)
	case looksLikeXML(data) || isXMLName(name):
		src.Format = "jats"
		doc, err := parseJATS(ctx, data, src)
		if err != nil {
			return nil, err
		}
		doc.ID = DocumentID(name)
		return doc, nil
	}
	src.Format = "text"
	if err := checkText(data); err != nil {
		return nil, err
	}
	text := blankLineNumbers(strings.TrimPrefix(string(data), "\ufeff"))
	blocks := columnBlocks(text)
	if blocks == nil {
		blocks = TextBlocks(text)
	}
	doc, err := Build(ctx, reflow(dropRunningHeads(blocks)), src)
	if err != nil {
		return nil, err
	}
	doc.ID = DocumentID(name)
	if doc.Front.DOI == "" {
		doc.Front.DOI = doiFromName(doc.ID)
	}
	return doc, nil
}

func isXMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".xml" || ext == ".nxml"
}

// DocumentID is the file name without directory and extension: seeds are
// named after their DOI with "/" written as "_".
func DocumentID(name string) string {
	base := filepath.Base(name)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// checkText rejects binary data and text that is not UTF-8, naming the
// place of the first bad byte.
func checkText(data []byte) error {
	line := 1
	ctrl := 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return fmt.Errorf("%w: not UTF-8 text: invalid byte 0x%02x at line %d (byte %d)", ErrInput, data[i], line, i)
		case r == 0:
			return fmt.Errorf("%w: binary data, not text: NUL byte at line %d (byte %d)", ErrInput, line, i)
		case r == '\n':
			line++
		case r < 0x20 && r != '\t' && r != '\r' && r != '\f':
			ctrl++
		}
		i += size
	}
	if ctrl > len(data)/100+8 {
		return fmt.Errorf("%w: binary data, not text: %d control characters", ErrInput, ctrl)
	}
	return nil
}
