package extract

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// ayRefs is a small author–year list: two works of Smith in 2010 (a
// and b), Smith and Jones, Lee et al., an organization with a short
// name, and a surname with a particle.
var ayRefs = []Reference{
	{N: 1, Raw: "Smith, J. (2010a). One. J 1, 1–2.", Authors: []Person{{Family: "Smith"}}, Year: 2010},
	{N: 2, Raw: "Smith, J. (2010b). Two. J 1, 3–4.", Authors: []Person{{Family: "Smith"}}, Year: 2010},
	{N: 3, Raw: "Smith, J., and Jones, K. (2012). Three.", Authors: []Person{{Family: "Smith"}, {Family: "Jones"}}, Year: 2012},
	{N: 4, Raw: "Lee, A., Kim, B., and Park, C. (2015). Four.", Authors: []Person{{Family: "Lee"}, {Family: "Kim"}, {Family: "Park"}}, Year: 2015},
	{N: 5, Raw: "Clinical and Laboratory Standards Institute [CLSI]. (2008). Five.", Authors: []Person{{Family: "Clinical and Laboratory Standards Institute [CLSI]"}}, Year: 2008},
	{N: 6, Raw: "da Cruz Cabral, L. (2013). Six.", Authors: []Person{{Family: "da Cruz Cabral"}}, Year: 2013},
	{N: 7, Raw: "Ibáñez-Vea, M. (2011). Seven.", Authors: []Person{{Family: "Ibáñez-Vea"}}, Year: 2011},
}

func TestAuthorYearCallouts(t *testing.T) {
	idx := newAYIndex(ayRefs)
	tests := []struct {
		text string
		want []string // callout texts
		refs [][]int
	}{
		{"Cells resist (Smith, 2010a; Lee et al., 2015).", []string{"(Smith, 2010a; Lee et al., 2015)"}, [][]int{{1, 4}}},
		{"As Smith and Jones (2012) showed, drugs fail.", []string{"Smith and Jones (2012)"}, [][]int{{3}}},
		{"Recently Smith (2010b) found it.", []string{"Smith (2010b)"}, [][]int{{2}}},
		{"Both works (Smith 2010a, b) agree.", []string{"(Smith 2010a, b)"}, [][]int{{1, 2}}},
		{"Tested as advised (CLSI, 2008).", []string{"(CLSI, 2008)"}, [][]int{{5}}},
		{"Oils help (da Cruz Cabral et al., 2013; Ibanez-Vea et al., 2011).", []string{"(da Cruz Cabral et al., 2013; Ibanez-Vea et al., 2011)"}, [][]int{{6, 7}}},
		// Smith 2010 without a letter names two works: left unlinked.
		{"An old view (Smith, 2010).", nil, nil},
		// A year that is no citation, a name not in the list.
		{"In 2015 (Brown, 2015) the number rose to 2,010.", nil, nil},
		{"(e.g., Lee et al., 2015)", []string{"(e.g., Lee et al., 2015)"}, [][]int{{4}}},
		// Words after the year; brackets, also inside parentheses.
		{"Fish were caught (see Lee et al., 2015 for the protocol).", []string{"(see Lee et al., 2015 for the protocol)"}, [][]int{{4}}},
		{"Older (previously 9 years [Smith & Jones, 2012]) estimates.", []string{"[Smith & Jones, 2012]"}, [][]int{{3}}},
		// A numbered callout in brackets has no year.
		{"Drugs fail [3, 4].", nil, nil},
	}
	for _, tt := range tests {
		var texts []string
		var refs [][]int
		for _, c := range idx.scan(tt.text) {
			texts = append(texts, tt.text[c.start:c.end])
			refs = append(refs, c.refs)
		}
		if !reflect.DeepEqual(texts, tt.want) || !reflect.DeepEqual(refs, tt.refs) {
			t.Errorf("%q:\n got %q %v\nwant %q %v", tt.text, texts, refs, tt.want, tt.refs)
		}
	}
}

func TestYearLetter(t *testing.T) {
	for raw, want := range map[string]string{
		"Smith, J. (2010a). One.":         "a",
		"Almeida, A.S. 2020b. Title.":     "b",
		"Smith, J. (2010). One. 12, 2010": "",
	} {
		if got := yearLetter(raw, 2010+10*boolInt(raw[0] == 'A')); got != want {
			t.Errorf("yearLetter(%q) = %q, want %q", raw, got, want)
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func FuzzAuthorYear(f *testing.F) {
	for _, s := range []string{"(Smith, 2010a; Lee et al., 2015)", "Smith and Jones (2012)", "(CLSI, 2008)", "((( 2010", "(Smith 2010a, b"} {
		f.Add(s)
	}
	idx := newAYIndex(ayRefs)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, c := range idx.scan(s) {
			if c.start < 0 || c.end > len(s) || c.start >= c.end {
				t.Fatalf("callout [%d,%d) outside %q", c.start, c.end, s)
			}
			if !utf8.ValidString(s[c.start:c.end]) {
				t.Fatalf("callout splits a character: %q", s[c.start:c.end])
			}
		}
	})
}
