package normalize

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/neurosnap/sentences.v1"
	punktEnglish "gopkg.in/neurosnap/sentences.v1/english"
)

// span is a byte range in a paragraph's text.
type span struct{ start, end int }

// punkt is the Punkt sentence segmenter that prose/v2 wraps:
// neurosnap/sentences with its English model. prose builds it anew in
// every NewDocument, decoding the model's JSON each time (17 ms, two
// thirds of this stage on a review); it is built here once per process,
// and calls take turns on it because its annotators are not documented
// as safe for concurrent use.
var punkt struct {
	once sync.Once
	mu   sync.Mutex
	tok  *sentences.DefaultSentenceTokenizer
	err  error
}

func splitSentences(text string) ([]string, error) {
	punkt.once.Do(func() { punkt.tok, punkt.err = punktEnglish.NewSentenceTokenizer(nil) })
	if punkt.err != nil {
		return nil, punkt.err
	}
	punkt.mu.Lock()
	defer punkt.mu.Unlock()
	var out []string
	for _, s := range punkt.tok.Tokenize(text) {
		out = append(out, s.Text)
	}
	return out, nil
}

// segment splits paragraphs into sentences with the Punkt segmenter,
// which gives sentence texts but no offsets: each sentence is found again
// in its paragraph, in order. All paragraphs go through one call, joined
// by blank lines, and sentences are cut back at paragraph ends.
func segment(texts []string) ([][]span, error) {
	const gap = "\n\n"
	var all strings.Builder
	bases := make([]int, len(texts))
	for i, t := range texts {
		if i > 0 {
			all.WriteString(gap)
		}
		bases[i] = all.Len()
		all.WriteString(t)
	}
	joined := all.String()
	out := make([][]span, len(texts))
	if strings.TrimSpace(joined) == "" {
		return out, nil
	}
	sents, err := splitSentences(joined)
	if err != nil {
		return nil, fmt.Errorf("segment sentences: %w", err)
	}
	pos := 0
	p := 0
	for _, s := range sents {
		st := strings.TrimSpace(s)
		if st == "" {
			continue
		}
		k := strings.Index(joined[pos:], st)
		if k < 0 {
			return nil, fmt.Errorf("segment sentences: lost sentence %.40q", st)
		}
		start, end := pos+k, pos+k+len(st)
		pos = end
		// Cut at paragraph ends: Punkt does not see blank lines as breaks
		// when a paragraph ends without a full stop (a heading, a list).
		for start < end {
			for p+1 < len(texts) && start >= bases[p+1] {
				p++
			}
			pend := bases[p] + len(texts[p])
			e := min(end, pend)
			if e > start {
				out[p] = append(out[p], trimSpan(texts[p], span{start - bases[p], e - bases[p]}))
			}
			start = max(e, pend+len(gap))
			if start >= end {
				break
			}
		}
	}
	for i := range out {
		out[i] = mergeAbbrev(texts[i], out[i])
	}
	return out, nil
}

func trimSpan(text string, s span) span {
	for s.start < s.end {
		r, n := utf8.DecodeRuneInString(text[s.start:])
		if !unicode.IsSpace(r) {
			break
		}
		s.start += n
	}
	for s.end > s.start {
		r, n := utf8.DecodeLastRuneInString(text[:s.end])
		if !unicode.IsSpace(r) {
			break
		}
		s.end -= n
	}
	return s
}

// noBreakAfter are abbreviations that Punkt may take for a sentence end.
var noBreakAfter = []string{
	"et al.", "Fig.", "Figs.", "fig.", "e.g.", "i.e.", "vs.", "cf.", "approx.",
	"Ref.", "Refs.", "ref.", "No.", "no.", "Eq.", "ca.", "sp.", "spp.", "Dr.", "St.",
}

// mergeAbbrev joins a sentence to the next when it ends in an abbreviation
// such as "Fig." or "e.g.". After "et al." a capital may start a new
// sentence, so only a lower-case word, a digit or a bracket joins.
func mergeAbbrev(text string, ss []span) []span {
	if len(ss) < 2 {
		return ss
	}
	out := ss[:1]
	for _, s := range ss[1:] {
		last := &out[len(out)-1]
		prev := text[last.start:last.end]
		if joinable(prev, text[s.start:s.end]) && last.end <= s.start {
			last.end = s.end
			continue
		}
		out = append(out, s)
	}
	return out
}

func joinable(prev, next string) bool {
	for _, a := range noBreakAfter {
		if !strings.HasSuffix(prev, a) {
			continue
		}
		// "et al." must be a word: not the end of "Vital."
		if i := len(prev) - len(a); i > 0 {
			r, _ := utf8.DecodeLastRuneInString(prev[:i])
			if unicode.IsLetter(r) {
				continue
			}
		}
		if a != "et al." {
			return true
		}
		r, _ := utf8.DecodeRuneInString(next)
		return unicode.IsLower(r) || unicode.IsDigit(r) || r == '(' || r == '['
	}
	return false
}
