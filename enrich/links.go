package enrich

// SchemaVersion is the version of the Links JSON shape. 1.1.0 added the
// deposit summary and, per reference, the DOI's source and evidence.
const SchemaVersion = "1.1.0"

// Statuses of a reference's DOI lookup.
const (
	Matched    = "matched"    // one candidate agreed, with a margin over the rest
	Ambiguous  = "ambiguous"  // candidates too close, or sources disagree
	NotFound   = "not_found"  // nothing close enough
	Error      = "error"      // the lookup failed (network, server)
	Unresolved = "unresolved" // not looked up yet: no cached response
)

// Sources of a DOI (Link.Source, Evidence.Source).
const (
	SourceDeposited = "deposited" // the review's reference list as deposited with Crossref
	SourceSearch    = "search"    // a Crossref bibliographic search, scored field by field
	SourcePrinted   = "printed"   // the DOI printed in the reference, its record agreeing
	SourceCurated   = "curated"   // seeds/evidence/<doc>.tsv: read by a person on a public page
	SourcePubMed    = "pubmed"    // PubMed's second opinion (ECitMatch, ESummary)
)

// Links is what the enrich stage adds to one Document's references.
type Links struct {
	Schema     string      `json:"schema"`
	Document   string      `json:"document"` // extract.Document.ID
	Deposit    DepositInfo `json:"deposit"`
	References []Link      `json:"references"` // one per extract.Reference, in the same order
}

// Link is the DOI (and PMID) found for one reference, with the evidence.
type Link struct {
	N      int     `json:"n"` // extract.Reference.N
	Status string  `json:"status"`
	DOI    string  `json:"doi"`
	PMID   string  `json:"pmid"`
	Score  float64 `json:"score"` // confidence, 0 to 1
	// Source is where the DOI came from: deposited, search, printed or
	// curated; "" without a DOI.
	Source        string        `json:"source"`
	Reason        string        `json:"reason"` // one line on why this status
	Agreed        []string      `json:"agreed"` // fields that agreed: title, author, year, volume, page, journal
	Disagreed     []string      `json:"disagreed"`
	Discrepancies []Discrepancy `json:"discrepancies"` // where the printed reference differs from the record
	Candidates    []Candidate   `json:"candidates"`    // best first
	Sources       []string      `json:"sources"`       // every source consulted that gave an answer
	// Evidence is each source's answer: the DOI it gave and whether that
	// is the DOI published. Sources that agree raise the score; when
	// they disagree the stronger wins and the other is a discrepancy
	// ("doi-<source>").
	Evidence []Evidence `json:"evidence"`
}

// Discrepancy is a field where a confidently matched record differs
// from what the review printed: errors in the reference list. Fields
// named doi-<source> are DOIs that source gave and that lost to a
// stronger one: Printed holds the losing DOI, Registered the published.
type Discrepancy struct {
	Field      string `json:"field"`
	Printed    string `json:"printed"`
	Registered string `json:"registered"`
}

// Discrepancy fields for DOIs that lost.
const (
	FieldDeposited = "doi-deposited"
	FieldCurated   = "doi-curated"
	FieldSearch    = "doi-search"
)

// Candidate is a record considered for a reference.
type Candidate struct {
	DOI     string  `json:"doi"`
	Title   string  `json:"title"`
	Type    string  `json:"type"`
	Journal string  `json:"journal"`
	Year    int     `json:"year"`
	Score   float64 `json:"score"`
}

// Evidence is one source's answer for a reference.
type Evidence struct {
	Source string  `json:"source"` // deposited, search, printed, curated, pubmed
	DOI    string  `json:"doi"`    // "" when the source gave a PMID only
	PMID   string  `json:"pmid,omitempty"`
	Score  float64 `json:"score"`  // that source's confidence alone; 0 when it does not count
	Agrees bool    `json:"agrees"` // it gives the DOI published
	Detail string  `json:"detail"`
	URL    string  `json:"url,omitempty"` // curated: the page read
}
