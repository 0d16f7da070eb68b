package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/textutil"
)

// A word split at a line end is written "chemo-" on one line and
// "resistance" on the next. Whether the hyphen belongs to the word
// ("5-fluorouracil", "TGF-β", "drug-resistant") or was added by the
// typesetter ("chemoresistance") is decided by the document itself: the
// words it uses elsewhere, whole, are its dictionary.

// lexicon counts the words of a document, lower-cased, with their inner
// hyphens; the words at line ends and starts that may be halves are left
// out.
type lexicon struct {
	words map[string]int
	parts map[string]int // the parts of hyphenated words ("blood" in "blood-brain")
}

func newLexicon(pls []*pageLayout) *lexicon {
	lx := &lexicon{words: map[string]int{}, parts: map[string]int{}}
	for _, pl := range pls {
		for _, l := range pl.lines {
			if l.header {
				continue
			}
			fields := strings.Fields(lineText(l))
			for k, f := range fields {
				// Leave out the halves of split words: the fragment before
				// a hyphen at the end, and a lower-case start (it may be
				// the rest of a word from the line before).
				if k == len(fields)-1 && endsWithHyphen(f) || k == 0 && textutil.StartsLower(f) {
					continue
				}
				if w := wordKey(f); w != "" {
					lx.words[w]++
					if strings.Contains(w, "-") {
						for _, p := range strings.Split(w, "-") {
							lx.parts[p]++
						}
					}
				}
			}
		}
	}
	return lx
}

// wordKey trims punctuation around a token and lower-cases it.
func wordKey(tok string) string {
	tok = strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.ToLower(ligatureReplacer.Replace(tok))
}

// ligatureReplacer spells out ligature glyphs ("signiﬁcant"), so that
// words compare whatever the font drew.
var ligatureReplacer = strings.NewReplacer("ﬁ", "fi", "ﬂ", "fl", "ﬀ", "ff", "ﬃ", "ffi", "ﬄ", "ffl")

func endsWithHyphen(s string) bool {
	return strings.HasSuffix(s, "-") || strings.HasSuffix(s, "\u2010") || strings.HasSuffix(s, "\u00ad")
}

// joinLines decides, for each pair of lines in a block, how they join.
func (lx *lexicon) joinLines(lines []*line) {
	for i := 1; i < len(lines); i++ {
		lx.joinAt(lines, i)
	}
}

// joinAt decides how lines[i] continues lines[i-1] when the first ends
// in a hyphen or dash glued to its word.
func (lx *lexicon) joinAt(lines []*line, i int) {
	a, b := lines[i-1], lines[i]
	n := len(a.gs)
	if n < 2 || len(b.gs) == 0 || gapBefore(a, n-1) {
		return
	}
	last := a.gs[n-1]
	if last.script != scriptNone {
		return
	}
	prev, _ := utf8.DecodeLastRuneInString(a.gs[n-2].s)
	switch last.s {
	case "-", "\u2010", "\u00ad":
		if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) && prev != ')' {
			return
		}
	case "—", "–", "/":
		b.join = joinNone // "mechanism—the", "409–436", "and/or"
		return
	default:
		return
	}
	fields := strings.Fields(lineText(a))
	x := strings.TrimRight(fields[len(fields)-1], "-\u2010\u00ad")
	// In a word that already has hyphens ("State-of-the-", "P-glycopro-")
	// the last part decides: TeX breaks such words only at their hyphens,
	// groff also between syllables; the document's words tell which.
	full := x
	compound := false
	if i := strings.LastIndexAny(x, "-\u2010"); i >= 0 {
		x = x[i+1:]
		compound = true
	}
	x = strings.TrimLeftFunc(x, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	next := strings.Fields(lineText(b))
	y := ""
	if len(next) > 0 {
		y = next[0]
	}
	yw := strings.TrimRightFunc(y, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	r, _ := utf8.DecodeRuneInString(yw)
	switch {
	case suspended[yw]:
		b.join = joinSpace // "LPS- and IL-18-induced"
	case last.s == "\u00ad":
		a.dropLast = true // a soft hyphen is the typesetter's
		b.join = joinNone
	case unicode.IsLower(r) && compound && lx.words[strings.ToLower(full+yw)] > 0:
		a.dropLast = true // "P-glycopro-" + "tein", and the document has "P-glycoprotein"
		b.join = joinNone
	case unicode.IsLower(r) && compound && utf8.RuneCountInString(x) <= 4 && lx.words[strings.ToLower(x)] >= 3:
		b.join = joinNone // "State-of-the-" + "art": a short word, not a syllable
	case unicode.IsLower(r) && !lx.keepHyphen(x, yw):
		a.dropLast = true
		b.join = joinNone
	default:
		b.join = joinNone
	}
}

// suspended words follow a hyphen that waits for the end of a later
// compound: "pre- and post-treatment", "LPS- and IL-18-induced".
var suspended = map[string]bool{"and": true, "or": true, "nor": true, "to": true, "versus": true}

// keepHyphen decides whether "x-" at a line end and "y" on the next line
// are one hyphenated word (true) or one word the typesetter split.
func (lx *lexicon) keepHyphen(x, y string) bool {
	xl, yl := wordKey(x), wordKey(y)
	joined, hyph := lx.words[xl+yl], lx.words[xl+"-"+yl]
	switch {
	case hyph > joined:
		return true
	case joined > 0:
		return false
	case symbolLike(x):
		return true // "TGF-", "CB-", "5-", "p53-", "β-"
	case keepPrefixes[xl] || compoundHeads[yl]:
		return true
	case utf8.RuneCountInString(xl) >= 3 && utf8.RuneCountInString(yl) >= 3 && lx.known(xl) && lx.known(yl):
		return true // two words of the document: "drug-resistant"
	}
	return false
}

// symbolLike: a digit anywhere, a capital after the first letter, or a
// single letter.
func symbolLike(x string) bool {
	if utf8.RuneCountInString(x) == 1 {
		return true
	}
	for i, r := range x {
		if unicode.IsDigit(r) || i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// keepPrefixes are prefixes written with a hyphen in biomedical English
// ("non-small cell", "anti-apoptotic", "self-renewal", "co-culture");
// consulted only when the document does not use the word either way.
// Prefixes that hyphenation patterns also split off ("pre-venting",
// "ex-posed", "inter-calating") are not in the list.
var keepPrefixes = map[string]bool{
	"non": true, "anti": true, "self": true, "cross": true, "well": true, "semi": true, "co": true,
	"low": true, "high": true, "long": true, "short": true, "dose": true, "time": true,
	"double": true, "single": true, "triple": true, "small": true, "large": true, "first": true,
	"second": true, "third": true, "full": true, "half": true, "all": true,
}

// compoundHeads end compounds written with a hyphen ("platinum-based",
// "integrin-linked", "p53-dependent"); no hyphenation of a single word
// leaves them as its second half.
var compoundHeads = map[string]bool{
	"based": true, "linked": true, "induced": true, "mediated": true, "dependent": true,
	"independent": true, "related": true, "associated": true, "derived": true, "specific": true,
	"resistant": true, "sensitive": true, "like": true, "free": true, "targeted": true, "rich": true,
	"positive": true, "negative": true, "deficient": true, "type": true, "binding": true,
	"containing": true, "expressing": true, "treated": true, "driven": true, "regulated": true,
	"activated": true, "bound": true, "coupled": true, "encoded": true, "loaded": true,
	"mutant": true, "mutated": true, "null": true, "wide": true, "term": true, "scale": true,
	"dose": true, "fold": true, "year": true, "month": true, "week": true, "day": true, "cell": true,
	"shaped": true, "stranded": true, "competent": true, "proficient": true, "inducible": true,
	"responsive": true, "producing": true, "secreting": true, "forming": true, "promoting": true,
	"suppressing": true, "inhibiting": true, "targeting": true,
}

// known: the document uses the word, alone or in a hyphenated word.
func (lx *lexicon) known(w string) bool { return lx.words[w] > 0 || lx.parts[w] > 0 }
