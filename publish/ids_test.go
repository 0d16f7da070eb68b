package publish

import (
	"net/url"
	"regexp"
	"testing"
)

func TestNormalizeDOI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"10.1126/science.aar7389", "10.1126/science.aar7389"},
		{"https://doi.org/10.1038/S41568-018-0005-8", "10.1038/s41568-018-0005-8"},
		{"doi:10.3322/caac.21731 ", "10.3322/caac.21731"},
		{"http://dx.doi.org/10.1002/(SICI)1097-0142", "10.1002/(sici)1097-0142"},
		{"10.1234", ""},
		{"10.12ab/x", ""},
		{"11.1234/x", ""},
		{"10.1234/", ""},
		{"10.1234/a b", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeDOI(tt.in); got != tt.want {
			t.Errorf("NormalizeDOI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var safeName = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)

func TestReferenceIDs(t *testing.T) {
	tests := []struct {
		doc  string
		n    int
		doi  string
		want string
	}{
		{"10.3892_or.2024.8816", 12, "", "ref-10.3892_or.2024.8816-12"},
		{"x", 1, "10.1038/s41568-018-0005-8", "doi-10.1038_s41568-018-0005-8"},
		{"x", 1, "10.1002/(sici)1097", "doi-10.1002_~28sici~291097"},
		{"x", 1, "10.1000/a_b", "doi-10.1000_a~5fb"},
	}
	for _, tt := range tests {
		got := referenceID(tt.doc, tt.n, tt.doi)
		if got != tt.want {
			t.Errorf("referenceID(%q, %d, %q) = %q, want %q", tt.doc, tt.n, tt.doi, got, tt.want)
		}
		if !safeName.MatchString(got) || url.PathEscape(got) != got {
			t.Errorf("%q is not URL- and file-name-safe", got)
		}
	}
	// The same id from a different DOI or reference would merge two works.
	seen := map[string]string{}
	for _, d := range []string{"10.1000/a_b", "10.1000/a/b", "10.1000/a~5fb", "10.1000_a/b", "10.1000/ab"} {
		id := referenceID("d", 1, d)
		if o, dup := seen[id]; dup {
			t.Errorf("%q and %q share id %q", o, d, id)
		}
		seen[id] = d
	}
}

func TestEntitySlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"NCBIGene:5243", "NCBIGene-5243"},
		{"MESH:D004317", "MESH-D004317"},
		{"PUBCHEM.COMPOUND:5311", "PUBCHEM.COMPOUND-5311"},
		{"CHEBI:27899", "CHEBI-27899"},
		{"X-Y:1", "X~2dY-1"},
		{"a:b:c", "a-b~3ac"},
		{"nocolon-x", "nocolon~2dx"},
		{".hidden:1", "~2ehidden-1"},
	}
	seen := map[string]string{}
	for _, tt := range tests {
		got := entitySlug(tt.in)
		if got != tt.want {
			t.Errorf("entitySlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !safeName.MatchString(got) || got[0] == '.' {
			t.Errorf("%q is not a safe file name", got)
		}
		if o, dup := seen[got]; dup {
			t.Errorf("%q and %q share slug %q", o, tt.in, got)
		}
		seen[got] = tt.in
	}
}

func TestValidReleaseID(t *testing.T) {
	for id, want := range map[string]bool{
		"2026-11-26": true, "2026-11-26b": true, "2026-11-26z": true,
		"2026-11-26a": false, "2026-13-01": false, "2026-02-30": false, "26-11-26": false, "2026-11-26bb": false, "latest": false,
	} {
		if got := ValidReleaseID(id); got != want {
			t.Errorf("ValidReleaseID(%q) = %v", id, got)
		}
	}
}

func TestIdentifierURL(t *testing.T) {
	tests := []struct{ scheme, id, want string }{
		{"NCBIGene", "5243", "https://identifiers.org/NCBIGene:5243"},
		{"CHEBI", "CHEBI:27899", "https://identifiers.org/CHEBI:27899"},
		{"MESH", "D002945", "https://identifiers.org/MESH:D002945"},
		{"X", "a b", "https://identifiers.org/X:a%20b"},
		{"", "1", ""},
	}
	for _, tt := range tests {
		if got := identifierURL(tt.scheme, tt.id); got != tt.want {
			t.Errorf("identifierURL(%q, %q) = %q, want %q", tt.scheme, tt.id, got, tt.want)
		}
	}
}
