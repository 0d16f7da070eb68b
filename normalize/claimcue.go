package normalize

import (
	"regexp"

	"github.com/chemores/chemores/internal/lazyre"
)

// The rules below are English phrasings of resistance relations, matched
// on the lower-cased sentence. They know nothing of any one review: each
// names the construction it reads.

// relCue is a phrase that states a relation. The agent is found before
// the phrase, in its clause, unless the phrase is passive and names it
// after ("exported via MRP1", "repaired by nucleotide excision").
type relCue struct {
	rel  string
	name string // shown in relation_by
	re   *regexp.Regexp
}

const (
	resist = `(?:chemo|multi-?drug |drug |treatment |therapy |platinum |cisplatin |[a-z0-9-]+ )?resistan[a-z]*`
	gap    = `[^.;]{0,60}?`
)

var relCues = []relCue{
	{Reverses, "reverse/overcome resistance", regexp.MustCompile(`\b(?:revers|overcom|overcame|circumvent|combat)[a-z]*\b` + gap + `\b` + resist)},
	{Reverses, "restore sensitivity", regexp.MustCompile(`\brestor[a-z]*\b[^.;]{0,40}?\b(?:chemo)?sensitivity`)},
	{Reverses, "prevent resistance", regexp.MustCompile(`\bprevent[a-z]*\b[^.;]{0,30}?\b` + resist)},
	{Sensitizes, "sensitize", regexp.MustCompile(`\bsensiti[sz][a-z]*`)},
	{Sensitizes, "raise sensitivity", regexp.MustCompile(`\b(?:increas|enhanc|improv|rais|heighten)[a-z]*\s+(?:the\s+)?(?:chemo(?:therapy)?\s*)?(?:sensitivity|chemosensitivity)`)},
	{Sensitizes, "more sensitive", regexp.MustCompile(`\b(?:more|particularly|highly)\s+(?:sensitive|vulnerable|susceptible)\s+to\b`)},
	{Sensitizes, "enhance cytotoxicity", regexp.MustCompile(`\b(?:enhanc|increas|potentiat)[a-z]*\s+(?:the\s+)?(?:cytotoxic[a-z]*|efficacy|effectiveness)\b` + `[^.;]{0,40}?\b(?:agents?|drugs?|chemotherap[a-z]*|therap[a-z]*)`)},
	{Confers, "contribute/lead to resistance", regexp.MustCompile(`\b(?:contribut|lead|led|conduc)[a-z]*\s+to\b` + gap + `\b` + resist)},
	{Confers, "confer/induce resistance", regexp.MustCompile(`\b(?:confer|induc|promot|enhanc|increas|trigger|driv|caus|develop|acquir|mediat|elevat)[a-z]*\b[^.;]{0,40}?\b` + resist)},
	{Confers, "role in resistance", regexp.MustCompile(`\b(?:role|factor|contributors?|determinants?|drivers?)\b` + gap + `\b` + resist)},
	{Confers, "lower sensitivity or efficacy", regexp.MustCompile(`\b(?:reduc|decreas|lower|impair|diminish|poor)[a-z]*\s+(?:[a-z-]+\s+){0,3}?(?:sensitivity|chemosensitivity|efficacy|response)\b`)},
	{Confers, "protect from drugs", regexp.MustCompile(`\b(?:protect|shield|safeguard)[a-z]*\b[^.;]{0,50}?\bfrom\s+(?:[a-z-]+\s+){0,2}?(?:chemotherap[a-z]*|drugs?|agents?)\b`)},
	{Confers, "escape drugs", regexp.MustCompile(`\b(?:remains?\s+(?:largely\s+)?unaffected|evad[a-z]*\s+(?:therapeutic|drug|chemotherap[a-z]*))`)},
	{Marker, "associated with response", regexp.MustCompile(`\b(?:associated|correlat[a-z]*|linked|related)\b[^.;]{0,60}?\b(?:resistan[a-z]*|chemoresistan[a-z]*|sensitivity|response|prognosis)\b`)},
	{Marker, "affect sensitivity", regexp.MustCompile(`\baffect[a-z]*\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:chemosensitivity|sensitivity|resistan[a-z]*)`)},
	{Transports, "named a drug resistance transporter", regexp.MustCompile(`\b(?:multi-?drug|drug)\s+resistance(?:-associated)?\s+(?:transporters?|pumps?)(?:\s+proteins?)?(?:\s+(?:such as|like|including)\s+)?`)},
	{Marker, "marker of resistance", regexp.MustCompile(`\bmarkers?\s+of\s+(?:[a-z-]+\s+){0,2}?(?:resistan[a-z]*|response|sensitivity)`)},
	{Transports, "transport", regexp.MustCompile(`\b(?:transport(?:s|ed|ing)?|transport of|uptake|efflux|influx|expel[a-z]*|export(?:s|ed|ing)?|extru[a-z]*|co-extrusion|endocytosed|pump[a-z]*)\b`)},
	{Inactivates, "neutralize or bind the drug", regexp.MustCompile(`\b(?:neutrali[sz][a-z]*|detoxif[a-z]*|inactivat[a-z]*|conjugat[a-z]*|binding substrates for\s+|bind[a-z]*\s+(?:directly\s+)?(?:to\s+)?(?:[a-z-]+\s+){0,2}?(?:drugs?|xenobiotics|agents?))\b`)},
	{Sequesters, "sequester the drug", regexp.MustCompile(`\b(?:sequest[a-z]*|rerout[a-z]*|trap[a-z]*|away from (?:their|its) (?:[a-z]+ )?targets?)\b`)},
	{Repairs, "repair drug damage", regexp.MustCompile(`\brepair[a-z]*\b[^.;]{0,60}?\b(?:damage|lesions?|crosslinks?|breaks?)\b[^.;]{0,40}?\b(?:caused|induced|chemotherap[a-z]*|agents?)\b|\b(?:crosslinks?|lesions?|damage)\b[^.;]{0,40}?\bcan be repaired by\b`)},
}

// drugContext must occur for a transport, inactivation or sequestration
// to be about drugs at all (MRP1 also transports bilirubin).
var drugContext = lazyre.New(`\b(?:drugs?|chemotherap[a-z]*|agents?|xenobiotics|cytotoxic|anticancer|antitumou?r|substrates?)\b`)

// resistContext: the sentence speaks of resistance or response.
var resistContext = lazyre.New(`resistan|sensitiv|chemoresist|efficacy|response to`)

// passiveBy finds an agent named after a passive cue: "mediated by",
// "via", "by", "through".
var passiveBy = lazyre.New(`^[^.;]{0,30}?\b(?:mediated by|catalyzed by|via|by|through|concurrently with|together with)\s+(?:the\s+)?`)

// listCue introduces a list of causes: "due to A or B", "driven by
// mechanisms such as A, B and C", "these mechanisms include A, B".
var listCue = lazyre.New(`\b(?:due to|driven by|caused by|attributed to|mechanisms such as|include|includes)\s+(?:mechanisms\s+)?(?:such as\s+)?`)

// mediated finds "X-mediated <noun>": the agent is X, the relation is the
// noun's ("MRP1-mediated co-extrusion", "GSH-mediated drug neutralization").
var mediated = lazyre.New(`-mediated\s+(?:[a-z]+\s+){0,2}?(co-extrusion|extrusion|efflux|transport|uptake|neutralization|neutralisation|detoxification|resistance|chemoresistance)\b`)

var mediatedRel = map[string]string{
	"co-extrusion": Transports, "extrusion": Transports, "efflux": Transports, "transport": Transports, "uptake": Transports,
	"neutralization": Inactivates, "neutralisation": Inactivates, "detoxification": Inactivates,
	"resistance": Confers, "chemoresistance": Confers,
}

// uptakeCue and effluxCue tell which way a transport goes.
var (
	uptakeCue = lazyre.New(`\b(?:uptake|influx|entry|enters?|into (?:the )?cells?|endocyt[a-z]*|accumulation)\b`)
	effluxCue = lazyre.New(`\b(?:efflux|out of|expel[a-z]*|export[a-z]*|extru[a-z]*|co-extrusion|pump[a-z]*)\b`)
)

// negCue and hedgeCue: negation just before the cue, hedging anywhere in
// the clause.
var (
	negCue   = lazyre.New(`\b(?:not|no|never|cannot|fail(?:s|ed)? to|unable to)\b[^.;]{0,20}$`)
	hedgeCue = lazyre.New(`\b(?:may|might|could|possibly|potential(?:ly)?|suggest[a-z]*|considered|hypothes[a-z]*|likely|putative|presumabl[a-z]*|unclear)\b`)
)

// State cues, read in the few words before or after an agent.
var (
	lossBefore   = lazyre.New(`\b(?:silenc[a-z]*|inhibit(?:ing|ion of|ed)?|knock(?:down|out|ing down|ing out)(?: of)?|loss of|deficiency (?:of|in)|deplet[a-z]*(?: of)?|decreas[a-z]*|reduc(?:ing|ed|tion of)|lower(?:ing)?|low|defective(?: expression of)?|deficient|block(?:ing|ade of)|antagoniz[a-z]*|targeting|without|absence of)\s+(?:[a-z-]+\s+){0,2}$`)
	lossAfter    = lazyre.New(`^[\s-]*(?:\([^)]*\)\s*)?(?:inhibitors?|inhibition|knockdown|knockout|deficiency|-?deficient|depletion|loss|silencing|blockade|antagonists?|is depleted)\b`)
	gainBefore   = lazyre.New(`\b(?:overexpress[a-z]*(?: of)?|elevated(?: levels of)?|high(?:er)?(?: levels of)?|increased(?: levels of)?|induc(?:ing|tion of)|upregulat[a-z]*(?: of)?|amplif[a-z]*(?: of)?)\s+(?:[a-z-]+\s+){0,1}$`)
	mutantBefore = lazyre.New(`\b(?:mutations? in|mutant|mutated)\s+(?:[a-z-]+\s+){0,2}$`)
	mutantAfter  = lazyre.New(`^(?:\S*mut\S*|[\s-]*mutant|[\s-]*mutat[a-z]*)`)
)

// Words that end a subject before its verb, for process agents.
var subjectEnd = lazyre.New(`\b(?:is|are|was|were|has|have|had|can|could|may|might|will|would|should|must|do|does|did|plays?|remains?|develops?|developed|targets?|restricts?|drives?|involves?|serves?|exhibit[a-z]*|induces?|promotes?|contributes?|leads?|triggers?|allow[a-z]*|reduces?|increases?|enhances?|not)\b`)

// discourse opens a clause without being part of its subject.
var discourse = lazyre.New(`^(?:(?:however|moreover|similarly|thus|therefore|additionally|in addition|conversely|consequently|notably|furthermore|for (?:example|instance)|by contrast|in contrast|indeed|importantly|interestingly|finally),?\s+)+`)

// introPhrase is a leading phrase set off by a comma: "In breast cancer, ".
var introPhrase = lazyre.New(`^(?:in|under|upon|during|after|for|with|among|within)\b[^,;]{0,80},\s+`)

// subordinate opens a sentence with a clause the main clause follows.
var subordinate = lazyre.New(`^(?:after|when|while|although|though|whereas|if|because|since|upon|given|despite|as)\b`)

// clauseBreak splits clauses inside a sentence.
var clauseBreak = lazyre.New(`;|:\s|,?\s+(?:while|whereas|although|though)\s+|,\s+but\s+|\s+when\s+|,\s+and\s+(?:this|these)\s+`)

// genericAgent: subjects that name no agent ("tumor cells", "studies").
var genericAgent = lazyre.New(`^(?:(?:the|these|such|most|some|many|numerous|all)\s+)?(?:(?:tumou?r|cancer|malignant|dormant|resistant|drug-resistant|human|chemotherapeutic|anticancer|cytotoxic|therapeutic|conventional)\s+)*(?:cells?|tumou?rs?|patients?|studies|research|evidence|agents?|drugs?|chemotherap[a-z]*|treatments?|therap(?:y|ies)|models?|mice|results?|data|literature|methods?|approach(?:es)?|strateg(?:y|ies)|this|these|it|they|which|that)$`)

// notAgent opens subjects that are about research or plans, not causes:
// "Investigating how ...", "Current strategies to ...", "Further research".
var notAgent = lazyre.New(`^(?:investigat|studying|study|studies|explor|understand|developing|development of|research|further|future|current|given|continued|the use|use of|exploiting|present|this review|the review|article)|^(?:also|then|thus|further|[a-z]+ly)$`)

// means finds "by <gerund phrase>" before a cue: the means is the agent
// ("by entering a dormant state, thereby contributing to resistance").
var means = lazyre.New(`\bby\s+([a-z]+ing\s+[^,;]{3,60}?),?\s+(?:thereby|thus)?\s*$`)

// thereby opens a consequence: the agent of the cue after it is sought
// there first ("thereby modulating ARC expression and enhancing the
// chemoresistance").
var thereby = lazyre.New(`,\s+(?:thereby|thus|further|which in turn)\s+`)

// relative finds a relative pronoun or complementizer: the subject of a
// cue after it is not before it ("models that develop resistance").
var relative = lazyre.New(`\b(?:that|which|who)\s+`)

// participle opens a sentence with a phrase naming a second agent:
// "Catalyzed by GST, GSH binds ...".
var participle = lazyre.New(`^(?:catalyzed|catalysed|mediated|assisted|aided) by\s+`)

// modifierAfter: a mention that only qualifies the next word is no agent
// ("the EGFR-targeted drug", "EGFR-mutant lung cancer").
var modifierAfter = lazyre.New(`^-(?:targeted|targeting|associated|positive|negative|expressing|mutant|mutated|binding|based)\b`)

// examples finds "including A, B and C" / "such as A" after a cue: the
// examples share the claim ("linked to chemoresistance, with key members
// including ABCB1, ABCC1 and ABCG2").
var examples = lazyre.New(`^[^.;]{0,40}?\b(?:including|such as)\s+`)

// anaphor opens a subject that points back: "It", "This process".
var anaphor = lazyre.New(`^(?:it|they|this|these)\b\s*([a-z-]*)`)

// drugClass finds drug classes the lexicons do not name: "EGFR
// inhibitors", "(PARP) inhibitors", "DNA-damaging agents", "anti-PD-1
// monoclonal antibody".
var drugClass = lazyre.New(`\b[A-Z][A-Za-z0-9-]*(?:/[0-9A-Za-z]+)?\)?\s+inhibitors?\b|\bPARPi\b|\bTKIs?\b|\bDNA-damaging agents\b|\banti-[A-Za-z0-9-]+\s+(?:monoclonal\s+)?antibod(?:y|ies)\b`)

// cancerWord tells a cancer from other diseases (toxicities, diabetes).
var cancerWord = lazyre.New(`(?i)cancer|carcinoma|tumou?r|leuka?emi|lymphoma|myeloma|sarcoma|glioma|glioblastoma|melanoma|blastoma|neoplas|malignan|\b(?:gbm|aml|cll|all|cml|nsclc|sclc|hcc|crc|tnbc)\b`)
