package normalize

import "testing"

// cooccurrence is a baseline the claim rules must beat: every entity
// (gene, family or chemical; not a bare "tumor") mentioned in a sentence
// that keep accepts is the agent of a claim, one per entity and
// sentence. It names no relation, so it is scored on agents alone.
func cooccurrence(a *Annotations, keep func(*Sentence) bool) []Claim {
	sents := map[string]*Sentence{}
	for i := range a.Sentences {
		sents[a.Sentences[i].ID] = &a.Sentences[i]
	}
	seen := map[string]bool{}
	var out []Claim
	for _, m := range a.Mentions {
		s := sents[m.Sentence]
		if s == nil || m.Entity == "" || m.Generic || m.Type == Disease || seen[s.ID+" "+m.Entity] || !keep(s) {
			continue
		}
		seen[s.ID+" "+m.Entity] = true
		out = append(out, Claim{ID: s.ID + " " + m.Entity, Sentence: s.ID,
			Agent: ClaimAgent{Kind: m.Type, Entity: m.Entity, Mention: m.ID, Text: m.Text}})
	}
	return out
}

// TestClaimsBaseline scores two co-occurrence baselines on the claims
// gold, next to the claim rules scored the same way (agents only):
// entities co-mentioned with a resistance word in a sentence, and
// entities mentioned in a section whose title names a mechanism (how
// mechanisms were tied before claims). The rules must be more precise
// than both.
func TestClaimsBaseline(t *testing.T) {
	sd := seedClaims(t)
	doc, a, gold, scope, ents := sd.doc, sd.a, sd.gold, sd.scope, sd.ents
	secOf := map[string]string{}
	for _, p := range doc.Paragraphs {
		secOf[p.ID] = p.Section
	}
	secMechs := sd.lx.sectionMechanisms(doc.Sections)
	quiet := func(string, ...any) {}
	all := func(string) bool { return true }
	methods := []struct {
		name   string
		claims []Claim
	}{
		{"claim rules", a.Claims},
		{"co-mention with a resistance word", cooccurrence(a, func(s *Sentence) bool { return resistContext().MatchString(lowerASCIIKeep(s.Text)) })},
		{"mechanism-titled section", cooccurrence(a, func(s *Sentence) bool { return len(secMechs[secOf[s.Paragraph]]) > 0 })},
	}
	var rules claimScore
	for i, m := range methods {
		sc := scoreClaims(quiet, m.claims, gold, scope, ents, all, true)
		t.Logf("%-34s P %.3f (%d/%d)  R %.3f (%d/%d)  agents only", m.name, sc.precision(), sc.matched, sc.found-sc.optOnly,
			sc.recall(), sc.recalled, sc.gold)
		if i == 0 {
			rules = sc
			continue
		}
		if sc.found == 0 {
			t.Errorf("%s: found nothing; the baseline is broken", m.name)
		}
		if sc.precision() >= rules.precision() {
			t.Errorf("%s: precision %.3f, not below the rules' %.3f", m.name, sc.precision(), rules.precision())
		}
	}
}
