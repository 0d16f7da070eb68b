package pdf

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// fuzzAlphabet is what fuzzed glyphs draw: letters, digits, the
// punctuation the layout reacts to, a Greek letter and markup characters
// that must not confuse the renderer.
var fuzzAlphabet = []string{
	"a", "b", "e", "n", "s", "T", "G", "F", "1", "2", "5", "-", ".", ",", "(", ")", "[", "]",
	"β", "—", "*", "^", "_", "{", "}", "$", "ﬁ", "é", ":", ";",
}

var fuzzFonts = []*pdfFont{fRoman, fBold, fItalic, {name: "Test-BoldItalic", bold: true, italic: true}}

// FuzzLayout lays out random runs of positioned text: no panic, the same
// blocks twice, and no character the page did not draw (markup, spaces
// and line breaks aside). extract's FuzzParsePDF takes real files through
// the builder.
func FuzzLayout(f *testing.F) {
	f.Add([]byte("\x00\x10\xf0\x05\x00\x03\x00\x90\xf0\x05\x01\x07\x01\x10\x80\x09\x02\x00"))
	f.Add([]byte("\x00\x14\xe0\x04\x00\x10\x00\x80\xe0\x04\x00\x11\x00\x14\xdc\x04\x00\x12\x00\x80\xdc\x04\x00\x13"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pages := fuzzPages(data)
		allowed := map[rune]bool{'*': true, '^': true, '_': true, '{': true, '}': true, ' ': true, '\n': true}
		for _, p := range pages {
			for _, g := range p.glyphs {
				for _, r := range g.s {
					allowed[r] = true
				}
			}
		}
		a := layoutPages(clonePages(pages))
		b := layoutPages(clonePages(pages))
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("layout not deterministic:\n%q\n%q", blockTexts(a), blockTexts(b))
		}
		for _, blk := range a {
			if !utf8.ValidString(blk.Text) || blk.Page < 1 || blk.Page > 3 {
				t.Fatalf("bad block %+v", blk)
			}
			for _, r := range blk.Text {
				if !allowed[r] {
					t.Fatalf("block %q has %q, which no glyph drew", blk.Text, r)
				}
			}
		}
	})
}

// fuzzPages decodes records of 6 bytes: page, x, y, size, style, and the
// first character of a short run.
func fuzzPages(data []byte) []*pageText {
	pages := []*pageText{{n: 1, w: 595, h: 842}, {n: 2, w: 595, h: 842}, {n: 3, w: 595, h: 842}}
	for i := 0; i+6 <= len(data) && i < 6*700; i += 6 {
		r := data[i : i+6]
		p := pages[int(r[0])%3]
		x, y := float64(r[1])*2.3, float64(r[2])*3.3
		size := 4 + float64(r[3]%20)
		font := fuzzFonts[int(r[4])%len(fuzzFonts)]
		n := 1 + int(r[5])%6
		for k := 0; k < n; k++ {
			s := fuzzAlphabet[(int(r[5])+k*7)%len(fuzzAlphabet)]
			p.glyphs = append(p.glyphs, glyph{s: s, x: x, y: y, w: 0.5 * size, size: size, font: font, seq: len(p.glyphs)})
			x += 0.5 * size
		}
	}
	return pages
}

func clonePages(ps []*pageText) []*pageText {
	out := make([]*pageText, len(ps))
	for i, p := range ps {
		c := *p
		c.glyphs = append([]glyph(nil), p.glyphs...)
		out[i] = &c
	}
	return out
}
