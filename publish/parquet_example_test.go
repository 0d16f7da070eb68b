package publish_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// A release carries each table as parquet/<table>.parquet; any Parquet
// reader takes them (DuckDB: SELECT * FROM 'parquet/entities.parquet').
// In Go, parquet-go reads them into structs; optional columns are
// pointers.
func Example_parquet() {
	rel := fixtureRelease() // as in ExampleBuild

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
		if e.Type == "gene" && strings.HasPrefix(e.Name, "ABC") || e.Type == "family" {
			fmt.Println(e.ID, e.Name, e.Mentions)
		}
	}
	// Output:
	// FPLX:AKT AKT 5
	// FPLX:AMPK AMPK 1
	// FPLX:ERK ERK 2
	// FPLX:GST GST 5
	// FPLX:HIF1 HIF-1 2
	// FPLX:MEK MEK 1
	// FPLX:NFkappaB NF-κB 1
	// FPLX:NTRK NTRK 1
	// FPLX:PI3K PI3K 1
	// FPLX:RAB Rab 1
	// FPLX:RPA RPA 4
	// FPLX:TEAD TEAD 2
	// FPLX:TOP2 TOP2 3
	// HGNC.GENEGROUP:417 ABC transporters 6
	// NCBIGene:4363 ABCC1 8
	// NCBIGene:5243 ABCB1 12
	// NCBIGene:9429 ABCG2 4
	// chemores:organic-cation-transporters organic cation transporters 3
}
