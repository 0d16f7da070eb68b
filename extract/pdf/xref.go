package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"github.com/chemores/chemores/internal/diag"
)

// checkXref follows the file's cross-reference sections from startxref
// through /Prev before the PDF library does: an offset outside the file
// makes the library index past its buffer, and a /Prev that leads back
// to a section already read makes it loop until the watchdog gives up.
// Both are reported as damage, at once. Sections the walk cannot find
// where their offset says (files the library repairs by scanning) end
// the walk without a verdict.
func checkXref(data []byte) error {
	tail := data[max(0, len(data)-4096):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil // the library says what is missing
	}
	m := firstNumber.FindSubmatch(tail[i+len("startxref"):])
	if m == nil {
		return fmt.Errorf("%w: the PDF is truncated or damaged: startxref gives no offset; try repairing it (for example `qpdf in.pdf repaired.pdf`)", diag.ErrInput)
	}
	off, err := strconv.ParseInt(string(m[1]), 10, 64)
	if err != nil {
		return fmt.Errorf("%w: the PDF is truncated or damaged: startxref offset %q is not a number", diag.ErrInput, m[1])
	}
	seen := map[int64]bool{}
	for {
		if off < 0 || off >= int64(len(data)) {
			return fmt.Errorf("%w: the PDF is truncated or damaged: a cross-reference offset (%d) points outside the file (%d bytes); try repairing it (for example `qpdf in.pdf repaired.pdf`)", diag.ErrInput, off, len(data))
		}
		if seen[off] {
			return fmt.Errorf("%w: the PDF is truncated or damaged: its cross-reference sections loop (/Prev leads back to offset %d); try repairing it (for example `qpdf in.pdf repaired.pdf`)", diag.ErrInput, off)
		}
		seen[off] = true
		if len(seen) > 4096 {
			return fmt.Errorf("%w: the PDF has more than 4096 cross-reference sections", diag.ErrInput)
		}
		prev, ok := prevOffset(data[off:])
		if !ok {
			return nil
		}
		off = prev
	}
}

var (
	firstNumber = regexp.MustCompile(`^\s*(-?\d{1,19})`)
	prevKey     = regexp.MustCompile(`/Prev\s+(-?\d{1,19})`)
	xrefStream  = regexp.MustCompile(`^\s*\d+\s+\d+\s+obj\b`)
)

// prevOffset reads the /Prev of the section at the start of b: a
// classic table's trailer, or an xref stream's dictionary.
func prevOffset(b []byte) (int64, bool) {
	var dict []byte
	switch {
	case bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n\f\x00"), []byte("xref")):
		t := bytes.Index(b, []byte("trailer"))
		if t < 0 {
			return 0, false
		}
		dict = b[t:]
		if e := bytes.Index(dict, []byte("startxref")); e >= 0 {
			dict = dict[:e]
		}
	case xrefStream.Match(b[:min(len(b), 64)]):
		dict = b
		if e := bytes.Index(dict, []byte("stream")); e >= 0 {
			dict = dict[:e]
		}
	default:
		return 0, false
	}
	m := prevKey.FindSubmatch(dict[:min(len(dict), 1<<16)])
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseInt(string(m[1]), 10, 64)
	return n, err == nil
}
