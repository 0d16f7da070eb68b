package extract

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/lazyre"
)

// Callout is an in-text citation group found by ScanCallouts.
type Callout struct {
	Start, End int // byte offsets in the scanned text
	Style      string
	Numbers    []int // ranges expanded, in printed order
}

// calloutBody is a list of numbers and ranges: "12", "3,5-7", "3–5; 9",
// optionally after "ref." or "refs.".
var calloutBody = lazyre.New(`^(?:(?i:refs?\.?|references?)\s*)?\d{1,5}(?:\s*[-–—]\s*\d{1,5})?(?:\s*[,;]\s*\d{1,5}(?:\s*[-–—]\s*\d{1,5})?)*$`)

var calloutPart = lazyre.New(`(\d{1,5})(?:\s*[-–—]\s*(\d{1,5}))?`)

// maxRange bounds an expanded range: "(1-2000)" is not a citation.
const maxRange = 100

// ScanCallouts finds bracketed and parenthesized number groups, and runs
// of superscript digits, that could be citations. It does not know the
// reference list; callers decide by range (see citations).
func ScanCallouts(text string) []Callout {
	var out []Callout
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '(' && c != '[' {
			continue
		}
		close := byte(')')
		style := StyleParen
		if c == '[' {
			close, style = ']', StyleBracket
		}
		j := strings.IndexByte(text[i+1:], close)
		if j < 0 || j > 80 {
			continue
		}
		body := strings.TrimSpace(text[i+1 : i+1+j])
		if !calloutBody().MatchString(body) || indexed(text[:i]) {
			continue
		}
		nums, ok := expand(body)
		if !ok || unitAfter(text[i+j+2:]) {
			continue
		}
		out = append(out, Callout{Start: i, End: i + j + 2, Style: style, Numbers: nums})
		i += j + 1
	}
	return append(out, scanSuperscripts(text)...)
}

// expand turns "3,5-7" into [3 5 6 7]; a descending or huge range is not
// a citation (it is a quantity such as "(30-15)").
func expand(body string) ([]int, bool) {
	var nums []int
	for _, m := range calloutPart().FindAllStringSubmatch(body, -1) {
		lo, _ := strconv.Atoi(m[1])
		hi := lo
		if m[2] != "" {
			hi, _ = strconv.Atoi(m[2])
			if hi <= lo || hi-lo > maxRange {
				return nil, false
			}
		}
		for n := lo; n <= hi; n++ {
			nums = append(nums, n)
		}
	}
	return nums, len(nums) > 0
}

// scanSuperscripts finds runs such as "¹", "¹²", "¹,²", "³⁻⁵" and "¹–³"
// after a word or closing punctuation. A run after a digit is an
// exponent (10⁶); one followed by ⁺ or ⁻ is a charge (Mn²⁺); one after a
// unit is a power (m²).
func scanSuperscripts(text string) []Callout {
	var out []Callout
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if _, ok := superDigits[r]; !ok {
			i += size
			continue
		}
		start := i
		var body strings.Builder
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if d, ok := superDigits[r]; ok {
				body.WriteRune(d)
			} else if r == ',' || r == '⁻' || r == '–' {
				if r == ',' {
					body.WriteRune(',')
				} else {
					body.WriteRune('-')
				}
			} else {
				break
			}
			j += size
		}
		end := j
		s := strings.TrimRight(body.String(), ",-")
		end -= len(body.String()) - len(s) // trailing separators belong to the sentence
		i = j
		prev, _ := utf8.DecodeLastRuneInString(text[:start])
		next, _ := utf8.DecodeRuneInString(text[j:])
		if start == 0 || unicode.IsDigit(prev) || superDigits[prev] != 0 || next == '⁺' || next == '⁻' || unitBefore(text[:start]) {
			continue
		}
		if !(unicode.IsLetter(prev) || strings.ContainsRune(".,;:)]'\"’”%", prev)) {
			continue
		}
		nums, ok := expand(s)
		if !ok {
			continue
		}
		out = append(out, Callout{Start: start, End: end, Style: StyleSuperscript, Numbers: nums})
	}
	return out
}

var units = map[string]bool{"m": true, "cm": true, "mm": true, "km": true, "μm": true, "nm": true, "s": true, "ft": true, "in": true}

// unitAfter: "[10-50] μM", "(5) mg": a bracketed quantity, not a
// citation.
func unitAfter(s string) bool {
	s = strings.TrimLeft(s, "  ")
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '%' && r != '/' })
	if end < 0 {
		end = len(s)
	}
	unit, _, _ := strings.Cut(s[:end], "/") // "mg/kg"
	switch unit {
	case "%", "μM", "mM", "nM", "pM", "M", "mg", "μg", "ng", "g", "kg", "ml", "mL", "μl", "μL", "l", "L",
		"nm", "μm", "mm", "cm", "m", "h", "min", "s", "ms", "Gy", "cGy", "mol", "mmol", "μmol", "kDa", "Da", "bp", "kb", "°C", "IU", "U":
		return true
	}
	return false
}

func unitBefore(s string) bool {
	i := strings.LastIndexAny(s, " (/")
	return units[s[i+1:]]
}

// citations links the callouts of body paragraphs to the references. A
// group is a citation when every number it holds is in the reference
// list. Years ("(2023)") and grant or accession numbers (five digits or
// more) are not citations. Groups with numbers past the list are
// reported.
func (b *builder) citations() {
	if b.authorYear {
		b.authorYearCitations()
		return
	}
	n := len(b.doc.References)
	have := map[int]bool{}
	for _, r := range b.doc.References {
		have[r.N] = true
	}
	type found struct {
		p Paragraph
		c Callout
	}
	var all []found
	counts := map[string]int{}
	for _, p := range b.doc.Paragraphs {
		if !citing(b.kindOf(p.Section)) {
			continue
		}
		callouts := ScanCallouts(p.Text)
		if b.plainText {
			callouts = append(callouts, scanPlainSuperscripts(p.Text)...)
		}
		for _, c := range callouts {
			all = append(all, found{p, c})
			if c.Style != StyleSuperscript && allIn(c.Numbers, have) {
				counts[c.Style]++
			} else if c.Style == StyleSuperscript && allIn(c.Numbers, have) {
				counts[StyleSuperscript]++
			}
		}
	}
	// Superscript digits are citations only in a document that cites
	// that way; elsewhere they are exponents, charges and footnotes.
	superOK := counts[StyleSuperscript] > counts[StyleParen]+counts[StyleBracket]
	// A document cites one way. Where superscripts far outnumber groups
	// in brackets or parentheses, those are quantities and intervals
	// ("(5,8 - 12,5)" with decimal commas), not callouts.
	groupsOK := !superOK || 3*(counts[StyleParen]+counts[StyleBracket]) > counts[StyleSuperscript]
	for _, f := range all {
		c := f.c
		if c.Style == StyleSuperscript && !superOK || c.Style != StyleSuperscript && !groupsOK {
			continue
		}
		text := f.p.Text[c.Start:c.End]
		if !allIn(c.Numbers, have) {
			if notCitation(c, n) {
				continue
			}
			b.diag(Warning, "citation-out-of-range", "paragraph "+f.p.ID,
				fmt.Sprintf("%q cites numbers missing from the %d-entry reference list", text, n))
			var keep []int
			for _, x := range c.Numbers {
				if have[x] {
					keep = append(keep, x)
				}
			}
			if len(keep) == 0 {
				continue
			}
			c.Numbers = keep
		}
		b.doc.Citations = append(b.doc.Citations, Citation{
			ID:        "c" + strconv.Itoa(len(b.doc.Citations)+1),
			Paragraph: f.p.ID,
			Start:     runeIndex(f.p.Text, c.Start),
			End:       runeIndex(f.p.Text, c.End),
			Text:      text,
			Style:     c.Style,
			Refs:      c.Numbers,
		})
	}
}

// notCitation: a year, a grant or accession number, or a number far past
// the list is what the text talks about, not a callout.
func notCitation(c Callout, nrefs int) bool {
	for _, x := range c.Numbers {
		if x >= 1800 && x <= 2100 && len(c.Numbers) == 1 {
			return true
		}
		if x > 2*nrefs+10 {
			return true
		}
	}
	return false
}

func allIn(nums []int, have map[int]bool) bool {
	for _, x := range nums {
		if !have[x] {
			return false
		}
	}
	return true
}

func (b *builder) kindOf(id string) string {
	var kind string
	var walk func([]*Section, string)
	walk = func(ss []*Section, top string) {
		for _, s := range ss {
			k := top
			if k == "" {
				k = s.Kind
			}
			if s.ID == id {
				kind = k
				return
			}
			walk(s.Children, k)
		}
	}
	walk(b.doc.Sections, "")
	return kind
}

// authorYearCitations links the author–year callouts of body paragraphs
// to an unnumbered reference list.
func (b *builder) authorYearCitations() {
	idx := newAYIndex(b.doc.References)
	for _, p := range b.doc.Paragraphs {
		if !citing(b.kindOf(p.Section)) {
			continue
		}
		for _, c := range idx.scan(p.Text) {
			b.doc.Citations = append(b.doc.Citations, Citation{
				ID:        "c" + strconv.Itoa(len(b.doc.Citations)+1),
				Paragraph: p.ID,
				Start:     runeIndex(p.Text, c.start),
				End:       runeIndex(p.Text, c.end),
				Text:      p.Text[c.start:c.end],
				Style:     StyleAuthorYear,
				Refs:      c.refs,
			})
		}
	}
}

// citing: the kinds of section whose callouts are citations. Back matter
// (funding, contributions) holds grant numbers, not callouts; an
// abstract seldom cites, but where a layout could not find where the
// abstract ends, the introduction's callouts are in it.
func citing(kind string) bool { return kind == KindBody || kind == KindAbstract }

// scanPlainSuperscripts finds superscript callouts that a converter
// wrote as plain digits (pdftotext: "worshipped.1-3", "gestação2.",
// "diseases.4,5"): digits right after a word of three or more
// lower-case letters, or after the punctuation that ends one, and
// before white space or punctuation. Whether they are citations is
// decided with the other superscripts: only where the document cites
// that way.
func scanPlainSuperscripts(text string) []Callout {
	var out []Callout
	for _, m := range plainSuper().FindAllStringSubmatchIndex(text, -1) {
		start, end := m[2], m[3]
		if end < len(text) {
			r, _ := utf8.DecodeRuneInString(text[end:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%' || r == '°' || r == '/' {
				continue
			}
		}
		body := plainSuperBody.Replace(text[start:end])
		nums, ok := expand(body)
		if !ok {
			continue
		}
		out = append(out, Callout{Start: start, End: end, Style: StyleSuperscript, Numbers: nums})
	}
	return out
}

var plainSuperBody = strings.NewReplacer(" ", "", "–", "-")

var plainSuper = lazyre.New(`(?:\p{Ll}{3}|\p{L}[.,;:)’”])(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*)`)

// indexed: the bracket follows a symbol of one or two letters with no
// space between, as statistics write components ("t[1]", "to[1]",
// "pq[2]"); a callout stands apart from its word, or after a longer one
// ("cancer[1]", as some journals set them).
func indexed(before string) bool {
	n := 0
	for n < len(before) {
		r, size := utf8.DecodeLastRuneInString(before[:len(before)-n])
		if !unicode.IsLetter(r) {
			break
		}
		n += size
	}
	return n > 0 && utf8.RuneCountInString(before[len(before)-n:]) <= 2
}
