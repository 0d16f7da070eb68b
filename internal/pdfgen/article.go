package main

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/extract"
)

// article is a text source cut into the parts a typesetter places
// differently.
type article struct {
	title    string
	byline   string
	affils   []string // one per line of the source
	dates    []string // "Received ...", "DOI: ..."
	abstract []para   // the first may open with "Abstract." run in
	contents []string // table of contents lines, after a "Contents" label
	notes    []string // first-page footnotes: correspondence, e-mail, key words
	body     []elem
	refTitle string
	refs     []string // entries, number included
}

type elemKind int

const (
	elemPara elemKind = iota
	elemHeading
	elemCaption
)

type elem struct {
	kind  elemKind
	text  string
	runIn string // a paragraph's run-in heading, printed bold
}

type para = elem

var (
	numberedHeading = regexp.MustCompile(`^\d{1,2}(\.\d{1,2})*\.?\s+\p{Lu}`)
	captionLabel    = regexp.MustCompile(`^(?i:figure|fig\.|table)\s*\d+[.:|]`)
	frontNote       = regexp.MustCompile(`(?i)^(\*?\s*correspondence|\*?\s*corresponding author|e-?mail|\*\s*contributed equally|\*\s*these authors|key\s*words|keywords)`)
	dateLine        = regexp.MustCompile(`(?i)^(received|accepted|published|doi\s*:)`)
	refEntry        = regexp.MustCompile(`^\s*\[?\d{1,4}[.)\]]?\s`)
	markStart       = regexp.MustCompile(`^(\^\{|[¹²³⁴⁵⁶⁷⁸⁹⁰])`)
)

// parseArticle classifies the blocks of a text source. runIns are the
// run-in headings the extract stage found in the same text: the
// typesetter sets them bold.
func parseArticle(src string, runIns []string) *article {
	a := &article{}
	var blocks []string
	for _, b := range extract.TextBlocks(src) {
		if strings.TrimSpace(b.Text) != "" {
			blocks = append(blocks, strings.TrimSpace(b.Text))
		}
	}
	inBody, inRefs, inAbstract := false, false, false
	for i, b := range blocks {
		first := strings.SplitN(b, "\n", 2)[0]
		switch {
		case i == 0:
			a.title = oneLine(b)
		case inRefs:
			for _, l := range strings.Split(b, "\n") {
				if l = strings.TrimSpace(l); l == "" {
					continue
				}
				if refEntry.MatchString(l) || len(a.refs) == 0 {
					a.refs = append(a.refs, l)
				} else {
					a.refs[len(a.refs)-1] += " " + l
				}
			}
		case frontNote.MatchString(b):
			a.notes = append(a.notes, oneLine(b))
		case !inBody && a.byline == "" && i == 1:
			a.byline = oneLine(b)
		case !inBody && markStart.MatchString(b):
			for _, l := range strings.Split(b, "\n") {
				a.affils = append(a.affils, strings.TrimSpace(l))
			}
		case !inBody && dateLine.MatchString(b):
			a.dates = append(a.dates, oneLine(b))
		case !inBody && strings.EqualFold(first, "contents"):
			a.contents = []string{}
			inAbstract = false
		case !inBody && a.contents != nil && len(a.contents) == 0 && strings.Contains(b, "\n"):
			a.contents = strings.Split(b, "\n")
		case !inBody && strings.EqualFold(strings.TrimRight(b, ".: "), "abstract"):
			inAbstract = true
		case !inBody && (strings.HasPrefix(strings.ToLower(b), "abstract") || inAbstract) && !isHeading(b, blocks, i):
			a.abstract = append(a.abstract, para{kind: elemPara, text: oneLine(b)})
		case isHeading(b, blocks, i):
			inBody, inAbstract = true, false
			key := strings.ToLower(strings.TrimRight(b, ".: "))
			if key == "references" || key == "bibliography" {
				inRefs = true
				a.refTitle = b
				continue
			}
			a.body = append(a.body, elem{kind: elemHeading, text: b})
		case captionLabel.MatchString(b):
			a.body = append(a.body, elem{kind: elemCaption, text: oneLine(b)})
		default:
			inBody = true
			text := oneLine(b)
			// A paragraph the source's page break cut in two is one
			// paragraph to the typesetter.
			if k := lastPara(a.body); k >= 0 && continuesPara(a.body[k].text, text) {
				a.body[k].text += " " + text
				continue
			}
			e := elem{kind: elemPara, text: text}
			for _, t := range runIns {
				if strings.HasPrefix(extract.CleanText(text), t+".") || strings.HasPrefix(extract.CleanText(text), t+"?") {
					e.runIn = t
				}
			}
			a.body = append(a.body, e)
		}
	}
	return a
}

// lastPara is the last paragraph of the body, if nothing but captions
// follows it.
func lastPara(body []elem) int {
	for k := len(body) - 1; k >= 0; k-- {
		switch body[k].kind {
		case elemPara:
			return k
		case elemHeading:
			return -1
		}
	}
	return -1
}

func continuesPara(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) {
		return true
	}
	p := strings.TrimRight(prev, "\"'’”)]")
	last, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(".?!:", last)
}

// isHeading: a one-line block that reads as a title (numbered, or short
// with no sentence-final period) and is followed by more text.
func isHeading(b string, blocks []string, i int) bool {
	if strings.Contains(b, "\n") || i+1 >= len(blocks) {
		return false
	}
	words := strings.Fields(b)
	if len(words) == 0 || len(words) > 16 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(b)
	if strings.ContainsRune(".,;", last) && !strings.EqualFold(b, "References.") {
		return false
	}
	if numberedHeading.MatchString(b) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(b)
	return len(words) <= 8 && unicode.IsUpper(first) && !captionLabel.MatchString(b)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
