package publish

import (
	"slices"
	"strings"
	"testing"
)

func year(y int) *int { return &y }

func TestDiffSnapshots(t *testing.T) {
	prev := &Snapshot{
		Release:   "2026-01-01",
		Documents: []DocumentRef{{ID: "a", Title: "A"}},
		Entities: []EntityItem{
			{ID: "NCBIGene:1", Type: "gene", Name: "G1", Mentions: 2},
			{ID: "NCBIGene:2", Type: "gene", Name: "G2", Mentions: 1},
		},
		References: []ReferenceItem{
			{ID: "ref-a-1", Title: "One", Year: year(2001), DOIStatus: "unresolved", CitedIn: []CitedIn{{Document: "a", N: 1}}},
			{ID: "doi-10.1_x", Title: "Two", DOI: "10.1/x", DOIStatus: "matched", CitedIn: []CitedIn{{Document: "a", N: 2}}},
			{ID: "ref-a-10", Title: "Ten", DOIStatus: "unresolved", CitedIn: []CitedIn{{Document: "a", N: 10}}},
		},
	}
	cur := &Snapshot{
		Release:   "2026-02-01",
		Documents: []DocumentRef{{ID: "a", Title: "A"}, {ID: "b", Title: "B"}},
		Entities: []EntityItem{
			{ID: "NCBIGene:1", Type: "gene", Name: "G1", Mentions: 3},
			{ID: "MESH:D1", Type: "chemical", Name: "c"},
		},
		References: []ReferenceItem{
			{ID: "doi-10.1_y", Title: "One", Year: year(2001), DOI: "10.1/y", DOIStatus: "matched", CitedIn: []CitedIn{{Document: "a", N: 1}}},
			{ID: "doi-10.1_x", Title: "Two", DOI: "10.1/x", DOIStatus: "matched", CitedIn: []CitedIn{{Document: "a", N: 2}, {Document: "b", N: 9}}},
			{ID: "ref-a-10", Title: "Ten", DOIStatus: "unresolved", CitedIn: []CitedIn{{Document: "a", N: 10}}},
		},
	}
	c := diffSnapshots(prev, cur)
	keys := func(items []ChangeItem) string {
		var s []string
		for _, it := range items {
			s = append(s, it.Key)
		}
		return strings.Join(s, ",")
	}
	tests := []struct{ name, got, want string }{
		{"documents added", keys(c.Documents.Added), "b"},
		{"entities added", keys(c.Entities.Added), "MESH:D1"},
		{"entities removed", keys(c.Entities.Removed), "NCBIGene:2"},
		{"entities changed", keys(c.Entities.Changed), "NCBIGene:1"},
		{"references added", keys(c.References.Added), "ref-b-9"},
		{"references changed", keys(c.References.Changed), "ref-a-1"},
		{"dois added", keys(c.DOIs.Added), "10.1/y"},
		{"dois removed", keys(c.DOIs.Removed), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	var fields []string
	for _, f := range c.References.Changed[0].Fields {
		fields = append(fields, f.Field+":"+f.Old+">"+f.New)
	}
	if got := strings.Join(fields, " "); got != "doi:>10.1/y doi_status:unresolved>matched id:ref-a-1>doi-10.1_y" {
		t.Errorf("changed fields: %s", got)
	}
	md := string(c.Markdown())
	for _, want := range []string{"Compared with release 2026-01-01", "| entities   |     1 |       1 |       1 |", "NCBIGene:1: gene G1; mentions: \"2\" -> \"3\""} {
		if !strings.Contains(md, want) {
			t.Errorf("CHANGES.md lacks %q:\n%s", want, md)
		}
	}
	if *c.Previous != "2026-01-01" {
		t.Errorf("previous %v", c.Previous)
	}
}

func TestFirstReleaseChanges(t *testing.T) {
	c := diffSnapshots(nil, &Snapshot{Release: "2026-01-01", Entities: []EntityItem{{ID: "x:1", Name: "x"}}})
	if c.Previous != nil || c.Summary.Entities.Added != 1 {
		t.Errorf("%+v", c)
	}
	if !strings.Contains(string(c.Markdown()), "First release") {
		t.Error("no first-release note")
	}
}

func TestChangesMarkdownLimit(t *testing.T) {
	var s Snapshot
	for i := 0; i < mdListMax+5; i++ {
		s.Entities = append(s.Entities, EntityItem{ID: "x:" + string(rune('a'+i%26)) + strings.Repeat("z", i/26), Name: "n"})
	}
	md := string(diffSnapshots(nil, &s).Markdown())
	if !strings.Contains(md, "and 5 more (see changes.json)") {
		t.Errorf("no truncation note:\n%s", md)
	}
}

func TestSortKey(t *testing.T) {
	keys := []string{"ref-10.1_x-10", "ref-10.1_x-9", "ref-10.1_x-100", "NCBIGene:1"}
	slices.SortFunc(keys, func(a, b string) int { return strings.Compare(sortKey(a), sortKey(b)) })
	if want := []string{"NCBIGene:1", "ref-10.1_x-9", "ref-10.1_x-10", "ref-10.1_x-100"}; !slices.Equal(keys, want) {
		t.Errorf("%v, want %v", keys, want)
	}
}
