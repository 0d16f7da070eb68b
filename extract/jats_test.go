package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const (
	jatsReview     = "testdata/jats/review.xml"
	jatsAuthorYear = "testdata/jats/authoryear.nxml"
)

// TestJATSGolden compares the Documents of the JATS fixtures with
// reviewed snapshots. After a deliberate change, run
// `go test ./extract -run TestJATSGolden -update` and read the diff.
func TestJATSGolden(t *testing.T) {
	for _, in := range []string{jatsReview, jatsAuthorYear} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			doc := parseFile(t, in)
			got, err := json.MarshalIndent(doc, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "jats", DocumentID(in)+".golden.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(append(got, '\n'), want) {
				t.Errorf("%s differs from %s; run with -update and review the diff", in, golden)
			}
		})
	}
}

// The fixture's references, field by field, as written in it.
func TestJATSReferences(t *testing.T) {
	doc := parseFile(t, jatsReview)
	type ref struct {
		authors, title, journal, volume, issue, first, last string
		year                                                int
		doi, pmid, pmcid                                    string
		etAl                                                bool
	}
	want := []ref{
		{"Ahmed S|Brown KL|Chen W", "Rapid adaptive resistance to KRAS G12C inhibition", "Cancer Discov", "10", "8", "1078", "1088", 2020, "10.5555/cd.2020.0101", "99999011", "PMC99999012", false},
		{"Dubois M-C|Evans T", "Persister cells in EGFR-mutant lung cancer", "Sci Adv", "7", "", "eabc1234", "", 2021, "", "", "", true},
		{"Fischer G", "Principles of Tumour Evolution", "", "", "", "", "", 2018, "", "", "", false},                     // a book: its source is its title
		{"Garcia L", "Drug efflux in stem-like cells", "Cancer Stem Cells", "", "", "45", "67", 2019, "", "", "", false}, // editors left out
		{"Tolerance Consortium |Ito K", "A census of drug-tolerant states", "Nature", "601", "", "100", "105", 2022, "", "", "", false},
		{"Jensen H|Khan A", "Glutathione buffers oxidative stress in persisters", "Redox Biol", "5", "2", "12", "19", 2001, "10.5555/1521-3765(20011105)7:21<12::AID-RB12>3.0.CO;2-P", "", "", false},
		{"Lopez R|Moreau J|Nakamura Y", "Hypoxia-inducible factor 1α drives tolerance", "Oncol Rep", "44", "", "210", "222", 2020, "10.5555/or.2020.7001", "", "", false}, // plain text, parsed
		{"Núñez J|van der Berg P", "Dormancy and relapse", "Nat Rev Cancer", "17", "", "1", "15", 2017, "", "", "", false},
		{"Olsen B", "Clonal dynamics under therapy", "Cell", "160", "", "977", "989", 2015, "", "", "", false},
		{"Patel R|Quinn S", "Tolerance as a bet-hedging strategy", "Trends Cancer", "2", "1", "1", "3", 2016, "", "", "", false},
		{"Smith JA|Tanaka H", "Epigenetic memory of drug exposure", "Mol Cell", "74", "", "535", "548", 2019, "10.5555/mc.2019.0042", "", "", false},
		{"Ueda M", "Slow cycling and survival", "Cancer Res", "79", "", "2101", "2110", 2019, "", "", "", false},
		{"World Health Organization ", "Cancer fact sheet", "", "", "", "", "", 2024, "", "", "", false},
	}
	if len(doc.References) != len(want) {
		t.Fatalf("%d references, want %d", len(doc.References), len(want))
	}
	for i, r := range doc.References {
		var names []string
		for _, a := range r.Authors {
			names = append(names, a.Family+" "+a.Initials)
		}
		got := ref{strings.Join(names, "|"), r.Title, r.Journal, r.Volume, r.Issue, r.FirstPage, r.LastPage, r.Year, r.DOI, r.PMID, r.PMCID, r.EtAl}
		if r.N != i+1 || got != want[i] {
			t.Errorf("reference %d:\n got %+v\nwant %+v", r.N, got, want[i])
		}
	}
	if s := doc.References[7].Authors[0].Suffix; s != "Jr" {
		t.Errorf("reference 8: suffix %q, want Jr", s)
	}
	// The raw text: what a <mixed-citation> prints, a fielded one composed.
	raws := map[int]string{
		1:  "Ahmed S, Brown KL, Chen W. Rapid adaptive resistance to KRAS G12C inhibition. Cancer Discov. 2020;10(8):1078-88. doi:10.5555/cd.2020.0101.",
		7:  "Lopez R, Moreau J and Nakamura Y: Hypoxia-inducible factor 1α drives tolerance. Oncol Rep 44: 210-222, 2020. doi:10.5555/or.2020.7001",
		10: "Patel R, Quinn S. Tolerance as a bet-hedging strategy. Trends Cancer. 2016;2(1):1-3.",
	}
	for n, raw := range raws {
		if got := doc.References[n-1].Raw; got != raw {
			t.Errorf("reference %d raw:\n got %q\nwant %q", n, got, raw)
		}
	}
}

func TestJATSFront(t *testing.T) {
	f := parseFile(t, jatsReview).Front
	checks := []struct{ field, got, want string }{
		{"title", f.Title, "Adaptive drug tolerance in KRAS-mutant tumours: a review"},
		{"journal", f.Journal, "Synthetic Reviews in Oncology"},
		{"doi", f.DOI, "10.5555/sro.2025.0012"},
		{"pmid", f.PMID, "99999001"},
		{"pmcid", f.PMCID, "PMC99999002"},
		{"received", f.Received, "2024-09-03"},
		{"accepted", f.Accepted, "2024-12-09"},
		{"published", f.Published, "2025-02-07"}, // the electronic date, not the issue's
		{"license", f.License, "https://creativecommons.org/licenses/by/4.0/"},
		{"keywords", strings.Join(f.Keywords, "|"), "drug tolerance|KRAS|persister cells"},
		{"abstract", f.Abstract, "Background: Tumour cells survive therapy by entering a drug-tolerant persister (DTP) state.\n\nConclusions: Targeting HIF-1α may prevent relapse."},
		{"affiliations", fmt.Sprint(f.Affiliations), "[{1 Department of Oncology, Example University, Uppsala, Sweden} {2 Institute of Cancer Biology, Galway, Ireland}]"},
		{"funding", fmt.Sprint(f.Funding), "[{Swedish Research Council [2021-01234 2023-05678]} {Example Cancer Charity []}]"},
		{"correspondence", fmt.Sprint(*f.Correspondence), "{Ciarán P. O'Neill  c.oneill@example.org}"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	var authors []string
	for _, a := range f.Authors {
		authors = append(authors, fmt.Sprintf("%s/%s/%s %v eq=%v corr=%v %s", a.Name, a.Given, a.Family, a.Affiliations, a.EqualContrib, a.Corresponding, a.Email))
	}
	want := []string{
		"Anna-Maria Lindqvist/Anna-Maria/Lindqvist [1] eq=true corr=false ",
		"Ciarán P. O'Neill/Ciarán P./O'Neill [1 2] eq=false corr=true c.oneill@example.org",
		"The Tolerance Consortium// [2] eq=false corr=false ", // a group author; the editor is not an author
	}
	if !reflect.DeepEqual(authors, want) {
		t.Errorf("authors:\n%s\nwant\n%s", strings.Join(authors, "\n"), strings.Join(want, "\n"))
	}
}

// The section tree, paragraphs and figures of the fixture.
func TestJATSStructure(t *testing.T) {
	doc := parseFile(t, jatsReview)
	var tree []string
	var walk func([]*Section, string)
	walk = func(ss []*Section, indent string) {
		for _, s := range ss {
			tree = append(tree, fmt.Sprintf("%s%s %q %q %s", indent, s.ID, s.Number, s.Title, s.Kind))
			walk(s.Children, indent+"  ")
		}
	}
	walk(doc.Sections, "")
	wantTree := []string{
		`abstract "" "Abstract" abstract`,
		`  abstract.1 "" "Background" abstract`,
		`  abstract.2 "" "Conclusions" abstract`,
		`s1 "1" "Introduction" body`,
		`s2 "2" "Mechanisms" body`,
		`  s2.1 "2.1" "Efflux pumps" body`,
		`  s2.2 "2.2" "Metabolic rewiring" body`,
		`s3 "" "Conclusions" body`,
		`back.competing-interests "" "Conflicts of interest" back`,
		`back.acknowledgements "" "Acknowledgements" back`,
		`back.notes "" "Notes" back`,
	}
	if !reflect.DeepEqual(tree, wantTree) {
		t.Errorf("sections:\n%s\nwant\n%s", strings.Join(tree, "\n"), strings.Join(wantTree, "\n"))
	}
	paras := map[string]string{
		"p3":  "s1||Resistance to KRASG12C inhibitors emerges within months [1]. Persister cells tolerate 10 μM of drug and rely on TGF-β signalling [2,3].",
		"p4":  "s1||Oxidative stress, measured as H₂O₂ release, is buffered by glutathione [3–6] (Fig. 1).",
		"p5":  "s1|caption|Figure 1. Routes to tolerance. Cells enter the persister state through NF-κB signalling [7].",
		"p6":  "s2.1||P-glycoprotein (ABCB1) exports drugs; see reviews [4,5] and the Ca²⁺ dependence reported by the consortium [8].",
		"p7":  "s2.1||(i) ABCB1 is induced by hypoxia.",
		"p9":  "s2.2||Drug-tolerant cells lower their growth rate by a factor of 10³ [10].",
		"p11": "s2.2|table|Drug | Model | Ref.",
		"p13": "s2.2|table|Erlotinib | PC9 cells | 2, 11",
		"p14": "s2.2|table|NSCLC, non-small cell lung cancer.",
		"p18": "back.notes||Publisher's note: claims are the authors'.",
	}
	if len(doc.Paragraphs) != 18 {
		t.Errorf("%d paragraphs, want 18", len(doc.Paragraphs))
	}
	for i, p := range doc.Paragraphs {
		if p.ID != fmt.Sprintf("p%d", i+1) {
			t.Errorf("paragraph %d has id %s", i+1, p.ID)
		}
		if want, ok := paras[p.ID]; ok && p.Section+"|"+p.Kind+"|"+p.Text != want {
			t.Errorf("%s = %q, want %q", p.ID, p.Section+"|"+p.Kind+"|"+p.Text, want)
		}
	}
	wantFigs := []Figure{
		{N: 1, Kind: "figure", Label: "Figure 1", Title: "Routes to tolerance", Caption: "Routes to tolerance. Cells enter the persister state through NF-κB signalling [7].", Section: "s1", Paragraph: "p4"},
		{N: 1, Kind: "table", Label: "Table 1", Title: "Drugs and the tolerance they induce", Caption: "Drugs and the tolerance they induce.", Section: "s2.2", Paragraph: "p9"},
	}
	if !reflect.DeepEqual(doc.Figures, wantFigs) {
		t.Errorf("figures:\n%+v\nwant\n%+v", doc.Figures, wantFigs)
	}
	// The caption's own label is no call; "(Fig. 1)" in the text is.
	if len(doc.FigureCalls) != 1 || doc.FigureCalls[0].Text != "(Fig. 1)" || doc.FigureCalls[0].Paragraph != "p4" {
		t.Errorf("figure calls: %+v", doc.FigureCalls)
	}
	if len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Code != "reference-uncited" || doc.Diagnostics[0].Where != "reference 13" {
		t.Errorf("diagnostics: %+v", doc.Diagnostics)
	}
}

// Every citation of the fixture: the group as printed, where it is, and
// what it cites (ranges expanded; callouts in captions and table cells
// count).
func TestJATSCitations(t *testing.T) {
	doc := parseFile(t, jatsReview)
	want := []string{
		"p3 [1] bracket [1]",
		"p3 [2,3] bracket [2 3]",
		"p4 [3–6] bracket [3 4 5 6]",
		"p5 [7] bracket [7]",
		"p6 [4,5] bracket [4 5]",
		"p6 [8] bracket [8]",
		"p8 [9] bracket [9]",
		"p9 [10] bracket [10]",
		"p12 1 paren [1]",
		"p13 2, 11 paren [2 11]",
		"p15 [12] bracket [12]",
	}
	checkCitations(t, doc, want)
}

// checkCitations compares citations with "paragraph text style refs"
// lines and checks that each one's offsets find its text.
func checkCitations(t *testing.T, doc *Document, want []string) {
	t.Helper()
	text := map[string][]rune{}
	for _, p := range doc.Paragraphs {
		text[p.ID] = []rune(p.Text)
	}
	var got []string
	for i, c := range doc.Citations {
		got = append(got, fmt.Sprintf("%s %s %s %v", c.Paragraph, c.Text, c.Style, c.Refs))
		if c.ID != fmt.Sprintf("c%d", i+1) {
			t.Errorf("citation %d has id %s", i+1, c.ID)
		}
		if p := text[c.Paragraph]; c.Start < 0 || c.End > len(p) || c.Start >= c.End || string(p[c.Start:c.End]) != c.Text {
			t.Errorf("citation %s: [%d,%d) does not find %q in %q", c.ID, c.Start, c.End, c.Text, string(p))
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("citations:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The author-year fixture: callouts by name and year, a table kept in a
// <floats-group> placed after the paragraph that calls it, a reference
// list in two parts, and a callout to a reference that does not exist.
func TestJATSAuthorYear(t *testing.T) {
	doc := parseFile(t, jatsAuthorYear)
	checkCitations(t, doc, []string{
		"p2 (Smith et al., 2010; Lee and Kim, 2012a) paren [1 2]",
		"p3 Smith et al. (2010) paren [1]",
		"p3 Lee and Kim (2012b) paren [3]",
		// p6, the row of the table in <floats-group>, cites [1] outside
		// the body: not a citation of the body's.
		"p7 (R Core Team, 2018) paren [4]",
	})
	if p := doc.Paragraphs[3]; p.Kind != "caption" || p.Text != "Table 1. Plots and their grazing history" || p.Section != "s2" {
		t.Errorf("p4 = %+v, want the table's caption after the paragraph calling it", p)
	}
	if f := doc.Figures; len(f) != 1 || f[0].Paragraph != "p3" || f[0].Label != "Table 1" {
		t.Errorf("figures: %+v", f)
	}
	var refs []string
	for _, r := range doc.References {
		refs = append(refs, fmt.Sprintf("%d %s %d %q %q", r.N, r.Authors[0].Family, r.Year, r.Title, r.Journal))
	}
	wantRefs := []string{
		`1 Smith 2010 "Goats on islands" "Biol. Conserv."`,
		`2 Lee 2012 "Seed banks after grazing" "Oecologia"`,
		`3 Lee 2012 "Island Floras" ""`,
		`4 R Core Team 2018 "R: A Language and Environment for Statistical Computing" ""`,
	}
	if !reflect.DeepEqual(refs, wantRefs) {
		t.Errorf("references:\n%s\nwant\n%s", strings.Join(refs, "\n"), strings.Join(wantRefs, "\n"))
	}
	f := doc.Front
	if f.Title != "Herbivory shapes β-diversity on islands: a field study" || f.DOI != "10.5555/jee.2019.77" || f.Published != "2019-05" {
		t.Errorf("front: %q %q %q", f.Title, f.DOI, f.Published)
	}
	if len(f.Authors) != 2 || f.Authors[0].Name != "Maria Silva" || !reflect.DeepEqual(f.Authors[1].Affiliations, []string{"2"}) || !f.Authors[1].Corresponding {
		t.Errorf("authors: %+v", f.Authors)
	}
	if !reflect.DeepEqual(f.Funding, []Funding{{Funder: "Example Foundation", Grants: []string{"EF-2017-12"}}}) {
		t.Errorf("funding: %+v", f.Funding)
	}
	if len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Code != "citation-unknown-target" {
		t.Errorf("diagnostics: %+v", doc.Diagnostics)
	}
}

// article wraps body paragraphs in an article with n references B1..Bn.
func article(body string, n int) []byte {
	var refs strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&refs, `<ref id="B%d"><label>%d</label><element-citation publication-type="journal"><person-group><name><surname>Author%c</surname><given-names>A</given-names></name></person-group><article-title>Title %d</article-title><source>J</source><year>2020</year><volume>1</volume><fpage>%d</fpage></element-citation></ref>`, i, i, 'A'+rune(i%26), i, i)
	}
	return []byte(`<article><front><article-meta><title-group><article-title>T</article-title></title-group></article-meta></front><body><sec><title>S</title>` +
		body + `</sec></body><back><ref-list>` + refs.String() + `</ref-list></back></article>`)
}

func parseJATSBytes(t *testing.T, data []byte) *Document {
	t.Helper()
	doc, err := Parse(context.Background(), "a.xml", data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return doc
}

// Inline markup becomes the Unicode text of the other paths.
func TestJATSInline(t *testing.T) {
	tests := []struct{ xml, want string }{
		{`TGF-<italic>β</italic> and NF-κB`, "TGF-β and NF-κB"},
		{`H<sub>2</sub>O and Ca<sup>2+</sup> at 10<sup>−6</sup> M`, "H₂O and Ca²⁺ at 10⁻⁶ M"},
		{`KRAS<sup>G12C</sup> and CD8<sup>+</sup>`, "KRASG12C and CD8⁺"}, // no superscript capitals: kept as text
		{"line\n   broken\u00a0and\tspaced", "line broken and spaced"},
		{"soft\u00adhyphen and chemo\u2010resistance", "softhyphen and chemo-resistance"},
		{"co\u00ADoperate \uFB01rst", "cooperate first"},
		{`<bold>bold</bold> <sc>small caps</sc> <monospace>code</monospace>`, "bold small caps code"},
		{`a <inline-formula><mml:math><mml:msub><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msub><mml:mo>=</mml:mo><mml:mfrac><mml:mn>1</mml:mn><mml:mn>2</mml:mn></mml:mfrac></mml:math></inline-formula> b`, "a x₂=1/2 b"},
		{`a <inline-formula><tex-math>\documentclass{minimal}\begin{document}$\text{H}_2\text{O}$\end{document}</tex-math></inline-formula> b`, "a H₂O b"},
		{`a <inline-formula><alternatives><tex-math>x^2</tex-math><mml:math><mml:msup><mml:mi>y</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math></alternatives></inline-formula>`, "a y²"},
		{`see<xref ref-type="fn" rid="fn1"><sup>a</sup></xref> note<fn id="fn1"><p>Hidden.</p></fn>.`, "seeᵃ note."},
		{`<ext-link xlink:href="https://example.org">example.org</ext-link>; <named-content content-type="funder-id">10.13039/1</named-content>x`, "example.org; x"},
		{`*not emphasis* and $5 not math`, "*not emphasis* and $5 not math"},
	}
	for _, tt := range tests {
		doc := parseJATSBytes(t, article(`<p xmlns:mml="m" xmlns:xlink="x">`+tt.xml+`</p>`, 1))
		if len(doc.Paragraphs) != 1 || doc.Paragraphs[0].Text != tt.want {
			var got []string
			for _, p := range doc.Paragraphs {
				got = append(got, p.Text)
			}
			t.Errorf("%s\n got %q\nwant %q", tt.xml, got, tt.want)
		}
	}
}

// Callouts: groups, ranges of two callouts joined by a dash, several
// ids in one callout, superscripts, and callouts that print nothing.
func TestJATSCallouts(t *testing.T) {
	x := func(rid, text string) string { return `<xref ref-type="bibr" rid="` + rid + `">` + text + `</xref>` }
	tests := []struct {
		name, xml string
		want      []string
	}{
		{"single", `a ` + x("B2", "2") + `.`, []string{"p1 2 paren [2]"}},
		{"brackets", `a [` + x("B2", "2") + `, ` + x("B4", "4") + `] b`, []string{"p1 [2, 4] bracket [2 4]"}},
		{"range", `a (` + x("B3", "3") + `–` + x("B6", "6") + `) b`, []string{"p1 (3–6) paren [3 4 5 6]"}},
		{"bracketed range", `a ` + x("B3", "[3]") + `-` + x("B6", "[6]") + ` b`, []string{"p1 [3]-[6] bracket [3 4 5 6]"}},
		{"range and list", `a [` + x("B1", "1") + `, ` + x("B3", "3") + `–` + x("B5", "5") + `, ` + x("B8", "8") + `]`, []string{"p1 [1, 3–5, 8] bracket [1 3 4 5 8]"}},
		{"descending is no range", `a [` + x("B6", "6") + `–` + x("B3", "3") + `]`, []string{"p1 [6–3] bracket [6 3]"}},
		{"several ids", `a [` + x("B2 B3 B4", "2–4") + `]`, []string{"p1 [2–4] bracket [2 3 4]"}},
		{"two groups", `a [` + x("B1", "1") + `] and then b [` + x("B2", "2") + `]`, []string{"p1 [1] bracket [1]", "p1 [2] bracket [2]"}},
		{"superscript", `a.<sup>` + x("B1", "1") + `-` + x("B3", "3") + `</sup> b`, []string{"p1 ¹⁻³ superscript [1 2 3]"}},
		{"superscripts side by side", `a.<sup>` + x("B4", "4") + x("B5", "5") + `</sup>`, []string{"p1 ⁴,⁵ superscript [4 5]"}},
		{"empty callout", `a [` + x("B7", "") + `]`, []string{"p1 [7] bracket [7]"}},
		{"unknown id", `a [` + x("B99", "99") + `, ` + x("B2", "2") + `]`, []string{"p1 [99, 2] bracket [2]"}},
		{"figure calls are not citations", `a (<xref ref-type="fig" rid="F1">Fig. 1</xref>)`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseJATSBytes(t, article(`<p>`+tt.xml+`</p>`, 9))
			checkCitations(t, doc, tt.want)
		})
	}
}

// Parse tells JATS apart by content, whatever the file is called, and
// reads the wrapper PMC's E-utilities put around articles.
func TestJATSDetect(t *testing.T) {
	body := string(article(`<p>Text [<xref ref-type="bibr" rid="B1">1</xref>].</p>`, 1))
	tests := []struct{ name, file, data string }{
		{"declaration", "paper.txt", `<?xml version="1.0"?>` + body},
		{"byte order mark and space", "paper", "\ufeff\n  " + body},
		{"doctype", "paper.dat", `<!DOCTYPE article PUBLIC "-//NLM//DTD JATS//EN" "JATS-archivearticle1.dtd">` + body},
		{"comment first", "paper", `<!-- from PMC -->` + body},
		{"nxml", "paper.nxml", body},
		{"pmc-articleset", "efetch.xml", `<?xml version="1.0"?><pmc-articleset>` + body + `</pmc-articleset>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(context.Background(), tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Source.Format != "jats" || len(doc.References) != 1 || len(doc.Citations) != 1 || doc.ID != DocumentID(tt.file) {
				t.Errorf("format %q, %d references, %d citations, id %q", doc.Source.Format, len(doc.References), len(doc.Citations), doc.ID)
			}
		})
	}
}

// Callouts in the abstract are citations, as in the text path; those in
// back matter are not.
func TestJATSAbstractCallout(t *testing.T) {
	data := strings.Replace(string(article(`<p>Body [<xref ref-type="bibr" rid="B2">2</xref>].</p>`, 2)),
		`</title-group>`, `</title-group><abstract><p>As shown [<xref ref-type="bibr" rid="B1">1</xref>].</p></abstract>`, 1)
	data = strings.Replace(data, `<back>`, `<back><ack><p>Thanks [<xref ref-type="bibr" rid="B2">2</xref>].</p></ack>`, 1)
	doc := parseJATSBytes(t, []byte(data))
	checkCitations(t, doc, []string{"p1 [1] bracket [1]", "p2 [2] bracket [2]"})
}

// A volume element that holds the issue as printed ("58(2):") gives the
// volume and the issue.
func TestJATSVolumeWithIssue(t *testing.T) {
	src := `<?xml version="1.0"?><article><front><article-meta><title-group><article-title>T</article-title></title-group></article-meta></front>
<body><sec><title>Introduction</title><p>` + strings.Repeat("Words of the body. ", 30) + `</p></sec></body>
<back><ref-list><ref id="r1"><element-citation publication-type="journal"><person-group><name><surname>Doe</surname><given-names>J</given-names></name></person-group>
<article-title>A title</article-title><source>J Test</source><year>2019</year><volume>58(2):</volume><fpage>12</fpage><lpage>19</lpage></element-citation></ref></ref-list></back></article>`
	doc, err := Parse(context.Background(), "v.xml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r := doc.References[0]; r.Volume != "58" || r.Issue != "2" {
		t.Errorf("volume %q issue %q, want 58 and 2", r.Volume, r.Issue)
	}
}
