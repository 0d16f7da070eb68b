package extract

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/chemores/chemores/internal/textutil"
)

// citations makes the citation groups of one paragraph from its
// callouts. Callouts separated only by commas, semicolons, dashes or
// "and" form one group, as "[1, 2]" or "(Smith, 2010; Lee, 2012)" is one
// group in the text path; two numeric callouts joined by a dash
// ("[3]–[6]", "3–6") are a range and cite the references between them
// too. A group's span takes in the brackets around it when nothing else
// is inside them.
func (j *jats) citations(d *jdraft) {
	if d.float {
		// Tables a publisher set apart in a <floats-group> are outside
		// the body: their callouts are not counted as the body's, as
		// PMC's own counts and the PDF path (which reads no table
		// cells) do not count them. Their text is kept.
		return
	}
	text := []rune(d.text)
	for i := 0; i < len(d.cites); {
		k := i
		for k+1 < len(d.cites) && joinable(text[d.cites[k].end:d.cites[k+1].start]) {
			k++
		}
		j.group(d, text, d.cites[i:k+1])
		i = k + 1
	}
}

func (j *jats) group(d *jdraft, text []rune, as []anchor) {
	var refs []int
	prev, prevNum := 0, false
	sup := true
	for i, a := range as {
		var ns []int
		for _, rid := range a.rids {
			n, ok := j.refIDs[rid]
			if !ok {
				j.b.diag(Warning, "citation-unknown-target", "paragraph "+d.id,
					fmt.Sprintf("callout %q points to %q, which is not in the reference list", string(text[a.start:a.end]), rid))
				continue
			}
			ns = append(ns, n)
		}
		num := numericCallout(text[a.start:a.end])
		if i > 0 && len(ns) > 0 && prev > 0 && prevNum && num && isDash(text[as[i-1].end:a.start]) {
			if hi := ns[0]; hi > prev+1 && hi-prev <= maxRange {
				for x := prev + 1; x < hi; x++ {
					refs = append(refs, x)
				}
			}
		}
		refs = append(refs, ns...)
		if len(ns) > 0 {
			prev = ns[len(ns)-1]
		}
		prevNum = num
		sup = sup && a.sup
	}
	if len(refs) == 0 {
		return
	}
	start, end := as[0].start, as[len(as)-1].end
	if start > 0 && end < len(text) {
		if o, c := text[start-1], text[end]; o == '(' && c == ')' || o == '[' && c == ']' {
			start, end = start-1, end+1
		}
	}
	style := StyleParen
	switch {
	case sup:
		style = StyleSuperscript
	case openBracket(text, start) == '[':
		style = StyleBracket
	}
	doc := j.b.doc
	doc.Citations = append(doc.Citations, Citation{
		ID:        "c" + strconv.Itoa(len(doc.Citations)+1),
		Paragraph: d.id,
		Start:     start,
		End:       end,
		Text:      string(text[start:end]),
		Style:     style,
		Refs:      refs,
	})
}

// joinable: what stands between two callouts of one group.
func joinable(sep []rune) bool {
	if len(sep) > 12 {
		return false
	}
	var rest strings.Builder
	for _, r := range sep {
		if !textutil.IsSpace(r) && !isDashRune(r) && !strings.ContainsRune(",;[]()", r) {
			rest.WriteRune(r)
		}
	}
	switch rest.String() {
	case "", "and", "&", "e", "y", "und", "et":
		return true
	}
	return false
}

// isDash: the separator is one dash, brackets and spaces aside.
func isDash(sep []rune) bool {
	dashes := 0
	for _, r := range sep {
		switch {
		case isDashRune(r):
			dashes++
		case textutil.IsSpace(r) || r == '[' || r == ']' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return dashes == 1
}

func isDashRune(r rune) bool {
	return strings.ContainsRune("-–—‒−⁻‐‑", r)
}

// numericCallout: the callout prints a number ("3", "[3]", "³").
func numericCallout(s []rune) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9' || superDigits[r] != 0:
			digits++
		case textutil.IsSpace(r) || r == '[' || r == ']' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits > 0
}

// openBracket is the bracket that encloses position i, looking back a
// little, or 0.
func openBracket(text []rune, i int) rune {
	for k := i; k >= 0 && k > i-60; k-- {
		if k >= len(text) {
			continue
		}
		switch text[k] {
		case '(', '[':
			return text[k]
		case ')', ']':
			if k != i {
				return 0
			}
		}
	}
	return 0
}
