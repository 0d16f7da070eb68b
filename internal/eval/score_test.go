package eval

import (
	"math"
	"testing"

	"github.com/chemores/chemores/extract"
)

func TestJournalMatch(t *testing.T) {
	tests := []struct {
		got, want string
		ok        bool
	}{
		{"Clin Ther", "Clinical Therapeutics", true},
		{"J. Agric. Food Chem.", "Journal of Agricultural and Food Chemistry", true},
		{"Proc Natl Acad Sci USA", "Proceedings of the National Academy of Sciences of the United States of America", true},
		{"Cancer Res", "Cancer Research", true},
		{"Cancer Res", "Cancer Letters", false},
		{"Nature", "Nature Medicine", false}, // a word of the full title left over
		{"Bulletin of the World Health Organization.", "Bulletin of the World Health Organization", true},
		{"", "Cell", false},
	}
	for _, tt := range tests {
		if got := journalMatch(tt.got, tt.want); got != tt.ok {
			t.Errorf("journalMatch(%q, %q) = %v, want %v", tt.got, tt.want, got, tt.ok)
		}
	}
}

func TestTitleMatch(t *testing.T) {
	// 0.9 after folding case, accents and punctuation.
	if !titleMatch("Hallmarks of cancer: the next generation.", "Hallmarks of Cancer - The Next Generation") {
		t.Error("the same title, differently punctuated, does not match")
	}
	if !titleMatch("Green synthesis of silver nano particles", "Green synthesis of silver nanoparticles") {
		t.Error("one space too many (39 of 40 characters agree) does not match")
	}
	if titleMatch("Green synthesis of silver nanoparticles", "Green synthesis of gold nanoparticles") {
		t.Error("silver and gold match")
	}
}

func TestSimilarity(t *testing.T) {
	// kitten -> sitting: 3 edits over 7 characters.
	if got, want := similarity("kitten", "sitting"), 1-3.0/7; math.Abs(got-want) > 1e-9 {
		t.Errorf("similarity = %v, want %v", got, want)
	}
}

func TestAuthorsMatch(t *testing.T) {
	p := func(f ...string) []extract.Person {
		var out []extract.Person
		for _, x := range f {
			out = append(out, extract.Person{Family: x})
		}
		return out
	}
	g := func(f ...string) []GoldAuthor {
		var out []GoldAuthor
		for _, x := range f {
			out = append(out, GoldAuthor{Family: x})
		}
		return out
	}
	tests := []struct {
		name string
		got  extract.Reference
		want []GoldAuthor
		ok   bool
	}{
		{"same", extract.Reference{Authors: p("Énzsöly", "Szabó")}, g("Enzsoly", "Szabo"), true},
		{"printed list cut by et al.", extract.Reference{Authors: p("Lee", "Kim"), EtAl: true}, g("Lee", "Kim", "Park", "Cho"), true},
		{"gold cut by et al.", extract.Reference{Authors: p("Lee", "Kim", "Park")}, g("Lee", "Kim", "et al."), true},
		{"one missing", extract.Reference{Authors: p("Lee")}, g("Lee", "Kim"), false},
		{"wrong order", extract.Reference{Authors: p("Kim", "Lee")}, g("Lee", "Kim"), false},
		{"apostrophes", extract.Reference{Authors: p("Etya’ale")}, g("Etya'ale"), true},
	}
	for _, tt := range tests {
		if got := authorsMatch(&tt.got, tt.want); got != tt.ok {
			t.Errorf("%s: authorsMatch = %v, want %v", tt.name, got, tt.ok)
		}
	}
}

// TestCompare scores a two-reference document by hand: reference 1 has
// every field right; reference 2 is found (title and year agree) with
// its journal wrong; a third gold reference is missing.
func TestCompare(t *testing.T) {
	doc := &extract.Document{
		References: []extract.Reference{
			{N: 1, Authors: []extract.Person{{Family: "Holohan"}}, Title: "Cancer drug resistance: an evolving paradigm",
				Journal: "Nat Rev Cancer", Year: 2013, Volume: "13", FirstPage: "714", LastPage: "726"},
			{N: 2, Authors: []extract.Person{{Family: "Gottesman"}}, Title: "Mechanisms of cancer drug resistance",
				Journal: "Annu Rev Genet", Year: 2002},
		},
		Citations: []extract.Citation{{Refs: []int{1, 2}}, {Refs: []int{1}}, {Refs: []int{2, 2}}},
	}
	g := &Gold{
		References: []GoldRef{
			{N: 1, Authors: []GoldAuthor{{Family: "Holohan"}}, Title: "Cancer drug resistance: an evolving paradigm",
				Journal: "Nature Reviews Cancer", Year: "2013", Volume: "13", FirstPage: "714", LastPage: "726"},
			{N: 2, Authors: []GoldAuthor{{Family: "Gottesman"}}, Title: "Mechanisms of cancer drug resistance",
				Journal: "Annual Review of Medicine", Year: "2002"},
			{N: 3, Authors: []GoldAuthor{{Family: "Longley"}}, Title: "Drug resistance, predictive markers and pharmacogenomics", Year: "2005"},
		},
		Links: map[string]int{"1": 3, "2": 2},
	}
	s := Compare(doc, g)
	if s.Refs != 3 || s.Found != 2 {
		t.Errorf("found %d of %d, want 2 of 3", s.Found, s.Refs)
	}
	// Fields: ref 1 has 7 (all right), ref 2 has 4 (journal wrong), ref 3 has
	// 3 (not found): 10 right of 14.
	if s.Right != 10 || s.Fields != 14 {
		t.Errorf("fields %d of %d right, want 10 of 14", s.Right, s.Fields)
	}
	// Links: ref 1 cited twice (gold 3), ref 2 twice, once per group (gold 2).
	if s.LinksGot != 4 || s.LinksRight != 4 || s.LinksGold != 5 {
		t.Errorf("links got %d, right %d, gold %d; want 4, 4, 5", s.LinksGot, s.LinksRight, s.LinksGold)
	}
	if got := Compare(nil, g); got.Found != 0 || got.Right != 0 || got.Fields != 14 {
		t.Errorf("no document: %+v", got)
	}
}

func TestLastPageMatch(t *testing.T) {
	tests := []struct {
		got, want string
		ok        bool
	}{
		{"282", "282", true},
		{"282", "82", true},      // printed "279-82", kept shortened by the JATS
		{"1301.e3", "301", true}, // "1298-301.e3"
		{"282", "283", false},
		{"282", "2", true},
		{"82", "282", false}, // extract shortened: wrong
		{"", "82", false},
	}
	for _, tt := range tests {
		if got := lastPageMatch(tt.got, tt.want); got != tt.ok {
			t.Errorf("lastPageMatch(%q, %q) = %v, want %v", tt.got, tt.want, got, tt.ok)
		}
	}
}
