package normalize

import (
	"slices"
	"strings"
	"testing"
)

// The claim rules on sentences written for the test, in the ways papers
// state resistance (none of them from the seed review).
func TestClaimRules(t *testing.T) {
	tests := []struct {
		text                    string
		agent, relation, effect string
		state                   string
		drugs                   []string
		mechanism, from         string
		ties, negated, hedged   bool
	}{
		{text: "Overexpression of ABCB1 confers resistance to paclitaxel in ovarian cancer cells.",
			agent: "ABCB1", relation: Confers, effect: EffectResistance, state: StateGain, drugs: []string{"paclitaxel"}},
		{text: "Silencing of ABCB1 restored sensitivity to doxorubicin.",
			agent: "ABCB1", relation: Reverses, effect: EffectResistance, state: StateLoss, drugs: []string{"doxorubicin"}},
		{text: "ABCB1 pumps paclitaxel out of the cell, lowering its intracellular concentration.",
			agent: "ABCB1", relation: Transports, effect: EffectResistance, drugs: []string{"paclitaxel"},
			mechanism: "increased-efflux", from: FromRelation, ties: true},
		{text: "Glutathione neutralizes cisplatin in the cytoplasm.",
			agent: "Glutathione", relation: Inactivates, effect: EffectResistance, drugs: []string{"cisplatin"},
			mechanism: "drug-inactivation", from: FromRelation, ties: true},
		{text: "ABCB1 expression was not associated with resistance to cisplatin.",
			agent: "ABCB1", relation: Marker, effect: EffectResistance, drugs: []string{"cisplatin"}, negated: true},
		{text: "ABCB1 may contribute to doxorubicin resistance by entering a dormant state.",
			agent: "ABCB1", relation: Confers, effect: EffectResistance, drugs: []string{"doxorubicin"},
			mechanism: "dormancy", from: FromSentence, ties: true, hedged: true},
	}
	for _, tt := range tests {
		a := annotateText(t, tt.text)
		i := slices.IndexFunc(a.Claims, func(c Claim) bool { return c.Agent.Text == tt.agent })
		if i < 0 {
			t.Errorf("%q: no claim with agent %q in %+v", tt.text, tt.agent, a.Claims)
			continue
		}
		c := a.Claims[i]
		var drugs []string
		for _, d := range c.Drugs {
			drugs = append(drugs, d.Text)
		}
		got := []any{c.Relation, c.Effect, c.State, strings.Join(drugs, ","), c.Mechanism, c.MechanismFrom, c.TiesMechanism(), c.Negated, c.Hedged}
		want := []any{tt.relation, tt.effect, tt.state, strings.Join(tt.drugs, ","), tt.mechanism, tt.from, tt.ties, tt.negated, tt.hedged}
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n got relation, effect, state, drugs, mechanism, from, ties, negated, hedged %v\nwant %v", tt.text, got, want)
		}
	}
}
