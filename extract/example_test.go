package extract_test

import (
	"fmt"

	"github.com/chemores/chemores/extract"
)

func ExampleParseReference() {
	r, err := extract.ParseReference("Siegel RL, Miller KD, Fuchs HE and Jemal A: Cancer statistics, 2022. *CA Cancer J Clin* 72: 7-33, 2022.")
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Authors[0].Family, r.Authors[0].Initials, len(r.Authors))
	fmt.Println(r.Title)
	fmt.Println(r.Journal, r.Volume, r.FirstPage, r.LastPage, r.Year)
	// Output:
	// Siegel RL 4
	// Cancer statistics, 2022
	// CA Cancer J Clin 72 7 33 2022
}

func ExampleCleanText() {
	fmt.Println(extract.CleanText("*TGF- β* activates NF- κ B in $\\text{H}_2\\text{O}$ at 2-10 μ M"))
	// Output: TGF-β activates NF-κB in H₂O at 2-10 μM
}

func ExampleScanCallouts() {
	text := "efflux (34,36-38) at 2-10 μM (Fig. 3)"
	for _, c := range extract.ScanCallouts(text) {
		fmt.Println(text[c.Start:c.End], c.Numbers)
	}
	// Output: (34,36-38) [34 36 37 38]
}
