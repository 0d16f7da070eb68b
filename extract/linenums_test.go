package extract

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// numberLines numbers every line as a preprint's line numbers do,
// starting again on each page.
func numberLines(text string) string {
	var b strings.Builder
	n := 0
	for _, l := range strings.SplitAfter(text, "\n") {
		if l == "" {
			continue
		}
		ff := ""
		if strings.HasPrefix(l, "\f") {
			ff, l, n = "\f", l[1:], 0
		}
		n++
		fmt.Fprintf(&b, "%s%-4d %s", ff, n, l)
	}
	return b.String()
}

func TestLineNumbers(t *testing.T) {
	plain, err := Parse(context.Background(), "plain.txt", []byte(converted))
	if err != nil {
		t.Fatal(err)
	}
	numbered := numberLines(converted)
	doc, err := Parse(context.Background(), "numbered.txt", []byte(numbered))
	if err != nil {
		t.Fatal(err)
	}
	texts := func(d *Document) (ps []string) {
		for _, p := range d.Paragraphs {
			ps = append(ps, p.Text)
		}
		for _, r := range d.References {
			ps = append(ps, fmt.Sprint(r.N, r.Title, r.Journal, r.LastPage))
		}
		return ps
	}
	if got, want := texts(doc), texts(plain); !reflect.DeepEqual(got, want) {
		t.Errorf("with line numbers:\n%q\nwithout:\n%q", got, want)
	}
	// Offsets still point into the numbered source.
	src := []rune(numbered)
	for _, p := range doc.Paragraphs {
		head := []rune(p.Text)[:10]
		if at := SourceOffset(p.Align, p.Src[0], 0); string(src[at:at+10]) != string(head) {
			t.Errorf("%s starts at %d in the source: %q, want %q", p.ID, at, string(src[at:at+10]), string(head))
		}
	}
}

func TestLineNumbersKeepLabels(t *testing.T) {
	// A short note whose reference list, one entry to a line, numbered
	// "1 ", is most of its lines: the labels are not line numbers.
	var b strings.Builder
	b.WriteString("A note on pumps\n\nPumps move drugs out of cells (1-12).\n\nReferences\n\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "%d Doe J, Roe K. Pumps, part %d. J Test. 2020;%d:1-9.\n", i, i, i)
	}
	text := b.String()
	if got := blankLineNumbers(text); got != text {
		t.Errorf("labels blanked:\n%s", got)
	}
}
