package publish

// APIVersion is the semantic version of the static JSON API's shape
// (files under api/v1/). The major number is in the path; it changes when
// a field is renamed or removed, the minor when one is added.
const APIVersion = "1.3.0"

// The types below are the API's files, one type per kind of file; the
// JSON Schemas in schemas/ describe the same shapes and tests hold the two
// together. Arrays are never null: an empty list is [].

// Index is api/v1/index.json.
type Index struct {
	Name          string            `json:"name"`
	Title         string            `json:"title"`
	Description   string            `json:"description"`
	Release       string            `json:"release"`
	Created       string            `json:"created"`
	APIVersion    string            `json:"api_version"`
	SchemaVersion int               `json:"database_schema_version"`
	Counts        Counts            `json:"counts"`
	Links         map[string]string `json:"links"`
	Documents     []DocumentRef     `json:"documents"`
	Files         []FileKind        `json:"files"`
	Dataset       map[string]any    `json:"dataset"` // schema.org Dataset, JSON-LD
}

// Counts are the sizes of the release.
type Counts struct {
	Documents         int `json:"documents"`
	Sections          int `json:"sections"`
	Paragraphs        int `json:"paragraphs"`
	Sentences         int `json:"sentences"`
	Figures           int `json:"figures"`
	Citations         int `json:"citations"`
	References        int `json:"references"`  // reference-list entries
	CitedWorks        int `json:"cited_works"` // distinct cited papers
	DOIs              int `json:"dois"`        // distinct DOIs
	Entities          int `json:"entities"`    // all types
	Genes             int `json:"genes"`
	Chemicals         int `json:"chemicals"`
	Diseases          int `json:"diseases"`
	Mentions          int `json:"mentions"` // all, resolved or not
	ResolvedMentions  int `json:"resolved_mentions"`
	Abbreviations     int `json:"abbreviations"`
	Mechanisms        int `json:"mechanisms"`         // in the vocabulary
	MatchedMechanisms int `json:"matched_mechanisms"` // with at least one section
	Claims            int `json:"claims"`             // resistance claims
	Diagnostics       int `json:"diagnostics"`
}

// DocumentRef is a document in lists.
type DocumentRef struct {
	ID    string `json:"id"`
	DOI   string `json:"doi"`
	Title string `json:"title"`
	Href  string `json:"href"`
}

// Document is api/v1/documents/<id>.json: the structured full text.
type Document struct {
	ID            string         `json:"id"`
	DOI           string         `json:"doi"`
	Title         string         `json:"title"`
	Journal       string         `json:"journal"`
	Received      string         `json:"received"`
	Accepted      string         `json:"accepted"`
	Published     string         `json:"published"`
	Keywords      []string       `json:"keywords"`
	Abstract      string         `json:"abstract"`
	Authors       []DocAuthor    `json:"authors"`
	Affiliations  []DocAffil     `json:"affiliations"`
	Funding       []DocFunding   `json:"funding"`
	Source        DocSource      `json:"source"`
	License       DocLicense     `json:"license"`   // of the text, and where it was found
	FullText      bool           `json:"full_text"` // false: built without the text (empty strings)
	Stages        DocStages      `json:"stages"`
	Sections      []DocSection   `json:"sections"`
	Paragraphs    []DocParagraph `json:"paragraphs"`
	Figures       []DocFigure    `json:"figures"`
	References    []ReferenceRef `json:"references"`
	Abbreviations []DocAbbrev    `json:"abbreviations"`
	Diagnostics   []Diagnostic   `json:"diagnostics"`
}

type DocAuthor struct {
	Name              string   `json:"name"`
	Given             string   `json:"given"`
	Family            string   `json:"family"`
	Affiliations      []string `json:"affiliations"`
	Corresponding     bool     `json:"corresponding"`
	EqualContribution bool     `json:"equal_contribution"`
	Email             string   `json:"email"`
}

type DocAffil struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

type DocFunding struct {
	Funder string   `json:"funder"`
	Grants []string `json:"grants"`
}

type DocSource struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// DocStages gives the schema version of each stage's output, or null
// when that stage's output was missing.
type DocStages struct {
	Extract   string  `json:"extract"`
	Normalize *string `json:"normalize"`
	Enrich    *string `json:"enrich"`
}

type DocSection struct {
	ID         string   `json:"id"`
	Parent     *string  `json:"parent"`
	Depth      int      `json:"depth"`
	Number     string   `json:"number"`
	Title      string   `json:"title"`
	Kind       string   `json:"kind"`
	Mechanisms []string `json:"mechanisms"`
	Paragraphs []string `json:"paragraphs"`
}

type DocParagraph struct {
	ID        string        `json:"id"`
	Section   string        `json:"section"`
	Text      string        `json:"text"`
	Sentences []DocSentence `json:"sentences"`
	Citations []DocCitation `json:"citations"`
	Mentions  []DocMention  `json:"mentions"`
}

type DocSentence struct {
	ID    string `json:"id"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type DocCitation struct {
	ID         string     `json:"id"`
	Start      int        `json:"start"`
	End        int        `json:"end"`
	Text       string     `json:"text"`
	Style      string     `json:"style"`
	Sentence   *string    `json:"sentence"`
	References []CitedRef `json:"references"`
}

// CitedRef is a reference as cited somewhere: its number in the citing
// document's list, its id, and its DOI.
type CitedRef struct {
	N         int    `json:"n"`
	ID        string `json:"id"`
	DOI       string `json:"doi"`
	DOIStatus string `json:"doi_status"`
	Scope     string `json:"scope,omitempty"` // direct or inferred, for a sentence's references
}

type DocMention struct {
	ID       string  `json:"id"`
	Start    int     `json:"start"`
	End      int     `json:"end"`
	Text     string  `json:"text"`
	Type     string  `json:"type"`
	Entity   *string `json:"entity"`
	Sentence *string `json:"sentence"`
}

type DocFigure struct {
	Kind      string `json:"kind"`
	N         int    `json:"n"`
	Label     string `json:"label"`
	Title     string `json:"title"`
	Caption   string `json:"caption"`
	Section   string `json:"section"`
	Paragraph string `json:"paragraph"`
}

type DocAbbrev struct {
	Short     string  `json:"short"`
	Long      string  `json:"long"`
	Paragraph string  `json:"paragraph"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Entity    *string `json:"entity"`
}

// ReferenceRef is a reference-list entry in a document's list.
type ReferenceRef struct {
	N         int     `json:"n"`
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Journal   string  `json:"journal"`
	Year      *int    `json:"year"`
	DOI       string  `json:"doi"`
	DOIStatus string  `json:"doi_status"`
	DOIScore  float64 `json:"doi_score"`
	Href      string  `json:"href"`
}

// ReferenceList is api/v1/references.json.
type ReferenceList struct {
	Items []ReferenceItem `json:"items"`
}

// ReferenceItem is a cited work: N, Document and the bibliographic fields
// are those of its first entry (first document by id); CitedIn lists every
// entry that cites it.
type ReferenceItem struct {
	ID        string    `json:"id"`
	N         int       `json:"n"`
	Document  string    `json:"document"`
	Title     string    `json:"title"`
	Journal   string    `json:"journal"`
	Year      *int      `json:"year"`
	DOI       string    `json:"doi"`
	DOIStatus string    `json:"doi_status"`
	DOIScore  float64   `json:"doi_score"`
	DOISource string    `json:"doi_source"` // deposited, search, printed, curated; "" without a DOI
	PMID      string    `json:"pmid"`
	CitedIn   []CitedIn `json:"cited_in"`
	Href      string    `json:"href"`
}

// CitedIn is one reference-list entry citing a work, and where it is cited.
type CitedIn struct {
	Document  string   `json:"document"`
	N         int      `json:"n"`
	Citations int      `json:"citations"`
	Sentences []string `json:"sentences"`
	Sections  []string `json:"sections"`
}

// Reference is api/v1/references/<id>.json.
type Reference struct {
	ID            string           `json:"id"`
	N             int              `json:"n"`
	Document      string           `json:"document"`
	Raw           string           `json:"raw"`
	Authors       []RefAuthor      `json:"authors"`
	EtAl          bool             `json:"et_al"`
	Title         string           `json:"title"`
	Journal       string           `json:"journal"`
	Year          *int             `json:"year"`
	Volume        string           `json:"volume"`
	Issue         string           `json:"issue"`
	Pages         string           `json:"pages"`
	DOI           string           `json:"doi"`
	DOIStatus     string           `json:"doi_status"`
	DOIScore      float64          `json:"doi_score"`
	DOIReason     string           `json:"doi_reason"`
	DOISource     string           `json:"doi_source"`
	DOIEvidence   []RefEvidence    `json:"doi_evidence"` // each source's answer
	PMID          string           `json:"pmid"`
	Agreed        []string         `json:"agreed"`
	Disagreed     []string         `json:"disagreed"`
	Discrepancies []RefDiscrepancy `json:"discrepancies"`
	Candidates    []RefCandidate   `json:"candidates"`
	Mechanisms    []string         `json:"mechanisms"`
	Entities      []EntityRef      `json:"entities"` // mentioned in the sentences that cite it
	CitedIn       []CitedInFull    `json:"cited_in"`
}

type RefAuthor struct {
	Family   string `json:"family"`
	Initials string `json:"initials"`
	Suffix   string `json:"suffix"`
}

type RefDiscrepancy struct {
	Field      string `json:"field"`
	Printed    string `json:"printed"`
	Registered string `json:"registered"`
}

// RefEvidence is one source's answer for a reference's DOI.
type RefEvidence struct {
	Source string  `json:"source"`
	DOI    string  `json:"doi"`
	PMID   string  `json:"pmid"`
	Score  float64 `json:"score"`
	Agrees bool    `json:"agrees"`
	Detail string  `json:"detail"`
	URL    string  `json:"url"`
}

type RefCandidate struct {
	DOI     string  `json:"doi"`
	Title   string  `json:"title"`
	Type    string  `json:"type"`
	Journal string  `json:"journal"`
	Year    *int    `json:"year"`
	Score   float64 `json:"score"`
}

// CitedInFull is one citing entry with every citation group and sentence.
type CitedInFull struct {
	Document  string   `json:"document"`
	N         int      `json:"n"`
	DOIStatus string   `json:"doi_status"`
	Citations []Citing `json:"citations"`
}

// Citing is one citation group that cites the reference, with its sentence.
type Citing struct {
	ID        string    `json:"id"`
	Paragraph string    `json:"paragraph"`
	Section   string    `json:"section"`
	Text      string    `json:"text"`
	Sentence  *Sentence `json:"sentence"`
}

// Sentence is a sentence quoted in full.
type Sentence struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// EntityRef is an entity in lists.
type EntityRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
	Href string `json:"href"`
}

// EntityList is api/v1/entities.json.
type EntityList struct {
	Items []EntityItem `json:"items"`
}

type EntityItem struct {
	ID          string       `json:"id"`
	Type        string       `json:"type"`
	Name        string       `json:"name"`
	FullName    string       `json:"full_name"`
	Identifiers []Identifier `json:"identifiers"`
	Mentions    int          `json:"mentions"`
	Sentences   int          `json:"sentences"`
	Documents   []string     `json:"documents"`
	Mechanisms  []string     `json:"mechanisms"`
	Href        string       `json:"href"`
}

type Identifier struct {
	Scheme string `json:"scheme"`
	ID     string `json:"id"`
	URL    string `json:"url"`
}

// Entity is api/v1/entities/<type>/<slug>.json.
type Entity struct {
	ID            string          `json:"id"`
	Type          string          `json:"type"`
	Name          string          `json:"name"`
	FullName      string          `json:"full_name"`
	Identifiers   []Identifier    `json:"identifiers"`
	Forms         []string        `json:"forms"`
	Documents     []string        `json:"documents"`
	Mechanisms    []string        `json:"mechanisms"`
	Abbreviations []EntityAbbrev  `json:"abbreviations"`
	Mentions      []EntityMention `json:"mentions"`
	References    []EntityCited   `json:"references"`
}

type EntityAbbrev struct {
	Document string `json:"document"`
	Short    string `json:"short"`
	Long     string `json:"long"`
}

// EntityMention is one mention with its sentence and what that sentence cites.
type EntityMention struct {
	Document   string     `json:"document"`
	ID         string     `json:"id"`
	Text       string     `json:"text"`
	Paragraph  string     `json:"paragraph"`
	Section    string     `json:"section"`
	Start      int        `json:"start"`
	End        int        `json:"end"`
	ResolvedBy string     `json:"resolved_by"`
	Sentence   *Sentence  `json:"sentence"`
	References []CitedRef `json:"references"`
}

// EntityCited is a reference cited in sentences that mention the entity.
type EntityCited struct {
	ID        string `json:"id"`
	Document  string `json:"document"`
	N         int    `json:"n"`
	Title     string `json:"title"`
	Year      *int   `json:"year"`
	DOI       string `json:"doi"`
	DOIStatus string `json:"doi_status"`
	Sentences int    `json:"sentences"`
	Href      string `json:"href"`
}

// MechanismList is api/v1/mechanisms.json.
type MechanismList struct {
	Items []MechanismItem `json:"items"`
}

type MechanismItem struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Sections    int    `json:"sections"`
	Entities    int    `json:"entities"`
	References  int    `json:"references"`
	Href        string `json:"href"`
}

// MechanismFile is api/v1/mechanisms/<slug>.json.
type MechanismFile struct {
	Slug        string          `json:"slug"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Patterns    []string        `json:"patterns"`
	Sections    []MechSection   `json:"sections"`
	Entities    []MechEntity    `json:"entities"`
	References  []MechReference `json:"references"`
}

type MechSection struct {
	Document  string `json:"document"`
	ID        string `json:"id"`
	Number    string `json:"number"`
	Title     string `json:"title"`
	Pattern   string `json:"pattern"`
	MatchedOn string `json:"matched_on"`
}

type MechEntity struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"`
	Name      string   `json:"name"`
	Mentions  int      `json:"mentions"`  // claims that tie it to the mechanism
	Sentences []string `json:"sentences"` // "<document> <sentence id>" of those claims
	Href      string   `json:"href"`
}

type MechReference struct {
	ID        string `json:"id"`
	Document  string `json:"document"`
	N         int    `json:"n"`
	Title     string `json:"title"`
	Year      *int   `json:"year"`
	DOI       string `json:"doi"`
	DOIStatus string `json:"doi_status"`
	Citations int    `json:"citations"`
	Href      string `json:"href"`
}
