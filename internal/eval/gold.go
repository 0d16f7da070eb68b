package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"github.com/chemores/chemores/extract"
)

// Gold is an article's gold.json: what its JATS says.
type Gold struct {
	DOI         string         `json:"doi"`
	Title       string         `json:"title"`
	Journal     string         `json:"journal"`
	References  []GoldRef      `json:"references"`
	NCitations  int            `json:"n_citations"`
	Links       map[string]int `json:"links"` // reference n -> times cited in the body
	Sections    []string       `json:"sections"`
	linksByN    map[int]int
	linksParsed bool
}

// GoldRef is one reference of the gold list. Fields the JATS does not
// give are empty and not scored.
type GoldRef struct {
	N         int          `json:"n"`
	Label     string       `json:"label"`
	Authors   []GoldAuthor `json:"authors"`
	Title     string       `json:"title"`
	Journal   string       `json:"journal"`
	Year      string       `json:"year"`
	Volume    string       `json:"volume"`
	Issue     string       `json:"issue"`
	FirstPage string       `json:"first_page"`
	LastPage  string       `json:"last_page"`
	DOI       string       `json:"doi"`
	PMID      string       `json:"pmid"`
	Raw       string       `json:"raw"`
}

// GoldAuthor is a reference author; a family name "et al." marks a list
// the JATS cut short.
type GoldAuthor struct {
	Family   string `json:"family"`
	Initials string `json:"initials"`
}

// LoadGold reads a gold.json file.
func LoadGold(path string) (*Gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if _, err := g.links(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &g, nil
}

// links returns the gold link counts keyed by reference number.
func (g *Gold) links() (map[int]int, error) {
	if g.linksParsed {
		return g.linksByN, nil
	}
	m := make(map[int]int, len(g.Links))
	for k, v := range g.Links {
		n, err := strconv.Atoi(k)
		if err != nil {
			return nil, fmt.Errorf("links: key %q is not a reference number", k)
		}
		m[n] = v
	}
	g.linksByN, g.linksParsed = m, true
	return m, nil
}

// GoldOf turns a Document into a Gold, so that two extractions of one
// article (its PDF and its JATS) can be scored against each other: the
// agreement that needs no gold at all.
func GoldOf(doc *extract.Document) *Gold {
	g := &Gold{DOI: doc.Front.DOI, Title: doc.Front.Title, Journal: doc.Front.Journal}
	for _, r := range doc.References {
		gr := GoldRef{
			N: r.N, Title: r.Title, Journal: r.Journal, Volume: r.Volume, Issue: r.Issue,
			FirstPage: r.FirstPage, LastPage: r.LastPage, DOI: r.DOI, PMID: r.PMID, Raw: r.Raw,
		}
		if r.Year > 0 {
			gr.Year = strconv.Itoa(r.Year)
		}
		for _, a := range r.Authors {
			gr.Authors = append(gr.Authors, GoldAuthor{Family: a.Family, Initials: a.Initials})
		}
		if r.EtAl {
			gr.Authors = append(gr.Authors, GoldAuthor{Family: "et al."})
		}
		g.References = append(g.References, gr)
	}
	g.linksByN = citedCounts(doc)
	g.linksParsed = true
	g.Links = map[string]int{}
	for n, c := range g.linksByN {
		g.Links[strconv.Itoa(n)] = c
		g.NCitations += c
	}
	return g
}

// citedCounts counts, for each reference number, the citation groups
// that cite it (a group citing a reference twice counts once).
func citedCounts(doc *extract.Document) map[int]int {
	m := map[int]int{}
	for _, c := range doc.Citations {
		seen := map[int]bool{}
		for _, n := range c.Refs {
			if !seen[n] {
				seen[n] = true
				m[n]++
			}
		}
	}
	return m
}
