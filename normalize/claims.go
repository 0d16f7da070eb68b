package normalize

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/chemores/chemores/extract"

	"github.com/chemores/chemores/internal/lazyre"
)

// relOrder ranks relations from the most specific: one agent gets one
// claim a sentence, with the most specific relation the sentence states
// for it (MRP1 "exports" the drug and so "contributes to resistance":
// it transports).
var relOrder = map[string]int{Transports: 1, Inactivates: 2, Sequesters: 3, Repairs: 4, Reverses: 5, Sensitizes: 6, Confers: 7, Marker: 8}

// sent is a sentence on its way through the claim rules.
type sent struct {
	s        *Sentence
	text     string // as written
	low      string // ASCII letters lower-cased: same byte offsets
	cps      []int  // byte offset -> code point offset in the sentence
	ms       []smention
	section  string
	prev     *sent // the previous sentence of the paragraph, or nil
	prevDoc  *sent // the previous sentence of the document, or nil
	found    []Claim
	paraMens []smention // the paragraph's mentions before this sentence
}

// smention is a mention with its byte span in its sentence.
type smention struct {
	m      *Mention
	bs, be int
	ent    *Entity
	drug   bool // a chemical that can be the drug a claim is about
	cancer bool // a named cancer (not a toxicity, not "tumor")
}

// cand is a claim before its details: an agent and a relation.
type cand struct {
	rel, rule string
	cs, ce    int // the cue, bytes in the sentence
	agent     int // index into ms, or -1 for a process
	text      string
	as, ae    int // the agent's span (bytes); the anaphor's for a resolved one
	by        string
	agentEnt  string // set for an anaphor resolved to an entity
	agentKind string
	agentMen  string
	head      int // 1 + the mention this agent is joined to ("defective BRCA1 or BRCA2"); 0: none
}

// findClaims reads the resistance relations the sentences of doc state.
func (lx *Lexicon) findClaims(doc *extract.Document, a *Annotations) []Claim {
	ents := map[string]*Entity{}
	for i := range a.Entities {
		ents[a.Entities[i].ID] = &a.Entities[i]
	}
	secOf := map[string]string{}
	for _, p := range doc.Paragraphs {
		secOf[p.ID] = p.Section
	}
	secMechs := lx.sectionMechanisms(doc.Sections)
	back := backSections(doc.Sections)
	cites := map[string]extract.Citation{}
	for _, c := range doc.Citations {
		cites[c.ID] = c
	}
	support := map[string][]Support{}
	for _, s := range a.Support {
		support[s.Sentence] = append(support[s.Sentence], s)
	}
	bySent := map[string][]*Mention{}
	for i := range a.Mentions {
		m := &a.Mentions[i]
		if m.Sentence != "" {
			bySent[m.Sentence] = append(bySent[m.Sentence], m)
		}
	}
	var out []Claim
	var prev, prevDoc *sent
	var paraMens []smention
	for i := range a.Sentences {
		s := &a.Sentences[i]
		if back[secOf[s.Paragraph]] {
			continue
		}
		st := lx.newSent(s, bySent[s.ID], ents)
		st.section = secOf[s.Paragraph]
		if prev != nil && prev.s.Paragraph == s.Paragraph {
			st.prev = prev
		} else {
			paraMens = nil
		}
		st.prevDoc, st.paraMens = prevDoc, paraMens
		for k, c := range lx.sentenceClaims(st) {
			c.ID = fmt.Sprintf("%s.c%d", s.ID, k+1)
			c.Mechanism, c.MechanismFrom, c.MechanismBy = lx.mechanismOf(st, c, secMechs[st.section])
			for _, sp := range support[s.ID] {
				cc := ClaimCitation{Citation: sp.Citation, Scope: sp.Scope, Refs: append([]int{}, cites[sp.Citation].Refs...)}
				c.Citations = append(c.Citations, cc)
			}
			if c.Citations == nil {
				c.Citations = []ClaimCitation{}
			}
			c.Effect = effectOf(c, st)
			st.found = append(st.found, c)
		}
		out = append(out, st.found...)
		paraMens = append(paraMens, st.ms...)
		prev, prevDoc = st, st
	}
	return out
}

func (lx *Lexicon) newSent(s *Sentence, ms []*Mention, ents map[string]*Entity) *sent {
	st := &sent{s: s, text: s.Text, low: lowerASCIIKeep(s.Text)}
	st.cps = make([]int, len(s.Text)+1)
	n := 0
	for b := range s.Text {
		st.cps[b] = n
		n++
	}
	for b := 0; b < len(s.Text); b++ {
		if !utf8.RuneStart(s.Text[b]) {
			st.cps[b] = st.cps[b-1]
		}
	}
	st.cps[len(s.Text)] = n
	toByte := func(cp int) int {
		k := sort.SearchInts(st.cps[:len(s.Text)], cp)
		for k > 0 && k < len(s.Text) && !utf8.RuneStart(s.Text[k]) {
			k--
		}
		return k
	}
	for _, m := range ms {
		sm := smention{m: m, bs: toByte(m.Start - s.Start), be: toByte(m.End - s.Start)}
		if m.End-s.Start >= n {
			sm.be = len(s.Text)
		}
		sm.ent = ents[m.Entity]
		if sm.ent != nil && m.Type == Chemical {
			le, ok := lx.byID[m.Entity]
			sm.drug = !(ok && lx.entities[le].nondrug)
		}
		if m.Type == Disease && !m.Generic && sm.ent != nil {
			sm.cancer = cancerWord().MatchString(m.Text) || cancerWord().MatchString(sm.ent.Name)
		}
		st.ms = append(st.ms, sm)
	}
	return st
}

// lowerASCIIKeep lower-cases ASCII letters only, so byte offsets stay.
func lowerASCIIKeep(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// sentenceClaims finds the claims of one sentence, one per agent.
func (lx *Lexicon) sentenceClaims(st *sent) []Claim {
	var cands []cand
	cands = append(cands, st.mediatedCands()...)
	cands = append(cands, st.listCands()...)
	for _, rc := range relCues {
		for _, loc := range rc.re.FindAllStringIndex(st.low, -1) {
			if !strings.Contains(st.low[loc[0]:loc[1]], "resistance") && !st.aboutDrugs(rc.rel, loc[0], loc[1]) {
				continue
			}
			cands = append(cands, st.agentsFor(rc, loc[0], loc[1])...)
		}
	}
	// One claim per agent: the most specific relation, then the earliest cue.
	best := map[string]cand{}
	var keys []string
	for _, c := range cands {
		k := c.key(st)
		b, ok := best[k]
		if !ok {
			keys = append(keys, k)
		}
		if !ok || relOrder[c.rel] < relOrder[b.rel] || relOrder[c.rel] == relOrder[b.rel] && c.cs < b.cs {
			best[k] = c
		}
	}
	var picked []cand
	for _, k := range keys {
		picked = append(picked, best[k])
	}
	sort.SliceStable(picked, func(i, j int) bool { return picked[i].as < picked[j].as })
	agents := map[int]bool{}
	for _, c := range picked {
		if c.agent >= 0 {
			agents[c.agent] = true
		}
	}
	var out []Claim
	for _, c := range picked {
		out = append(out, st.claim(c, agents))
	}
	return out
}

func (c cand) key(st *sent) string {
	switch {
	case c.agent >= 0 && st.ms[c.agent].m.Entity != "":
		return st.ms[c.agent].m.Entity
	case c.agentEnt != "":
		return c.agentEnt
	}
	return "process:" + strings.ToLower(c.text)
}

// aboutDrugs: a transport, binding or sequestration is a claim only when
// the sentence is about drugs; a marker only when it is about response to
// a drug.
func (st *sent) aboutDrugs(rel string, cs, ce int) bool {
	hasDrug := false
	for _, m := range st.ms {
		if m.drug {
			hasDrug = true
		}
	}
	switch rel {
	case Transports:
		// The drug is named near the transport, not elsewhere in the
		// sentence ("drug-resistant cells ... cystine uptake").
		w0, w1 := max(0, cs-60), min(len(st.low), ce+80)
		for _, m := range st.ms {
			if m.drug && m.bs < w1 && m.be > w0 {
				return true
			}
		}
		return drugContext().MatchString(st.low[w0:w1])
	case Inactivates, Sequesters:
		return hasDrug || drugContext().MatchString(st.low)
	case Marker:
		cue := st.low[cs:ce]
		if strings.Contains(cue, "prognosis") {
			return hasDrug
		}
		return hasDrug || strings.Contains(st.low, "chemo") || strings.Contains(st.low, "drug")
	}
	return true
}

// clauseStart is where the clause holding byte b begins.
func (st *sent) clauseStart(b int) int {
	start := 0
	if subordinate().MatchString(st.low) {
		if k := strings.Index(st.low, ", "); k >= 0 && k < b {
			start = k + 2
		}
	}
	for _, loc := range clauseBreak().FindAllStringIndex(st.low, -1) {
		if loc[1] <= b && loc[1] > start {
			start = loc[1]
		}
	}
	return start
}

// clauseEnd is where the clause holding byte b ends.
func (st *sent) clauseEnd(b int) int {
	end := len(st.low)
	for _, loc := range clauseBreak().FindAllStringIndex(st.low, -1) {
		if loc[0] >= b && loc[0] < end {
			end = loc[0]
		}
	}
	return end
}

// eligible reports whether mention k can be an agent: a resolved gene,
// family or chemical, not a bare "tumor", not a word's modifier ("the
// EGFR-targeted drug"), and not a drug named as the object of the
// relation ("resistance to gefitinib", "cisplatin uptake").
func (st *sent) eligible(k int) bool {
	m := st.ms[k]
	if m.ent == nil || m.m.Generic || modifierAfter().MatchString(st.low[m.be:]) || targeted().MatchString(st.low[:m.bs]) {
		return false
	}
	switch m.m.Type {
	case Gene, Family:
	case Chemical:
		if m.drug && (drugObjectAfter().MatchString(st.low[m.be:]) || drugObjectBefore().MatchString(st.low[:m.bs]) || st.listedAfterDrug(m.bs)) {
			return false
		}
	default:
		return false
	}
	return !inPhrase().MatchString(st.low[:m.bs])
}

// listedAfterDrug: a mention after ", " that follows a drug is the next
// item of a list of drugs.
func (st *sent) listedAfterDrug(b int) bool {
	t := strings.TrimRight(st.low[:b], " ")
	if !strings.HasSuffix(t, ",") {
		return false
	}
	for _, m := range st.ms {
		if m.drug && m.be == len(t)-1 {
			return true
		}
	}
	return false
}

var (
	drugObjectAfter  = lazyre.New(`^(?:'s)?[\s-]*(?:resistan|sensitiv|chemosensitiv|treat|based|inclusive|induced|uptake|accumulation|exposure|therapy|regimen|chemotherapy|combined|derivatives?\b)`)
	drugObjectBefore = lazyre.New(`\b(?:to|with|such as|of|including|like|exposure to|and|or)\s*(?:the\s+)?(?:[a-z-]+\s+)?$`)
	inPhrase         = lazyre.New(`\b(?:in|than|from|after|using|presence of|absence of)\s+(?:the\s+|a\s+)?(?:[a-z-]+\s+)?$|\((?:for example|for instance|e\.g\.),?\s+(?:[^)]*\s)?$`)
	targeted         = lazyre.New(`\btarget(?:ing|s|ed)?\s+(?:[a-z-]+\s+){0,2}$`)
	afterCue         = lazyre.New(`(?:\bby|\bfor|such as|\blike|including)\s*$`)
)

// agentsFor finds the agents of a relation cue at [cs, ce).
func (st *sent) agentsFor(rc relCue, cs, ce int) []cand {
	base := cand{rel: rc.rel, rule: rc.name, cs: cs, ce: ce}
	cue := st.low[cs:ce]
	// A cue that ends naming its agent: "can be repaired by X",
	// "binding substrates for X", "transporters such as X".
	if afterCue().MatchString(cue) {
		return st.agentAt(base, ce, "named after the cue")
	}
	// "a correlation between X levels and Y resistance".
	if k := strings.Index(cue, "between "); k >= 0 {
		for j, m := range st.ms {
			if m.bs >= cs+k && m.be <= ce && st.entityAgent(j, rc.rel) {
				c := base
				c.agent, c.as, c.ae, c.by = j, m.bs, m.be, "named after \"between\" in the cue"
				return []cand{c}
			}
		}
	}
	// A passive cue names its agent after it: "exported via MRP1".
	if rc.rel != Sensitizes && rc.rel != Reverses && rc.rel != Marker {
		if loc := passiveBy().FindStringIndex(st.low[ce:]); loc != nil {
			if cs := st.agentAt(base, ce+loc[1], "named after the cue ("+strings.TrimSpace(st.text[ce:ce+loc[1]])+")"); len(cs) > 0 {
				return cs
			}
		}
	}
	start := st.clauseStart(cs)
	if locs := relative().FindAllStringIndex(st.low[start:cs], -1); len(locs) > 0 {
		rb, ra := start+locs[len(locs)-1][0], start+locs[len(locs)-1][1]
		if !st.mentionBefore(rb) && len(strings.Fields(st.low[ra:cs])) <= 3 {
			start = ra // "models that develop resistance": the subject is "models"
		}
	}
	var out []cand
	if loc := participle().FindStringIndex(st.low[start:cs]); loc != nil {
		if k := strings.Index(st.low[start:cs], ", "); k > loc[1] {
			out = append(out, st.firstIn(base, start+loc[1], start+k, "named in the opening \"by\" phrase")...)
			start += k + 2
		}
	}
	if locs := thereby().FindAllStringIndex(st.low[start:cs], -1); len(locs) > 0 {
		if c := st.firstIn(base, start+locs[len(locs)-1][1], cs, "first entity of the consequence before the cue"); len(c) > 0 {
			return append(out, st.withExamples(c, ce)...)
		}
	}
	if rc.rel == Reverses || rc.rel == Sensitizes {
		// A modulator drug named before the cue is its agent: "everolimus
		// ... reversing chemoresistance", "olaparib ... restore sensitivity".
		for k, m := range st.ms {
			if m.bs >= start && m.be <= cs && m.drug && m.ent != nil && !drugObjectAfter().MatchString(st.low[m.be:]) && !modifierAfter().MatchString(st.low[m.be:]) {
				c := base
				c.agent, c.as, c.ae, c.by = k, m.bs, m.be, "the drug named before the cue (a modulator)"
				return append(out, c)
			}
		}
	}
	if c := st.firstIn(base, start, cs, "first entity of the clause before the cue"); len(c) > 0 {
		return append(out, st.withExamples(c, ce)...)
	}
	if len(out) > 0 {
		return out
	}
	if rc.rel == Transports || rc.rel == Inactivates || rc.rel == Sequesters {
		// A process does not carry or bind a drug; an anaphor for an
		// entity may ("It primarily facilitates the transport of ...").
		if c, ok := st.processAgent(base, start, cs); ok && c.agentEnt != "" {
			return []cand{c}
		}
		return nil
	}
	if loc := means().FindStringSubmatchIndex(st.low[start:cs]); loc != nil {
		c := base
		c.agent, c.as, c.ae, c.agentKind = -1, start+loc[2], start+loc[3], AgentProcess
		c.text, c.by = strings.TrimSpace(st.text[c.as:c.ae]), "the means (\"by ...\") before the cue"
		return []cand{c}
	}
	if c, ok := st.processAgent(base, start, cs); ok {
		return st.withExamples([]cand{c}, ce)
	}
	return nil
}

// entityAgent: an entity that can be the agent of the relation; what
// carries, binds or sequesters a drug is no drug itself.
func (st *sent) entityAgent(k int, rel string) bool {
	m := st.ms[k]
	if m.ent == nil || m.m.Generic {
		return false
	}
	switch m.m.Type {
	case Gene, Family:
		return true
	case Chemical:
		return !m.drug || rel == Confers || rel == Reverses || rel == Sensitizes || rel == Marker
	}
	return false
}

// firstIn finds the first eligible entity in [s, e), with the entities
// joined to it.
func (st *sent) firstIn(base cand, s, e int, by string) []cand {
	for k, m := range st.ms {
		if m.bs >= s && m.be <= e && st.eligible(k) && st.entityAgent(k, base.rel) {
			c := base
			c.agent, c.as, c.ae, c.by = k, m.bs, m.be, by
			return append([]cand{c}, st.coordinated(c, k)...)
		}
	}
	return nil
}

// agentAt finds an agent starting at byte b: an entity there, or (for
// repairs) the noun phrase there.
func (st *sent) agentAt(base cand, b int, by string) []cand {
	for b < len(st.low) && st.low[b] == ' ' {
		b++
	}
	for k, m := range st.ms {
		if m.bs == b && st.entityAgent(k, base.rel) && !(m.m.Type == Chemical && m.drug) {
			c := base
			c.agent, c.as, c.ae, c.by = k, m.bs, m.be, by
			return append([]cand{c}, st.coordinated(c, k)...)
		}
	}
	if base.rel == Repairs {
		if t, s, e := st.phraseAt(b); t != "" {
			c := base
			c.agent, c.text, c.as, c.ae, c.by, c.agentKind = -1, t, s, e, "process "+by, AgentProcess
			return []cand{c}
		}
	}
	return nil
}

// mentionBefore: an entity mention ends right before byte b (", which").
func (st *sent) mentionBefore(b int) bool {
	t := strings.TrimRight(st.low[:b], " ,")
	for _, m := range st.ms {
		if m.be == len(t) {
			return true
		}
	}
	return false
}

// withExamples adds the entities a cue lists after it: "linked to
// chemoresistance, with key members including ABCB1, ABCC1 and ABCG2".
func (st *sent) withExamples(cs []cand, ce int) []cand {
	loc := examples().FindStringIndex(st.low[ce:])
	if loc == nil || len(cs) == 0 || cs[0].rel == Transports && cs[0].ce == ce && afterCue().MatchString(st.low[cs[0].cs:ce]) {
		return cs
	}
	at := ce + loc[1]
	for k, m := range st.ms {
		if m.bs == at && (m.m.Type == Gene || m.m.Type == Family) && m.ent != nil {
			c := cs[0]
			c.agent, c.as, c.ae, c.by = k, m.bs, m.be, "an example the cue lists (\""+strings.TrimSpace(st.text[ce+loc[0]:at])+"\")"
			cs = append(cs, c)
			cs = append(cs, st.coordinated(c, k)...)
			break
		}
	}
	return cs
}

// eligibleAfter: an agent named after a passive cue may be any entity
// but a drug.
func (st *sent) eligibleAfter(k int) bool {
	m := st.ms[k]
	return m.ent != nil && !m.m.Generic && (m.m.Type == Gene || m.m.Type == Family || m.m.Type == Chemical && !m.drug)
}

// coordinated adds the agents joined to agent k by "and", "or", "/":
// "BRCA1 and BRCA2", "PI3K/AKT".
func (st *sent) coordinated(c cand, k int) []cand {
	var out []cand
	end := st.ms[k].be
	for j := k + 1; j < len(st.ms); j++ {
		m := st.ms[j]
		if m.bs >= c.cs && st.ms[k].bs < c.cs {
			break
		}
		gapText := st.low[end:m.bs]
		if !coordGap().MatchString(gapText) {
			break
		}
		if m.m.Entity == st.ms[k].m.Entity || !st.eligible(j) && !(m.m.Type == Gene || m.m.Type == Family) || m.ent == nil {
			end = m.be
			continue
		}
		d := c
		d.agent, d.as, d.ae, d.by, d.head = j, m.bs, m.be, "joined to "+st.ms[k].m.Text+" by \""+strings.TrimSpace(st.text[end:m.bs])+"\"", k+1
		out = append(out, d)
		end = m.be
	}
	return out
}

var coordGap = lazyre.New(`^(?:\s*(?:,|and|or|/|\(|\)|and/or)\s*)+$|^\s*\(\s*$|^\)\s*$`)

// processAgent reads the subject of the clause as a process agent when no
// entity is there: "Enhanced DNA repair mechanisms", "Inflammation
// within the TME". An anaphor ("It", "This process") is resolved to the
// previous sentence's agent or first gene.
func (st *sent) processAgent(base cand, start, cs int) (cand, bool) {
	s := start
	rest := st.low[s:cs]
	if loc := reportThat().FindStringIndex(rest); loc != nil {
		s += loc[1]
		rest = st.low[s:cs]
	}
	for {
		loc := discourse().FindStringIndex(rest)
		if loc == nil {
			loc = introPhrase().FindStringIndex(rest)
		}
		if loc == nil || loc[1] == 0 {
			break
		}
		s += loc[1]
		rest = st.low[s:cs]
	}
	if loc := leadConj().FindStringIndex(rest); loc != nil {
		s += loc[1]
		rest = st.low[s:cs]
	}
	e := cs
	if loc := subjectEnd().FindStringIndex(rest); loc != nil {
		e = s + loc[0]
	}
	if loc := relClause().FindStringIndex(st.low[s:e]); loc != nil {
		e = s + loc[0]
	}
	if k := strings.IndexAny(st.low[s:e], ",("); k >= 0 {
		e = s + k
	}
	for i, w := range strings.Fields(st.low[s:e]) {
		if i > 0 && len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.Contains(w, "-") {
			e = s + strings.Index(st.low[s:e], " "+w) // a verb in the past: the subject ends
			break
		}
	}
	text := strings.TrimSpace(st.text[s:e])
	low := strings.TrimSpace(st.low[s:e])
	if m := anaphor().FindStringSubmatch(low); m != nil && (m[1] == "" || anaphorNoun[m[1]] || len(strings.Fields(low)) == 1 || strings.HasPrefix(low, "it ") || strings.HasPrefix(low, "they ")) {
		return st.resolveAnaphor(base, s, s+len(text), text)
	}
	low = strings.TrimPrefix(strings.TrimPrefix(low, "the "), "a ")
	low = strings.TrimSpace(trailWords().ReplaceAllString(low, ""))
	text = strings.TrimSpace(text[len(text)-len(strings.TrimSpace(st.low[s:e])):])
	text = text[len(text)-len(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(text), "the "), "a "))):]
	text = text[:len(low)]
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > 10 || strings.Contains(low, "resistan") || genericAgent().MatchString(low) || notAgent().MatchString(low) {
		return cand{}, false
	}
	c := base
	c.agent, c.text, c.as, c.ae = -1, text, s+len(st.text[s:e])-len(strings.TrimLeft(st.text[s:e], " ")), 0
	c.as = strings.Index(st.text[s:], text) + s
	c.ae = c.as + len(text)
	c.agentKind, c.by = AgentProcess, "subject of the clause (no entity there)"
	return c, true
}

var (
	leadConj    = lazyre.New(`^(?:while|although|though|whereas|when|if|after|because|since|as)\s+`)
	relClause   = lazyre.New(`\s(?:that|which|who|composed|consisting|including)\b`)
	trailWords  = lazyre.New(`(?:\s+(?:the|a|an|of|in|into|to|from|with|and|or|by|for|on|at))+$`)
	reportThat  = lazyre.New(`^.*?\b(?:indicated|indicates|revealed|reveals|showed|shows|shown|demonstrated|demonstrates|found|suggests?|suggested|identified|reported|known)\s+that\s+`)
	anaphorNoun = map[string]bool{"process": true, "mechanism": true, "protein": true, "transporter": true, "enzyme": true, "gene": true, "effect": true, "pathway": true, "system": true, "complex": true}
)

// resolveAnaphor points "It", "This process" back: to the previous
// sentence's first claim agent, else (for "it", "they") to its first
// gene or family; otherwise the anaphor stays a process.
func (st *sent) resolveAnaphor(base cand, s, e int, text string) (cand, bool) {
	p := st.prev
	if p == nil {
		return cand{}, false
	}
	c := base
	c.agent, c.as, c.ae = -1, s, e
	if len(p.found) > 0 {
		a := p.found[0].Agent
		c.text, c.agentEnt, c.agentKind, c.agentMen = a.Text, a.Entity, a.Kind, a.Mention
		c.by = fmt.Sprintf("anaphor %q: the agent of %s", text, p.s.ID)
		return c, true
	}
	for _, m := range p.ms {
		if m.ent != nil && (m.m.Type == Gene || m.m.Type == Family) {
			c.text, c.agentEnt, c.agentKind, c.agentMen = m.ent.Name, m.ent.ID, m.m.Type, m.m.ID
			c.by = fmt.Sprintf("anaphor %q: the first gene of %s (%s)", text, p.s.ID, m.m.Text)
			return c, true
		}
	}
	return cand{}, false
}

// phraseAt reads a short noun phrase starting at byte b, up to a
// preposition, verb or punctuation: "nucleotide excision".
func (st *sent) phraseAt(b int) (string, int, int) {
	rest := st.low[b:]
	e := len(rest)
	if loc := phraseStop().FindStringIndex(rest); loc != nil {
		e = loc[0]
	}
	t := strings.TrimSpace(st.text[b : b+e])
	if t == "" || len(strings.Fields(t)) > 6 {
		return "", 0, 0
	}
	return t, b, b + len(t)
}

var phraseStop = lazyre.New(`[,;.()]|\s(?:during|in|at|and|which|to|of|when|while|with|for|is|are|was|were)\s`)

// mediatedCands reads "X-mediated <noun>".
func (st *sent) mediatedCands() []cand {
	var out []cand
	for _, loc := range mediated().FindAllStringSubmatchIndex(st.low, -1) {
		for k, m := range st.ms {
			if m.be == loc[0] && m.ent != nil && (m.m.Type == Gene || m.m.Type == Family || m.m.Type == Chemical) {
				noun := st.low[loc[2]:loc[3]]
				out = append(out, cand{rel: mediatedRel[noun], rule: "X-mediated " + noun, cs: loc[0] + 1, ce: loc[1],
					agent: k, as: m.bs, ae: m.be, by: "named before \"-mediated " + noun + "\""})
			}
		}
	}
	return out
}

// listCands reads a list of causes after "due to", "driven by
// mechanisms such as", "include", when the sentence (or, for an anaphor,
// the one before) is about resistance.
func (st *sent) listCands() []cand {
	loc := listCue().FindStringIndex(st.low)
	if loc == nil {
		return nil
	}
	before := st.low[:loc[0]]
	ok := strings.Contains(before, "resistan")
	if !ok && anaphor().MatchString(strings.TrimSpace(before)) && st.prevDoc != nil {
		ok = strings.Contains(st.prevDoc.low, "resistan")
	}
	if !ok {
		return nil
	}
	end := st.clauseEnd(loc[1])
	body := st.low[loc[1]:end]
	body = strings.TrimRight(body, " .")
	if k := strings.LastIndex(body, " ("); k >= 0 && strings.HasSuffix(body, ")") {
		body = body[:k]
	}
	var out []cand
	at := loc[1]
	split := listSplit
	if strings.Contains(body, ", ") {
		split = commaSplit
	}
	for _, item := range split().Split(body, -1) {
		k := strings.Index(st.low[at:], item)
		if k < 0 || strings.TrimSpace(item) == "" {
			continue
		}
		s := at + k
		at = s + len(item)
		t := strings.TrimSpace(st.text[s : s+len(item)])
		low := strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(t), "the "), "and ")
		t = t[len(t)-len(low):]
		s = strings.Index(st.text[s:], t) + s
		if t == "" || genericAgent().MatchString(low) || len(strings.Fields(t)) > 10 || strings.Contains(low, "-mediated") {
			continue
		}
		out = append(out, cand{rel: Confers, rule: "list of causes after \"" + strings.TrimSpace(st.text[loc[0]:loc[1]]) + "\"",
			cs: loc[0], ce: loc[1], agent: -1, text: t, as: s, ae: s + len(t), agentKind: AgentProcess,
			by: "an item of the list of causes"})
	}
	return out
}

var (
	listSplit  = lazyre.New(`\s+(?:and|or)\s+`)
	commaSplit = lazyre.New(`,\s+(?:and\s+|or\s+)?`)
)

// claim fills in a candidate's details.
func (st *sent) claim(c cand, agents map[int]bool) Claim {
	s := st.s
	cp := func(b int) int { return s.Start + st.cps[b] }
	cl := Claim{Sentence: s.ID, Paragraph: s.Paragraph, Section: st.section, Start: s.Start, End: s.End, Text: s.Text,
		Relation: c.rel, RelationBy: c.rule,
		Cue: ClaimSpan{Text: st.text[c.cs:c.ce], Start: cp(c.cs), End: cp(c.ce)}}
	if c.agent >= 0 {
		m := st.ms[c.agent]
		cl.Agent = ClaimAgent{Kind: m.m.Type, Entity: m.m.Entity, Mention: m.m.ID, Text: m.m.Text, Start: m.m.Start, End: m.m.End, By: c.by}
		cl.State, cl.StateBy = st.stateOf(m.bs, m.be)
		if cl.State == "" && c.head > 0 {
			// The words before a coordination qualify each of its
			// members: "defective BRCA1 or BRCA2".
			h := st.ms[c.head-1]
			cl.State, cl.StateBy = st.stateOf(h.bs, h.be)
		}
	} else {
		kind := c.agentKind
		if kind == "" {
			kind = AgentProcess
		}
		cl.Agent = ClaimAgent{Kind: kind, Entity: c.agentEnt, Mention: c.agentMen, Text: c.text, Start: cp(c.as), End: cp(c.ae), By: c.by}
		if kind == AgentProcess {
			cl.State, cl.StateBy = st.stateOf(c.as, c.as)
			if cl.State != StateLoss {
				cl.State, cl.StateBy = "", ""
			}
		}
	}
	cl.Drugs, cl.DrugsBy = st.drugsOf(c, agents)
	cl.Cancer, cl.CancerBy = st.cancerOf()
	start := st.clauseStart(c.cs)
	if loc := negCue().FindStringIndex(st.low[max(start, c.cs-25):c.cs]); loc != nil && !strings.Contains(st.low[max(start, c.cs-25):c.cs], "not only") {
		cl.Negated, cl.NegatedBy = true, strings.TrimSpace(st.text[max(start, c.cs-25)+loc[0]:c.cs])
	}
	if loc := hedgeCue().FindStringIndex(st.low[start:st.clauseEnd(c.ce)]); loc != nil {
		cl.Hedged, cl.HedgedBy = true, st.text[start+loc[0]:start+loc[1]]
	}
	return cl
}

// stateOf reads the words around an agent for its state.
func (st *sent) stateOf(bs, be int) (string, string) {
	before := st.low[max(0, bs-40):bs]
	after := st.low[be:min(len(st.low), be+30)]
	switch {
	case mutantAfter().MatchString(st.text[be:min(len(st.text), be+12)]) || mutantBefore().MatchString(before):
		return StateMutant, "mutant/mutation next to the agent"
	case lossAfter().MatchString(after):
		return StateLoss, strings.TrimSpace(lossAfter().FindString(after))
	case lossBefore().MatchString(before):
		return StateLoss, strings.TrimSpace(lossBefore().FindString(before))
	case gainBefore().MatchString(before):
		return StateGain, strings.TrimSpace(gainBefore().FindString(before))
	}
	return "", ""
}

// drugsOf lists the drugs a claim is about: the sentence's drug
// mentions that are not agents, each drug once (its first mention), and
// drug classes the lexicons do not name ("PARP inhibitors"), unless they
// are the agent's own inhibitors.
func (st *sent) drugsOf(c cand, agents map[int]bool) ([]ClaimTerm, string) {
	out := []ClaimTerm{}
	var taken [][2]int
	seen := map[string]bool{}
	for k, m := range st.ms {
		if !m.drug || agents[k] || k == c.agent {
			continue
		}
		taken = append(taken, [2]int{m.bs, m.be})
		if seen[m.m.Entity] {
			continue
		}
		seen[m.m.Entity] = true
		out = append(out, ClaimTerm{Entity: m.m.Entity, Mention: m.m.ID, Text: m.m.Text, Start: m.m.Start, End: m.m.End, Paragraph: st.s.Paragraph})
	}
	for _, loc := range drugClass().FindAllStringIndex(st.text, -1) {
		t := strings.TrimSpace(strings.ReplaceAll(st.text[loc[0]:loc[1]], ")", ""))
		if c.as < loc[1] && loc[0] < c.ae || spanHit(taken, loc[0], loc[1]) {
			continue // the agent's own inhibitors: its state, not a drug
		}
		k := "class " + strings.ToLower(t)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, ClaimTerm{Text: t, Start: st.s.Start + st.cps[loc[0]], End: st.s.Start + st.cps[loc[1]], Paragraph: st.s.Paragraph})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	if len(out) == 0 {
		return out, "no drug named: chemotherapy in general"
	}
	return out, "drug mentions and drug classes of the sentence, agents excepted"
}

func spanHit(spans [][2]int, s, e int) bool {
	for _, x := range spans {
		if x[0] < e && s < x[1] {
			return true
		}
	}
	return false
}

// cancerOf is the sentence's named cancer, else the last one named
// earlier in the paragraph (inherited).
func (st *sent) cancerOf() (*ClaimTerm, string) {
	for _, m := range st.ms {
		if m.cancer {
			return &ClaimTerm{Entity: m.m.Entity, Mention: m.m.ID, Text: m.m.Text, Start: m.m.Start, End: m.m.End, Paragraph: st.s.Paragraph}, "sentence"
		}
	}
	for k := len(st.paraMens) - 1; k >= 0; k-- {
		if m := st.paraMens[k]; m.cancer {
			return &ClaimTerm{Entity: m.m.Entity, Mention: m.m.ID, Text: m.m.Text, Start: m.m.Start, End: m.m.End,
				Paragraph: st.s.Paragraph, Inherited: true}, "paragraph " + m.m.Sentence
		}
	}
	return nil, ""
}

// mechanismOf decides a claim's mechanism: what its relation is (a
// transport is uptake or efflux; binding is inactivation), else the
// sentence's own words (the agent's first), else the section's title.
func (lx *Lexicon) mechanismOf(st *sent, c Claim, section []mechCue) (string, string, string) {
	clause := st.low[st.clauseStart(st.byteOf(c.Cue.Start)):st.clauseEnd(st.byteOf(c.Cue.End))]
	switch c.Relation {
	case Transports:
		switch {
		case uptakeCue().MatchString(clause):
			return "reduced-drug-uptake", FromRelation, uptakeCue().FindString(clause)
		case effluxCue().MatchString(clause):
			return "increased-efflux", FromRelation, effluxCue().FindString(clause)
		}
		for _, m := range section {
			if m.slug == "reduced-drug-uptake" || m.slug == "increased-efflux" {
				return m.slug, FromSection, m.cue
			}
		}
		return "increased-efflux", FromRelation, "transport"
	case Inactivates:
		return "drug-inactivation", FromRelation, c.Cue.Text
	case Sequesters:
		return "drug-sequestration", FromRelation, c.Cue.Text
	case Repairs:
		return "dna-repair", FromRelation, c.Cue.Text
	}
	if c.Agent.Kind == AgentProcess {
		if ms := findMechanisms(lx.mechs, phraseWords(c.Agent.Text)); len(ms) > 0 {
			return ms[0].slug, FromSentence, ms[0].cue
		}
	}
	if ms := findMechanisms(lx.mechs, phraseWords(st.text)); len(ms) > 0 {
		for _, m := range ms {
			for _, s := range section {
				if s.slug == m.slug {
					return m.slug, FromSentence, m.cue
				}
			}
		}
		return ms[0].slug, FromSentence, ms[0].cue
	}
	if len(section) > 0 {
		return section[0].slug, FromSection, section[0].cue
	}
	return "", "", ""
}

func (st *sent) byteOf(cp int) int {
	k := sort.SearchInts(st.cps, cp-st.s.Start)
	return min(k, len(st.text))
}

// sectionMechanisms gives each body section the mechanisms its title
// names, or its parent's; cue holds the title.
func (lx *Lexicon) sectionMechanisms(ss []*extract.Section) map[string][]mechCue {
	out := map[string][]mechCue{}
	var walk func([]*extract.Section, []mechCue)
	walk = func(ss []*extract.Section, inherited []mechCue) {
		for _, s := range ss {
			if s == nil {
				continue
			}
			var own []mechCue
			if s.Kind == extract.KindBody || s.Kind == extract.KindRunIn {
				words := phraseWords(s.Title)
				for _, m := range lx.mechs {
					for _, p := range m.Patterns {
						pw := phraseWords(p)
						for i := range words {
							if cueAt(words, i, pw) {
								own = append(own, mechCue{m.Slug, s.Title, i})
								break
							}
						}
						if len(own) > 0 && own[len(own)-1].slug == m.Slug {
							break
						}
					}
				}
			}
			if len(own) == 0 {
				own = inherited
			}
			out[s.ID] = own
			walk(s.Children, own)
		}
	}
	walk(ss, nil)
	return out
}

// effectOf is what the agent itself does to resistance.
func effectOf(c Claim, st *sent) string {
	up := true
	switch c.Relation {
	case Sensitizes, Reverses:
		up = false
	case Transports:
		up = c.Mechanism != "reduced-drug-uptake"
	case Marker:
		up = !regexp.MustCompile(`improv|better|favou?rable|sensitiv|response`).MatchString(strings.ToLower(c.Cue.Text))
	}
	if c.State == StateLoss {
		up = !up
	}
	if up {
		return EffectResistance
	}
	return EffectSensitivity
}
