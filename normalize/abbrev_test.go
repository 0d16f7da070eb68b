package normalize

import (
	"context"
	"testing"

	"github.com/chemores/chemores/extract"
)

func TestFindAbbrevs(t *testing.T) {
	tests := []struct{ text, short, long string }{
		{"copper ion transporter protein 1 (CTR1) takes up cisplatin", "CTR1", "copper ion transporter protein 1"},
		{"the TLR3 agonist polyinosinic: Polycytidylic acid (Poly IC) reached", "Poly IC", "polyinosinic: Polycytidylic acid"},
		{"the agonist polyinosinic:polycytidylic acid (PIC) reached", "PIC", "polyinosinic:polycytidylic acid"},
		// The word before the colon must open the short form's letters.
		{"in ratio 2:Polycytidylic acid (PC) found", "PC", "Polycytidylic acid"},
	}
	for _, tt := range tests {
		ds := findAbbrevs(tt.text, span{0, len(tt.text)})
		if len(ds) != 1 || ds[0].short != tt.short || ds[0].long != tt.long {
			t.Errorf("%q: %+v, want %s = %s", tt.text, ds, tt.short, tt.long)
		}
	}
}

// TestAbbrevEntity: a definition whose long form names no entity takes
// the entity its short form resolved to there.
func TestAbbrevEntity(t *testing.T) {
	lx, err := NewLexicon(LexiconFile{Path: "genes.tsv", Data: []byte("# name: genes\n" +
		"id\tsymbol\tname\ttype\taliases\tenglish\n" +
		"1317\tSLC31A1\tsolute carrier family 31 member 1\tprotein-coding\tCTR1|hCTR1\t\n")})
	if err != nil {
		t.Fatal(err)
	}
	doc := &extract.Document{ID: "x", Paragraphs: []extract.Paragraph{{ID: "p1", Text: "The copper ion importer protein 1 (CTR1) takes up cisplatin."}}}
	a, err := Annotate(context.Background(), doc, lx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Abbreviations) != 1 || a.Abbreviations[0].Entity != "NCBIGene:1317" {
		t.Errorf("abbreviations: %+v", a.Abbreviations)
	}
}
