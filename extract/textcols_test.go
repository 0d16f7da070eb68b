package extract

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// sideBySide sets two columns as pdftotext -layout does: the left one
// padded with spaces to the gutter, the right one after it.
func sideBySide(left, right []string) string {
	var b strings.Builder
	for i := range max(len(left), len(right)) {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		line := l
		if r != "" {
			line = l + strings.Repeat(" ", 48-len(l)) + r
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return b.String()
}

func TestLayoutColumns(t *testing.T) {
	page1 := "Efflux pumps and the drugs they move: a review of many years of transport\n\n" + sideBySide(
		[]string{
			"Introduction",
			"Cancer cells pump drugs out through",
			"transporters that sit in the membrane",
			"and use ATP to move their cargo across",
			"it (Doe and Roe, 2020). The best known",
			"of them is P-glycoprotein, found in",
			"most tissues of the body that face",
			"the blood or the gut (Smith, 2019).",
			"",
			"Methods",
			"We read the papers that measured how",
			"fast cells pump drugs and how much of",
			"the transporter they make (Lee, 2018).",
		},
		[]string{
			"Results",
			"Transport was fastest in the lines",
			"that made the most transporter, and",
			"slowest in those that made none, as",
			"Doe and Roe (2020) had found before.",
			"The inhibitors slowed it in all of",
			"the lines they were given to, but",
			"none of them stopped it for long.",
			"",
			"References",
			"Doe, J., Roe, K., 2020. Efflux pumps",
			"   in cancer cells. J. Test. 12, 34-56.",
			"Lee, B., 2018. Drugs and their",
			"   transporters. Nat. Rev. 4, 100-110.",
		})
	page2 := sideBySide(
		[]string{
			"Smith, A., 2019. P-glycoprotein at",
			"   work in the tissues of the body.",
			"   Cell Rep. 3, 1-9.",
			"Zhou, Q., 2021. Pumps and the gut.",
			"   Gut 70, 11-19.",
			"Appendix",
			"Nothing more was measured than what",
			"the tables show, in the same cells.",
		},
		nil)
	text := page1 + "\f" + page2
	doc, err := Parse(context.Background(), "layout.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var intro string
	for _, p := range doc.Paragraphs {
		if strings.HasPrefix(p.Text, "Cancer cells") {
			intro = p.Text
		}
		if strings.Contains(p.Text, "Cancer cells") && strings.Contains(p.Text, "Transport was") {
			t.Errorf("%s mixes the columns: %q", p.ID, p.Text)
		}
	}
	if !strings.HasSuffix(intro, "the blood or the gut (Smith, 2019).") {
		t.Errorf("the first paragraph, read down its column: %q", intro)
	}
	var firsts []string
	for _, r := range doc.References {
		if len(r.Authors) > 0 {
			firsts = append(firsts, r.Authors[0].Family)
		}
	}
	if got, want := strings.Join(firsts, " "), "Doe Lee Smith Zhou"; got != want {
		t.Fatalf("references by first author %q, want %q", got, want)
	}
	if r := doc.References[2]; r.Journal != "Cell Rep" || r.Volume != "3" || r.Title != "P-glycoprotein at work in the tissues of the body" {
		t.Errorf("an entry across a page break: %+v", r)
	}
	if r := doc.References[3]; r.LastPage != "19" || strings.Contains(r.Raw, "Appendix") {
		t.Errorf("the list's last entry, before the back matter: %+v", r)
	}
	linked := 0
	for _, c := range doc.Citations {
		linked += len(c.Refs)
	}
	if linked != 4 {
		t.Errorf("%d links, want 4 (Doe and Roe twice, Smith, Lee)", linked)
	}
}

func TestGutter(t *testing.T) {
	one := strings.Repeat("A line of prose that runs across the whole page from edge to edge here.\n", 20)
	if c := gutter(strings.Split(one, "\n")); c != 0 {
		t.Errorf("one column: gutter at %d, want 0", c)
	}
	if blocks := columnBlocks(one); blocks != nil {
		t.Errorf("one column read as columns: %d blocks", len(blocks))
	}
	var left, right []string
	for range 12 {
		left = append(left, "words on the left side of it")
		right = append(right, "and words on the right side")
	}
	two := strings.Split(sideBySide(left, right), "\n")
	if c := gutter(two); c < 29 || c > 47 {
		t.Errorf("two columns: gutter at %d, want between the columns (29 to 47)", c)
	}
}

// FuzzColumns: reading a text by columns loses and adds nothing but
// white space.
func FuzzColumns(f *testing.F) {
	var left, right []string
	for range 10 {
		left = append(left, "words on the left side of it")
		right = append(right, "and words on the right side")
	}
	f.Add(sideBySide(left, right) + "\f" + sideBySide(right, left))
	f.Add("a\n\fb   c\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		blocks := columnBlocks(s)
		if blocks == nil {
			return
		}
		var out strings.Builder
		for _, b := range blocks {
			out.WriteString(b.Text)
			if n := strings.Count(b.Text, "\n") + 1; len(b.Indent) != n {
				t.Fatalf("%d indents for %d lines", len(b.Indent), n)
			}
		}
		if a, b := visible(s), visible(out.String()); a != b {
			t.Fatalf("text changed:\n%q\n%q", a, b)
		}
	})
}

// visible is s without white space, its runes sorted: what reading in
// another order keeps.
func visible(s string) string {
	var rs []rune
	for _, r := range s {
		if !unicode.IsSpace(r) {
			rs = append(rs, r)
		}
	}
	slices.Sort(rs)
	return string(rs)
}

// A page that sets its abstract across both columns, then two columns,
// the right one a reference list whose labels stand out left of its
// text: the abstract is read whole, then each column.
func TestLayoutRegions(t *testing.T) {
	abstract := []string{
		"Abstract: Pumps move drugs out of the cells of tumours, and tumours that make more of them resist",
		"more of the drugs they are given. This review reads the studies that measured the pumps in cells",
		"and in patients, and what the inhibitors of the pumps did to the cells and to the patients alike.",
	}
	left := []string{
		"Introduction",
		"Cancer cells pump drugs out through",
		"transporters that sit in the membrane",
		"and use ATP to move their cargo [1].",
		"The best known of them is the one",
		"called P-glycoprotein, found in most",
		"tissues that face the blood [2]. Its",
		"inhibitors failed in the clinic [3].",
		"Conclusion",
		"Pumps matter, and their inhibitors",
		"have not yet been made to work [1-3].",
	}
	right := []string{
		"References",
		"1.    Doe J, Roe K. Efflux pumps in",
		"      cancer cells. J Test. 2020;12:34-56.",
		"2.    Smith A. P-glycoprotein at work in",
		"      tissues. Cell Rep. 2019;3:1-9.",
		"3.    Lee B. Inhibitors of the pumps",
		"      in the clinic. Nat Rev. 2018;4:",
		"      100-110.",
	}
	var b strings.Builder
	b.WriteString(strings.Join(abstract, "\n") + "\n\n")
	for i := range left {
		r := ""
		if i < len(right) {
			r = right[i]
		}
		// The right column's text starts at 50, its labels at 44.
		line := left[i] + strings.Repeat(" ", 44-len(left[i])) + r
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	doc, err := Parse(context.Background(), "regions.txt", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Front.Abstract == "" && (len(doc.Paragraphs) == 0 || !strings.Contains(doc.Paragraphs[0].Text, "alike.")) {
		t.Errorf("the abstract is not read whole: %+v", doc.Paragraphs)
	}
	if len(doc.References) != 3 || doc.References[2].LastPage != "110" || doc.References[0].Journal != "J Test" {
		t.Fatalf("references: %+v", doc.References)
	}
	if len(doc.Citations) != 4 {
		t.Errorf("%d citations, want 4", len(doc.Citations))
	}
}
