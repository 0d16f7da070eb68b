package normalize

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/chemores/chemores/internal/lazyre"
)

// Mechanism is one entry of the curated vocabulary of resistance
// mechanisms (seeds/lexicons/mechanisms.tsv).
type Mechanism struct {
	Slug        string   // URL-safe id: "increased-efflux"
	Name        string   // "Increased drug efflux"
	Patterns    []string // phrases that name it in a section title
	Description string
	// Cues are words that name it inside a sentence ("extrusion",
	// "dormant"); patterns count as cues too. A cue ending in "*" is a
	// word start ("neutraliz*").
	Cues []string
}

var slugRe = lazyre.New(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ParseMechanisms reads the vocabulary: tab-separated slug, name,
// '|'-separated patterns, description and, optionally, '|'-separated
// sentence cues, with '#' comments and a header line starting with
// "slug".
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
			if len(phraseWords(p)) == 0 {
				return nil, fmt.Errorf("line %d: %s has an empty pattern", line, m.Slug)
			}
			m.Patterns = append(m.Patterns, p)
		}
		if len(f) == 5 {
			for _, c := range strings.Split(f[4], "|") {
				if c = strings.TrimSpace(c); c != "" {
					m.Cues = append(m.Cues, c)
				}
			}
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

func (lx *Lexicon) addMechanisms(body []byte) (int, error) {
	v, err := ParseMechanisms(bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("%w: %v", ErrLexicon, err)
	}
	lx.mechs = v
	return len(v), nil
}

// phraseWords splits a phrase into lower-case words of letters and
// digits; hyphens and other punctuation separate words.
func phraseWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && !isDash(r) && r != '\u00a0')
	})
}

// cueAt reports whether the phrase occurs in words at i, allowing the
// plurals titles and sentences use ("pores", "therapies") and, for a
// final "*", any word start.
func cueAt(words []string, i int, phrase []string) bool {
	if i+len(phrase) > len(words) {
		return false
	}
	for j, p := range phrase {
		w := words[i+j]
		if star, ok := strings.CutSuffix(p, "*"); ok {
			if !strings.HasPrefix(w, star) {
				return false
			}
			continue
		}
		if !(w == p || w == p+"s" || w == p+"es" || strings.HasSuffix(p, "y") && w == p[:len(p)-1]+"ies") {
			return false
		}
	}
	return true
}

// mechCue is a mechanism named in a text.
type mechCue struct {
	slug string
	cue  string // the pattern or cue as written in the vocabulary
	at   int    // word index
}

// findMechanisms lists the mechanisms whose patterns or cues occur in
// the words, in order of occurrence; a mechanism is listed once, at its
// first cue.
func findMechanisms(vocab []Mechanism, words []string) []mechCue {
	var out []mechCue
	for _, m := range vocab {
		best := -1
		var cue string
		for _, c := range append(append([]string{}, m.Patterns...), m.Cues...) {
			p := cueWords(c)
			for i := range words {
				if cueAt(words, i, p) && (best < 0 || i < best) {
					best, cue = i, c
					break
				}
			}
		}
		if best >= 0 {
			out = append(out, mechCue{m.Slug, cue, best})
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].at < out[j-1].at; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// cueWords splits a cue like phraseWords but keeps a final "*".
func cueWords(c string) []string {
	star := strings.HasSuffix(c, "*")
	w := phraseWords(strings.TrimSuffix(c, "*"))
	if star && len(w) > 0 {
		w[len(w)-1] += "*"
	}
	return w
}
