package normalize

import (
	"sort"
	"strings"
)

// ByCoding marks a choice made by preferring the one protein-coding gene
// among the candidates.
const ByCoding = "protein-coding"

// local is what the document's own definition says a short form means.
type local struct {
	ent     int32 // -1 when the long form names nothing the lexicons know
	geneish bool  // the long form reads like a gene or protein name
	family  bool  // a plural long form ("organic cation transporters (OCTs)")
	long    string
}

// decision is the outcome for one mention.
type decision struct {
	ent        int32 // -1: unresolved
	by         string
	typ        string
	candidates []int32
	drop       bool   // not an entity at all
	reason     string // why it stays unresolved, when a curated entry says
}

// resolve picks the entity a mention names, in this order: the
// document's own definition of the short form, curated overrides, an
// unambiguous lexicon name (an official symbol beating aliases), context
// words, the one protein-coding gene; otherwise the mention stays
// unresolved with its candidates.
func (lx *Lexicon) resolve(refs []nameRef, key string, defs map[string]local, ctx map[string]bool) decision {
	if d, ok := defs[key]; ok {
		switch {
		case d.ent >= 0:
			return decision{ent: d.ent, by: ByAbbreviation, typ: lx.entities[d.ent].typ}
		case d.family && d.geneish:
			c := lx.entitiesOf(refs)
			return decision{ent: -1, typ: Gene, candidates: c, reason: "defined in the document as a family: " + d.long}
		case !d.geneish:
			// "homologous recombination (HR)": the gene HR is not meant.
			refs = dropGeneSymbols(lx, refs)
			if len(refs) == 0 {
				return decision{drop: true}
			}
		}
	}
	cands := lx.entitiesOf(refs)
	if os, ok := lx.overrides[key]; ok {
		for _, o := range os {
			if len(o.context) > 0 && !hasContext(ctx, o.context) {
				continue
			}
			switch o.ent {
			case notEntity:
				return decision{drop: true}
			case family:
				return decision{ent: -1, typ: lx.entities[cands[0]].typ, candidates: cands, reason: o.reason}
			}
			return decision{ent: o.ent, by: ByOverride, typ: lx.entities[o.ent].typ, candidates: cands}
		}
	}
	d := decision{ent: -1, candidates: cands, typ: lx.entities[cands[0]].typ}
	weak := weakName(refs)
	// Keep the best tier: official symbols, then names, then synonyms,
	// then aliases.
	best := refs[0].kind
	for _, r := range refs {
		best = min(best, r.kind)
	}
	var tier []int32
	for _, r := range refs {
		if r.kind == best {
			tier = appendUnique(tier, r.ent)
		}
	}
	d.typ = lx.entities[tier[0]].typ
	if len(tier) == 1 && !weak {
		d.ent, d.by = tier[0], ByLexicon
		if len(cands) == 1 {
			d.candidates = nil
		}
		return d
	}
	// Context: the words of each candidate's names around the mention.
	bestScore, bestEnt, tie := 0, int32(-1), false
	for _, e := range cands {
		s := 0
		le := &lx.entities[e]
		for _, w := range contentWords(le.name + " " + le.fullName) {
			if ctx[w] {
				s++
			}
		}
		switch {
		case s > bestScore:
			bestScore, bestEnt, tie = s, e, false
		case s == bestScore && s > 0:
			tie = true
		}
	}
	if bestScore > 0 && !tie {
		d.ent, d.by, d.typ = bestEnt, ByContext, lx.entities[bestEnt].typ
		return d
	}
	if weak {
		return d
	}
	var coding []int32
	for _, e := range tier {
		if lx.entities[e].geneType == "protein-coding" {
			coding = append(coding, e)
		}
	}
	if len(coding) == 1 && len(coding) < len(tier) {
		d.ent, d.by, d.typ = coding[0], ByCoding, Gene
	}
	return d
}

// weakName reports names too short to trust alone: two letters, no digit
// ("ER", "HR", "CK"), unless an official symbol... which they often are,
// so symbols of two letters are weak too.
func weakName(refs []nameRef) bool {
	for _, r := range refs {
		if r.flags&flagSymbolic == 0 {
			return false
		}
		letters, other := 0, false
		for _, c := range r.form {
			switch {
			case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
				letters++
			default:
				other = true
			}
		}
		if letters > 2 || other {
			return false
		}
	}
	return true
}

func dropGeneSymbols(lx *Lexicon, refs []nameRef) []nameRef {
	var out []nameRef
	for _, r := range refs {
		if lx.entities[r.ent].typ == Gene && (r.kind == kindSymbol || r.kind == kindAlias) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func (lx *Lexicon) entitiesOf(refs []nameRef) []int32 {
	var out []int32
	for _, r := range refs {
		out = appendUnique(out, r.ent)
	}
	sort.Slice(out, func(i, j int) bool { return lx.entities[out[i]].id < lx.entities[out[j]].id })
	return out
}

func appendUnique(s []int32, e int32) []int32 {
	for _, x := range s {
		if x == e {
			return s
		}
	}
	return append(s, e)
}

// hasContext reports whether a context word (a prefix: "platin" finds
// "cisplatin" only as a prefix of a word, so list the word start) occurs.
func hasContext(ctx map[string]bool, words []string) bool {
	for _, w := range words {
		if ctx[w] {
			return true
		}
		for c := range ctx {
			if strings.HasPrefix(c, w) {
				return true
			}
		}
	}
	return false
}

// geneish reports whether a long form reads like the name of a gene or
// protein, so that an unknown long form still lets its short form be a
// gene ("copper ion transporter protein 1 (CTR1)") while "homologous
// recombination (HR)" does not.
func geneish(long string) bool {
	for _, t := range tokenize(long) {
		if t.class != tokWord {
			continue
		}
		if geneWords[t.norm] {
			return true
		}
		n := strings.TrimSuffix(t.norm, "s")
		if strings.HasSuffix(n, "ase") && len(n) > 6 && !notEnzymes[n] {
			return true // kinase, topoisomerase, methyltransferase
		}
	}
	return false
}

var geneWords = map[string]bool{
	"protein": true, "proteins": true, "receptor": true, "receptors": true, "factor": true,
	"factors": true, "transporter": true, "transporters": true, "gene": true, "genes": true,
	"homolog": true, "homologue": true, "antigen": true, "channel": true, "ligand": true,
	"repressor": true, "activator": true, "regulator": true, "member": true,
	"subunit": true, "domain": true, "enzyme": true, "kinase": true, "oncogene": true,
	"molecule": true, "family": true, "helicase": true, "polymerase": true, "transferase": true,
	"synthase": true, "reductase": true, "oxidoreductase": true, "glycoprotein": true,
}

// notEnzymes end in "-ase" but are not enzymes.
var notEnzymes = map[string]bool{
	"increase": true, "decrease": true, "release": true, "disease": true, "database": true,
	"purchase": true, "showcase": true, "staircase": true, "suitcase": true,
}
