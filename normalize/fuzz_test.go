package normalize

import (
	"testing"
	"unicode/utf8"
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
