package normalize

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chemores/chemores/extract"
)

// testLexicon is the committed gene lexicon and overrides with the sample
// chemicals and diseases of testdata/.
var testLex struct {
	sync.Once
	lx  *Lexicon
	err error
}

func testLexicon(t testing.TB) *Lexicon {
	t.Helper()
	testLex.Do(func() {
		var files []LexiconFile
		for _, p := range []string{
			filepath.Join("..", "seeds", "lexicons", "genes.tsv"),
			filepath.Join("..", "seeds", "lexicons", "overrides.tsv"),
			filepath.Join("..", "seeds", "lexicons", "families.tsv"),
			filepath.Join("testdata", "chemicals.tsv"),
			filepath.Join("testdata", "diseases.tsv"),
			filepath.Join("..", "seeds", "lexicons", "mechanisms.tsv"),
		} {
			data, err := os.ReadFile(p)
			if err != nil {
				testLex.err = err
				return
			}
			files = append(files, LexiconFile{Path: p, Data: data})
		}
		testLex.lx, testLex.err = NewLexicon(files...)
	})
	if testLex.err != nil {
		t.Fatal(testLex.err)
	}
	return testLex.lx
}

// annotateText runs the stage on a document of one paragraph per string.
func annotateText(t testing.TB, paras ...string) *Annotations {
	t.Helper()
	doc := &extract.Document{Schema: extract.SchemaVersion, ID: "test"}
	for i, p := range paras {
		doc.Paragraphs = append(doc.Paragraphs, extract.Paragraph{ID: fmt.Sprintf("p%d", i+1), Section: "s1", Text: p})
	}
	a, err := Annotate(context.Background(), doc, testLexicon(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// mentionOf returns the entity of the first mention with exactly text.
func mentionOf(a *Annotations, text string) (Mention, bool) {
	for _, m := range a.Mentions {
		if m.Text == text {
			return m, true
		}
	}
	return Mention{}, false
}

// TestTricky checks the names that trip dictionary taggers. Every gene id
// is also checked against the symbol the gene lexicon gives it, so that a
// wrong id in this table cannot pass.
func TestTricky(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		form   string // the mention
		entity string // "" : must not be resolved; "-" : must not be a mention
		symbol string // the gene lexicon's symbol for the entity
	}{
		{"P-gp", "The ABCB1 protein, also known as P-glycoprotein (P-gp), pumps drugs out; P-gp binds paclitaxel.", "P-gp", "NCBIGene:5243", "ABCB1"},
		{"P-glycoprotein", "The ABCB1 protein, also known as P-glycoprotein (P-gp), pumps drugs out.", "P-glycoprotein", "NCBIGene:5243", "ABCB1"},
		{"MDR1", "Inhibitors of multidrug resistance transporters such as MDR1 impair immunity.", "MDR1", "NCBIGene:5243", "ABCB1"},
		{"BCRP", "BCRP effluxes topotecan and mitoxantrone.", "BCRP", "NCBIGene:9429", "ABCG2"},
		{"breast cancer resistance protein", "ABCG2, also known as breast cancer resistance protein, was found in breast cancer.", "breast cancer resistance protein", "NCBIGene:9429", "ABCG2"},
		{"MRP1", "MRP1 exports glutathione conjugates and confers multidrug resistance.", "MRP1", "NCBIGene:4363", "ABCC1"},
		{"MRP1 defined", "multidrug resistance-associated protein 1 (MRP1) was found after P-gp. MRP1 transports drugs.", "MRP1", "NCBIGene:4363", "ABCC1"},
		{"CTR1", "Loss of copper ion transporter protein 1 (CTR1) lowers platinum uptake; CTR1 moves copper.", "CTR1", "NCBIGene:1317", "SLC31A1"},
		{"CTR1 long form", "Loss of copper ion transporter protein 1 (CTR1) lowers platinum uptake.", "copper ion transporter protein 1", "NCBIGene:1317", "SLC31A1"},
		{"CTR1 without context", "CTR1 was studied.", "CTR1", "", ""},
		{"LRP", "Lung resistance-related protein (LRP), also known as major vault protein, sits in vaults.", "LRP", "NCBIGene:9961", "MVP"},
		{"major vault protein", "Vaults are made of major vault protein (MVP).", "major vault protein", "NCBIGene:9961", "MVP"},
		{"YB-1", "Resistant cells upregulate YB-1.", "YB-1", "NCBIGene:4904", "YBX1"},
		{"CD73", "CD73 hydrolyzes AMP.", "CD73", "NCBIGene:4907", "NT5E"},
		{"Cox-2", "Co-culture increased Cox-2 expression.", "Cox-2", "NCBIGene:5743", "PTGS2"},
		{"COX-2", "COX-2 inhibitors reduce inflammation.", "COX-2", "NCBIGene:5743", "PTGS2"},
		{"TGF-β", "TGF-β ligands bind their receptors.", "TGF-β", "NCBIGene:7040", "TGFB1"},
		{"TGF- β spaced", "TGF- β ligands bind their receptors.", "TGF- β", "NCBIGene:7040", "TGFB1"},
		{"TGFbeta spelled", "TGFbeta signalling was high.", "TGFbeta", "NCBIGene:7040", "TGFB1"},
		{"HIF-1α", "HIF-1α drives the hypoxic response.", "HIF-1α", "NCBIGene:3091", "HIF1A"},
		{"HIF-1 α spaced", "HIF-1 α drives the hypoxic response.", "HIF-1 α", "NCBIGene:3091", "HIF1A"},
		{"HIF1A symbol", "HIF1A drives the hypoxic response.", "HIF1A", "NCBIGene:3091", "HIF1A"},
		{"NF-κB", "ARC activates NF-κB in cells.", "NF-κB", "FPLX:NFkappaB", ""},
		{"NF- κ B spaced", "ARC activates NF- κ B in cells.", "NF- κ B", "FPLX:NFkappaB", ""},
		{"IL1β", "IL1β expression rose.", "IL1β", "NCBIGene:3553", "IL1B"},
		{"p53", "Downstream p53 phosphorylation fell.", "p53", "NCBIGene:7157", "TP53"},
		{"subscript ends a name", "DNMT3Aₘᵤₜ cells resist anthracyclines.", "DNMT3A", "NCBIGene:1788", "DNMT3A"},
		{"superscript ends a name", "Mechanosensitive Sox2⁺ tumor cells build a barrier.", "Sox2", "NCBIGene:6657", "SOX2"},
		{"CD39 in a run", "CD39⁺PD-1⁺CD8⁺ T cells secrete IFNγ.", "CD39", "NCBIGene:953", "ENTPD1"},
		{"PD-1 in a run", "CD39⁺PD-1⁺CD8⁺ T cells secrete IFNγ.", "PD-1", "NCBIGene:5133", "PDCD1"},
		{"CD8 in a run", "CD39⁺PD-1⁺CD8⁺ T cells secrete IFNγ.", "CD8", "NCBIGene:925", "CD8A"},
		{"ARC in apoptosis", "The apoptosis repressor with caspase recruitment domain (ARC) protein blocks apoptosis.", "ARC", "NCBIGene:8996", "NOL3"},
		{"English word CAT", "CAT activity protects cells from peroxide.", "CAT", "NCBIGene:847", "CAT"},
		{"English word cat", "The cat sat on the mat.", "cat", "-", ""},
		{"English word Cat", "Cat owners were asked.", "Cat", "-", ""},
		{"HR defined as a process", "Repair uses homologous recombination (HR). HR needs a template.", "HR", "-", ""},
		{"GST is a family", "Catalyzed by glutathione S-transferase (GST), GSH binds drugs. GST levels rise.", "GST", "FPLX:GST", ""},
		{"not inside a word", "The CD39x antibody and ABCB10 were used.", "ABCB1", "-", ""},
		{"adriamycin", "Cells resist adriamycin.", "adriamycin", "MESH:D004317", ""},
		{"Adriamycin capitalized", "Adriamycin was given.", "Adriamycin", "MESH:D004317", ""},
		{"5-FU", "Cells resist 5-FU and oxaliplatin.", "5-FU", "MESH:D005472", ""},
		{"5-fluorouracil", "The most notable example is 5-fluorouracil.", "5-fluorouracil", "MESH:D005472", ""},
		{"no identifier", "the glutaminase inhibitor Telaglenastat (CB-839) was loaded.", "CB-839", "chemores:telaglenastat", ""},
		{"AML via definition", "In acute myeloid leukemia (AML), ARC predicts outcome. AML cells migrate.", "AML", "MESH:D015470", ""},
		{"NSCLC", "Patients with NSCLC were treated.", "NSCLC", "MESH:D002289", ""},
		{"hepatocellular carcinoma", "In hepatocellular carcinoma cells, regorafenib failed.", "hepatocellular carcinoma", "MESH:D006528", ""},
	}
	lx := testLexicon(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := annotateText(t, tt.text)
			m, ok := mentionOf(a, tt.form)
			switch {
			case tt.entity == "-":
				if ok {
					t.Fatalf("%q: want no mention, got %+v", tt.form, m)
				}
				return
			case !ok:
				t.Fatalf("%q: no mention; mentions: %+v", tt.form, a.Mentions)
			case m.Entity != tt.entity:
				t.Fatalf("%q: entity %q (%s), want %q", tt.form, m.Entity, m.ResolvedBy, tt.entity)
			}
			if tt.symbol != "" {
				e, ok := lx.byID[tt.entity]
				if !ok || lx.entities[e].name != tt.symbol {
					t.Fatalf("the gene lexicon does not give %s the symbol %s", tt.entity, tt.symbol)
				}
			}
		})
	}
}

func TestAbbreviations(t *testing.T) {
	tests := []struct {
		text, short, long string
	}{
		{"Loss of copper ion transporter protein 1 (CTR1) lowers uptake.", "CTR1", "copper ion transporter protein 1"},
		{"It is also known as P-glycoprotein (P-gp).", "P-gp", "P-glycoprotein"},
		{"Transforming growth factor β (TGF-β) inhibits growth.", "TGF-β", "Transforming growth factor β"},
		{"Two pathways: non-homologous end-joining (NHEJ) and more.", "NHEJ", "non-homologous end-joining"},
		{"In HBx-transgenic (TG) mice tumors shrank.", "TG", "transgenic"},
		{"The EGFR (epidermal growth factor receptor) is mutated.", "EGFR", "epidermal growth factor receptor"},
		{"Mesenchymal stromal cells (MSCs) secrete CCL2.", "MSCs", "Mesenchymal stromal cells"},
		{"anthracyclines, glutathione (GSH) and glucuronide", "GSH", "glutathione"},
	}
	for _, tt := range tests {
		a := annotateText(t, tt.text)
		found := false
		for _, ab := range a.Abbreviations {
			if ab.Short == tt.short {
				found = true
				if ab.Long != tt.long {
					t.Errorf("%q: long form %q, want %q", tt.short, ab.Long, tt.long)
				}
				text := []rune(tt.text)
				if def := string(text[ab.Start:ab.End]); !strings.HasPrefix(def, ab.Long) && !strings.HasPrefix(def, ab.Short) {
					t.Errorf("%q: offsets give %q", tt.short, def)
				}
			}
		}
		if !found {
			t.Errorf("%q: no definition found in %q (%+v)", tt.short, tt.text, a.Abbreviations)
		}
	}
	for _, text := range []string{
		"The levels (2-10 μM) were low (Fig. 3).",
		"Cells were treated (for example, LPS and IL-18).",
		"In knockout (-/-) mice (27,28) nothing changed.",
		"Phosphorylation at tyrosine 240 (pY240-PTEN) is frequent.",
	} {
		if a := annotateText(t, text); len(a.Abbreviations) > 0 {
			t.Errorf("%q: want no definitions, got %+v", text, a.Abbreviations)
		}
	}
}

func TestSentences(t *testing.T) {
	text := "Resistance rose (Fig. 1). As shown by Smith et al. in mice, e.g. with cisplatin, cells die. Next, HIF-1α rises vs. controls. Last one"
	a := annotateText(t, text)
	want := []string{
		"Resistance rose (Fig. 1).",
		"As shown by Smith et al. in mice, e.g. with cisplatin, cells die.",
		"Next, HIF-1α rises vs. controls.",
		"Last one",
	}
	if len(a.Sentences) != len(want) {
		t.Fatalf("got %d sentences, want %d: %+v", len(a.Sentences), len(want), a.Sentences)
	}
	r := []rune(text)
	for i, s := range a.Sentences {
		if s.Text != want[i] || string(r[s.Start:s.End]) != want[i] {
			t.Errorf("sentence %d: %q [%d:%d], want %q", i, s.Text, s.Start, s.End, want[i])
		}
		if s.ID != fmt.Sprintf("p1.s%d", i+1) {
			t.Errorf("sentence %d: id %s", i, s.ID)
		}
	}
	// Mentions point into their sentence, in code points.
	for _, m := range a.Mentions {
		if string(r[m.Start:m.End]) != m.Text || m.Sentence == "" {
			t.Errorf("mention %+v does not line up", m)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // norms joined by spaces, separators as none "", hyphen "-", space "_"
	}{
		{"CTR1", "ctr 1"},
		{"HIF-1 α", "hif -1 _alpha"},
		{"NF-κB", "nf -kappa b"},
		{"TGFbeta", "tgf beta"},
		{"DNMT3Aₘᵤₜ", "dnmt 3 a ₘᵤₜ"},
		{"MSCs", "msc s"},
		{"hTERT", "h tert"},
		{"5-FU", "5 -fu"},
	}
	for _, tt := range tests {
		var parts []string
		for i, tok := range tokenize(tt.in) {
			p := tok.norm
			if i > 0 {
				switch tok.sep {
				case sepHyphen:
					p = "-" + p
				case sepSpace:
					p = "_" + p
				}
			}
			parts = append(parts, p)
		}
		if got := strings.Join(parts, " "); got != tt.want {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLexiconErrors(t *testing.T) {
	tests := []struct{ name, data string }{
		{"no name header", "id\tname\tidentifiers\tsynonyms\tnote\n"},
		{"unknown name", "# name: proteins\nid\tname\n"},
		{"wrong columns", "# name: chemicals\nid\tname\n"},
		{"bad CURIE", "# name: chemicals\nid\tname\tidentifiers\tsynonyms\tnote\nMESH\tx\t\t\t\n"},
		{"duplicate id", "# name: diseases\nid\tname\tidentifiers\tsynonyms\tnote\nMESH:D1\ta\t\t\t\nMESH:D1\tb\t\t\t\n"},
		{"override of nothing", "# name: overrides\nname\tentity\tcontext\treason\nX\tMESH:D9\t\twhy\n"},
		{"override without reason", "# name: overrides\nname\tentity\tcontext\treason\nX\t?\t\t\n"},
		{"bad gene id", "# name: genes\nid\tsymbol\tname\ttype\taliases\tenglish\nx\tA\tb\tprotein-coding\t\t\n"},
	}
	for _, tt := range tests {
		if _, err := NewLexicon(LexiconFile{Path: tt.name, Data: []byte(tt.data)}); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	lx, err := NewLexicon(LexiconFile{Path: "c", Data: []byte("# name: chemicals\n# source: s\n# license: l\nid\tname\tidentifiers\tsynonyms\tnote\n\tethacrynic acid\t\t\t\n")})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := lx.byID["chemores:ethacrynic-acid"]; !ok || lx.Info[0].Source != "s" || lx.Info[0].Entries != 1 {
		t.Errorf("empty id: want chemores:ethacrynic-acid and the header; got %+v", lx.Info)
	}
}

// TestDeterministic checks that two runs give identical output.
func TestDeterministic(t *testing.T) {
	text := "GST and MDR1 and PARP and LRP and p27; CTR1, copper, PD-1, Akt (AKT) and ER⁺ breast cancer."
	a, b := annotateText(t, text, text), annotateText(t, text, text)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("two runs differ")
	}
}
