package normalize

// match is a lexicon name found in a text: tokens [i, j) and the names
// that fit it there.
type match struct {
	i, j       int // token indices
	start, end int // byte offsets
	refs       []nameRef
}

// scan finds the longest lexicon names in text, left to right, without
// overlaps. A name must start and end on word boundaries: "CD3" is not
// found in "CD39", nor "IL1" in "IL1β"; a change into sub- or superscript
// characters is a boundary ("DNMT3Aₘᵤₜ", "Sox2⁺").
func (lx *Lexicon) scan(text string, toks []token) []match {
	var out []match
	for i := 0; i < len(toks); {
		if !canStart(toks, i) {
			i++
			continue
		}
		var best match
		h := uint64(fnvOffset)
		for j := i; j < len(toks) && j-i < lx.maxTokens; j++ {
			h = hashToken(h, j == i, toks[j].norm)
			v, ok := lx.lookup(h)
			if !ok {
				break
			}
			if g := lx.group(v); g != nil && canEnd(toks, j) {
				if refs := fitting(g, text, toks[i:j+1]); len(refs) > 0 {
					best = match{i: i, j: j + 1, start: toks[i].start, end: toks[j].end, refs: refs}
				}
			}
			if v&prefixBit == 0 {
				break
			}
		}
		if best.refs == nil {
			i++
			continue
		}
		out = append(out, best)
		i = best.j
	}
	return out
}

func canStart(toks []token, i int) bool {
	t := &toks[i]
	if !t.isName() && t.class != tokPunct {
		return false
	}
	if t.class == tokPunct && t.norm != "(" { // "poly(ADP-ribose)" starts with a word
		return false
	}
	if i > 0 && t.sep == sepNone && toks[i-1].isName() {
		return false // inside a word
	}
	return true
}

func canEnd(toks []token, j int) bool {
	if !toks[j].isName() && toks[j].norm != ")" && toks[j].class != tokScript {
		return false // a formula may end in a subscript or charge: "H₂O₂", "Mn²⁺"
	}
	if j+1 < len(toks) && toks[j+1].sep == sepNone && toks[j+1].isName() {
		return false // the word goes on
	}
	if j+1 < len(toks) && toks[j+1].sep == sepHyphen && toks[j+1].class == tokNum && toks[j].class == tokWord {
		return false // a code goes on: "OBP" in "OBP-301", "Ki" in "Ki-67"
	}
	return true
}

// fitting keeps the names whose case and shape fit the text.
func fitting(g []nameRef, text string, toks []token) []nameRef {
	var out []nameRef
	for _, r := range g {
		if fits(r, text, toks) {
			out = append(out, r)
		}
	}
	return out
}

// fits applies the case and shape rules. Separators: a name written
// without a break ("CTR1") is found with a hyphen too ("CTR-1") but not
// with a space, except next to a Greek letter ("HIF-1 α", "NF- κ B"); a name with a
// hyphen or space is found with either or none. Case: long names match in
// any case; symbols match in their own case, or in another case when the
// text still looks like a symbol (a digit, a Greek letter, two capitals:
// "Cox-2", "p53", "Myc" for MYC), never when all lower case ("arc"), and
// an English word only in its own capitals ("CAT", not "Cat").
func fits(r nameRef, text string, toks []token) bool {
	ft := tokenize(r.form)
	if len(ft) != len(toks) {
		return false
	}
	for k := range ft {
		// The index compares hashes: compare the tokens themselves. A
		// Greek letter matches its Latin initial ("HIF1A" as "HIF-1α").
		if ft[k].norm != toks[k].norm && !(toks[k].class == tokGreek && greekInitial[ft[k].norm] == toks[k].norm) {
			return false
		}
	}
	for k := 1; k < len(toks); k++ {
		if toks[k].sep == sepSpace && ft[k].sep == sepNone && toks[k].class != tokGreek && toks[k-1].class != tokGreek && ft[k].class != tokPunct && toks[k-1].class != tokPunct {
			return false
		}
	}
	if r.flags&flagSymbolic == 0 {
		return true
	}
	exact := true
	var up, lo, letters int
	shaped := false
	for k := range toks {
		t := &toks[k]
		up += int(t.upper)
		lo += int(t.lower)
		switch t.class {
		case tokNum:
			shaped = true
		case tokGreek:
			shaped = true
			letters++
		case tokWord:
			letters += len(t.norm)
			if text[t.start:t.end] != r.form[ft[k].start:ft[k].end] {
				exact = false
			}
		}
	}
	if r.flags&flagEnglish != 0 {
		return exact && lo == 0
	}
	if r.flags&flagExact != 0 {
		return exact
	}
	if exact {
		return true
	}
	if letters <= 2 && !shaped {
		return false // "Er", "Hr": too short to trust in another case
	}
	if up == 0 && !shaped {
		return false // all lower case: an ordinary word
	}
	if lo == 0 || shaped || up >= 2 {
		return true
	}
	// Title case ("Myc"): fine for a symbol, since English words are
	// excluded above.
	first := toks[0]
	return first.class == tokWord && first.upper == 1 && isUpperASCII(text[first.start])
}
