package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/textutil"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const seed = "../seeds/10.3892_or.2024.8816.txt"

func parseFile(t testing.TB, path string) *Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(context.Background(), path, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return doc
}

// TestGolden compares whole Documents with reviewed snapshots. After a
// deliberate change, run `go test ./extract -run TestGolden -update` and
// read the diff before committing it.
func TestGolden(t *testing.T) {
	inputs := []string{seed, "testdata/styles/nlm-brackets.txt", "testdata/styles/nature-superscript.txt"}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			doc := parseFile(t, in)
			got, err := json.MarshalIndent(doc, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", DocumentID(in)+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run with -update and review the diff", in, golden)
			}
		})
	}
}

// TestSeed checks what the issue promises for the seed review, counted
// by hand from the source: 125 references, four figures, five numbered
// sections with their run-in subsections, back matter, and every
// citation group of the body linked.
func TestSeed(t *testing.T) {
	doc := parseFile(t, seed)
	if got := len(doc.References); got != 125 {
		t.Errorf("references: %d, want 125", got)
	}
	for i, r := range doc.References {
		if r.N != i+1 || len(r.Authors) == 0 || r.Title == "" || r.Journal == "" || r.Volume == "" || r.FirstPage == "" || r.Year == 0 {
			t.Errorf("reference %d incomplete: %+v", i+1, r)
		}
	}
	if got := len(doc.Figures); got != 4 {
		t.Errorf("figures: %d, want 4", got)
	}
	var numbered []string
	runIns := map[string][]string{}
	var back []string
	for _, s := range doc.Sections {
		switch s.Kind {
		case KindBody:
			numbered = append(numbered, s.Number+" "+s.Title)
			for _, c := range s.Children {
				runIns[s.Number] = append(runIns[s.Number], c.Title)
			}
		case KindBack:
			back = append(back, s.Title)
		}
	}
	wantNumbered := []string{
		"1 Introduction",
		"2 Mechanisms of action of chemotherapy drugs",
		"3 Molecular mechanisms of chemotherapy resistance",
		"4 Tumor cells escape from the pressure of chemotherapy through dormancy",
		"5 Conclusion and future directions",
	}
	if strings.Join(numbered, "|") != strings.Join(wantNumbered, "|") {
		t.Errorf("numbered sections:\n%q\nwant\n%q", numbered, wantNumbered)
	}
	want3 := []string{"Decreased drug entry into cells", "Increased chemotherapy drug excretion", "GSH and drug binding",
		"Closure of nuclear pores and exocytosis of drugs in the nucleus", "Increased DNA repair", "Effect of TME on chemotherapy resistance"}
	want4 := []string{"What is tumor cell dormancy?", "How to determine tumor cell dormancy", "Mechanisms of tumor cell dormancy"}
	if strings.Join(runIns["3"], "|") != strings.Join(want3, "|") || strings.Join(runIns["4"], "|") != strings.Join(want4, "|") {
		t.Errorf("run-in headings: 3=%q 4=%q", runIns["3"], runIns["4"])
	}
	if len(back) != 7 {
		t.Errorf("back matter sections: %q, want 7", back)
	}
	if doc.Front.DOI != "10.3892/or.2024.8816" || len(doc.Front.Authors) != 10 || len(doc.Front.Affiliations) != 4 {
		t.Errorf("front: doi %q, %d authors, %d affiliations", doc.Front.DOI, len(doc.Front.Authors), len(doc.Front.Affiliations))
	}
	// Page breaks rejoined: no body paragraph stops mid-sentence.
	for _, p := range doc.Paragraphs {
		if !textutil.EndsSentence(p.Text) {
			t.Errorf("paragraph %s ends mid-sentence: …%q", p.ID, tail(p.Text, 40))
		}
	}
	// 122 parenthesized number groups in the body, counted in the source.
	if got := len(doc.Citations); got != 122 {
		t.Errorf("citations: %d, want 122", got)
	}
	for _, d := range doc.Diagnostics {
		t.Errorf("unexpected diagnostic: %+v", d)
	}
}

func tail(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// Offsets are code points into the paragraph text, and the alignment
// leads back to the same words in the source file.
func TestOffsets(t *testing.T) {
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	src := []rune(string(data))
	doc := parseFile(t, seed)
	paras := map[string]Paragraph{}
	for _, p := range doc.Paragraphs {
		paras[p.ID] = p
		text := []rune(p.Text)
		for i := 0; i+8 <= len(text); i += 97 {
			w := string(text[i : i+8])
			if strings.ContainsAny(w, "αβγκμ₀₁₂₃ₘᵤₜ⁺ ") {
				continue
			}
			s := SourceOffset(p.Align, p.Src[0], i)
			if s < 0 || s+8 > len(src) || string(src[s:s+8]) != w {
				t.Errorf("%s[%d:%d] = %q maps to source %d", p.ID, i, i+8, w, s)
				break
			}
		}
	}
	for _, c := range doc.Citations {
		text := []rune(paras[c.Paragraph].Text)
		if c.End > len(text) || string(text[c.Start:c.End]) != c.Text {
			t.Errorf("citation %s: text[%d:%d] != %q", c.ID, c.Start, c.End, c.Text)
		}
	}
	for _, r := range doc.References {
		if got := string(src[r.Src[0]:r.Src[1]]); !strings.HasPrefix(got, strings.Fields(r.Raw)[0]) {
			t.Errorf("reference %d src span starts %q", r.N, tail(got, 30))
		}
	}
}

func TestStyles(t *testing.T) {
	nlm := parseFile(t, "testdata/styles/nlm-brackets.txt")
	// 11 callouts: 9 in the body, 2 in the abstract ("[1-3]", "[4,5]").
	if len(nlm.References) != 9 || len(nlm.Citations) != 11 || nlm.Citations[0].Style != StyleBracket {
		t.Errorf("nlm: %d references, %d citations", len(nlm.References), len(nlm.Citations))
	}
	if nlm.Front.Correspondence == nil || nlm.Front.Correspondence.Email != "o.haddad@example.org" || !nlm.Front.Authors[1].Corresponding {
		t.Errorf("nlm correspondence: %+v", nlm.Front.Correspondence)
	}
	nat := parseFile(t, "testdata/styles/nature-superscript.txt")
	var got []string
	for _, c := range nat.Citations {
		got = append(got, c.Text)
	}
	if strings.Join(got, " ") != "¹,² ¹ ²,³ ³⁻⁵ ⁴ ⁵,⁶" { // the first in the abstract
		t.Errorf("superscript citations: %q", got)
	}
	if len(nat.Sections) != 3 || nat.Sections[2].Title != "Signals that maintain dormancy" {
		t.Errorf("unnumbered headings: %+v", nat.Sections)
	}
}

func FuzzBuild(f *testing.F) {
	seedText, _ := os.ReadFile(seed)
	f.Add(string(seedText[len(seedText)-3000:]))
	f.Add("Title\n\nA B^{1}\n\n1. Introduction\n\nText (1).\n\nReferences\n\n1. Doe J: T. *J* 1: 2-3, 2020.\n")
	f.Add("References\n\n[1] x\n")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		doc, err := Build(context.Background(), TextBlocks(s), Source{})
		if err != nil {
			return
		}
		ids := map[string][]rune{}
		for _, p := range doc.Paragraphs {
			ids[p.ID] = []rune(p.Text)
		}
		for _, c := range doc.Citations {
			text, ok := ids[c.Paragraph]
			if !ok || c.Start < 0 || c.End > len(text) || c.Start >= c.End {
				t.Fatalf("citation %+v out of its paragraph", c)
			}
		}
		if _, err := json.Marshal(doc); err != nil {
			t.Fatal(err)
		}
	})
}
