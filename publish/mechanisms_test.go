package publish

import (
	"slices"
	"strings"
	"testing"
)

func TestParseMechanismsErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"columns", "a\tA\tx\n", "want 4"},
		{"slug", "Bad Slug\tA\tx\td\n", "slug"},
		{"duplicate", "a\tA\tx\td\na\tB\ty\td\n", "twice"},
		{"no name", "a\t\tx\td\n", "no name"},
		{"empty pattern", "a\tA\tx||y\td\n", "empty pattern"},
		{"empty", "# nothing\n", "no mechanisms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseMechanisms(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestVocabularyFile(t *testing.T) {
	v := vocab(t)
	if len(v) < 10 {
		t.Fatalf("%d mechanisms, want the well-known ten or more", len(v))
	}
	for _, m := range v {
		if m.Description == "" {
			t.Errorf("%s: no description", m.Slug)
		}
	}
}

// The vocabulary must find the mechanism a title names, and nothing in
// titles that name none. Titles come from reviews of the field, written
// the various ways headings are.
func TestMatchTitle(t *testing.T) {
	v := vocab(t)
	tests := []struct {
		title string
		want  []string
	}{
		{"Decreased drug entry into cells", []string{"reduced-drug-uptake"}},
		{"Increased chemotherapy drug excretion", []string{"increased-efflux"}},
		{"GSH and drug binding", []string{"drug-inactivation"}},
		{"Closure of nuclear pores and exocytosis of drugs in the nucleus", []string{"drug-sequestration"}},
		{"Increased DNA repair", []string{"dna-repair"}},
		{"Effect of TME on chemotherapy resistance", []string{"tumor-microenvironment"}},
		{"Tumor cells escape from the pressure of chemotherapy through dormancy", []string{"dormancy"}},
		{"ABC transporters and drug efflux", []string{"increased-efflux"}},
		{"Hypoxia-driven resistance", []string{"tumor-microenvironment"}},
		{"Epithelial-mesenchymal transition", []string{"emt"}},
		{"Evasion of apoptosis", []string{"apoptosis-evasion"}},
		{"Autophagy and cancer stem cells", []string{"cancer-stem-cells", "autophagy"}},
		{"Epigenetic regulation by microRNAs", []string{"epigenetic-changes"}},
		{"Mutations of the drug target alteration type", []string{"drug-target-alteration"}},
		{"Molecular mechanisms of chemotherapy resistance", nil},
		{"Mechanisms of action of chemotherapy drugs", nil},
		{"Conclusion and future directions", nil},
		{"Treatment of systemic disease", nil}, // "stem" in "systemic" is no match
		{"Introduction", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range matchTitle(v, tt.title) {
			got = append(got, m.Slug)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.title, got, tt.want)
		}
	}
}

func TestSameWord(t *testing.T) {
	tests := []struct {
		t, p string
		want bool
	}{
		{"pores", "pore", true},
		{"entries", "entry", true},
		{"stresses", "stress", true},
		{"pore", "pores", false},
		{"porous", "pore", false},
	}
	for _, tt := range tests {
		if got := sameWord(tt.t, tt.p); got != tt.want {
			t.Errorf("sameWord(%q, %q) = %v", tt.t, tt.p, got)
		}
	}
}

func FuzzParseMechanisms(f *testing.F) {
	f.Add("slug\tname\tpatterns\tdescription\na-b\tA B\tx|y z\td\n")
	f.Add("# c\nx\tX\t|\t\n")
	f.Fuzz(func(t *testing.T, in string) {
		v, err := ParseMechanisms(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, m := range v {
			if !slugRe().MatchString(m.Slug) || m.Name == "" || len(m.Patterns) == 0 {
				t.Fatalf("accepted %+v", m)
			}
			for _, p := range m.Patterns {
				if strings.TrimSpace(p) == "" {
					t.Fatalf("accepted an empty pattern in %+v", m)
				}
			}
		}
	})
}
