package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		// Greek letters spaced out by the converter close up with the symbol.
		{"Transforming growth factor β (TGF- β) is", "Transforming growth factor β (TGF-β) is"},
		{"HIF-1 α , and its", "HIF-1α, and its"},
		{"ARC activates NF- κ B, leading", "ARC activates NF-κB, leading"},
		{"bind to T β RII, which", "bind to TβRII, which"},
		{"increased IL1 β expression", "increased IL1β expression"},
		{"secreting IFN γ and TNF- α , thereby", "secreting IFNγ and TNF-α, thereby"},
		{"IL1 β /Cox-2/PGE2/ β -catenin/ARC", "IL1β/Cox-2/PGE2/β-catenin/ARC"},
		{"ranges from 2-10 μ M, ~1,000-fold", "ranges from 2-10 μM, ~1,000-fold"},
		{"HIF-1 α specifically modulates", "HIF-1α specifically modulates"},
		// A Greek letter after a lower-case word keeps its space.
		{"the α subunit and the β chain", "the α subunit and the β chain"},
		// Markup.
		{"*in vitro* and *Cancer Res*", "in vitro and Cancer Res"},
		{"**bold** text", "bold text"},
		{"*Contributed equally", "*Contributed equally"},
		{"a * b * c", "a * b * c"},
		{"with $\\text{Pt}(\\text{NH}_3)_2(\\text{H}_2\\text{O})_2$. However", "with Pt(NH₃)₂(H₂O)₂. However"},
		{"$\\alpha$-helix of $10^{6}$ cells $\\pm$ 2", "α-helix of 10⁶ cells ± 2"},
		{"(DNMT3A_{mut}) cells", "(DNMT3Aₘᵤₜ) cells"},
		{"Mn^{2+} ions and X^{Q} marks", "Mn²⁺ ions and XQ marks"},
		{"*Escherichia coli* and CD8^{+} T cells (IC_{50})", "Escherichia coli and CD8⁺ T cells (IC₅₀)"},
		// White space, invisible characters, ligatures, hyphens.
		{"  two\n lines\u00a0and\ttabs  ", "two lines and tabs"},
		{"eﬀect of ﬁve soft\u00adhy\u200bphen", "effect of five softhyphen"},
		{"TGF\u2010β", "TGF-β"},
		{"", ""},
		{"at 10 μ", "at 10 μ"},
		{"$unclosed math and _{unclosed", "$unclosed math and _{unclosed"},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// Every run of text that Clean copies maps back to the same characters
// in the source.
func TestCleanAlignment(t *testing.T) {
	src := "Upon activation, TGF- β ligands bind to *T β RII* (53). Cisplatin with $\\text{Pt}(\\text{NH}_3)_2$ and DNMT3A_{mut}   cells (2-10 μ M)."
	const base = 1000
	out, align := Clean(src, base)
	srcRunes := []rune(src)
	outRunes := []rune(out)
	for _, word := range []string{"Upon", "activation", "ligands", "bind", "(53)", "Cisplatin", "and", "DNMT3A", "cells", "(2-10"} {
		i := strings.Index(out, word)
		if i < 0 {
			t.Fatalf("%q not in %q", word, out)
		}
		at := utf8.RuneCountInString(out[:i])
		s := SourceOffset(align, base, at) - base
		n := utf8.RuneCountInString(word)
		if s < 0 || s+n > len(srcRunes) || string(srcRunes[s:s+n]) != word {
			t.Errorf("%q at %d maps to source %d: %q", word, at, s, string(srcRunes[max(0, s):min(len(srcRunes), max(0, s)+n)]))
		}
	}
	if len(outRunes) >= len(srcRunes) {
		t.Errorf("cleaned text is not shorter than the source: %d >= %d", len(outRunes), len(srcRunes))
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"TGF- β and NF- κ B", "*x* $\\text{H}_2$ ^{12} _{ab}", "a\n\nb", "$$", "**", "^{", "μ M"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		out, align := Clean(s, 0)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		if strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") {
			t.Fatalf("untrimmed %q", out)
		}
		n := utf8.RuneCountInString(out)
		prev := -1
		for _, a := range align {
			if a[0] < prev || a[0] > n {
				t.Fatalf("alignment out of order or range: %v (len %d)", align, n)
			}
			prev = a[0]
		}
	})
}
