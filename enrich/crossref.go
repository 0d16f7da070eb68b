package enrich

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Work is the part of a Crossref work record that matching reads. Field
// names follow the Crossref REST API JSON format.
type Work struct {
	DOI                 string     `json:"DOI"`
	Type                string     `json:"type"`
	Subtype             string     `json:"subtype,omitempty"`
	Title               []string   `json:"title"`
	Subtitle            []string   `json:"subtitle,omitempty"`
	ContainerTitle      []string   `json:"container-title"`
	ShortContainerTitle []string   `json:"short-container-title"`
	ISSN                []string   `json:"ISSN"`
	Author              []Author   `json:"author"`
	Issued              DateParts  `json:"issued"`
	PublishedPrint      *DateParts `json:"published-print,omitempty"`
	PublishedOnline     *DateParts `json:"published-online,omitempty"`
	Volume              string     `json:"volume"`
	Issue               string     `json:"issue"`
	Page                string     `json:"page"`
	ArticleNumber       string     `json:"article-number"`
	UpdateTo            []Update   `json:"update-to,omitempty"`
	// Relation maps a relation type ("is-preprint-of", "is-comment-on")
	// to the related identifiers.
	Relation map[string][]Related `json:"relation,omitempty"`
	Score    float64              `json:"score"`
}

// Author is a Crossref contributor; Name holds an organization.
type Author struct {
	Family string `json:"family"`
	Given  string `json:"given"`
	Name   string `json:"name,omitempty"`
}

// DateParts is a Crossref partial date: [[year, month, day]].
type DateParts struct {
	Parts [][]int `json:"date-parts"`
}

// Year is the date's year, or 0.
func (d *DateParts) Year() int {
	if d == nil || len(d.Parts) == 0 || len(d.Parts[0]) == 0 {
		return 0
	}
	return d.Parts[0][0]
}

// Update is an editorial update (correction, retraction, ...) that a
// work makes to another work.
type Update struct {
	DOI   string `json:"DOI"`
	Type  string `json:"type"`
	Label string `json:"label,omitempty"`
}

// Related is one target of a relation.
type Related struct {
	IDType string `json:"id-type"`
	ID     string `json:"id"`
}

// ErrDecode marks a response that is not the JSON it should be.
var ErrDecode = errors.New("malformed response")

// envelope is Crossref's wrapper around every answer.
type envelope struct {
	Status      string          `json:"status"`
	MessageType string          `json:"message-type"`
	Message     json.RawMessage `json:"message"`
}

// DecodeWorks decodes a /works list answer into its items.
func DecodeWorks(data []byte) ([]Work, error) {
	msg, err := open(data, "work-list")
	if err != nil {
		return nil, err
	}
	var list struct {
		Items []Work `json:"items"`
	}
	if err := json.Unmarshal(msg, &list); err != nil {
		return nil, fmt.Errorf("%w: work list: %v", ErrDecode, err)
	}
	for i := range list.Items {
		if err := list.Items[i].check(); err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
	}
	return list.Items, nil
}

// DecodeWork decodes a /works/{doi} answer.
func DecodeWork(data []byte) (Work, error) {
	var w Work
	msg, err := open(data, "work")
	if err != nil {
		return w, err
	}
	if err := json.Unmarshal(msg, &w); err != nil {
		return w, fmt.Errorf("%w: work: %v", ErrDecode, err)
	}
	return w, w.check()
}

func open(data []byte, want string) (json.RawMessage, error) {
	var e envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDecode, err)
	}
	if e.Status != "ok" {
		return nil, fmt.Errorf("%w: status %q", ErrDecode, e.Status)
	}
	if e.MessageType != "" && e.MessageType != want {
		return nil, fmt.Errorf("%w: message-type %q, want %q", ErrDecode, e.MessageType, want)
	}
	if len(e.Message) == 0 || string(e.Message) == "null" {
		return nil, fmt.Errorf("%w: no message", ErrDecode)
	}
	return e.Message, nil
}

func (w *Work) check() error {
	if !strings.HasPrefix(w.DOI, "10.") {
		return fmt.Errorf("%w: DOI %q", ErrDecode, w.DOI)
	}
	return nil
}

// title is the work's main title with its subtitle, as one string.
func (w *Work) title() string {
	if len(w.Title) == 0 {
		return ""
	}
	t := w.Title[0]
	if len(w.Subtitle) > 0 && w.Subtitle[0] != "" {
		t += ": " + w.Subtitle[0]
	}
	return t
}

func (w *Work) journal() string {
	if len(w.ContainerTitle) > 0 {
		return w.ContainerTitle[0]
	}
	if len(w.ShortContainerTitle) > 0 {
		return w.ShortContainerTitle[0]
	}
	return ""
}

// years are the years a reference may print for the work: the issue
// (print) year and the online year.
func (w *Work) years() []int {
	var ys []int
	for _, d := range []*DateParts{&w.Issued, w.PublishedPrint, w.PublishedOnline} {
		if y := d.Year(); y != 0 {
			ys = append(ys, y)
		}
	}
	return ys
}

// year is the year shown for the work: print year first.
func (w *Work) year() int {
	if y := w.PublishedPrint.Year(); y != 0 {
		return y
	}
	return w.Issued.Year()
}
