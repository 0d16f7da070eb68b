package pdf

import (
	"strings"
	"testing"
)

// Fake fonts for pages built by hand: every character is half an em wide.
var (
	fRoman  = &pdfFont{name: "Test-Roman"}
	fBold   = &pdfFont{name: "Test-Bold", bold: true}
	fItalic = &pdfFont{name: "Test-Italic", italic: true}
)

// testPage places text on a page: one call per run of one style.
type testPage struct {
	p *pageText
}

func newTestPage(n int) *testPage {
	return &testPage{p: &pageText{n: n, w: 595, h: 842}}
}

// text places s with its first glyph's origin at (x, y) and returns the
// x after it. Spaces advance without a glyph.
func (tp *testPage) text(x, y, size float64, f *pdfFont, s string) float64 {
	for _, r := range s {
		w := 0.5 * size
		if r != ' ' {
			tp.p.glyphs = append(tp.p.glyphs, glyph{s: string(r), x: x, y: y, w: w, size: size, font: f, seq: len(tp.p.glyphs)})
		}
		x += w
	}
	return x
}

// column sets lines of text top down from y at the given left edge.
func (tp *testPage) column(x, y, size float64, lines ...string) {
	for _, l := range lines {
		tp.text(x, y, size, fRoman, l)
		y -= 1.2 * size
	}
}

func layoutText(pages ...*testPage) []Block {
	var pts []*pageText
	for _, tp := range pages {
		pts = append(pts, tp.p)
	}
	return layoutPages(pts)
}

func blockTexts(bs []Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Text)
	}
	return out
}

func TestLayoutTwoColumnsUnderTitle(t *testing.T) {
	tp := newTestPage(1)
	tp.text(50, 780, 16, fBold, "A title across both columns of the page")
	left := []string{
		"Left column text starts here and", "goes on for a few lines until it",
		"reaches the end of the column.", "More left text that is long enough", "to make a column of its own here.",
	}
	right := []string{
		"Right column text follows after", "the left one is read in full by", "anyone who reads the page in the",
		"order the author meant it to be", "read by people and by programs.",
	}
	tp.column(50, 700, 9, left...)
	tp.column(320, 700, 9, right...)
	got := strings.Join(blockTexts(layoutText(tp)), "\n")
	title := strings.Index(got, "A title")
	l := strings.Index(got, "Left column")
	r := strings.Index(got, "Right column")
	lEnd := strings.Index(got, "of its own here.")
	if title < 0 || l < title || lEnd < l || r < lEnd {
		t.Fatalf("reading order wrong:\n%s", got)
	}
}

func TestLayoutOneColumn(t *testing.T) {
	tp := newTestPage(1)
	tp.column(60, 700, 10,
		"A single column of text with lines that run across",
		"nearly the whole width of the page, one after the",
		"other, with no gutter anywhere in the middle of it.",
	)
	bs := layoutText(tp)
	if len(bs) != 1 || !strings.HasPrefix(bs[0].Text, "A single column") || bs[0].Page != 1 {
		t.Fatalf("blocks = %q", blockTexts(bs))
	}
}

func TestLayoutHeadersRemoved(t *testing.T) {
	var pages []*testPage
	for n := 1; n <= 3; n++ {
		tp := newTestPage(n)
		tp.text(200, 810, 8, fRoman, "JOURNAL OF TESTS 12: 34, 2024")
		tp.text(540, 810, 8, fRoman, string(rune('0'+n)))
		tp.column(60, 700, 10, "Body text of page "+string(rune('A'+n-1))+" which says something.")
		tp.text(290, 30, 8, fRoman, string(rune('0'+n)))
		pages = append(pages, tp)
	}
	got := strings.Join(blockTexts(layoutText(pages...)), "|")
	if strings.Contains(got, "JOURNAL") || strings.ContainsAny(got, "123") {
		t.Errorf("headers or page numbers kept: %q", got)
	}
	if strings.Count(got, "Body text") != 3 {
		t.Errorf("body lost: %q", got)
	}
}

func TestLayoutMarkup(t *testing.T) {
	tp := newTestPage(1)
	x := tp.text(60, 700, 10, fRoman, "Cells of ")
	x = tp.text(x, 700, 10, fItalic, "Escherichia coli")
	x = tp.text(x, 700, 10, fRoman, " and CD8")
	x = tp.text(x, 703.5, 6.5, fRoman, "+")
	x = tp.text(x, 700, 10, fRoman, " T cells (IC")
	x = tp.text(x, 698.3, 6.5, fRoman, "50")
	tp.text(x, 700, 10, fRoman, ") in 2020.")
	bs := layoutText(tp)
	want := "Cells of *Escherichia coli* and CD8^{+} T cells (IC_{50}) in 2020."
	if len(bs) != 1 || bs[0].Text != want {
		t.Fatalf("got %q, want %q", blockTexts(bs), want)
	}
}

func TestLayoutHyphenation(t *testing.T) {
	// Each case is a line ending in "x-" followed by a line starting
	// with y; the rest of the page says which words the document uses.
	tests := []struct {
		end, start, context, want string
	}{
		{"the chemo-", "resistance of cells.", "Chemoresistance is common.", "the chemoresistance of cells."},
		{"with 5-", "fluorouracil and more.", "", "with 5-fluorouracil and more."},
		{"of TGF-", "β signaling here.", "", "of TGF-β signaling here."},
		{"inhibitor CB-", "839 was tested.", "", "inhibitor CB-839 was tested."},
		{"during LPS-", "and IL-18-induced stress.", "", "during LPS- and IL-18-induced stress."},
		{"a drug-", "resistant clone.", "Each drug-resistant cell.", "a drug-resistant clone."},
		{"the non-", "dividing cells.", "", "the non-dividing cells."},
		{"by Aoyama-", "Ishikawa and others.", "", "by Aoyama-Ishikawa and others."},
		{"a platinum-", "based drug.", "", "a platinum-based drug."},
		{"the mechanism—", "the system.", "", "the mechanism—the system."},
		{"an effec-", "tive drug.", "An effective one.", "an effective drug."},
	}
	for _, tt := range tests {
		t.Run(tt.end, func(t *testing.T) {
			tp := newTestPage(1)
			tp.column(60, 700, 10, "Some words open this paragraph of text and "+tt.end, tt.start)
			if tt.context != "" {
				tp.column(60, 600, 10, tt.context)
			}
			got := strings.Join(strings.Fields(layoutText(tp)[0].Text), " ") // lines joined as the builder joins them
			if !strings.HasSuffix(got, tt.want) {
				t.Errorf("got %q, want it to end in %q", got, tt.want)
			}
		})
	}
}

func TestLayoutParagraphAcrossColumns(t *testing.T) {
	tp := newTestPage(1)
	indent := 50 + 9*0.5*4
	tp.text(indent, 700, 9, fRoman, "A first paragraph opens with")
	tp.column(50, 689.2, 9, "an indent and ends in the left column.")
	tp.text(indent, 600, 9, fRoman, "A second paragraph starts in")
	tp.column(50, 589.2, 9, "the left column and runs to its foot,")
	tp.column(320, 700, 9, "and goes on at the top of the right", "column without an indent at all.")
	got := blockTexts(layoutText(tp))
	if len(got) != 2 || !strings.Contains(got[1], "its foot,\nand goes on") {
		t.Fatalf("blocks = %q", got)
	}
}

func TestKeepHyphen(t *testing.T) {
	lx := &lexicon{words: map[string]int{"multidrug": 3, "drug": 2, "resistant": 1, "multi-drug": 1}}
	tests := []struct {
		x, y string
		want bool
	}{
		{"multi", "drug", false}, // the document writes "multidrug" more
		{"drug", "resistant", true},
		{"TGF", "β", true},
		{"p53", "dependent", true},
		{"chan", "nel", false},
		{"non", "dividing", true},
		{"cisplatin", "induced", true},
	}
	for _, tt := range tests {
		if got := lx.keepHyphen(tt.x, tt.y); got != tt.want {
			t.Errorf("keepHyphen(%q, %q) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestRenderItems(t *testing.T) {
	it := func(s string, italic bool, script int8) item { return item{s: s, italic: italic, script: script} }
	sp := item{s: " ", sep: true}
	nl := item{s: "\n", sep: true}
	tests := []struct {
		items []item
		want  string
	}{
		{[]item{it("a", false, 0), sp, it("J", true, 0), it("B", true, 0), nl, it("C", true, 0), it(".", false, 0)}, "a *JB\nC*."},
		// Italics inside a word cannot be written: the markers would stay.
		{[]item{it("K", false, 0), it("i", true, 0), it("67", false, 0)}, "Ki67"},
		{[]item{it("x", false, 0), it("1", false, 1), it(",", false, 1), sp, it("2", false, 1), sp, it("y", false, 0)}, "x^{1, 2} y"},
		{[]item{it("H", false, 0), it("2", false, -1), it("O", false, 0)}, "H_{2}O"},
	}
	for _, tt := range tests {
		if got := renderItems(tt.items); got != tt.want {
			t.Errorf("renderItems = %q, want %q", got, tt.want)
		}
	}
}

func TestFindGutters(t *testing.T) {
	var segs []*seg
	for i := 0; i < 20; i++ {
		y := 700 - float64(i)*11
		segs = append(segs, &seg{x0: 50, x1: 290, base: y}, &seg{x0: 306, x1: 545, base: y})
	}
	g := findGutters(segs, 595)
	if len(g) != 1 || g[0][0] > 291 || g[0][1] < 305 {
		t.Fatalf("gutters = %v", g)
	}
	// A hanging indent's gap is not a gutter.
	segs = segs[:0]
	for i := 0; i < 20; i++ {
		y := 700 - float64(i)*11
		segs = append(segs, &seg{x0: 50, x1: 62, base: y}, &seg{x0: 75, x1: 545, base: y})
	}
	if g := findGutters(segs, 595); len(g) != 0 {
		t.Errorf("gutters = %v, want none", g)
	}
}

func TestComposeAccents(t *testing.T) {
	gs := []glyph{
		{s: "D", x: 10, w: 7, size: 10}, {s: "´", x: 18.5, w: 5, size: 10}, {s: "e", x: 17, w: 4.5, size: 10},
		{s: "ı", x: 21.5, w: 2.8, size: 10}, {s: "`", x: 21.4, w: 3, size: 10}, {s: "˜", x: 40, w: 5, size: 10}, {s: "7", x: 45, w: 5, size: 10},
	}
	var b strings.Builder
	for _, g := range composeAccents(gs) {
		b.WriteString(g.s)
	}
	if got := b.String(); got != "Déì˜7" {
		t.Errorf("composed %q, want %q", got, "Déì˜7")
	}
}

func TestStandardFontWidths(t *testing.T) {
	f := &pdfFont{scale: 0.001, dw: 500, std: std14Widths[standardFace("Helvetica-Bold", true, false)]}
	if w := f.width(code{'i', 1}, "i"); w != 0.278 {
		t.Errorf("Helvetica-Bold i = %v, want 0.278", w)
	}
	if standardFace("TimesNewRomanPS-ItalicMT", false, true) != "Times-Italic" || standardFace("Courier", false, false) != "" {
		t.Error("standardFace")
	}
}

func TestLayoutLineNumbers(t *testing.T) {
	tp := newTestPage(1)
	for i := 0; i < 12; i++ {
		y := 700 - float64(i)*12
		n := string(rune('1'+i%9)) + string(rune('0'+i%10))
		tp.text(40, y, 8, fRoman, n)
		tp.text(72, y, 10, fRoman, "Line of manuscript text that runs on")
	}
	for _, b := range layoutText(tp) {
		if strings.ContainsAny(b.Text, "0123456789") {
			t.Fatalf("line numbers kept: %q", b.Text)
		}
	}
}

// A full-width figure caption in the middle of a two-column page: the
// columns flow around it (left column above and below, then the right
// one) and the caption comes after them.
func TestLayoutFloatBetweenColumns(t *testing.T) {
	tp := newTestPage(1)
	tp.column(50, 760, 9, "Left column opens the page and", "its text runs down to the figure")
	tp.column(306, 760, 9, "Right column starts at the top", "and is read after the left one")
	tp.text(50, 600, 8, fBold, "Figure 1.")
	tp.text(90, 600, 8, fRoman, "A figure across both columns, with a caption under it that is long enough")
	tp.column(50, 500, 9, "below it, where the left column", "goes on until its foot is reached.")
	tp.column(306, 500, 9, "below the figure the right column", "ends the page and the article.")
	got := strings.Join(blockTexts(layoutText(tp)), "|")
	order := []string{"Left column opens", "below it, where", "Right column starts", "below the figure", "Figure 1."}
	last := -1
	for _, s := range order {
		i := strings.Index(got, s)
		if i < last {
			t.Fatalf("%q out of order in %q", s, got)
		}
		last = i
	}
}
