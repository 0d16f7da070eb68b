package extract

import (
	"strings"

	"github.com/chemores/chemores/internal/lazyre"
)

var (
	// grantID: a token with a digit, four characters or more, as printed
	// inside the brackets after a funder: "2023JJ50135", "81972345",
	// "R01 CA123456", "(2023)233".
	grantID     = lazyre.New(`[A-Za-z0-9(][A-Za-z0-9()/._-]*\d[A-Za-z0-9()/._-]*(?:\s[A-Z]{1,3}\d{3,})?`)
	grantLabel  = lazyre.New(`(?i)\b(?:grant|project|award|contract)?\s*(?:nos?\.|numbers?|no)\s*:?\s*`)
	funderStart = lazyre.New(`(?i)^.*?\b(?:supported|funded|financed|sponsored)\s+(?:in part\s+|partially\s+|partly\s+)?by\s+(?:grants?\s+from\s+)?`)
)

// funding reads the Funding back-matter section: funders, each with the
// grant numbers printed in the bracket after it.
func (b *builder) funding() {
	var text string
	for _, s := range b.doc.Sections {
		if s.ID == "back.funding" {
			for _, p := range b.doc.Paragraphs {
				if p.Section == s.ID {
					text += " " + p.Text
				}
			}
		}
	}
	text = strings.TrimSpace(text)
	if text == "" || strings.HasPrefix(strings.ToLower(text), "no funding") || strings.EqualFold(text, "not applicable.") {
		return
	}
	b.doc.Front.Funding = parseFunding(text)
}

// parseFunding splits "supported by the A (1, 2), the B (3) and the C
// [No. (2023)233]" into funders with grants.
func parseFunding(text string) []Funding {
	text = funderStart().ReplaceAllString(text, "")
	var out []Funding
	depth := 0
	start := 0
	var grants []string
	flush := func(end int) {
		name := strings.TrimSpace(text[start:end])
		name = strings.TrimLeft(name, ",; ")
		name = strings.TrimPrefix(name, "and ")
		name = strings.TrimPrefix(name, "the ")
		name = strings.TrimPrefix(name, "The ")
		name = strings.TrimRight(name, ",;. ")
		if name != "" || len(grants) > 0 {
			if grants == nil {
				grants = []string{}
			}
			out = append(out, Funding{Funder: name, Grants: grants})
		}
		grants = nil
	}
	open := -1
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '(', '[':
			if depth == 0 {
				open = i
			}
			depth++
		case ')', ']':
			depth--
			if depth == 0 && open >= 0 {
				inner := text[open+1 : i]
				ids := grantIDs(inner)
				if len(ids) > 0 {
					grants = append(grants, ids...)
					text = text[:open] + strings.Repeat(" ", i+1-open) + text[i+1:]
				}
				open = -1
			}
			if depth < 0 {
				depth = 0
			}
		case ',', ';':
			if depth == 0 && len(grants) > 0 {
				flush(i)
				start = i + 1
			}
		case ' ':
			if depth == 0 && len(grants) > 0 && strings.HasPrefix(text[i:], " and ") {
				flush(i)
				start = i + 5
				i += 4
			}
		}
	}
	flush(len(text))
	return out
}

var grantSep = lazyre.New(`\s*(?:,|;|\band\b)\s*`)

func grantIDs(inner string) []string {
	inner = grantLabel().ReplaceAllString(inner, "")
	var ids []string
	for _, part := range grantSep().Split(inner, -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if m := grantID().FindString(part); m == part && len(m) >= 4 {
			ids = append(ids, m)
		} else {
			return nil // a bracket that holds words, not grant numbers
		}
	}
	return ids
}
