package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// entryStart matches the number that opens a reference entry: "12. ",
// "[12] ", "12) ", "12 ".
var entryStart = regexp.MustCompile(`^\s*\[?(\d{1,4})(?:[.)\]]\s*|\s+)(\S)`)

func entryNumber(line string) (int, bool) {
	m := entryStart.FindStringSubmatch(line)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// entry is a reference's raw text before parsing.
type entry struct {
	n    int
	text string
	src  int
}

// splitEntries cuts the reference-list blocks into entries. A line opens
// a new entry when it starts with the next number (a few missing numbers
// are tolerated and reported); any other line continues the current one,
// as when a page break or a wrapped PDF line split it.
func (b *builder) splitEntries(blocks []Block) []entry {
	var out []entry
	for _, blk := range blocks {
		for _, line := range blk.Lines() {
			text := strings.TrimSpace(line.Text)
			n, ok := entryNumber(text)
			prev := 0
			if len(out) > 0 {
				prev = out[len(out)-1].n
			}
			if ok && n > prev && n <= prev+5 {
				for missing := prev + 1; missing < n; missing++ {
					b.diag(Warning, "reference-missing", "reference "+strconv.Itoa(missing), "number skipped in the reference list")
				}
				loc := entryStart.FindStringSubmatchIndex(text)
				body := text[loc[4]:]
				src := line.Src
				if src >= 0 {
					src += utf8.RuneCountInString(line.Text[:strings.Index(line.Text, text)+loc[4]])
				}
				out = append(out, entry{n: n, text: body, src: src})
				continue
			}
			if len(out) == 0 {
				continue // material before the first entry
			}
			last := &out[len(out)-1]
			if strings.HasSuffix(last.text, "-") && startsLower(text) {
				last.text += text
			} else {
				last.text += " " + text
			}
		}
	}
	return out
}

func (b *builder) references(blocks []Block) {
	for _, e := range b.splitEntries(blocks) {
		r, err := ParseReference(e.text)
		r.N = e.n
		if e.src >= 0 {
			r.Src = [2]int{e.src, e.src + utf8.RuneCountInString(e.text)}
		}
		if err != nil {
			b.diag(Warning, "reference-unparsed", "reference "+strconv.Itoa(e.n), err.Error())
		}
		b.doc.References = append(b.doc.References, r)
	}
}

// checkReferences reports references that no citation points to.
func (b *builder) checkReferences() {
	cited := map[int]bool{}
	for _, c := range b.doc.Citations {
		for _, n := range c.Refs {
			cited[n] = true
		}
	}
	for _, r := range b.doc.References {
		if !cited[r.N] {
			b.diag(Info, "reference-uncited", "reference "+strconv.Itoa(r.N), "no citation in the body points to this reference")
		}
	}
}

