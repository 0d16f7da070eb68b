package publish

import (
	"io"
	"strings"
	"unicode"

	"github.com/chemores/chemores/normalize"
)

// Mechanism is one entry of the curated vocabulary of resistance
// mechanisms (seeds/lexicons/mechanisms.tsv).
type Mechanism struct {
	Slug        string   // URL-safe id: "increased-efflux"
	Name        string   // "Increased drug efflux"
	Patterns    []string // phrases that name it in a section title
	Description string
}

// ParseMechanisms reads the vocabulary with normalize's reader (one
// file feeds both stages, so one parser checks it) and keeps what section
// titles need: the fifth column's sentence cues are the claims' business.
func ParseMechanisms(r io.Reader) ([]Mechanism, error) {
	v, err := normalize.ParseMechanisms(r)
	if err != nil {
		return nil, err
	}
	out := make([]Mechanism, len(v))
	for i, m := range v {
		out[i] = Mechanism{Slug: m.Slug, Name: m.Name, Patterns: m.Patterns, Description: m.Description}
	}
	return out, nil
}

// mechMatch is a mechanism found in a section title.
type mechMatch struct {
	Slug    string
	Pattern string // the pattern that matched
}

// matchTitle returns the mechanisms whose patterns occur in title as whole
// words, in vocabulary order, each with the first of its patterns that
// matched.
func matchTitle(vocab []Mechanism, title string) []mechMatch {
	tw := words(title)
	var out []mechMatch
	for _, m := range vocab {
		for _, p := range m.Patterns {
			if containsWords(tw, words(p)) {
				out = append(out, mechMatch{m.Slug, p})
				break
			}
		}
	}
	return out
}

// words splits s into lower-case runs of letters and digits; hyphens and
// punctuation separate words, so "Epithelial-mesenchymal" is two words.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func containsWords(text, pat []string) bool {
	if len(pat) == 0 {
		return false
	}
	for i := 0; i+len(pat) <= len(text); i++ {
		ok := true
		for j, p := range pat {
			if !sameWord(text[i+j], p) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// sameWord compares a title word with a pattern word, allowing the
// English plurals that titles use ("pores", "entries", "stresses").
func sameWord(t, p string) bool {
	switch {
	case t == p, t == p+"s", t == p+"es":
		return true
	case strings.HasSuffix(p, "y") && t == p[:len(p)-1]+"ies":
		return true
	}
	return false
}
