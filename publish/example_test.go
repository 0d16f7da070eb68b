package publish_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/normalize"
	"github.com/chemores/chemores/publish"
)

func ExampleNormalizeDOI() {
	fmt.Println(publish.NormalizeDOI("https://doi.org/10.1038/S41568-018-0005-8"))
	fmt.Println(publish.NormalizeDOI("not a DOI") == "")
	// Output:
	// 10.1038/s41568-018-0005-8
	// true
}

func ExampleParseMechanisms() {
	vocab, err := publish.ParseMechanisms(strings.NewReader(
		"slug\tname\tpatterns\tdescription\n" +
			"increased-efflux\tIncreased drug efflux\tefflux|ABC transporter\tDrugs are pumped out.\n"))
	if err != nil {
		panic(err)
	}
	fmt.Println(vocab[0].Slug, vocab[0].Patterns)
	// Output: increased-efflux [efflux ABC transporter]
}

func load(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		panic(err)
	}
}

// fixtureRelease builds the release of the test fixtures, as ExampleBuild
// shows.
func fixtureRelease() *publish.Release {
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
	return rel
}

// Build makes a release in memory from the stages' outputs; Dist.Publish
// writes one to disk.
func ExampleBuild() {
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
	var e publish.Entity
	json.Unmarshal(rel.File("api/v1/entities/gene/NCBIGene-5243.json"), &e)
	for _, m := range e.Mentions {
		for _, r := range m.References {
			if r.DOI != "" {
				fmt.Printf("%s %q: reference %d (%s), DOI %s\n", m.Sentence.ID, m.Text, r.N, r.Scope, r.DOI)
			}
		}
	}
	// Output:
	// p15.s1 "ABCB1": reference 37 (inferred), DOI 10.1126/science.aar7389
	// p15.s1 "P-glycoprotein": reference 37 (inferred), DOI 10.1126/science.aar7389
	// p15.s1 "P-gp": reference 37 (inferred), DOI 10.1126/science.aar7389
	// p15.s3 "P-gp": reference 39 (inferred), DOI 10.1038/s41568-018-0005-8
	// p55.s3 "MDR1": reference 121 (inferred), DOI 10.1084/jem.20191388
	// p55.s4 "MDR1": reference 121 (inferred), DOI 10.1084/jem.20191388
	// p55.s5 "MDR1": reference 121 (inferred), DOI 10.1084/jem.20191388
	// p55.s6 "MDR1": reference 121 (direct), DOI 10.1084/jem.20191388
}

// What confers resistance to cisplatin, and who says so: the claims
// naming the drug, each with its agent and the references backing its
// sentence.
func ExampleClaimSet() {
	rel := fixtureRelease()
	var set publish.ClaimSet
	json.Unmarshal(rel.File("api/v1/claims/drugs/MESH-D002945.json"), &set)
	for _, c := range set.Claims {
		if c.Effect == "resistance" && !c.Negated {
			var refs []string
			for _, r := range c.References {
				refs = append(refs, fmt.Sprintf("%d (%s)", r.N, r.Scope))
			}
			fmt.Printf("%s: %s %s, %s; references %s\n", c.Sentence.ID, c.Agent.Name, c.Relation, *c.Mechanism, strings.Join(refs, ", "))
		}
	}
	// Output:
	// p21.s1: glutathione inactivates, drug-inactivation; references 50 (direct)
	// p21.s4: glutathione reverses, drug-inactivation; references 52 (direct)
	// p30.s5: BRCA1 sensitizes, dna-repair; references 75 (direct)
	// p30.s5: BRCA2 sensitizes, dna-repair; references 75 (direct)
	// p41.s3: co-treatment with antibiotics and cisplatin confers, tumor-microenvironment; references 90 (inferred)
}
