package enrich

// SchemaVersion is the version of the Links JSON shape.
const SchemaVersion = "1.0.0"

// Statuses of a reference's DOI lookup.
const (
	Matched    = "matched"    // one candidate agreed, with a margin over the rest
	Ambiguous  = "ambiguous"  // candidates too close, or sources disagree
	NotFound   = "not_found"  // nothing close enough
	Error      = "error"      // the lookup failed (network, server)
	Unresolved = "unresolved" // not looked up yet: no cached response
)

// Links is what the enrich stage adds to one Document's references.
type Links struct {
	Schema     string `json:"schema"`
	Document   string `json:"document"`   // extract.Document.ID
	References []Link `json:"references"` // one per extract.Reference, in the same order
}

// Link is the DOI (and PMID) found for one reference, with the evidence.
type Link struct {
	N             int           `json:"n"` // extract.Reference.N
	Status        string        `json:"status"`
	DOI           string        `json:"doi"`
	PMID          string        `json:"pmid"`
	Score         float64       `json:"score"`  // confidence, 0 to 1
	Reason        string        `json:"reason"` // one line on why this status
	Agreed        []string      `json:"agreed"` // fields that agreed: title, author, year, volume, page, journal
	Disagreed     []string      `json:"disagreed"`
	Discrepancies []Discrepancy `json:"discrepancies"` // where the printed reference differs from the record
	Candidates    []Candidate   `json:"candidates"`    // best first
	Sources       []string      `json:"sources"`       // "crossref", "ncbi", "printed"
}

// Discrepancy is a field where a confidently matched record differs
// from what the review printed: errors in the reference list.
type Discrepancy struct {
	Field      string `json:"field"`
	Printed    string `json:"printed"`
	Registered string `json:"registered"`
}

// Candidate is a record considered for a reference.
type Candidate struct {
	DOI     string  `json:"doi"`
	Title   string  `json:"title"`
	Type    string  `json:"type"`
	Journal string  `json:"journal"`
	Year    int     `json:"year"`
	Score   float64 `json:"score"`
}
