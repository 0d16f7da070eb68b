package publish

import (
	"slices"
	"testing"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/normalize"
)

// synthetic is a small second review, made up for tests: one section on
// the tumour microenvironment with an unnamed subsection, two references
// (one sharing a DOI with the seed review's fixture), one gene.
func synthetic(id string) Input {
	text := "Exosomes carry P-gp between cells (1,2). Stromal cells protect tumours."
	doc := &extract.Document{
		Schema: "1.0.0", ID: id,
		Source: extract.Source{Path: "seeds/" + id + ".txt", Format: "text", Bytes: 1, SHA256: "00"},
		Front:  extract.Front{Title: "A made-up review", DOI: "10.9999/made.up"},
		Sections: []*extract.Section{{ID: "s1", Number: "1", Title: "The tumour microenvironment", Kind: extract.KindBody,
			Children: []*extract.Section{{ID: "s1.r1", Title: "Exosomes", Kind: extract.KindRunIn}}}},
		Paragraphs: []extract.Paragraph{{ID: "p1", Section: "s1.r1", Text: text}},
		Citations:  []extract.Citation{{ID: "c1", Paragraph: "p1", Start: 34, End: 39, Text: "(1,2)", Style: extract.StyleParen, Refs: []int{1, 2}}},
		References: []extract.Reference{
			{N: 1, Raw: "Chen ML et al: MDR1 in cytotoxic T lymphocytes. J Exp Med 217, 2020.", Title: "MDR1 in cytotoxic T lymphocytes", Year: 2020},
			{N: 2, Raw: "Nobody A: Unfindable. J None 1: 1, 1999.", Title: "Unfindable", Year: 1999},
		},
	}
	ann := &normalize.Annotations{Schema: "1.0.0", Document: id,
		Sentences: []normalize.Sentence{
			{ID: "p1.s1", Paragraph: "p1", Start: 0, End: 40, Text: text[:40]},
			{ID: "p1.s2", Paragraph: "p1", Start: 41, End: len(text), Text: text[41:]},
		},
		Mentions: []normalize.Mention{{ID: "m1", Text: "P-gp", Paragraph: "p1", Sentence: "p1.s1", Start: 15, End: 19,
			Type: normalize.Gene, Entity: "NCBIGene:5243", ResolvedBy: normalize.ByLexicon}},
		Entities: []normalize.Entity{{ID: "NCBIGene:5243", Type: normalize.Gene, Name: "ABCB1",
			Identifiers: []normalize.Identifier{{Scheme: "NCBIGene", ID: "5243"}}, Forms: []string{"P-gp"}, Mentions: 1}},
	}
	links := &enrich.Links{Schema: "1.0.0", Document: id, References: []enrich.Link{
		{N: 1, Status: enrich.Matched, DOI: "10.1084/JEM.20191388", Score: 0.9,
			Discrepancies: []enrich.Discrepancy{{Field: "title", Printed: "MDR1 in cytotoxic T lymphocytes", Registered: "Physiological expression and function of the MDR1 transporter in cytotoxic T lymphocytes"}}},
		{N: 2, Status: enrich.NotFound, Score: 0.2},
	}}
	return Input{Doc: doc, Ann: ann, Links: links}
}

// With two documents, a DOI cited by both is one reference with two
// citing entries, and an entity mentioned in both lists both.
func TestCorpus(t *testing.T) {
	rel := build(t, fixture(t), synthetic("zz.made-up"))
	var refs ReferenceList
	readJSONBytes(t, rel.File(apiDir+"references.json"), &refs)
	i := slices.IndexFunc(refs.Items, func(r ReferenceItem) bool { return r.DOI == "10.1084/jem.20191388" })
	if i < 0 {
		t.Fatal("shared DOI missing")
	}
	r := refs.Items[i]
	if r.ID != "doi-10.1084_jem.20191388" || len(r.CitedIn) != 2 || r.Document != fixtureDoc || r.N != 121 {
		t.Errorf("shared reference: %+v", r)
	}
	if r.CitedIn[1].Document != "zz.made-up" || r.CitedIn[1].N != 1 || !slices.Equal(r.CitedIn[1].Sentences, []string{"p1.s1"}) {
		t.Errorf("second citing entry: %+v", r.CitedIn[1])
	}
	var full Reference
	readJSONBytes(t, rel.File(apiDir+"references/doi-10.1084_jem.20191388.json"), &full)
	if len(full.CitedIn) != 2 || !slices.Contains(full.Mechanisms, "tumor-microenvironment") {
		t.Errorf("reference file: cited_in %d, mechanisms %v", len(full.CitedIn), full.Mechanisms)
	}
	// The unmatched reference of the second document keeps a document-qualified id.
	if rel.File(apiDir+"references/ref-zz.made-up-2.json") == nil {
		t.Error("no document-qualified reference file")
	}
	var e Entity
	readJSONBytes(t, rel.File(apiDir+"entities/gene/NCBIGene-5243.json"), &e)
	if !slices.Equal(e.Documents, []string{fixtureDoc, "zz.made-up"}) {
		t.Errorf("entity documents: %v", e.Documents)
	}
	// The subsection "Exosomes" names no mechanism; it inherits its parent's.
	var m MechanismFile
	readJSONBytes(t, rel.File(apiDir+"mechanisms/tumor-microenvironment.json"), &m)
	found := false
	for _, s := range m.Sections {
		if s.Document == "zz.made-up" && s.ID == "s1.r1" && s.MatchedOn == "s1" {
			found = true
		}
	}
	if !found {
		t.Errorf("inherited section missing: %+v", m.Sections)
	}
	db := openDB(t, rel)
	got := queryStrings(t, db, "SELECT count(DISTINCT document_id) FROM refs WHERE reference_id = 'doi-10.1084_jem.20191388'")
	if got[0] != "2" {
		t.Errorf("refs sharing the work: %v", got)
	}
	if got := queryStrings(t, db, "SELECT field, registered FROM ref_discrepancies WHERE document_id = 'zz.made-up'"); len(got) != 1 {
		t.Errorf("discrepancies: %v", got)
	}
	// Adding a document does not rename the first one's references.
	alone := build(t)
	for _, f := range alone.Files {
		if len(f.Path) > len(apiDir+"references/") && f.Path[:len(apiDir+"references/")] == apiDir+"references/" && rel.File(f.Path) == nil {
			t.Errorf("%s disappeared when a document was added", f.Path)
		}
	}
}
