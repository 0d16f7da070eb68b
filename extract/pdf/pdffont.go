//go:generate go run ../../internal/std14gen -groff /usr/share/groff/current/font/devps -o pdfstd14.go

package pdf

import (
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// pdfFont is what the layout needs from a PDF font: how to cut a shown
// string into character codes, what text each code stands for, how far
// each advances, and whether the face is bold or italic.
type pdfFont struct {
	name         string // BaseFont without the subset tag ("ABCDEF+")
	bold, italic bool
	codeLen      int          // bytes per code when no codespace says otherwise
	spaces       []codespace  // from the ToUnicode CMap, when it has them
	uni          *toUnicode   // the font's ToUnicode CMap
	simple       *[256]string // one-byte fonts: text by the font's encoding
	widths       map[uint32]float64
	firstChar    int
	widthList    []float64      // simple fonts: Widths from FirstChar
	dw           float64        // default width, glyph units
	scale        float64        // glyph units to text space (1/1000, or Type 3's FontMatrix)
	vscale       float64        // Type 3: the FontMatrix's vertical scale relative to 1/1000
	vertical     bool           // Identity-V: vertical writing, not laid out
	ucs2         bool           // Type 0 with a UCS-2 CMap: codes are UTF-16
	std          map[rune]int16 // a standard font used without Widths: widths by character
}

type codespace struct {
	n      int // bytes
	lo, hi uint32
}

// code is one character code of a shown string.
type code struct {
	c uint32
	n int // bytes
}

// codes cuts a shown string into character codes.
func (f *pdfFont) codes(raw string, out []code) []code {
	out = out[:0]
	for i := 0; i < len(raw); {
		n := f.codeLen
		if len(f.spaces) > 0 {
			n = f.match(raw[i:])
		}
		if i+n > len(raw) {
			n = len(raw) - i
		}
		var c uint32
		for k := 0; k < n; k++ {
			c = c<<8 | uint32(raw[i+k])
		}
		out = append(out, code{c, n})
		i += n
	}
	return out
}

// match returns the length of the code at the start of s, by the
// codespace ranges; a byte that starts no range is read with the font's
// default length.
func (f *pdfFont) match(s string) int {
	for _, sp := range f.spaces {
		if sp.n > len(s) {
			continue
		}
		var c uint32
		for k := 0; k < sp.n; k++ {
			c = c<<8 | uint32(s[k])
		}
		if c >= sp.lo && c <= sp.hi {
			return sp.n
		}
	}
	return max(1, f.codeLen)
}

// text returns the Unicode text of a code; "\uFFFD" when the font does
// not say.
func (f *pdfFont) text(c code) string {
	if s, ok := f.uni.lookup(c.c); ok {
		return s
	}
	if f.simple != nil && c.n == 1 {
		return f.simple[c.c&0xff]
	}
	if f.ucs2 && c.n == 2 {
		return utf16Text(string([]byte{byte(c.c >> 8), byte(c.c)}))
	}
	return "\uFFFD"
}

// width returns the advance of a code, whose text is s, in text space
// units (times the font size).
func (f *pdfFont) width(c code, s string) float64 {
	if f.std != nil {
		for _, r := range s {
			if w, ok := f.std[r]; ok {
				return float64(w) * f.scale
			}
			break
		}
		return f.dw * f.scale
	}
	if f.widthList != nil {
		i := int(c.c) - f.firstChar
		if i >= 0 && i < len(f.widthList) {
			return f.widthList[i] * f.scale
		}
		return f.dw * f.scale
	}
	if w, ok := f.widths[c.c]; ok {
		return w * f.scale
	}
	return f.dw * f.scale
}

// loadFont reads a font dictionary.
func loadFont(v pdf.Value) *pdfFont {
	f := &pdfFont{scale: 0.001, vscale: 1, codeLen: 1, dw: 500}
	base := v.Key("BaseFont").Name()
	if i := strings.IndexByte(base, '+'); i >= 0 && i <= 7 {
		base = base[i+1:]
	}
	f.name = base
	subtype := v.Key("Subtype").Name()
	desc := v.Key("FontDescriptor")
	switch subtype {
	case "Type0":
		f.codeLen = 2
		enc := v.Key("Encoding").Name()
		f.vertical = strings.HasSuffix(enc, "-V")
		d := v.Key("DescendantFonts").Index(0)
		desc = d.Key("FontDescriptor")
		f.dw = 1000
		if w := d.Key("DW"); w.Kind() == pdf.Integer || w.Kind() == pdf.Real {
			f.dw = w.Float64()
		}
		f.widths = cidWidths(d.Key("W"))
		f.ucs2 = strings.Contains(enc, "UCS2") || strings.Contains(enc, "UTF16")
	default:
		f.firstChar = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		if n := ws.Len(); n > 0 && n <= 256 {
			f.widthList = make([]float64, n)
			for i := range n {
				f.widthList[i] = ws.Index(i).Float64()
			}
		}
		if mw := desc.Key("MissingWidth"); mw.Kind() == pdf.Integer || mw.Kind() == pdf.Real {
			f.dw = mw.Float64()
		} else if strings.Contains(strings.ToLower(base), "courier") {
			f.dw = 600
		}
		if subtype == "Type3" {
			if m := v.Key("FontMatrix"); m.Len() == 6 {
				f.scale = m.Index(0).Float64()
				if s := m.Index(3).Float64(); s != 0 {
					f.vscale = s * 1000
				}
			}
		}
		f.simple = simpleEncoding(v, base)
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.uni, f.spaces = readToUnicode(tu)
		if subtype != "Type0" {
			// Simple fonts have one-byte codes whatever the CMap's
			// codespace says (groff's gropdf declares <0000> <FFFF>).
			f.spaces = nil
		}
	}
	f.bold, f.italic = fontStyle(base, desc)
	if subtype != "Type0" && f.widthList == nil {
		f.std = std14Widths[standardFace(base, f.bold, f.italic)]
	}
	return f
}

// standardFace names the standard font a font without widths stands
// for: Times or Helvetica (Arial has Helvetica's widths), in its face.
func standardFace(name string, bold, italic bool) string {
	n := strings.ToLower(name)
	family := ""
	switch {
	case strings.Contains(n, "times"):
		family = "Times"
	case strings.Contains(n, "helvetica") || strings.Contains(n, "arial"):
		family = "Helvetica"
	default:
		return ""
	}
	switch {
	case bold && italic && family == "Times":
		return "Times-BoldItalic"
	case bold && italic:
		return "Helvetica-BoldOblique"
	case bold:
		return family + "-Bold"
	case italic && family == "Times":
		return "Times-Italic"
	case italic:
		return "Helvetica-Oblique"
	case family == "Times":
		return "Times-Roman"
	}
	return "Helvetica"
}

// cidWidths reads a CIDFont's W array: "c [w1 w2 ...]" and "c1 c2 w".
func cidWidths(w pdf.Value) map[uint32]float64 {
	out := map[uint32]float64{}
	n := w.Len()
	for i := 0; i < n; {
		first := w.Index(i)
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for k := 0; k < next.Len() && k < 1<<16; k++ {
				out[c+uint32(k)] = next.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		lo, hi := first.Int64(), next.Int64()
		wd := w.Index(i + 2).Float64()
		if hi >= lo && hi-lo < 1<<16 {
			for c := lo; c <= hi; c++ {
				out[uint32(c)] = wd
			}
		}
		i += 3
	}
	return out
}

// simpleEncoding decodes the 256 codes of a one-byte font by its
// Encoding (WinAnsi, MacRoman, Differences), with the Symbol font's
// Greek letters mapped to Unicode.
func simpleEncoding(v pdf.Value, base string) *[256]string {
	var t [256]string
	font := pdf.Font{V: v}
	enc := font.Encoder()
	symbol := strings.HasPrefix(base, "Symbol") && v.Key("Encoding").IsNull()
	for b := range 256 {
		s := enc.Decode(string([]byte{byte(b)}))
		if symbol {
			if r, ok := symbolGreek[byte(b)]; ok {
				s = string(r)
			}
		}
		t[b] = s
	}
	return &t
}

// symbolGreek is the Greek part of the Symbol font's built-in encoding,
// which old PDFs use for α, β and μ.
var symbolGreek = map[byte]rune{
	'a': 'α', 'b': 'β', 'c': 'χ', 'd': 'δ', 'e': 'ε', 'f': 'φ', 'g': 'γ', 'h': 'η', 'i': 'ι',
	'j': 'ϕ', 'k': 'κ', 'l': 'λ', 'm': 'μ', 'n': 'ν', 'o': 'ο', 'p': 'π', 'q': 'θ', 'r': 'ρ',
	's': 'σ', 't': 'τ', 'u': 'υ', 'w': 'ω', 'x': 'ξ', 'y': 'ψ', 'z': 'ζ',
	'A': 'Α', 'B': 'Β', 'C': 'Χ', 'D': 'Δ', 'E': 'Ε', 'F': 'Φ', 'G': 'Γ', 'H': 'Η', 'I': 'Ι',
	'K': 'Κ', 'L': 'Λ', 'M': 'Μ', 'N': 'Ν', 'O': 'Ο', 'P': 'Π', 'Q': 'Θ', 'R': 'Ρ', 'S': 'Σ',
	'T': 'Τ', 'U': 'Υ', 'W': 'Ω', 'X': 'Ξ', 'Y': 'Ψ', 'Z': 'Ζ',
	0xb0: '°', 0xb1: '±', 0xb4: '×', 0xa3: '≤', 0xb3: '≥', 0xae: '→', 0xad: '↑', 0xaf: '↓',
}

// fontStyle tells bold and italic faces apart by name first (publishers'
// font names are reliable: "Times-BoldItalic", "AdvOT...+TimesNewRomanPS-
// ItalicMT", TeX's "CMBX10" and "CMTI10"), then by the descriptor's
// flags, weight and italic angle.
func fontStyle(name string, desc pdf.Value) (bold, italic bool) {
	n := strings.ToLower(name)
	for _, k := range []string{"bold", "black", "heavy", "semibold", "demi", "cmbx", "cmb10", "-bd", ",bd", "medi"} {
		if strings.Contains(n, k) {
			bold = true
		}
	}
	for _, k := range []string{"italic", "oblique", "cmti", "cmsl", "-it", ",it", "-ital", "slant"} {
		if strings.Contains(n, k) {
			italic = true
		}
	}
	if strings.HasSuffix(n, "-bi") || strings.HasSuffix(n, "-b") {
		bold = true
	}
	if strings.HasSuffix(n, "-bi") || strings.HasSuffix(n, "-i") {
		italic = true
	}
	flags := desc.Key("Flags").Int64()
	if flags&(1<<18) != 0 || desc.Key("FontWeight").Float64() >= 600 {
		bold = true
	}
	if flags&(1<<6) != 0 || desc.Key("ItalicAngle").Float64() != 0 {
		italic = true
	}
	return bold, italic
}

// toUnicode maps character codes to text: single codes (bfchar, and
// ranges mapped through arrays) and ranges whose text increments.
type toUnicode struct {
	single map[uint32]string
	ranges []cmapRange
	mu     sync.Mutex        // pages are read in parallel
	seen   map[uint32]string // codes already looked up in ranges
}

type cmapRange struct {
	lo, hi uint32
	base   []rune // text of lo; the last rune counts up
}

func (t *toUnicode) lookup(c uint32) (string, bool) {
	if t == nil {
		return "", false
	}
	if s, ok := t.single[c]; ok {
		return s, true
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if s, ok := t.seen[c]; ok {
		return s, true
	}
	for _, r := range t.ranges {
		if c >= r.lo && c <= r.hi {
			rs := append([]rune(nil), r.base...)
			rs[len(rs)-1] += rune(c - r.lo)
			if !utf8.ValidRune(rs[len(rs)-1]) {
				return "", false
			}
			if t.seen == nil {
				t.seen = map[uint32]string{}
			}
			t.seen[c] = string(rs)
			return t.seen[c], true
		}
	}
	return "", false
}

// readToUnicode parses a ToUnicode CMap. ledongthuc/pdf has a parser, but
// it only increments the last byte across a bfrange, so a range such as
// <0000> <FFFF> <0000> (go-pdf/fpdf writes one for every UTF-8 font) maps
// "β" (03B2) to "²" (00B2); this one adds code offsets as numbers.
func readToUnicode(v pdf.Value) (*toUnicode, []codespace) {
	rd := v.Reader()
	defer rd.Close()
	data, err := readLimited(rd, 4<<20, 4096)
	if err != nil && len(data) == 0 {
		return nil, nil
	}
	return parseCMap(data)
}

// parseCMap reads the codespace ranges, bfchar and bfrange entries of a
// CMap program. Anything else (PostScript around them) is skipped.
func parseCMap(data []byte) (*toUnicode, []codespace) {
	uni := &toUnicode{single: map[uint32]string{}}
	var spaces []codespace
	lx := contentLexer{d: data}
	var args []operand
	for {
		t, keyword, ok := lx.next()
		if !ok {
			break
		}
		if keyword == "" {
			args = append(args, t)
			if len(args) > 1<<16 {
				args = args[:0]
			}
			continue
		}
		switch keyword {
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i], args[i+1]
				if lo.hex && hi.hex && len(lo.s) == len(hi.s) && len(lo.s) >= 1 && len(lo.s) <= 4 {
					spaces = append(spaces, codespace{len(lo.s), beUint(lo.s), beUint(hi.s)})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(args); i += 2 {
				src, dst := args[i], args[i+1]
				if src.hex && len(src.s) <= 4 {
					uni.single[beUint(src.s)] = dstText(dst)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args); i += 3 {
				lo, hi, dst := args[i], args[i+1], args[i+2]
				if !lo.hex || !hi.hex || len(lo.s) > 4 || len(hi.s) > 4 {
					continue
				}
				a, b := beUint(lo.s), beUint(hi.s)
				if b < a || b-a > 1<<16 {
					continue
				}
				switch {
				case dst.hex:
					base := []rune(utf16Text(dst.s))
					if len(base) == 0 {
						continue
					}
					if a == b {
						uni.single[a] = string(base)
					} else if len(uni.ranges) < 1<<14 {
						uni.ranges = append(uni.ranges, cmapRange{a, b, base})
					}
				case dst.kind == opArray:
					for k, d := range dst.arr {
						if a+uint32(k) > b {
							break
						}
						uni.single[a+uint32(k)] = dstText(d)
					}
				}
			}
		}
		args = args[:0]
	}
	if len(uni.single) == 0 && len(uni.ranges) == 0 {
		uni = nil
	}
	return uni, spaces
}

func dstText(t operand) string {
	if t.kind == opString {
		return utf16Text(t.s)
	}
	return ""
}

func beUint(s string) uint32 {
	var c uint32
	for i := 0; i < len(s); i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

// utf16Text decodes big-endian UTF-16, as CMap destinations are written.
func utf16Text(s string) string {
	if len(s)%2 == 1 {
		s += "\x00"
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isDelimByte(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}
