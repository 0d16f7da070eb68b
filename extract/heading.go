package extract

import (
	"strings"
	"unicode"

	"github.com/chemores/chemores/internal/textutil"

	"github.com/chemores/chemores/internal/lazyre"
)

var (
	numberedHeading = lazyre.New(`^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\p{Lu}.*)$`)
	romanHeading    = lazyre.New(`^((?:X{0,3})(?:IX|IV|V?I{0,3}))\.\s+(\p{Lu}.*)$`)
)

// backHeadings are the back-matter sections that journals print after
// the body, lower-cased. A heading is matched whole, after trimming a
// trailing colon or period.
var backHeadings = map[string]string{
	"acknowledgements":                           "acknowledgements",
	"acknowledgments":                            "acknowledgements",
	"acknowledgement":                            "acknowledgements",
	"acknowledgment":                             "acknowledgements",
	"funding":                                    "funding",
	"funding information":                        "funding",
	"financial support":                          "funding",
	"availability of data and materials":         "data-availability",
	"data availability":                          "data-availability",
	"data availability statement":                "data-availability",
	"authors' contributions":                     "author-contributions",
	"author contributions":                       "author-contributions",
	"authors contributions":                      "author-contributions",
	"author's contributions":                     "author-contributions",
	"ethics approval and consent to participate": "ethics",
	"ethics statement":                           "ethics",
	"ethics approval":                            "ethics",
	"patient consent for publication":            "consent",
	"consent for publication":                    "consent",
	"competing interests":                        "competing-interests",
	"conflict of interest":                       "competing-interests",
	"conflicts of interest":                      "competing-interests",
	"declaration of competing interest":          "competing-interests",
	"disclosure":                                 "competing-interests",
	"disclosures":                                "competing-interests",
	"abbreviations":                              "abbreviations",
	"supplementary material":                     "supplementary",
	"supplementary materials":                    "supplementary",
	"supplementary data":                         "supplementary",
	"use of artificial intelligence tools":       "ai-use",
	"agradecimentos":                             "acknowledgements",
	"agradecimientos":                            "acknowledgements",
	"remerciements":                              "acknowledgements",
	"financiamento":                              "funding",
	"financiamiento":                             "funding",
	"conflito de interesses":                     "competing-interests",
	"conflicto de intereses":                     "competing-interests",
	"open peer review":                           "peer-review",
	"peer review":                                "peer-review",
	"peer review reports":                        "peer-review",
}

// frontHeadings label front matter, not sections.
var frontHeadings = map[string]bool{"abstract": true, "contents": true, "keywords": true, "key words": true, "summary of contents": true, "resumo": true, "resumen": true, "résumé": true, "palavras-chave": true, "palabras clave": true}

// bodyHeadings are unnumbered headings common enough to trust without
// layout hints.
var bodyHeadings = map[string]bool{
	"introduction": true, "background": true, "methods": true, "materials and methods": true,
	"results": true, "discussion": true, "conclusion": true, "conclusions": true,
	"summary": true, "concluding remarks": true, "perspectives": true, "future perspectives": true,
	"outlook": true, "future directions": true, "conclusions and perspectives": true,
	"conclusion and perspectives": true, "conclusion and future directions": true,
	"conclusions and future directions": true,
	// Portuguese, Spanish and French, as SciELO, Redalyc and Érudit print them.
	"introdução": true, "introducción": true, "método": true, "métodos": true, "metodologia": true,
	"metodología": true, "material e métodos": true, "materiais e métodos": true,
	"materiales y métodos": true, "material y métodos": true, "resultados": true, "discussão": true,
	"discusión": true, "resultados e discussão": true, "resultados y discusión": true,
	"conclusão": true, "conclusões": true, "conclusión": true, "conclusiones": true,
	"considerações finais": true, "consideraciones finales": true, "matériel et méthodes": true,
	"résultats": true, "conclusions et perspectives": true,
}

// heading is what a block says about the section structure.
type heading struct {
	number string // "3", "3.1"; empty when unnumbered
	title  string
	back   string // back-matter slug, when back matter
	refs   bool   // the reference list starts here
	plain  bool   // recognized only by shape: trusted where no heading is numbered
}

// asHeading classifies a block as a heading, given its cleaned text.
func asHeading(b Block, text string) (heading, bool) {
	if len(text) > 200 || strings.ContainsRune(strings.TrimSpace(b.Text), '\n') {
		return heading{}, false
	}
	key := textutil.HeadingKey(text)
	if frontHeadings[key] {
		return heading{}, false
	}
	if textutil.ReferenceHeadings[key] {
		return heading{title: text, refs: true}, true
	}
	if slug, ok := backHeadings[key]; ok {
		return heading{title: strings.TrimRight(text, ":. "), back: slug}, true
	}
	if m := numberedHeading().FindStringSubmatch(text); m != nil && titleLike(m[2]) {
		return heading{number: m[1], title: m[2]}, true
	}
	if m := romanHeading().FindStringSubmatch(text); m != nil && m[1] != "" && titleLike(m[2]) {
		return heading{number: m[1], title: m[2]}, true
	}
	if bodyHeadings[key] {
		return heading{title: strings.TrimRight(text, ":. ")}, true
	}
	if b.Hint == HintHeading && titleLike(text) {
		return heading{title: text}, true
	}
	if plainHeading(text) {
		return heading{title: text, plain: true}, true
	}
	if isAllCapsTitle(text) && len(strings.Fields(text)) <= 6 {
		return heading{title: text}, true
	}
	return heading{}, false
}

// plainHeading: a short capitalized line with no sentence punctuation
// that does not end in a word a sentence fragment would ("the", "of"),
// such as "Signals that maintain dormancy". Only its shape says it is a
// heading, so the builder trusts it only in documents without numbered
// headings, where a fragment cut by a page break is the other reading.
func plainHeading(t string) bool {
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 10 || strings.ContainsAny(t, ",;()") || !titleLike(t) {
		return false
	}
	if r := []rune(words[0]); !unicode.IsUpper(r[0]) {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	return !fragmentEnds[last] && !strings.HasSuffix(t, "-")
}

var fragmentEnds = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "or": true, "in": true, "to": true,
	"with": true, "by": true, "for": true, "as": true, "that": true, "which": true, "from": true,
	"on": true, "at": true, "is": true, "are": true, "was": true, "were": true, "be": true, "its": true,
	"their": true, "this": true, "these": true, "such": true, "than": true, "via": true, "into": true,
}

// titleLike: short, no sentence-final period, not a list of names.
func titleLike(t string) bool {
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 16 || len(t) > 140 {
		return false
	}
	last := t[len(t)-1]
	return last != '.' && last != ',' && last != ';' && !strings.Contains(t, ": ")
}

func isAllCapsTitle(t string) bool {
	letters := 0
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4 && titleLike(t)
}

// isTOC reports a table of contents: every line a numbered heading.
func isTOC(b Block) bool {
	lines := b.Lines()
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		m := numberedHeading().FindStringSubmatch(CleanText(l.Text))
		if m == nil || !titleLike(m[2]) {
			return false
		}
	}
	return true
}

// abbreviations end in a period that does not end a sentence.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "vs": true, "al": true, "fig": true, "figs": true, "no": true,
	"dr": true, "st": true, "co": true, "inc": true, "ltd": true, "approx": true, "ca": true,
	"ref": true, "refs": true, "eq": true, "cf": true, "resp": true, "sp": true, "spp": true,
}

// runInStop words start sentences, not headings.
var runInStop = map[string]bool{
	"the": true, "this": true, "these": true, "that": true, "those": true, "it": true, "its": true,
	"they": true, "we": true, "our": true, "in": true, "however": true, "moreover": true,
	"furthermore": true, "although": true, "while": true, "as": true, "here": true, "there": true,
	"such": true, "a": true, "an": true, "for": true, "thus": true, "therefore": true, "but": true,
	"one": true, "both": true, "each": true, "most": true, "some": true, "many": true, "if": true,
	"when": true, "since": true, "because": true, "to": true, "by": true, "at": true, "on": true,
}

// sentenceWords mark a sentence rather than a heading: finite verbs
// (third person and irregular past forms, which are not also common
// plural nouns) and the adverbs that only sentences carry.
var sentenceWords = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"can": true, "may": true, "might": true, "will": true, "would": true, "should": true,
	"could": true, "must": true, "does": true, "do": true, "did": true, "been": true,
	"also": true, "not": true, "often": true, "thus": true, "then": true, "still": true,
	"remains": true, "shows": true, "showed": true, "plays": true, "includes": true,
	"contributes": true, "promotes": true, "induces": true, "inhibits": true, "regulates": true,
	"mediates": true, "enhances": true, "reduces": true, "suppresses": true, "activates": true,
	"confers": true, "drives": true, "appears": true, "suggests": true, "indicates": true,
	"demonstrates": true, "requires": true, "involves": true, "affects": true, "determines": true,
	"depends": true, "occurs": true, "exists": true, "acts": true, "serves": true, "prevents": true,
	"facilitates": true, "triggers": true, "binds": true, "interacts": true, "correlates": true,
	"represents": true, "provides": true, "allows": true, "enables": true, "makes": true,
	"becomes": true, "became": true, "seems": true, "contains": true, "led": true, "found": true,
	"made": true, "revealed": true, "reported": true, "identified": true, "emerged": true,
}

var questionWords = map[string]bool{"what": true, "how": true, "why": true, "which": true, "when": true, "where": true, "who": true, "does": true, "do": true, "can": true, "is": true, "are": true}

// runIn finds a run-in heading at the start of a paragraph: a short
// sentence-case phrase ending in a period or question mark, with more
// text after it, that reads as a title rather than a sentence ("Increased
// DNA repair. The DNA damage response..."). It returns the heading and
// the offset (in code points) where the paragraph's own text begins.
func runIn(text string) (string, int, bool) {
	rs := []rune(text)
	end := -1
	for i, r := range rs {
		if i > 90 {
			break
		}
		if (r == '.' || r == '?') && i+2 < len(rs) && rs[i+1] == ' ' && unicode.IsUpper(rs[i+2]) {
			end = i
			break
		}
		if r == '(' || r == ',' || r == ';' || r == ':' {
			return "", 0, false
		}
	}
	if end < 3 {
		return "", 0, false
	}
	head := string(rs[:end+1])
	words := strings.Fields(strings.TrimRight(head, ".?"))
	if len(words) < 2 || len(words) > 12 {
		return "", 0, false
	}
	first := strings.ToLower(words[0])
	question := rs[end] == '?'
	if question && !questionWords[first] {
		return "", 0, false
	}
	if !question {
		if runInStop[first] || !unicode.IsUpper([]rune(words[0])[0]) {
			return "", 0, false
		}
		for _, w := range words[1:] {
			if sentenceWords[strings.ToLower(w)] {
				return "", 0, false
			}
		}
		// An abbreviation's period ("e.g.", "Fig.") does not end a heading.
		if abbreviations[strings.ToLower(strings.TrimRight(words[len(words)-1], "."))] {
			return "", 0, false
		}
	}
	// Sentence case: after the first word, capitals only in symbols and
	// acronyms (DNA, TME, GSH), never a run of capitalized common words.
	caps := 0
	for _, w := range words[1:] {
		r := []rune(w)
		if unicode.IsUpper(r[0]) && !isAllCapsWord(w) && !hasDigitOrUpperInside(w) {
			caps++
		}
	}
	if caps > 1 {
		return "", 0, false
	}
	title := strings.TrimSuffix(head, ".")
	return title, end + 2, true
}

func isAllCapsWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 0
}

func hasDigitOrUpperInside(w string) bool {
	for i, r := range []rune(w) {
		if i > 0 && (unicode.IsUpper(r) || unicode.IsDigit(r)) {
			return true
		}
	}
	return false
}
