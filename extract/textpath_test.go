package extract

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// Text as pdftotext writes it: no blank lines between paragraphs, a
// heading on its own line, running heads and page numbers between pages
// (form feeds), and a reference list with its heading run into it.
const converted = "A study of drug efflux in tumours\n" +
	"Jane Doe, Omar Haddad\n" +
	"\fJournal of Examples 2024; 12: 1-9\n" +
	"Introduction\n" +
	"Cancer cells pump drugs out through transporters that sit in the\n" +
	"membrane and use ATP to move their cargo across it [1]. The best\n" +
	"known is P-glycoprotein [2].\n" +
	"A second paragraph starts here and goes on for a while with words\n" +
	"enough to wrap onto the next line of the page as text does here [3].\n" +
	"Page 1 of 3\n" +
	"\fJournal of Examples 2024; 12: 1-9\n" +
	"Results\n" +
	"Transport was measured in three lines of cells that differ in how\n" +
	"much transporter they make and how fast they pump the drugs [1, 2].\n" +
	"Page 2 of 3\n" +
	"\fJournal of Examples 2024; 12: 1-9\n" +
	"References\n" +
	"1. Doe J, Roe K: Efflux pumps in cancer. J Test 12: 34-56, 2020.\n" +
	"2. Smith A: P-glycoprotein at work. Cell Rep 3: 1-9, 2019.\n" +
	"3. Lee B, Kim C: Drugs and their transporters. Nat Rev Drug Discov 4:\n" +
	"100-110, 2018.\n" +
	"Page 3 of 3\n"

func TestConvertedText(t *testing.T) {
	doc, err := Parse(context.Background(), "converted.txt", []byte(converted))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, s := range doc.Sections {
		titles = append(titles, s.Title)
	}
	if want := []string{"Introduction", "Results"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("sections %q, want %q (running heads and page footers are not headings)", titles, want)
	}
	if len(doc.Paragraphs) != 3 || !strings.HasPrefix(doc.Paragraphs[1].Text, "A second paragraph") {
		for _, p := range doc.Paragraphs {
			t.Logf("%s: %q", p.ID, p.Text)
		}
		t.Errorf("%d paragraphs, want 3: the short line ending a sentence ends its paragraph", len(doc.Paragraphs))
	}
	for _, p := range doc.Paragraphs {
		if strings.Contains(p.Text, "Page ") || strings.Contains(p.Text, "Journal of Examples") {
			t.Errorf("%s keeps a running head: %q", p.ID, p.Text)
		}
	}
	if len(doc.References) != 3 || doc.References[2].Journal != "Nat Rev Drug Discov" || doc.References[2].LastPage != "110" {
		t.Errorf("references: %+v", doc.References)
	}
	if got := len(doc.Citations); got != 4 {
		t.Errorf("%d citations, want 4", got)
	}
	if doc.Front.Title != "A study of drug efflux in tumours" {
		t.Errorf("title %q", doc.Front.Title)
	}
}

func TestPlainSuperscripts(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"found in most of the homes and worshipped.1-3 The name", []string{"1-3"}},
		{"durante a gestação2. Dados de", []string{"2"}},
		{"diseases, etc.4,5 Dental caries", []string{"4,5"}},
		// Not callouts: a chemical formula, an exponent, a unit, a gene.
		{"a dose of H2O2 and 10 cm2 of p53 and CD8 cells", nil},
		{"in 2019 the rate was 12.5%", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range scanPlainSuperscripts(tt.text) {
			got = append(got, tt.text[c.Start:c.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// refLines makes reference-list lines with indents (NaN-free) on one page.
func refLines(indent []float64, text ...string) []refLine {
	var out []refLine
	for i, s := range text {
		out = append(out, refLine{text: s, page: 1, indent: indent[i], src: -1})
	}
	return out
}

// TestHangingIndents: an author–year list set with hanging indents is cut
// at its flush lines, even where an entry does not start with a name
// the name patterns know ("Jupyter, Project, …") and where a wrapped line
// starts with a surname and initials ("Capitaine, N., …").
func TestHangingIndents(t *testing.T) {
	lines := refLines([]float64{0, 1.5, 0, 1.5, 1.5, 0, 1.5, 0},
		"Carroll, B. W., & Ostlie, D. A. (2006). An introduction to modern",
		"astrophysics. Cambridge University Press.",
		"Mamajek, E. E., Torres, G., Prsa, A., Harmanec, P., Asplund, M.,",
		"Capitaine, N., Christensen-Dalsgaard, J., & Stewart, S. G. (2015).",
		"IAU 2015 Resolution B2. arXiv e-Prints, arXiv:1510.06262.",
		"Jupyter, Project, Bussonnier, Matthias, & Willing, Carol. (2018).",
		"Binder 2.0. Proceedings of SciPy, 113–120.",
		"Kapteyn Astronomical Institute. (1992). GIPSY. Groningen.",
	)
	if !hangingIndents(lines).on {
		t.Fatal("hanging indents not seen")
	}
	var got []string
	for _, e := range splitUnnumbered(lines) {
		got = append(got, strings.Fields(e.text)[0])
	}
	if want := []string{"Carroll,", "Mamajek,", "Jupyter,", "Kapteyn"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries start %q, want %q", got, want)
	}
}

// TestUnnumberedWithoutIndents: plain text has no indents; an entry
// starts where an author list follows a line that could end one, and a
// wrapped line that starts with a journal and year does not.
func TestUnnumberedWithoutIndents(t *testing.T) {
	lines := refLines(make([]float64, 7),
		"Bishop SDH, Francis MP, Duffy C, et al.: Age and growth of the",
		"shortfin mako shark. Mar Freshwater Res. 2006; 57(2): 143–154.",
		"Publisher Full Text",
		"Carlson JK, Baremore IE: Changes in sharks. Environ Biol",
		"Fish. 2003; 54(3): 227–234.",
		"Suffness, M. Taxol: Science and Applications; CRC Press, 1995.",
		"Circ Res 1998, 82(11):1111-1129.",
	)
	for i := range lines {
		lines[i].indent = nan()
	}
	var got []int
	for _, e := range splitUnnumbered(lines) {
		got = append(got, len(strings.Fields(e.text)))
	}
	if len(got) != 3 {
		for _, e := range splitUnnumbered(lines) {
			t.Logf("%d %q", e.n, e.text)
		}
		t.Fatalf("%d entries, want 3", len(got))
	}
}

func nan() float64 {
	var z float64
	return z / z
}

// TestNumberedOutOfOrder: a converter that reads a page's columns out of
// order gives labels 25–26 before 1–2; each is found and the list is
// put back in order. Labels alone on their lines queue for the texts.
func TestNumberedOutOfOrder(t *testing.T) {
	b := &builder{doc: &Document{}}
	lines := refLines(make([]float64, 9),
		"25. Siqueira JF, Machado AG. Evaluation of irrigation. Int Endod J. 1997;30:279-82.",
		"26. Brito PR, Souza LC. Comparison of techniques. J Endod. 2009;35:1422-7.",
		"1. Kakehashi S, Stanley HR. The effects of exposures. Oral Surg. 1965;20:340-9.",
		"2. Möller AJ, Fabricius L. Influence on tissues. Scand J Dent Res. 1981;89:475-84.",
		"3.", "4.",
		"Sundqvist G. Ecology of the root canal flora. J Endod. 1992;18:427-30.",
		"Siqueira JF Jr, Rôças IN. Clinical implications. J Endod.",
		"2008;34:1291-1301.",
	)
	for i := range lines {
		lines[i].indent = nan()
	}
	var got []int
	for _, e := range b.splitNumbered(lines) {
		got = append(got, e.n)
	}
	if want := []int{1, 2, 3, 4, 25, 26}; !reflect.DeepEqual(got, want) {
		t.Errorf("labels %v, want %v", got, want)
	}
}

func TestTitleBlocks(t *testing.T) {
	blocks := []Block{
		{Text: "BMC Complementary and Alternative Medicine", Page: 1, Size: 18},
		{Text: "RESEARCH ARTICLE", Page: 1, Size: 9},
		{Text: "Open Access", Page: 1, Size: 9},
		{Text: "Effect of Curcuma longa on apoptosis", Page: 1, Size: 16},
		{Text: "in the heart of rats", Page: 1, Size: 15.6},
		{Text: "Jane Doe¹, Omar Haddad²", Page: 1, Size: 10},
	}
	got := titleBlocks(blocks)
	if !reflect.DeepEqual(got, map[int]bool{3: true, 4: true}) {
		t.Errorf("title blocks %v, want 3 and 4 (the masthead is larger, but a masthead)", got)
	}
}
