package extract

import "github.com/chemores/chemores/internal/diag"

// SchemaVersion is the version of the Document JSON shape. It changes
// when a field is renamed or removed, not when one is added.
const SchemaVersion = "1.0.0"

// Document is everything the extract stage recovers from one source.
//
// Offsets: Start/End pairs on paragraphs' children (citations, figure
// calls) count Unicode code points in the paragraph's Text, so that
// text[start:end] works in Python and in a browser after Array.from.
// Src spans count bytes in the source file (or are zero for PDF input,
// where the file has no character offsets, and for JATS input, whose
// text is rebuilt from the markup).
type Document struct {
	Schema      string       `json:"schema"`
	ID          string       `json:"id"`
	Source      Source       `json:"source"`
	Front       Front        `json:"front"`
	Sections    []*Section   `json:"sections"`
	Paragraphs  []Paragraph  `json:"paragraphs"`
	Figures     []Figure     `json:"figures"`
	FigureCalls []FigureCall `json:"figure_calls"`
	Citations   []Citation   `json:"citations"`
	References  []Reference  `json:"references"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Source identifies the input file the document came from.
type Source struct {
	Path   string `json:"path"`   // as given, slash-separated, relative when possible
	Format string `json:"format"` // "text", "pdf" or "jats"
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
	Pages  int    `json:"pages,omitempty"` // PDF only
}

// Front is the article's front matter.
type Front struct {
	Title          string          `json:"title"`
	Journal        string          `json:"journal,omitempty"`
	DOI            string          `json:"doi,omitempty"`
	PMID           string          `json:"pmid,omitempty"`  // PubMed id, where the source states it (JATS)
	PMCID          string          `json:"pmcid,omitempty"` // "PMC" and digits, likewise
	Authors        []Author        `json:"authors"`
	Affiliations   []Affiliation   `json:"affiliations"`
	Correspondence *Correspondence `json:"correspondence,omitempty"`
	Received       string          `json:"received,omitempty"` // ISO 8601 date
	Accepted       string          `json:"accepted,omitempty"`
	Published      string          `json:"published,omitempty"`
	Keywords       []string        `json:"keywords"`
	Abstract       string          `json:"abstract,omitempty"`
	Funding        []Funding       `json:"funding"`
	License        string          `json:"license,omitempty"` // the licence's URL (or text) as the source states it
}

// Author is one author of the article, in byline order.
type Author struct {
	Name          string   `json:"name"` // as printed, case fixed
	Given         string   `json:"given,omitempty"`
	Family        string   `json:"family,omitempty"`
	Affiliations  []string `json:"affiliations"` // affiliation labels ("1", "a")
	EqualContrib  bool     `json:"equal_contribution,omitempty"`
	Corresponding bool     `json:"corresponding,omitempty"`
	Email         string   `json:"email,omitempty"`
}

// Affiliation is one numbered (or lettered) affiliation.
type Affiliation struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// Correspondence is the corresponding author's contact as printed.
type Correspondence struct {
	Name    string `json:"name"`
	Address string `json:"address,omitempty"`
	Email   string `json:"email,omitempty"`
}

// Funding is one funder with the grant numbers printed for it.
type Funding struct {
	Funder string   `json:"funder"`
	Grants []string `json:"grants"`
}

// Section kinds.
const (
	KindBody     = "body"     // numbered or unnumbered body section
	KindRunIn    = "run_in"   // run-in heading at the start of a paragraph
	KindBack     = "back"     // back matter: acknowledgements, funding, ...
	KindAbstract = "abstract" // the abstract
)

// Section is a node of the section tree. Run-in subsections are children
// of the numbered section they appear in.
type Section struct {
	ID       string     `json:"id"`     // stable path id: "s3", "s3.2", "back-funding"
	Number   string     `json:"number"` // as printed ("3", "3.1"); empty when unnumbered
	Title    string     `json:"title"`
	Kind     string     `json:"kind"`
	Children []*Section `json:"children"`
}

// Paragraph is one paragraph of body, abstract or back-matter text,
// rejoined across page and column breaks, with markup turned into text.
type Paragraph struct {
	ID      string `json:"id"`      // "p1", "p2", ... in reading order
	Section string `json:"section"` // Section.ID
	Text    string `json:"text"`
	// Kind is empty for running text; JATS input also gives the captions
	// of figures and tables ("caption") and the rows of tables ("table")
	// as paragraphs, so that their text and callouts are read.
	Kind string `json:"kind,omitempty"`
	// Src is the [start, end) byte span in the source file; a paragraph
	// rejoined across a page break spans the material in between too.
	Src [2]int `json:"src"`
	// Align maps text offsets back to source offsets: each pair is
	// [code point offset in Text, byte offset in the source], one at every
	// point where the two stop moving in step. See SourceOffset.
	Align [][2]int `json:"align,omitempty"`
}

// Figure is a figure (or table) with its caption.
type Figure struct {
	N         int    `json:"n"`
	Kind      string `json:"kind"`  // "figure" or "table"
	Label     string `json:"label"` // "Figure 1"
	Title     string `json:"title"` // the caption's first sentence
	Caption   string `json:"caption"`
	Section   string `json:"section,omitempty"`   // section whose text surrounds it
	Paragraph string `json:"paragraph,omitempty"` // paragraph it interrupted or follows
}

// FigureCall is a reference to figures in the text, such as "(Fig. 3)".
type FigureCall struct {
	Paragraph string `json:"paragraph"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	Kind      string `json:"kind"` // "figure" or "table"
	Figures   []int  `json:"figures"`
}

// Citation styles.
const (
	StyleParen       = "paren"       // (12) (3,5-7)
	StyleBracket     = "bracket"     // [12] [3,5-7]
	StyleSuperscript = "superscript" // ¹²  ^{1,2}
)

// Citation is one in-text citation group, ranges expanded.
type Citation struct {
	ID        string `json:"id"` // "c1", "c2", ... in reading order
	Paragraph string `json:"paragraph"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"` // as it reads in the paragraph text
	Style     string `json:"style"`
	Refs      []int  `json:"refs"`
}

// Reference is one entry of the reference list, parsed into fields.
// Fields hold what is printed; nothing is looked up here.
type Reference struct {
	N         int      `json:"n"`
	Raw       string   `json:"raw"` // the entry as printed, markup removed
	Authors   []Person `json:"authors"`
	EtAl      bool     `json:"et_al"`
	Title     string   `json:"title"`
	Journal   string   `json:"journal"`
	Volume    string   `json:"volume"`
	Issue     string   `json:"issue"`
	Pages     string   `json:"pages"` // as printed
	FirstPage string   `json:"first_page"`
	LastPage  string   `json:"last_page"`
	Year      int      `json:"year"`
	DOI       string   `json:"doi"`
	PMID      string   `json:"pmid"`
	PMCID     string   `json:"pmcid,omitempty"` // "PMC" and digits, where the source states it
	Src       [2]int   `json:"src"`
}

// Person is a reference author.
type Person struct {
	Family   string `json:"family"`
	Initials string `json:"initials"`
	Suffix   string `json:"suffix,omitempty"`
}

// Diagnostic levels.
const (
	Warning = diag.Warning
	Info    = diag.Info
)

// Diagnostic is a problem found in the data: not fatal, kept with it.
type Diagnostic = diag.Diagnostic
