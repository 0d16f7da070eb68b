package publish_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/normalize"
	"github.com/chemores/chemores/publish"
)

// A release carries each table as parquet/<table>.parquet; any Parquet
// reader takes them (DuckDB: SELECT * FROM 'parquet/entities.parquet').
// In Go, parquet-go reads them into structs; optional columns are
// pointers.
func Example_parquet() {
	var in publish.Input
	in.Doc, in.Ann, in.Links = new(extract.Document), new(normalize.Annotations), new(enrich.Links)
	load("testdata/extract/10.3892_or.2024.8816.json", in.Doc)
	load("testdata/normalize/10.3892_or.2024.8816.json", in.Ann)
	load("testdata/enrich/10.3892_or.2024.8816.json", in.Links)
	f, _ := os.Open("../seeds/lexicons/mechanisms.tsv")
	defer f.Close()
	vocab, _ := publish.ParseMechanisms(f)
	when := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	rel, err := publish.Build(context.Background(), []publish.Input{in},
		publish.Options{Release: publish.ReleaseDate(when), Time: when, Mechanisms: vocab})
	if err != nil {
		panic(err)
	}

	type entity struct {
		ID       string  `parquet:"id"`
		Type     string  `parquet:"type"`
		Name     string  `parquet:"name"`
		FullName *string `parquet:"full_name,optional"`
		Mentions int64   `parquet:"mentions"`
	}
	data := rel.File("parquet/entities.parquet")
	ents, err := parquet.Read[entity](bytes.NewReader(data), int64(len(data)))
	if err != nil {
		panic(err)
	}
	for _, e := range ents { // in primary key order
		if e.Type == "gene" {
			fmt.Println(e.ID, e.Name, e.Mentions)
		}
	}
	// Output:
	// NCBIGene:1317 SLC31A1 7
	// NCBIGene:4363 ABCC1 7
	// NCBIGene:5243 ABCB1 12
	// NCBIGene:9429 ABCG2 3
}
