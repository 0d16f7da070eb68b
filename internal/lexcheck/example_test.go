package lexcheck_test

import (
	"fmt"

	"github.com/chemores/chemores/internal/lexcheck"
)

func ExampleCheck() {
	data := []byte("# name: diseases\n# source: MeSH\n# license: public domain\n" +
		lexcheck.Columns + "\n" +
		"MESH:D015470\tacute myeloid leukemia\tMESH:D015470\tAML\thaematological malignancy\n" +
		"MESH:D002289\tnon-small cell lung cancer\tMESH:D002289\tNSCLC|nsclc\tlung cancer subtype\n" +
		"MESH:D6528\thepatocellular carcinoma\tMESH:D6528\tHCC\tliver cancer\n")
	lex, problems := lexcheck.Check(data, lexcheck.Spec{Name: "diseases", MinEntries: 3})
	fmt.Println(len(lex.Entries), "entries")
	for _, p := range problems {
		fmt.Println(p)
	}
	// Output:
	// 3 entries
	// line 6: duplicate-synonym: "nsclc" repeats "NSCLC" within the entry
	// line 7: curie: malformed identifier "MESH:D6528"
	// line 7: curie: malformed id "MESH:D6528"
	// line 7: order: "hepatocellular carcinoma" sorts before "non-small cell lung cancer" (line 6)
}
