package normalize

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/internal/diag"
)

// Options tune Annotate.
type Options struct {
	// NER, when set, proposes mentions the lexicons miss; they are kept
	// as candidates (ResolvedBy "model") and get an entity only from the
	// document's own abbreviation definitions.
	NER *NER
}

// para is one paragraph on its way through the stage.
type para struct {
	id      string
	text    string
	toks    []token
	sents   []span
	matches []match
	defs    []abbrevDef
	words   map[string]bool // context: the paragraph's words, folded
	runes   []int32         // byte offset -> code point offset
}

// found is a mention before ids are given out.
type found struct {
	p          int
	start, end int // bytes
	dec        decision
}

// Annotate finds the sentences, abbreviation definitions and entity
// mentions of doc and resolves the mentions against lx.
func Annotate(ctx context.Context, doc *extract.Document, lx *Lexicon, opt Options) (*Annotations, error) {
	texts := make([]string, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		texts[i] = p.Text
	}
	sents, err := segment(texts)
	if err != nil {
		return nil, err
	}
	back := backSections(doc.Sections)
	ps := make([]*para, len(texts))
	for i, p := range doc.Paragraphs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q := &para{id: p.ID, text: p.Text, sents: sents[i]}
		q.toks = tokenize(q.text)
		if !back[p.Section] {
			// Back matter (contributions, funding) names people and
			// grants, not genes: "LYZ and PL contributed".
			q.matches = lx.scan(q.text, q.toks)
		}
		q.words = make(map[string]bool, len(q.toks))
		for _, t := range q.toks {
			if t.class == tokWord {
				q.words[t.norm] = true
			}
		}
		for _, s := range q.sents {
			q.defs = append(q.defs, findAbbrevs(q.text, s)...)
			q.defs = append(q.defs, lx.lexiconPairs(q, s)...)
		}
		sort.SliceStable(q.defs, func(a, b int) bool { return q.defs[a].start < q.defs[b].start })
		q.runes = runeIndex(q.text)
		ps[i] = q
	}
	defs := lx.localDefs(ps)
	var fs []found
	for pi, q := range ps {
		for _, m := range q.matches {
			key := keyOf(q.toks[m.i:m.j])
			d := lx.resolve(m.refs, key, defs, q.words)
			if d.drop {
				continue
			}
			fs = append(fs, found{p: pi, start: m.start, end: m.end, dec: d})
		}
	}
	fs = append(fs, lx.shortForms(ps, defs, fs)...)
	fs = longForms(ps, defs, fs)
	fs = lx.expand(ps, defs, fs)
	fs = dropParts(ps, fs)
	if opt.NER != nil {
		fs = append(fs, opt.NER.propose(ps, fs, defs, lx)...)
	}
	sort.Slice(fs, func(a, b int) bool {
		if fs[a].p != fs[b].p {
			return fs[a].p < fs[b].p
		}
		return fs[a].start < fs[b].start
	})
	a := lx.assemble(doc, ps, fs, defs)
	a.Support = nonNilSupport(CitationScope(a.Sentences, doc.Citations))
	if claims := lx.findClaims(doc, a); claims != nil {
		a.Claims = claims
	}
	return a, nil
}

func nonNilSupport(s []Support) []Support {
	if s == nil {
		return []Support{}
	}
	return s
}

// lexiconPairs finds definitions Schwartz & Hearst cannot see because the
// short form is not made of the long form's letters, when the lexicon
// knows both as names of one entity: "glutathione (GSH)".
func (lx *Lexicon) lexiconPairs(q *para, s span) []abbrevDef {
	var out []abbrevDef
	for k, m := range q.matches {
		if m.start < s.start || m.end > s.end {
			continue
		}
		rest := q.text[m.end:s.end]
		trimmed := strings.TrimLeft(rest, " ")
		if !strings.HasPrefix(trimmed, "(") {
			continue
		}
		open := m.end + len(rest) - len(trimmed)
		j := strings.IndexByte(q.text[open:s.end], ')')
		if j < 0 {
			continue
		}
		sf := q.text[open+1 : open+j]
		if !validShort(sf) || defined(q.defs, open) {
			continue
		}
		same := false
		for _, r := range lx.named(sf) {
			for _, mr := range q.matches[k].refs {
				if r.ent == mr.ent {
					same = true
				}
			}
		}
		if same {
			out = append(out, abbrevDef{
				short: sf, long: q.text[m.start:m.end],
				start: m.start, end: open + j + 1,
				shortStart: open + 1, shortEnd: open + j,
				longStart: m.start, longEnd: m.end, fromLexicon: true,
			})
		}
	}
	return out
}

func defined(defs []abbrevDef, open int) bool {
	for _, d := range defs {
		if d.shortStart == open+1 || d.longStart == open+1 {
			return true
		}
	}
	return false
}

// localDefs decides what each defined short form means in the document:
// the entity its long form names, when the lexicon resolves the long form
// (or its end, when that starts with the short form's first letter).
func (lx *Lexicon) localDefs(ps []*para) map[string]local {
	out := map[string]local{}
	for _, q := range ps {
		for _, d := range q.defs {
			key := foldKey(singular(d.short))
			l := local{ent: -1, long: d.long}
			hasGene := false
			for _, m := range q.matches {
				if m.start < d.longStart || m.end > d.longEnd {
					continue
				}
				if lx.entities[m.refs[0].ent].typ == Gene {
					hasGene = true
				}
				if m.end != d.longEnd || (m.start != d.longStart && (!sameInitial(q.text[m.start:], d.short) || hasGene)) {
					continue // "SMAD2 and SMAD3 (SMAD2/3)" is not SMAD3
				}
				dec := lx.resolve(m.refs, keyOf(q.toks[m.i:m.j]), nil, q.words)
				if dec.ent >= 0 {
					l.ent = dec.ent
				}
			}
			l.geneish = hasGene || geneish(d.long)
			l.family = plural(d.short) && strings.HasSuffix(d.long, "s")
			if prev, ok := out[key]; ok && (prev.ent >= 0 || l.ent < 0) {
				continue // the first resolved definition stands
			}
			out[key] = l
		}
	}
	return out
}

func sameInitial(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return strings.EqualFold(string(ra), string(rb))
}

// backSections are the ids of back-matter sections.
func backSections(ss []*extract.Section) map[string]bool {
	out := map[string]bool{}
	var walk func([]*extract.Section, bool)
	walk = func(ss []*extract.Section, in bool) {
		for _, s := range ss {
			b := in || s.Kind == extract.KindBack
			if b {
				out[s.ID] = true
			}
			walk(s.Children, b)
		}
	}
	walk(ss, false)
	return out
}

func plural(sf string) bool { return singular(sf) != sf }

// longForms turns the long form of a definition into a mention of what
// its short form resolved to, when the lexicons do not know the long form
// as a name: "copper ion transporter protein 1 (CTR1)" names SLC31A1 once
// CTR1 does. Mentions inside the long form give way.
func longForms(ps []*para, defs map[string]local, fs []found) []found {
	type at struct{ p, start int }
	byStart := map[at]int{}
	for k, f := range fs {
		byStart[at{f.p, f.start}] = k
	}
	var add []found
	dropped := map[int]bool{}
	for pi, q := range ps {
		for _, d := range q.defs {
			l, ok := defs[foldKey(singular(d.short))]
			if !ok || l.ent >= 0 || !l.geneish || l.family || d.fromLexicon {
				continue
			}
			drop := map[int]bool{}
			k, ok := byStart[at{pi, d.shortStart}]
			if !ok || fs[k].dec.ent < 0 {
				continue
			}
			whole := false
			for j, f := range fs {
				if f.p != pi || f.start < d.longStart || f.end > d.longEnd {
					continue
				}
				if f.start == d.longStart && f.end == d.longEnd {
					whole = true
					break
				}
				if f.dec.ent >= 0 && f.dec.ent != fs[k].dec.ent && f.dec.typ == fs[k].dec.typ {
					whole = true // "SMAD2 and SMAD3 (SMAD2/3)" names two genes
					break
				}
				drop[j] = true
			}
			if whole {
				continue
			}
			for j := range drop {
				dropped[j] = true
			}
			add = append(add, found{p: pi, start: d.longStart, end: d.longEnd,
				dec: decision{ent: fs[k].dec.ent, by: ByAbbreviation, typ: fs[k].dec.typ}})
		}
	}
	out := fs[:0:0]
	for j, f := range fs {
		if !dropped[j] {
			out = append(out, f)
		}
	}
	return append(out, add...)
}

// expand reads a defined short form inside a longer name as its long
// form: "GSH disulfide" is "glutathione disulfide" once "glutathione
// (GSH)" is defined, when the lexicons know that name.
func (lx *Lexicon) expand(ps []*para, defs map[string]local, fs []found) []found {
	for k := range fs {
		f := &fs[k]
		if f.dec.by != ByAbbreviation {
			continue
		}
		q := ps[f.p]
		l, ok := defs[foldKey(singular(q.text[f.start:f.end]))]
		if !ok || l.ent < 0 {
			continue
		}
		rest := q.text[f.end:min(len(q.text), f.end+80)]
		if rest == "" || (rest[0] != ' ' && rest[0] != '-') {
			continue
		}
		syn := l.long + rest
		toks := tokenize(syn)
		ms := lx.scan(syn, toks)
		if len(ms) == 0 || ms[0].start != 0 || ms[0].end <= len(l.long) {
			continue
		}
		end := f.end + ms[0].end - len(l.long)
		if next := k + 1; next < len(fs) && fs[next].p == f.p && fs[next].start < end {
			continue // the longer name would swallow another mention
		}
		d := lx.resolve(ms[0].refs, keyOf(toks[ms[0].i:ms[0].j]), nil, q.words)
		if d.ent < 0 {
			continue
		}
		d.by = ByAbbreviation
		f.end, f.dec = end, d
	}
	return fs
}

// dropParts removes chemical mentions that are part of something else:
// an enzyme named after its substrate ("GSH reductase",
// "GSH-S-transferase") or an amino acid residue ("arginine 882").
func dropParts(ps []*para, fs []found) []found {
	out := fs[:0]
	for _, f := range fs {
		if f.dec.typ == Chemical && f.dec.ent >= 0 {
			q := ps[f.p]
			next := tokensAfter(q, f.end, 2)
			if len(next) > 0 && next[0].class == tokWord && len(next[0].norm) == 1 && next[0].sep == sepHyphen {
				next = next[1:] // "GSH-S-transferase"
			}
			if len(next) > 0 && next[0].class == tokWord && next[0].sep != sepNone && (isEnzymeWord(next[0].norm) || saltWords[next[0].norm]) {
				continue // "GSH reductase"; "iron oxide" is not iron
			}
			if len(next) > 0 && next[0].class == tokNum && next[0].sep == sepSpace && aminoAcids[strings.ToLower(q.text[f.start:f.end])] {
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// saltWords make an element the part of a compound: "iron oxide",
// "sodium chloride".
var saltWords = map[string]bool{"oxide": true, "oxides": true, "chloride": true, "sulfate": true, "sulphate": true,
	"nitrate": true, "carbonate": true, "hydroxide": true, "phosphate": true}

func isEnzymeWord(w string) bool {
	w = strings.TrimSuffix(w, "s")
	return strings.HasSuffix(w, "ase") && len(w) > 5 && !notEnzymes[w]
}

var aminoAcids = map[string]bool{
	"alanine": true, "arginine": true, "asparagine": true, "aspartate": true, "cysteine": true,
	"glutamate": true, "glutamine": true, "glycine": true, "histidine": true, "isoleucine": true,
	"leucine": true, "lysine": true, "methionine": true, "phenylalanine": true, "proline": true,
	"serine": true, "threonine": true, "tryptophan": true, "tyrosine": true, "valine": true,
}

// tokensAfter returns up to n tokens starting at byte offset b.
func tokensAfter(q *para, b, n int) []token {
	k := sort.Search(len(q.toks), func(i int) bool { return q.toks[i].start >= b })
	return q.toks[k:min(len(q.toks), k+n)]
}

// singular drops the plural "s" of a short form: "OCTs", "DSBs".
func singular(sf string) string {
	toks := tokenize(sf)
	if n := len(toks); n >= 2 && toks[n-1].class == tokPlural {
		return sf[:toks[n-1].start]
	}
	return sf
}

// shortForms finds the uses of defined short forms that no lexicon name
// covers ("GSH" once "glutathione (GSH)" is defined, when the chemicals
// lexicon lacks "GSH"), in the short form's own case.
func (lx *Lexicon) shortForms(ps []*para, defs map[string]local, have []found) []found {
	var shorts []string
	for k, l := range defs {
		if l.ent >= 0 {
			shorts = append(shorts, k)
		}
	}
	sort.Strings(shorts)
	type cov struct{ p, start, end int }
	var spans []cov
	for _, f := range have {
		spans = append(spans, cov{f.p, f.start, f.end})
	}
	var out []found
	for pi, q := range ps {
		for _, key := range shorts {
			l := defs[key]
			want := strings.Split(key, " ")
			for i := range q.toks {
				if !canStart(q.toks, i) || i+len(want) > len(q.toks) {
					continue
				}
				ok := true
				for k, w := range want {
					if q.toks[i+k].norm != w || (k > 0 && q.toks[i+k].sep == sepSpace) {
						ok = false
						break
					}
				}
				j := i + len(want) - 1
				if !ok {
					continue
				}
				end := j
				if end+1 < len(q.toks) && q.toks[end+1].class == tokPlural {
					end++
				} else if !canEnd(q.toks, j) {
					continue
				}
				start, stop := q.toks[i].start, q.toks[end].end
				if !sameCase(q.text[start:stop], ps) {
					continue
				}
				overlap := false
				for _, c := range spans {
					if c.p == pi && c.start < stop && start < c.end {
						overlap = true
						break
					}
				}
				if overlap {
					continue
				}
				spans = append(spans, cov{pi, start, stop})
				out = append(out, found{p: pi, start: start, end: stop,
					dec: decision{ent: l.ent, by: ByAbbreviation, typ: lx.entities[l.ent].typ}})
			}
		}
	}
	return out
}

// sameCase requires a use of a short form to be written like one of its
// definitions, plural aside: "GSH", not "gsh".
func sameCase(s string, ps []*para) bool {
	s = singular(s)
	for _, q := range ps {
		for _, d := range q.defs {
			if singular(d.short) == s {
				return true
			}
		}
	}
	return false
}

// runeIndex maps each byte offset of s to its code point offset.
func runeIndex(s string) []int32 {
	idx := make([]int32, len(s)+1)
	n := int32(0)
	for i := range s {
		idx[i] = n
		n++
	}
	// Continuation bytes map like the start of their rune.
	last := int32(0)
	for i := 0; i < len(s); i++ {
		if utf8.RuneStart(s[i]) {
			last = idx[i]
		} else {
			idx[i] = last
		}
	}
	idx[len(s)] = n
	return idx
}

// fillAbbrevEntities gives an abbreviation whose definition named no
// entity the one its own short form resolved to where it is defined
// ("copper ion transporter protein 1 (CTR1)": CTR1 resolved by the
// lexicon or an override), unless a mention of its long form there
// resolved to another entity.
func fillAbbrevEntities(a *Annotations, lx *Lexicon, ps []*para, fs []found) {
	type at struct{ p, start, end int }
	ent := map[at]int32{}
	for _, f := range fs {
		if f.dec.ent >= 0 {
			ent[at{f.p, f.start, f.end}] = f.dec.ent
		}
	}
	k := 0
	for pi, q := range ps {
		for _, d := range q.defs {
			ab := &a.Abbreviations[k]
			k++
			if ab.Entity != "" {
				continue
			}
			short, ok := ent[at{pi, d.shortStart, d.shortEnd}]
			if !ok {
				continue
			}
			agree := true
			for _, f := range fs {
				if f.p == pi && f.start >= d.longStart && f.end <= d.longEnd && f.dec.ent >= 0 && f.dec.ent != short {
					agree = false
				}
			}
			if agree {
				ab.Entity = lx.entities[short].id
			}
		}
	}
}

// assemble builds the output, in reading order, with ids.
func (lx *Lexicon) assemble(doc *extract.Document, ps []*para, fs []found, defs map[string]local) *Annotations {
	a := &Annotations{
		Schema:        SchemaVersion,
		Document:      doc.ID,
		Lexicons:      append([]LexiconInfo{}, lx.Info...),
		Sentences:     []Sentence{},
		Mentions:      []Mention{},
		Entities:      []Entity{},
		Abbreviations: []Abbreviation{},
		Support:       []Support{},
		Claims:        []Claim{},
		Diagnostics:   []diag.Diagnostic{},
	}
	sentID := make([][]string, len(ps))
	for pi, q := range ps {
		for k, s := range q.sents {
			id := fmt.Sprintf("%s.s%d", q.id, k+1)
			sentID[pi] = append(sentID[pi], id)
			a.Sentences = append(a.Sentences, Sentence{
				ID: id, Paragraph: q.id,
				Start: int(q.runes[s.start]), End: int(q.runes[s.end]),
				Text: q.text[s.start:s.end],
			})
		}
		for _, d := range q.defs {
			ab := Abbreviation{Short: d.short, Long: d.long, Paragraph: q.id,
				Start: int(q.runes[d.start]), End: int(q.runes[d.end])}
			if l, ok := defs[foldKey(singular(d.short))]; ok && l.ent >= 0 {
				ab.Entity = lx.entities[l.ent].id
			}
			a.Abbreviations = append(a.Abbreviations, ab)
		}
	}
	type agg struct {
		forms map[string]bool
		n     int
	}
	ents := map[int32]*agg{}
	type unres struct {
		n      int
		where  string
		cands  []int32
		typ    string
		reason string
	}
	unresolved := map[string]*unres{}
	for k, f := range fs {
		q := ps[f.p]
		text := q.text[f.start:f.end]
		m := Mention{
			ID: fmt.Sprintf("m%d", k+1), Text: text, Paragraph: q.id,
			Sentence: sentenceOf(q, sentID[f.p], f.start),
			Start:    int(q.runes[f.start]), End: int(q.runes[f.end]),
			Type: f.dec.typ, ResolvedBy: f.dec.by, Generic: isGeneric(text),
		}
		for _, c := range f.dec.candidates {
			m.Candidates = append(m.Candidates, lx.entities[c].id)
		}
		if f.dec.ent >= 0 {
			m.Entity = lx.entities[f.dec.ent].id
			g := ents[f.dec.ent]
			if g == nil {
				g = &agg{forms: map[string]bool{}}
				ents[f.dec.ent] = g
			}
			g.forms[text] = true
			g.n++
		} else if f.dec.by != ByModel {
			u := unresolved[text]
			if u == nil {
				u = &unres{where: "paragraph " + q.id, cands: f.dec.candidates, typ: f.dec.typ, reason: f.dec.reason}
				unresolved[text] = u
			}
			u.n++
		}
		a.Mentions = append(a.Mentions, m)
	}
	fillAbbrevEntities(a, lx, ps, fs)
	for e, g := range ents {
		le := lx.entities[e]
		ent := Entity{ID: le.id, Type: le.typ, Name: le.name, FullName: le.fullName,
			Identifiers: append([]Identifier{}, le.ids...), Mentions: g.n, Members: le.members}
		for f := range g.forms {
			ent.Forms = append(ent.Forms, f)
		}
		sort.Strings(ent.Forms)
		a.Entities = append(a.Entities, ent)
	}
	sort.Slice(a.Entities, func(i, j int) bool {
		x, y := a.Entities[i], a.Entities[j]
		if x.Type != y.Type {
			return x.Type < y.Type
		}
		return x.ID < y.ID
	})
	var texts []string
	for t := range unresolved {
		texts = append(texts, t)
	}
	sort.Strings(texts)
	for _, t := range texts {
		u := unresolved[t]
		var cs []string
		for _, c := range u.cands {
			cs = append(cs, lx.entities[c].id+" "+lx.entities[c].name)
		}
		msg := fmt.Sprintf("%q (%s, %d mentions) left unresolved; candidates: %s", t, u.typ, u.n, strings.Join(cs, ", "))
		if u.reason != "" {
			msg += "; " + u.reason
		}
		a.Diagnostics = append(a.Diagnostics, diag.Diagnostic{
			Level: diag.Info, Code: "mention-unresolved", Where: u.where, Message: msg,
		})
	}
	return a
}

func sentenceOf(q *para, ids []string, b int) string {
	k := sort.Search(len(q.sents), func(i int) bool { return q.sents[i].end > b })
	if k < len(q.sents) && q.sents[k].start <= b {
		return ids[k]
	}
	return ""
}

// genericNames are the words for cancer in general.
var genericNames = map[string]bool{
	"tumor": true, "tumour": true, "cancer": true, "neoplasm": true, "malignancy": true,
	"carcinoma": true, "malignant tumor": true, "malignant tumour": true, "malignancie": true,
}

// isGeneric reports a bare word for cancer in general ("tumors",
// "Cancer", "malignancies"), not a named cancer ("breast cancer").
func isGeneric(text string) bool {
	t := strings.ToLower(text)
	t = strings.TrimSuffix(t, "s")
	return genericNames[t]
}
