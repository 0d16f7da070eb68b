package publish

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// Mechanism is one entry of the curated vocabulary of resistance
// mechanisms (seeds/lexicons/mechanisms.tsv).
type Mechanism struct {
	Slug        string   // URL-safe id: "increased-efflux"
	Name        string   // "Increased drug efflux"
	Patterns    []string // phrases that name it in a section title
	Description string
}

// ParseMechanisms reads the vocabulary: tab-separated slug, name,
// '|'-separated patterns and description, with '#' comments and a header
// line starting with "slug". An optional fifth column lists the words
// that name the mechanism inside a sentence; those are the claims'
// business (normalize), not the section titles', and are not kept here.
func ParseMechanisms(r io.Reader) ([]Mechanism, error) {
	var out []Mechanism
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, "slug\t") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 4 && len(f) != 5 {
			return nil, fmt.Errorf("line %d: want 4 tab-separated columns (slug, name, patterns, description) and optional cues, got %d", line, len(f))
		}
		m := Mechanism{Slug: strings.TrimSpace(f[0]), Name: strings.TrimSpace(f[1]), Description: strings.TrimSpace(f[3])}
		if !slugRe().MatchString(m.Slug) {
			return nil, fmt.Errorf("line %d: slug %q: want lower-case words joined by '-'", line, m.Slug)
		}
		if seen[m.Slug] {
			return nil, fmt.Errorf("line %d: slug %q listed twice", line, m.Slug)
		}
		seen[m.Slug] = true
		if m.Name == "" {
			return nil, fmt.Errorf("line %d: %s has no name", line, m.Slug)
		}
		for _, p := range strings.Split(f[2], "|") {
			p = strings.TrimSpace(p)
			if len(words(p)) == 0 {
				return nil, fmt.Errorf("line %d: %s has an empty pattern", line, m.Slug)
			}
			m.Patterns = append(m.Patterns, p)
		}
		out = append(out, m)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no mechanisms")
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
