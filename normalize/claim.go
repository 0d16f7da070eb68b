package normalize

// Relations a claim states between its agent and the drugs.
const (
	Confers     = "confers"     // raises resistance, lowers sensitivity or efficacy
	Sensitizes  = "sensitizes"  // raises sensitivity or efficacy
	Reverses    = "reverses"    // overcomes or reverses resistance, restores sensitivity
	Transports  = "transports"  // moves the drug into or out of the cell
	Inactivates = "inactivates" // binds, conjugates, neutralizes the drug
	Sequesters  = "sequesters"  // keeps the drug from its target
	Repairs     = "repairs"     // repairs the damage the drug does
	Marker      = "marker"      // correlates with resistance or response
)

// Where a claim's mechanism was read (Claim.MechanismFrom).
const (
	FromRelation = "relation" // the relation is the mechanism's work: transport, binding, repair
	FromSentence = "sentence" // the sentence's own words name it
	FromSection  = "section"  // the title of the sentence's section
)

// Agent kinds.
const (
	AgentProcess = "process" // a noun phrase no lexicon names: "hypoxia", "enhanced DNA repair"
)

// States of an agent as the sentence gives it.
const (
	StateLoss   = "loss"   // inhibited, silenced, deficient, depleted
	StateGain   = "gain"   // overexpressed, elevated, induced
	StateMutant = "mutant" // mutated
)

// Effects: what the agent itself does to resistance, whatever the
// sentence's phrasing ("silencing TOP2A increases the sensitivity":
// TOP2A's effect is resistance).
const (
	EffectResistance  = "resistance"
	EffectSensitivity = "sensitivity"
)

// Claim is one resistance relation stated by one sentence: who (the
// agent) does what (the relation) to which drugs, in which cancer, by
// which mechanism, with the evidence sentence and the citations that
// back it. Every field says how it was decided ("...By").
type Claim struct {
	ID        string `json:"id"` // "<sentence>.c<k>": "p21.s4.c1"
	Sentence  string `json:"sentence"`
	Paragraph string `json:"paragraph"`
	Section   string `json:"section"`
	Start     int    `json:"start"` // the sentence's span in the paragraph (code points)
	End       int    `json:"end"`
	Text      string `json:"text"` // the sentence

	Agent    ClaimAgent `json:"agent"`
	Relation string     `json:"relation"`
	// Cue is the words that state the relation, with their span in the
	// paragraph; RelationBy names the rule.
	Cue        ClaimSpan `json:"cue"`
	RelationBy string    `json:"relation_by"`
	State      string    `json:"state,omitempty"` // StateLoss, StateGain, StateMutant
	StateBy    string    `json:"state_by,omitempty"`
	Effect     string    `json:"effect"` // EffectResistance or EffectSensitivity

	Drugs   []ClaimTerm `json:"drugs"` // empty: chemotherapy in general
	DrugsBy string      `json:"drugs_by"`
	Cancer  *ClaimTerm  `json:"cancer"` // nil: no specific cancer
	// CancerBy is "sentence", or "paragraph <sentence id>" when the
	// cancer is inherited from an earlier sentence of the paragraph.
	CancerBy string `json:"cancer_by,omitempty"`

	Mechanism string `json:"mechanism,omitempty"` // slug of the mechanisms vocabulary
	// MechanismFrom is FromRelation (a transport is efflux or uptake),
	// FromSentence (the sentence's own words) or FromSection (its title).
	MechanismFrom string `json:"mechanism_from,omitempty"`
	MechanismBy   string `json:"mechanism_by,omitempty"` // the cue or the section title

	Negated   bool   `json:"negated"`
	NegatedBy string `json:"negated_by,omitempty"`
	Hedged    bool   `json:"hedged"`
	HedgedBy  string `json:"hedged_by,omitempty"`

	Citations []ClaimCitation `json:"citations"`
}

// ClaimAgent is what causes the effect: an entity (gene, family,
// chemical) or a process named by a noun phrase.
type ClaimAgent struct {
	Kind    string `json:"kind"` // gene, family, chemical or process
	Entity  string `json:"entity,omitempty"`
	Mention string `json:"mention,omitempty"`
	Text    string `json:"text"` // as written (an anaphor's antecedent: see By)
	Start   int    `json:"start"`
	End     int    `json:"end"`
	By      string `json:"by"`
}

// ClaimSpan is a piece of the paragraph's text.
type ClaimSpan struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ClaimTerm is a drug or a cancer of a claim: a mention of an entity, or
// a class the lexicons do not name ("PARP inhibitors").
type ClaimTerm struct {
	Entity    string `json:"entity,omitempty"`
	Mention   string `json:"mention,omitempty"`
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Paragraph string `json:"paragraph"`
	Inherited bool   `json:"inherited,omitempty"`
}

// ClaimCitation is a citation group backing the claim's sentence.
type ClaimCitation struct {
	Citation string `json:"citation"`
	Refs     []int  `json:"refs"`
	Scope    string `json:"scope"` // ScopeDirect or ScopeInferred
}

// TiesMechanism reports whether the claim is evidence that its agent and
// drugs take part in its mechanism, which the sentence itself must say:
// a mechanism read from the relation or from the sentence's own words
// does; one taken from the section's title only for a transport, whose
// direction the title gives (the transport is the mechanism's work, as
// in "It facilitates the transport of paclitaxel" under "Increased drug
// excretion"). Under "Increased DNA repair", "DNMT3A mutations are
// associated with poor response" says nothing of repair. A marker states
// a correlation, not a part in the mechanism; a negated claim states
// none.
func (c Claim) TiesMechanism() bool {
	if c.Mechanism == "" || c.Negated || c.Relation == Marker {
		return false
	}
	switch c.MechanismFrom {
	case FromRelation, FromSentence:
		return true
	case FromSection:
		return c.Relation == Transports
	}
	return false
}
