package normalize

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chemores/chemores/extract"
)

var fuzzSeeds = []string{
	"copper ion transporter protein 1 (CTR1) lowers uptake",
	"The ABCB1 protein, also known as P-glycoprotein (P-gp), (34,36-38).",
	"TGF- β and NF- κ B and HIF-1 α (Fig. 3) (2-10 μM)",
	"DNMT3Aₘᵤₜ Sox2⁺ CD39⁺PD-1⁺CD8⁺ T cells; Pt(NH₃)₂(H₂O)₂ ((((",
	"EGFR (epidermal growth factor receptor) )( (a) (AB) (ABCDEFGHIJK)",
	"hTERT MSCs 5-FU Cox-2 \u00b5M \u03b2\u03b2\u03b2 -- — – \x00 \xff",
}

// FuzzAbbrev checks that definitions lie inside the text, with the short
// and long forms where their offsets say.
func FuzzAbbrev(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, d := range findAbbrevs(text, span{0, len(text)}) {
			if d.start < 0 || d.end > len(text) || d.start > d.end {
				t.Fatalf("definition %+v outside %q", d, text)
			}
			if text[d.shortStart:d.shortEnd] != d.short || text[d.longStart:d.longEnd] != d.long {
				t.Fatalf("offsets of %+v do not give its forms in %q", d, text)
			}
			if d.long == "" || d.short == "" {
				t.Fatalf("empty form in %+v", d)
			}
		}
	})
}

// FuzzScan checks the tokenizer and the matcher: tokens in order and in
// bounds, matches not overlapping, on token edges.
func FuzzScan(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	lx := testLexicon(f)
	f.Fuzz(func(t *testing.T, text string) {
		toks := tokenize(text)
		prev := 0
		for _, tok := range toks {
			if tok.start < prev || tok.end <= tok.start || tok.end > len(text) {
				t.Fatalf("token %+v out of order or bounds in %q", tok, text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[tok.start:tok.end]) {
				t.Fatalf("token %+v splits a rune in %q", tok, text)
			}
			prev = tok.end
		}
		end := 0
		for _, m := range lx.scan(text, toks) {
			if m.start < end || m.start >= m.end || len(m.refs) == 0 {
				t.Fatalf("match %+v overlaps or is empty in %q", m, text)
			}
			if m.start != toks[m.i].start || m.end != toks[m.j-1].end {
				t.Fatalf("match %+v not on token edges", m)
			}
			end = m.end
		}
	})
}

// FuzzClaims checks the claim rules on any paragraph: no panic, every
// claim in its sentence, its cue and entity spans where their offsets
// say, its relation and effect from the known sets.
func FuzzClaims(f *testing.F) {
	for _, s := range append(fuzzSeeds,
		"Overexpression of ABCB1 confers resistance to paclitaxel, while silencing it restored sensitivity (12).",
		"It pumps doxorubicin out of the cell; GSH-mediated neutralization of cisplatin was not observed.",
		"Cells with defective BRCA1 or BRCA2 are more sensitive to cisplatin and PARP inhibitors (3-5).") {
		f.Add(s)
	}
	lx := testLexicon(f)
	rels := []string{Confers, Sensitizes, Reverses, Transports, Inactivates, Sequesters, Repairs, Marker}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		doc := &extract.Document{Schema: extract.SchemaVersion, ID: "fuzz",
			Sections:   []*extract.Section{{ID: "s1", Title: "Increased drug efflux", Kind: extract.KindBody}},
			Paragraphs: []extract.Paragraph{{ID: "p1", Section: "s1", Text: text}}}
		a, err := Annotate(context.Background(), doc, lx, Options{})
		if err != nil {
			t.Fatal(err)
		}
		runes := []rune(text)
		span := func(what string, s, e int, want string) {
			if s < 0 || s > e || e > len(runes) {
				t.Fatalf("%s [%d,%d) outside the paragraph of %d code points: %q", what, s, e, len(runes), text)
			}
			if want != "" && string(runes[s:e]) != want {
				t.Fatalf("%s [%d,%d) is %q, not %q", what, s, e, string(runes[s:e]), want)
			}
		}
		for _, c := range a.Claims {
			span("sentence of "+c.ID, c.Start, c.End, c.Text)
			span("cue of "+c.ID, c.Cue.Start, c.Cue.End, c.Cue.Text)
			if c.Cue.Start < c.Start || c.Cue.End > c.End {
				t.Fatalf("cue of %s outside its sentence", c.ID)
			}
			agent := ""
			if c.Agent.Mention != "" && !strings.Contains(c.Agent.By, "anaphor") {
				agent = c.Agent.Text
			}
			span("agent of "+c.ID, c.Agent.Start, c.Agent.End, agent)
			for _, d := range c.Drugs {
				want := ""
				if d.Mention != "" {
					want = d.Text
				}
				span("drug of "+c.ID, d.Start, d.End, want)
			}
			if !slices.Contains(rels, c.Relation) || c.Effect != EffectResistance && c.Effect != EffectSensitivity {
				t.Fatalf("claim %s: relation %q, effect %q", c.ID, c.Relation, c.Effect)
			}
		}
	})
}
