package extract_test

import (
	"context"
	"fmt"

	"github.com/chemores/chemores/extract"
)

// JATS XML is told apart by its content and read into the same Document
// as text and PDF.
func ExampleParse_jats() {
	xml := `<?xml version="1.0" encoding="UTF-8"?>
<article>
<front><article-meta><title-group><article-title>A short review</article-title></title-group></article-meta></front>
<body><sec><label>1</label><title>Introduction</title>
<p>HIF-1<italic>α</italic> drives efflux [<xref ref-type="bibr" rid="r1">1</xref>&#x2013;<xref ref-type="bibr" rid="r3">3</xref>].</p></sec></body>
<back><ref-list>
<ref id="r1"><mixed-citation>Siegel RL, Miller KD, Fuchs HE and Jemal A: Cancer statistics, 2022. <italic>CA Cancer J Clin</italic> 72: 7-33, 2022.</mixed-citation></ref>
<ref id="r2"><element-citation><person-group><name><surname>Doe</surname><given-names>Jane</given-names></name></person-group><article-title>A title</article-title><source>J Example</source><year>2020</year><volume>1</volume><fpage>2</fpage><pub-id pub-id-type="doi">10.5555/x.1</pub-id></element-citation></ref>
<ref id="r3"><element-citation><collab>A Consortium</collab><article-title>Another</article-title><source>J Example</source><year>2021</year></element-citation></ref>
</ref-list></back>
</article>`
	doc, err := extract.Parse(context.Background(), "review.xml", []byte(xml))
	if err != nil {
		panic(err)
	}
	fmt.Println(doc.Source.Format, doc.Front.Title)
	p := doc.Paragraphs[0]
	fmt.Println(p.Section, p.Text)
	c := doc.Citations[0]
	fmt.Println(c.Text, c.Refs, string([]rune(p.Text)[c.Start:c.End]))
	for _, r := range doc.References {
		fmt.Printf("%d %s %s | %s | %d | doi %q\n", r.N, r.Authors[0].Family, r.Authors[0].Initials, r.Journal, r.Year, r.DOI)
	}
	// Output:
	// jats A short review
	// s1 HIF-1α drives efflux [1–3].
	// [1–3] [1 2 3] [1–3]
	// 1 Siegel RL | CA Cancer J Clin | 2022 | doi ""
	// 2 Doe J | J Example | 2020 | doi "10.5555/x.1"
	// 3 A Consortium  | J Example | 2021 | doi ""
}
