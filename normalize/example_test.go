package normalize_test

import (
	"context"
	"fmt"

	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/normalize"
)

func ExampleAnnotate() {
	lx, err := normalize.NewLexicon(
		normalize.LexiconFile{Path: "genes.tsv", Data: []byte("# name: genes\n" +
			"id\tsymbol\tname\ttype\taliases\tenglish\n" +
			"1317\tSLC31A1\tsolute carrier family 31 member 1\tprotein-coding\tCTR1|hCTR1\t\n")},
		normalize.LexiconFile{Path: "chemicals.tsv", Data: []byte("# name: chemicals\n" +
			"id\tname\tidentifiers\tsynonyms\tnote\n" +
			"MESH:D002945\tcisplatin\tMESH:D002945\tCDDP\t\n")},
	)
	if err != nil {
		panic(err)
	}
	doc := &extract.Document{ID: "example", Paragraphs: []extract.Paragraph{{ID: "p1", Text: "Copper transporter 1 (CTR1) takes up cisplatin. CTR1 is on the membrane."}}}
	a, err := normalize.Annotate(context.Background(), doc, lx, normalize.Options{})
	if err != nil {
		panic(err)
	}
	for _, m := range a.Mentions {
		fmt.Println(m.Sentence, m.Start, m.End, m.Text, m.Entity, m.ResolvedBy)
	}
	for _, ab := range a.Abbreviations {
		fmt.Printf("%s = %s\n", ab.Short, ab.Long)
	}
	// Output:
	// p1.s1 0 20 Copper transporter 1 NCBIGene:1317 abbreviation
	// p1.s1 22 26 CTR1 NCBIGene:1317 lexicon
	// p1.s1 37 46 cisplatin MESH:D002945 lexicon
	// p1.s2 48 52 CTR1 NCBIGene:1317 lexicon
	// CTR1 = Copper transporter 1
}
