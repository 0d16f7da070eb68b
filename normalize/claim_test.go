package normalize

import "testing"

func TestTiesMechanism(t *testing.T) {
	tests := []struct {
		name string
		c    Claim
		want bool
	}{
		{"relation", Claim{Relation: Inactivates, Mechanism: "drug-inactivation", MechanismFrom: FromRelation}, true},
		{"sentence words", Claim{Relation: Confers, Mechanism: "dormancy", MechanismFrom: FromSentence}, true},
		{"a transport under its title", Claim{Relation: Transports, Mechanism: "increased-efflux", MechanismFrom: FromSection}, true},
		{"only the title", Claim{Relation: Confers, Mechanism: "dna-repair", MechanismFrom: FromSection}, false},
		{"a correlation", Claim{Relation: Marker, Mechanism: "drug-inactivation", MechanismFrom: FromSentence}, false},
		{"negated", Claim{Relation: Confers, Mechanism: "dormancy", MechanismFrom: FromSentence, Negated: true}, false},
		{"no mechanism", Claim{Relation: Confers}, false},
	}
	for _, tt := range tests {
		if got := tt.c.TiesMechanism(); got != tt.want {
			t.Errorf("%s: TiesMechanism() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The chemicals a claim never lists as its drugs: what their notes say
// they are decides.
func TestNondrugNote(t *testing.T) {
	tests := []struct {
		note string
		want bool
	}{
		{"heme catabolite", true},
		{"TCA cycle metabolite / oncometabolite", true},
		{"amino acid (the disulfide of cysteine); imported by xCT (SLC7A11)", true},
		{"tripeptide antioxidant; GSH is used for the reduced form", true},
		{"element / ion; ferroptosis context", true},
		{"class of reactive species, not a single compound", true},
		{"fluoropyrimidine antimetabolite", false}, // a drug, whatever its name contains
		{"ribonucleotide reductase inhibitor", false},
		{"copper ionophore", false},
		{"bacterial endotoxin, an inflammatory stimulus; no drug", true},
		{"platinum alkylating-like agent", false},
		{"third-generation EGFR TKI", false},
	}
	for _, tt := range tests {
		if got := nondrugNote(tt.note); got != tt.want {
			t.Errorf("nondrugNote(%q) = %v, want %v", tt.note, got, tt.want)
		}
	}
}
