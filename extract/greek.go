package extract

import (
	"unicode"

	"github.com/chemores/chemores/internal/textutil"
)

// isGreek reports Greek letters (basic block, both cases), the ones that
// gene and protein names carry: TGF-β, HIF-1α, NF-κB, PPARγ.
func isGreek(r rune) bool {
	return r >= 'Α' && r <= 'ω' && r != '΢' || r == 'ϐ' || r == 'ϑ' || r == 'ϕ' || r == 'ϵ'
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func isUpperOrDigit(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }

// markGreekSpaces marks the spaces a converter put around a Greek letter
// that belongs to a name. The typeset text had "TGF-β", "HIF-1α", "NF-κB",
// "TβRII", "IFNγ", "β-catenin" and "2-10 μM"; the conversion gives
// "TGF- β", "HIF-1 α", "NF- κ B", "T β RII", "IFN γ", "β -catenin" and
// "2-10 μ M". The space before the letter goes when what precedes is a
// hyphen, a slash, or a short token in capitals and digits (a symbol);
// the space after goes before a hyphen, closing punctuation, or a symbol
// in capitals that the letter is glued to. A Greek letter after a
// lower-case word ("growth factor β") keeps its space; "μ" before a unit
// closes up with the unit but keeps its space from the number.
func markGreekSpaces(in []rune, skip []bool) {
	for i, r := range in {
		if !isGreek(r) {
			continue
		}
		// Only an isolated letter was spaced out: "TGFβ" needs nothing.
		before := i > 0 && in[i-1] == ' '
		after := i+1 < len(in) && in[i+1] == ' '
		if !before && !after {
			continue
		}
		glued := i > 0 && !before && !textutil.IsSpace(in[i-1])
		if before && i >= 2 {
			if r == 'μ' && unitAt(in, i+1) {
				// "10 μ M": keep the space from the number.
			} else if joinsLeft(in, i-1) {
				skip[i-1] = true
				glued = true
			}
		}
		if after && i+2 < len(in) {
			next := in[i+2]
			switch {
			case next == '-' || next == ',' || next == '.' || next == ';' || next == ':' || next == ')' || next == ']' || next == '/':
				skip[i+1] = true
			case r == 'μ' && unitAt(in, i+1):
				skip[i+1] = true
			case glued && capsToken(in, i+2):
				skip[i+1] = true
			}
		}
	}
}

// joinsLeft reports whether the token ending just before the space at sp
// is one a Greek letter attaches to: it ends in a hyphen or slash, or it
// is a short symbol in capitals and digits ("HIF-1", "IL1", "IFN", "T").
func joinsLeft(in []rune, sp int) bool {
	end := sp - 1
	if end < 0 {
		return false
	}
	if in[end] == '-' || in[end] == '/' {
		return true
	}
	start := end
	for start > 0 && !textutil.IsSpace(in[start-1]) && in[start-1] != '(' && in[start-1] != '[' && in[start-1] != '/' {
		start--
	}
	tok := in[start : end+1]
	if len(tok) == 0 || len(tok) > 8 || !unicode.IsUpper(tok[0]) {
		return false
	}
	for _, c := range tok {
		if !isUpperOrDigit(c) && c != '-' {
			return false
		}
	}
	return true
}

// capsToken reports whether a short symbol in capitals and digits starts
// at i and ends at a non-letter: the "B" of "NF- κ B", the "RII" of
// "T β RII".
func capsToken(in []rune, i int) bool {
	j := i
	for j < len(in) && isUpperOrDigit(in[j]) {
		j++
	}
	if j == i || j-i > 4 || !unicode.IsUpper(in[i]) {
		return false
	}
	return j == len(in) || !isLetter(in[j])
}

// unitAt reports whether a unit that takes the micro prefix follows the
// space at sp: "μ M", "μ g/ml", "μ mol", "μ m", "μ l".
func unitAt(in []rune, sp int) bool {
	i := sp + 1
	if i > len(in) {
		return false // the text ends at the letter
	}
	j := i
	for j < len(in) && isLetter(in[j]) && !isGreek(in[j]) {
		j++
	}
	switch string(in[i:j]) {
	case "M", "mM", "m", "g", "l", "L", "mol", "mmol", "s", "Ci", "Gy", "U", "A", "V", "W", "J":
		return true
	}
	return false
}
