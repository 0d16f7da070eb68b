package normalize

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chemores/chemores/extract"
)

// goldClaim is one line of testdata/claims_gold.tsv (conventions in its
// header).
type goldClaim struct {
	line                int
	sentence            string // sentence id, found by paragraph and first words
	agents              []string
	rels                []string
	state               string
	drugs               []string
	cancer              string
	inherited           bool
	mechs               []string
	req                 bool
	none                bool // "-": the sentence states no claim
	matchedBy, matchedN int
}

func readClaimsGold(t *testing.T, a *Annotations) ([]*goldClaim, map[string]bool) {
	t.Helper()
	data, err := os.ReadFile("testdata/claims_gold.tsv")
	if err != nil {
		t.Fatal(err)
	}
	byPara := map[string][]Sentence{}
	for _, s := range a.Sentences {
		byPara[s.Paragraph] = append(byPara[s.Paragraph], s)
	}
	scope := map[string]bool{}
	var out []*goldClaim
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "paragraph\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 9 {
			t.Fatalf("claims_gold.tsv:%d: want 9 columns, got %d", n+1, len(f))
		}
		id := ""
		for _, s := range byPara[f[0]] {
			if strings.Join(strings.Fields(s.Text)[:min(4, len(strings.Fields(s.Text)))], " ") == f[1] {
				id = s.ID
				break
			}
		}
		if id == "" {
			t.Fatalf("claims_gold.tsv:%d: no sentence of %s starts %q", n+1, f[0], f[1])
		}
		scope[id] = true
		g := &goldClaim{line: n + 1, sentence: id}
		if f[2] == "-" {
			g.none = true
			out = append(out, g)
			continue
		}
		g.agents = strings.Split(f[2], "|")
		g.rels = strings.Split(f[3], "|")
		g.state = f[4]
		g.drugs = splitList(f[5])
		g.cancer, g.inherited = strings.CutPrefix(f[6], "^")
		g.mechs = splitList(f[7])
		g.req = f[8] == "req"
		out = append(out, g)
	}
	return out, scope
}

// agentMatches: the same text, one containing the other, or the entity's
// name; "It=ABCB1" accepts either side.
func agentMatches(alts []string, c Claim, ents map[string]Entity) bool {
	got := []string{alnum(c.Agent.Text)}
	if e, ok := ents[c.Agent.Entity]; ok {
		got = append(got, alnum(e.Name))
		for _, f := range e.Forms {
			got = append(got, alnum(f))
		}
	}
	for _, alt := range alts {
		for _, a := range strings.Split(alt, "=") {
			a = alnum(a)
			for _, g := range got {
				if a == g || len(a) >= 3 && len(g) >= 3 && (strings.Contains(g, a) || strings.Contains(a, g)) {
					return true
				}
			}
		}
	}
	return false
}

// alnum keeps letters and digits, lower-cased: "(PARP) inhibitors" and
// "PARP inhibitors" compare equal.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func termIn(want string, got []string) bool {
	w := alnum(want)
	for _, g := range got {
		g = alnum(g)
		if g != "" && (g == w || strings.Contains(g, w) || strings.Contains(w, g)) {
			return true
		}
	}
	return false
}

type claimScore struct {
	found, matched, optOnly, gold, recalled int
	drugTP, drugFP, drugFN                  int
	cancerOK, cancerN, mechOK, mechN        int
	stateOK, stateN                         int
}

// scoreClaims matches found claims to the gold and counts; with
// anyRelation, an agent that matches is enough (for methods that name no
// relation). logf reports each miss.
func scoreClaims(logf func(string, ...any), claims []Claim, gold []*goldClaim, scope map[string]bool, ents map[string]Entity, keep func(sentence string) bool, anyRelation bool) claimScore {
	var sc claimScore
	bySent := map[string][]*goldClaim{}
	for _, g := range gold {
		if !keep(g.sentence) {
			continue
		}
		bySent[g.sentence] = append(bySent[g.sentence], g)
		g.matchedN = 0
	}
	for _, c := range claims {
		if !scope[c.Sentence] || !keep(c.Sentence) {
			continue
		}
		sc.found++
		var hit *goldClaim
		for _, g := range bySent[c.Sentence] {
			if g.none || !agentMatches(g.agents, c, ents) || !anyRelation && !contains(g.rels, c.Relation) {
				continue
			}
			if hit == nil || g.req && !hit.req {
				hit = g
			}
		}
		switch {
		case hit == nil:
			logf("FP %s %s %q %s (%s)", c.ID, c.Agent.Kind, c.Agent.Text, c.Relation, c.Cue.Text)
			continue
		case !hit.req:
			sc.optOnly++
			continue
		}
		sc.matched++
		hit.matchedN++
		var got []string
		for _, d := range c.Drugs {
			got = append(got, d.Text)
		}
		for _, d := range hit.drugs {
			if termIn(d, got) {
				sc.drugTP++
			} else {
				sc.drugFN++
			}
		}
		for _, d := range got {
			if !termIn(d, hit.drugs) {
				sc.drugFP++
			}
		}
		sc.cancerN++
		gotCancer := ""
		inherited := false
		if c.Cancer != nil {
			gotCancer, inherited = c.Cancer.Text, c.Cancer.Inherited
		}
		if hit.cancer == "" && gotCancer == "" || hit.cancer != "" && gotCancer != "" && termIn(hit.cancer, []string{gotCancer}) && inherited == hit.inherited {
			sc.cancerOK++
		} else {
			logf("cancer %s: got %q (inherited %v), want %q (inherited %v)", c.ID, gotCancer, inherited, hit.cancer, hit.inherited)
		}
		if len(hit.mechs) > 0 {
			sc.mechN++
			if contains(hit.mechs, c.Mechanism) {
				sc.mechOK++
			} else {
				logf("mechanism %s: got %q (%s), want %v", c.ID, c.Mechanism, c.MechanismFrom, hit.mechs)
			}
		}
		sc.stateN++
		if c.State == hit.state || hit.state == StateGain && c.State == "" {
			sc.stateOK++
		}
	}
	for _, g := range gold {
		if !keep(g.sentence) || g.none || !g.req {
			continue
		}
		sc.gold++
		if g.matchedN > 0 {
			sc.recalled++
		} else {
			logf("FN line %d %s %v %v", g.line, g.sentence, g.agents, g.rels)
		}
	}
	return sc
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (s claimScore) precision() float64 { return ratio(s.matched, s.found-s.optOnly) }
func (s claimScore) recall() float64    { return ratio(s.recalled, s.gold) }

// claimsSeed is the seed review annotated, with the claims gold.
type claimsSeed struct {
	doc   *extract.Document
	lx    *Lexicon
	a     *Annotations
	gold  []*goldClaim
	scope map[string]bool // the gold's sentences
	ents  map[string]Entity
}

func seedClaims(t *testing.T) claimsSeed {
	t.Helper()
	if testing.Short() {
		t.Skip("extracts the seed review")
	}
	s := claimsSeed{doc: seedDocument(t), ents: map[string]Entity{}}
	s.lx, _ = seedLexicon(t)
	a, err := Annotate(context.Background(), s.doc, s.lx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.a = a
	s.gold, s.scope = readClaimsGold(t, a)
	for _, e := range a.Entities {
		s.ents[e.ID] = e
	}
	return s
}

// TestClaimsGold scores the claim rules on the hand-annotated sentences
// and fails below the targets: precision >= 0.90, recall >= 0.75.
func TestClaimsGold(t *testing.T) {
	sd := seedClaims(t)
	a, gold, scope, ents := sd.a, sd.gold, sd.scope, sd.ents
	all := scoreClaims(t.Logf, a.Claims, gold, scope, ents, func(string) bool { return true }, false)
	t.Logf("claims: %d sentences; P %.3f (%d/%d, %d more match optional lines)  R %.3f (%d/%d)",
		len(scope), all.precision(), all.matched, all.found-all.optOnly, all.optOnly, all.recall(), all.recalled, all.gold)
	t.Logf("fields of matched claims: drugs P %.3f R %.3f; cancer %.3f (%d/%d); mechanism %.3f (%d/%d); state %.3f (%d/%d)",
		ratio(all.drugTP, all.drugTP+all.drugFP), ratio(all.drugTP, all.drugTP+all.drugFN),
		ratio(all.cancerOK, all.cancerN), all.cancerOK, all.cancerN, ratio(all.mechOK, all.mechN), all.mechOK, all.mechN,
		ratio(all.stateOK, all.stateN), all.stateOK, all.stateN)
	if all.precision() < .90 || all.recall() < .75 {
		t.Errorf("claims below target: P %.3f (want >= 0.90), R %.3f (want >= 0.75)", all.precision(), all.recall())
	}
}
