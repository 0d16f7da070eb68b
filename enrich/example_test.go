package enrich_test

import (
	"context"
	"fmt"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
)

// An offline run over an empty cache: every reference is unresolved,
// with the way to fill the cache.
func ExampleEnrich() {
	r, _ := extract.ParseReference("Hanahan D and Weinberg RA: Hallmarks of cancer: The next generation. Cell 144: 646-674, 2011.")
	r.N = 1
	doc := &extract.Document{ID: "example", References: []extract.Reference{r}}
	links, err := enrich.Enrich(context.Background(), doc, enrich.NewSource(enrich.NewCache(), nil, false), enrich.Options{})
	if err != nil {
		panic(err)
	}
	l := links.References[0]
	fmt.Println(l.N, l.Status)
	fmt.Println(enrich.Query(r))
	// Output:
	// 1 unresolved
	// Hanahan D, Weinberg RA, Hallmarks of cancer: The next generation, Cell, 144, 646, 2011
}
