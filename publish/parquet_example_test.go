package publish_test

import (
	"bytes"
	"fmt"

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
