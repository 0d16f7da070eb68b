package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/textutil"
)

// item is a glyph or a separator of a block's text, with the style the
// markup is written from.
type item struct {
	s      string
	italic bool
	script int8
	sep    bool // a space, a line break, or "" for a rejoined word
}

// renderBlock writes a block's lines as text with markup: lines joined
// by "\n" (or glued where a word was rejoined), spaces where glyphs stand
// apart, *italic* runs, ^{superscripts} and _{subscripts}.
func renderBlock(lines []*line) string {
	n := 0
	for _, l := range lines {
		n += 2 * len(l.gs)
	}
	items := make([]item, 0, n)
	for li, l := range lines {
		if li > 0 {
			switch l.join {
			case joinBreak:
				items = append(items, item{s: "\n", sep: true})
			case joinSpace:
				items = append(items, item{s: " ", sep: true})
			}
		}
		for gi, g := range l.gs {
			if gi == len(l.gs)-1 && l.dropLast {
				break
			}
			if gi > 0 && gapBefore(l, gi) {
				items = append(items, item{s: " ", sep: true})
			}
			items = append(items, item{s: g.s, italic: g.font.italic && g.script == scriptNone, script: g.script})
		}
	}
	return renderItems(items)
}

func renderItems(items []item) string {
	var b strings.Builder
	for i := 0; i < len(items); {
		it := items[i]
		switch {
		case it.sep:
			b.WriteString(it.s)
			i++
		case it.script != scriptNone:
			j := scriptEnd(items, i)
			body := joinItems(items[i:j], true)
			if strings.ContainsAny(body, "{}") {
				b.WriteString(body)
			} else if it.script == scriptSup {
				b.WriteString("^{" + body + "}")
			} else {
				b.WriteString("_{" + body + "}")
			}
			i = j
		case it.italic:
			j := italicEnd(items, i)
			body := joinItems(items[i:j], false)
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next := rune(0)
			if j < len(items) {
				next, _ = utf8.DecodeRuneInString(items[j].s)
			}
			if (b.Len() == 0 || !textutil.IsWordRune(prev)) && (next == 0 || !textutil.IsWordRune(next)) && latinWord(body) && !strings.ContainsRune(body, '*') {
				b.WriteString("*" + body + "*")
			} else {
				b.WriteString(body)
			}
			i = j
		default:
			b.WriteString(it.s)
			i++
		}
	}
	return b.String()
}

func joinItems(items []item, oneLine bool) string {
	var b strings.Builder
	for _, it := range items {
		if oneLine && it.s == "\n" {
			b.WriteByte(' ')
			continue
		}
		b.WriteString(it.s)
	}
	return b.String()
}

// scriptEnd returns the end of the run of same-script glyphs starting at
// i; spaces inside the run ("1, 2") stay in it.
func scriptEnd(items []item, i int) int {
	kind := items[i].script
	j := i + 1
	for j < len(items) {
		// A space or a list separator set in the text size between two
		// raised numbers belongs to them: "^{1},^{3}" is "^{1,3}".
		if (items[j].sep && items[j].s == " " || !items[j].sep && items[j].script == scriptNone && (items[j].s == "," || items[j].s == "–")) &&
			j+1 < len(items) && !items[j+1].sep && items[j+1].script == kind {
			j += 2
			continue
		}
		if items[j].sep || items[j].script != kind {
			break
		}
		j++
	}
	return j
}

// italicEnd returns the end of the italic run starting at i: italic
// glyphs and the separators between them. Emphasis markers close within
// a few hundred characters (see markEmphasis), so a long italic passage
// is closed at a line end and opened again.
func italicEnd(items []item, i int) int {
	j, n := i+1, 0
	end := i + 1
	for j < len(items) {
		it := items[j]
		if it.sep {
			if it.s == "\n" && n > 300 {
				break
			}
			j++
			continue
		}
		if !it.italic {
			break
		}
		n += len(it.s)
		j++
		end = j
	}
	return end
}

// latinWord: the run holds a word in Latin letters. Math italic (a lone
// β, an x) is left unmarked: its markers would only come between the
// letter and the text around it, which the cleaner reads ("TGF- β").
func latinWord(s string) bool {
	n := 0
	for _, r := range s {
		if r < 0x250 && unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}
