package normalize

import "github.com/chemores/chemores/internal/diag"

// SchemaVersion is the version of the Annotations JSON shape.
const SchemaVersion = "1.1.0"

// Entity types.
const (
	Gene     = "gene"     // genes and their proteins (human, NCBI Gene)
	Chemical = "chemical" // drugs, chemicals, natural compounds
	Disease  = "disease"  // diseases, cancer types
	// Family (family.go): gene families and complexes ("AKT", "GST").
)

// How a mention got its entity.
const (
	ByLexicon      = "lexicon"      // an unambiguous lexicon name
	ByAbbreviation = "abbreviation" // the document's own definition
	ByOverride     = "override"     // a curated override for an ambiguous name
	ByContext      = "context"      // words around it chose among candidates
	ByModel        = "model"        // proposed by the NER model only
	// ByCoding ("protein-coding", resolve.go): the one protein-coding
	// gene among the candidates.
)

// Annotations is what the normalize stage says about one Document.
//
// Offsets (Start, End) count Unicode code points in the text of the
// paragraph named by Paragraph, like extract's citations, so mentions,
// sentences and citations line up.
type Annotations struct {
	Schema        string         `json:"schema"`
	Document      string         `json:"document"` // extract.Document.ID
	Lexicons      []LexiconInfo  `json:"lexicons"`
	Sentences     []Sentence     `json:"sentences"`
	Mentions      []Mention      `json:"mentions"`
	Entities      []Entity       `json:"entities"`
	Abbreviations []Abbreviation `json:"abbreviations"`
	// Support says which sentences each citation group backs, directly
	// or by scope (CitationScope).
	Support []Support `json:"support"`
	// Claims are the resistance relations the sentences state (claim.go).
	Claims      []Claim           `json:"claims"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"`
}

// LexiconInfo says which lexicon (and which version of it) was used.
type LexiconInfo struct {
	Name    string `json:"name"`    // "genes", "chemicals", "diseases", "overrides"
	Source  string `json:"source"`  // where its names come from
	License string `json:"license"` // of the source data
	Entries int    `json:"entries"`
	SHA256  string `json:"sha256"` // of the committed file
}

// Sentence is one sentence of a paragraph.
type Sentence struct {
	ID        string `json:"id"` // "<paragraph>.s<k>": "p3.s2"
	Paragraph string `json:"paragraph"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
}

// Mention is one occurrence of an entity name in the text.
type Mention struct {
	ID         string   `json:"id"` // "m1", "m2", ... in reading order
	Text       string   `json:"text"`
	Paragraph  string   `json:"paragraph"`
	Sentence   string   `json:"sentence"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Type       string   `json:"type"`
	Entity     string   `json:"entity"`      // Entity.ID; empty when left unresolved
	ResolvedBy string   `json:"resolved_by"` // ByLexicon, ...; empty when unresolved, "model" for NER proposals
	Candidates []string `json:"candidates"`  // entity ids considered, when there was a choice
	// Generic marks a bare "tumor", "cancer", "carcinoma": kept as a
	// mention of its entity, but too general to tie to mechanisms or to
	// be the cancer a claim is about.
	Generic bool `json:"generic,omitempty"`
}

// Entity is a normalized gene, chemical or disease.
type Entity struct {
	ID          string       `json:"id"` // CURIE of the primary identifier: "NCBIGene:5243", "MESH:D004317"
	Type        string       `json:"type"`
	Name        string       `json:"name"` // preferred name; the official symbol for genes
	FullName    string       `json:"full_name,omitempty"`
	Identifiers []Identifier `json:"identifiers"`
	Forms       []string     `json:"forms"` // surface forms seen in the document, sorted
	Mentions    int          `json:"mentions"`
	Members     []string     `json:"members,omitempty"` // a family's member genes (NCBIGene CURIEs)
}

// Identifier is one identifier of an entity in a named scheme:
// NCBIGene, HGNC, MESH, CHEBI, PUBCHEM.COMPOUND, DOID, NCIT.
type Identifier struct {
	Scheme string `json:"scheme"`
	ID     string `json:"id"`
}

// Abbreviation is a short form defined in the document, as in "copper ion
// transporter protein 1 (CTR1)".
type Abbreviation struct {
	Short     string `json:"short"`
	Long      string `json:"long"`
	Paragraph string `json:"paragraph"`
	Start     int    `json:"start"` // of the whole definition in the paragraph
	End       int    `json:"end"`
	Entity    string `json:"entity,omitempty"` // what the long form names, when known
}
