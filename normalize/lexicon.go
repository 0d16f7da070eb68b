package normalize

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// ErrLexicon marks a lexicon file that cannot be read.
var ErrLexicon = errors.New("bad lexicon")

// Name kinds, from most to least trusted.
const (
	kindSymbol  = iota + 1 // official gene symbol
	kindName               // preferred or official full name
	kindSynonym            // curated synonym, former name, code, abbreviation
	kindAlias              // gene alias or previous symbol (often ambiguous)
)

// Name flags.
const (
	flagEnglish  = 1 << iota // the name is also an English word
	flagSymbolic             // short, symbol-like: case and shape rules apply
	flagExact                // found only in its own case
)

// LexiconFile is one lexicon file as read by the caller.
type LexiconFile struct {
	Path string // shown in errors and diagnostics
	Data []byte
}

// Lexicon holds every name the matcher knows and the entities they name.
// It is read-only once built and safe for concurrent use.
type Lexicon struct {
	Info      []LexiconInfo
	entities  []lexEntity
	table     table      // key hash -> group, prefixBit
	groups    [][2]int32 // [start, end) in refs
	refs      []nameRef
	pending   []pending  // names until finish lays them out
	chains    [][2]int32 // per group: first and last pending name
	tokBuf    []token
	scratch   []byte // lower-cased words of the name being indexed
	byID      map[string]int32
	overrides map[string][]override // by folded name
	mechs     []Mechanism           // the mechanisms vocabulary, for claims
	maxTokens int
}

type lexEntity struct {
	id, typ, name, fullName string
	ids                     []Identifier
	geneType                string   // NCBI gene type, genes only
	members                 []string // member gene ids, families only
	nondrug                 bool     // a chemical that is not a drug: a metabolite, element, ion
}

// nameRef is one name of one entity.
type nameRef struct {
	form  string // as written in the lexicon
	ent   int32
	kind  uint8
	flags uint8
}

type override struct {
	ent     int32 // an entity, or notEntity, or family
	context []string
	reason  string
}

// Override targets that are not entities.
const (
	notEntity = -1 // "-": the name is not an entity of our lexicons here
	family    = -2 // "?": a family or complex: leave unresolved
)

// header is the "# key: value" lines that open every lexicon file.
type header struct {
	name, source, license string
}

// NewLexicon builds a lexicon from the files: one "genes" file (see
// FormatGenes), curated "chemicals" and "diseases" files, and an
// "overrides" file, each named by its "# name:" header line, and
// optionally a "families" file (gene families and complexes, read after
// the genes it names) and the "mechanisms" vocabulary (for claims).
// Overrides are applied last, whatever the order.
func NewLexicon(files ...LexiconFile) (*Lexicon, error) {
	lx := &Lexicon{
		byID:      map[string]int32{},
		overrides: map[string][]override{},
	}
	var over, fams []LexiconFile
	for _, f := range files {
		h, body, err := readHeader(f.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		var n int
		switch h.name {
		case "genes":
			n, err = lx.addGenes(body)
		case "chemicals":
			n, err = lx.addCurated(body, Chemical)
		case "diseases":
			n, err = lx.addCurated(body, Disease)
		case "overrides":
			over = append(over, f)
			continue
		case "families":
			fams = append(fams, f)
			continue
		case "mechanisms":
			n, err = lx.addMechanisms(body)
		default:
			err = fmt.Errorf("%w: unknown lexicon name %q", ErrLexicon, h.name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		lx.Info = append(lx.Info, info(h, n, f.Data))
	}
	for _, f := range fams {
		h, body, _ := readHeader(f.Data)
		n, err := lx.addFamilies(body)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		lx.Info = append(lx.Info, info(h, n, f.Data))
	}
	for _, f := range over {
		h, body, _ := readHeader(f.Data)
		n, err := lx.addOverrides(body)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		lx.Info = append(lx.Info, info(h, n, f.Data))
	}
	lx.finish()
	sort.Slice(lx.Info, func(i, j int) bool { return lx.Info[i].Name < lx.Info[j].Name })
	return lx, nil
}

func info(h header, n int, data []byte) LexiconInfo {
	sum := sha256.Sum256(data)
	return LexiconInfo{Name: h.name, Source: h.source, License: h.license, Entries: n, SHA256: hex.EncodeToString(sum[:])}
}

// readHeader reads the "# key: value" lines and returns the rest.
func readHeader(data []byte) (header, []byte, error) {
	var h header
	for len(data) > 0 && data[0] == '#' {
		line := data
		rest := []byte(nil)
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, rest = data[:i], data[i+1:]
		}
		s := strings.TrimSpace(strings.TrimPrefix(string(line), "#"))
		if k, v, ok := strings.Cut(s, ":"); ok {
			v = strings.TrimSpace(v)
			switch strings.TrimSpace(k) {
			case "name":
				h.name = v
			case "source":
				h.source = v
			case "license":
				h.license = v
			}
		}
		data = rest
	}
	if h.name == "" {
		return h, nil, fmt.Errorf("%w: no \"# name:\" header line", ErrLexicon)
	}
	return h, data, nil
}

// rows calls fn for each data row after the column header line, which
// must hold the given columns. Fields are substrings of body, which
// stays alive as the names' storage.
func rows(body []byte, cols []string, fn func(line int, f []string) error) error {
	text := string(body)
	line := 0
	seenHeader := false
	f := make([]string, 0, len(cols)+1)
	for len(text) > 0 {
		var s string
		s, text, _ = strings.Cut(text, "\n")
		line++
		s = strings.TrimSuffix(s, "\r")
		if s == "" || s[0] == '#' {
			continue
		}
		f = f[:0]
		for {
			v, rest, ok := strings.Cut(s, "\t")
			f = append(f, v)
			if !ok {
				break
			}
			s = rest
		}
		if !seenHeader {
			if len(f) < len(cols) || !slices.Equal(f[:len(cols)], cols) {
				return fmt.Errorf("%w: column header %q, want %q", ErrLexicon, strings.Join(f, "\t"), strings.Join(cols, "\t"))
			}
			seenHeader = true
			continue
		}
		for len(f) < len(cols) {
			f = append(f, "")
		}
		if err := fn(line, f); err != nil {
			return fmt.Errorf("data line %d: %w", line, err)
		}
	}
	if !seenHeader {
		return fmt.Errorf("%w: no column header line", ErrLexicon)
	}
	return nil
}

// GeneColumns are the columns of the genes lexicon.
var GeneColumns = []string{"id", "symbol", "name", "type", "aliases", "english"}

func (lx *Lexicon) addGenes(body []byte) (int, error) {
	// Reserve room for the genes (a line each) and their names (about
	// six each: symbol, aliases, full name) to spare regrowing.
	lines := bytes.Count(body, []byte{'\n'})
	lx.reserve(lines, 6*lines)
	ids := make([]Identifier, 0, lines)
	n := 0
	err := rows(body, GeneColumns, func(line int, f []string) error {
		if _, err := strconv.Atoi(f[0]); err != nil || f[1] == "" {
			return fmt.Errorf("%w: want a numeric NCBI Gene id and a symbol", ErrLexicon)
		}
		id := "NCBIGene:" + f[0]
		if _, dup := lx.byID[id]; dup {
			return fmt.Errorf("%w: duplicate id %s", ErrLexicon, id)
		}
		ids = append(ids, Identifier{Scheme: "NCBIGene", ID: f[0]})
		e := lx.addEntity(lexEntity{
			id: id, typ: Gene, name: f[1], fullName: f[2], geneType: f[3],
			ids: ids[len(ids)-1 : len(ids) : len(ids)],
		})
		english := f[5]
		lx.addName(f[1], e, kindSymbol, symbolFlags(english, f[1]))
		for rest := f[4]; rest != ""; {
			var a string
			a, rest, _ = strings.Cut(rest, "|")
			if a = strings.TrimSpace(a); a != "" {
				lx.addName(a, e, kindAlias, symbolFlags(english, a))
			}
		}
		if fullNameUsable(f[2]) {
			lx.addName(f[2], e, kindName, 0)
		}
		n++
		return nil
	})
	return n, err
}

// symbolFlags flags a gene symbol or alias, English when it is listed in
// the english column.
func symbolFlags(english, name string) uint8 {
	fl := uint8(flagSymbolic)
	for rest := english; rest != ""; {
		var w string
		w, rest, _ = strings.Cut(rest, "|")
		if w == name {
			fl |= flagEnglish
		}
	}
	return fl
}

// fullNameUsable rejects official full names that say nothing
// ("uncharacterized LOC...", "open reading frame" names).
func fullNameUsable(s string) bool {
	if len(s) < 5 || strings.HasPrefix(s, "uncharacterized") || strings.Contains(s, "open reading frame") {
		return false
	}
	return strings.ContainsRune(s, ' ') || len(s) >= 6
}

// CuratedColumns are the columns of the chemicals and diseases lexicons.
var CuratedColumns = []string{"id", "name", "identifiers", "synonyms", "note"}

func (lx *Lexicon) addCurated(body []byte, typ string) (int, error) {
	n := 0
	err := rows(body, CuratedColumns, func(line int, f []string) error {
		name := strings.TrimSpace(f[1])
		if name == "" {
			return fmt.Errorf("%w: empty name", ErrLexicon)
		}
		id := strings.TrimSpace(f[0])
		var ids []Identifier
		if id == "" {
			id = "chemores:" + slug(name)
		} else {
			var err error
			if ids, err = curies(f[2]); err != nil {
				return err
			}
			if !hasCURIE(ids, id) {
				own, err := curies(id)
				if err != nil || len(own) != 1 {
					return fmt.Errorf("%w: id %q is not a CURIE", ErrLexicon, id)
				}
				ids = append(own, ids...)
			}
		}
		if _, dup := lx.byID[id]; dup {
			return fmt.Errorf("%w: duplicate id %s", ErrLexicon, id)
		}
		e := lx.addEntity(lexEntity{id: id, typ: typ, name: name, ids: ids, nondrug: typ == Chemical && nondrugNote(f[4])})
		lx.addName(name, e, kindName, curatedFlags(name))
		for _, s := range splitList(f[3]) {
			lx.addName(s, e, kindSynonym, curatedFlags(s))
		}
		n++
		return nil
	})
	return n, err
}

// curies reads a '|'-separated list of CURIEs ("ncbigene:5243").
func curies(list string) ([]Identifier, error) {
	var ids []Identifier
	for _, c := range splitList(list) {
		s, v, ok := strings.Cut(c, ":")
		if !ok || s == "" || v == "" {
			return nil, fmt.Errorf("%w: identifier %q is not a CURIE", ErrLexicon, c)
		}
		ids = append(ids, Identifier{Scheme: s, ID: v})
	}
	return ids, nil
}

func hasCURIE(ids []Identifier, c string) bool {
	for _, id := range ids {
		if id.Scheme+":"+id.ID == c {
			return true
		}
	}
	return false
}

// curatedFlags marks short curated names ("5-FU", "HCC", "GSH") as
// symbols, matched with case rules; longer ones match in any case.
func curatedFlags(s string) uint8 {
	if strings.ContainsRune(s, ' ') {
		return 0
	}
	up, digit := 0, false
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			up++
		case r >= '0' && r <= '9':
			digit = true
		}
	}
	switch {
	case digit:
		return flagSymbolic
	case len(s) <= 5 || up >= 2:
		// A curated abbreviation of letters only ("ALL", "AML", "GSH")
		// is found only as written: "All" starts sentences.
		return flagSymbolic | flagExact
	}
	return 0
}

// OverrideColumns are the columns of the overrides file.
var OverrideColumns = []string{"name", "entity", "context", "reason"}

func (lx *Lexicon) addOverrides(body []byte) (int, error) {
	n := 0
	err := rows(body, OverrideColumns, func(line int, f []string) error {
		name, ent, reason := strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[3])
		if name == "" || ent == "" || reason == "" {
			return fmt.Errorf("%w: name, entity and reason are required", ErrLexicon)
		}
		o := override{reason: reason}
		for _, c := range splitList(f[2]) {
			o.context = append(o.context, strings.ToLower(c))
		}
		key := foldKey(name)
		switch ent {
		case "-":
			o.ent = notEntity
			lx.overrides[key] = append(lx.overrides[key], o)
			n++
			return nil
		case "?":
			o.ent = family
			lx.overrides[key] = append(lx.overrides[key], o)
			n++
			return nil
		}
		e, ok := lx.byID[ent]
		if !ok {
			return fmt.Errorf("%w: entity %s is in no lexicon", ErrLexicon, ent)
		}
		o.ent = e
		lx.overrides[key] = append(lx.overrides[key], o)
		// The name must be found to be overridden: add it (a duplicate
		// of a lexicon name is dropped when the index is built).
		lx.addName(name, e, kindSynonym, curatedFlags(name))
		n++
		return nil
	})
	return n, err
}

// reserve makes room for more entities and names.
func (lx *Lexicon) reserve(entities, names int) {
	lx.entities = slices.Grow(lx.entities, entities)
	lx.pending = slices.Grow(lx.pending, names)
	lx.chains = slices.Grow(lx.chains, names)
	if len(lx.table.keys) < 4*names {
		old := lx.table
		lx.table = newTable(2 * names)
		lx.table.n = old.n
		for k, key := range old.keys {
			if key != 0 {
				j := lx.table.slot(key)
				lx.table.keys[j], lx.table.vals[j] = key, old.vals[k]
			}
		}
	}
	if len(lx.byID) == 0 {
		lx.byID = make(map[string]int32, entities)
	}
}

func (lx *Lexicon) addEntity(e lexEntity) int32 {
	i := int32(len(lx.entities))
	lx.entities = append(lx.entities, e)
	lx.byID[e.id] = i
	return i
}

// addName indexes a name under its token key and, for gene symbols ending
// in a Greek letter's initial after a number ("HIF1A", "IL1B"), under the
// spelled-out variant too ("HIF-1α", "IL-1β").
func (lx *Lexicon) addName(form string, e int32, kind, flags uint8) {
	lx.tokBuf = tokenizeInto(lx.tokBuf, form, &lx.scratch)
	toks := lx.tokBuf
	if !usableName(toks) {
		return
	}
	if kind == kindAlias && len(toks) == 1 && toks[0].class == tokWord && toks[0].upper == 0 {
		return // an alias in lower case letters only is a common noun: "helicase"
	}
	lx.put(toks, nameRef{form: form, ent: e, kind: kind, flags: flags})
	if kind == kindSymbol || kind == kindAlias {
		n := len(toks)
		if n >= 2 && toks[n-1].class == tokWord && toks[n-2].class == tokNum && toks[n-1].sep == sepNone {
			if g, ok := greekInitial[toks[n-1].norm]; ok {
				v := toks // the buffer is not used again before put returns
				norm := v[n-1].norm
				v[n-1].norm = g
				v[n-1].class = tokGreek
				lx.put(v, nameRef{form: form, ent: e, kind: kind, flags: flags})
				v[n-1].norm, v[n-1].class = norm, tokWord
			}
		}
	}
}

var romanNumerals = map[string]bool{"ii": true, "iii": true, "iv": true, "vi": true, "vii": true, "viii": true, "ix": true, "xi": true, "xii": true}

var greekInitial = map[string]string{"a": "alpha", "b": "beta", "g": "gamma", "d": "delta", "k": "kappa"}

// usableName rejects names that cannot be told from numbers or noise:
// one character, only digits and punctuation.
func usableName(toks []token) bool {
	if len(toks) == 1 && romanNumerals[toks[0].norm] {
		return false
	}
	letters := 0
	for _, t := range toks {
		if t.class == tokWord || t.class == tokGreek {
			letters += len(t.norm)
		}
	}
	return letters >= 2 || (letters == 1 && len(toks) >= 2)
}

func (lx *Lexicon) put(toks []token, r nameRef) {
	h := uint64(fnvOffset)
	for i := range toks {
		if i > 0 {
			lx.mark(h)
		}
		h = hashToken(h, i == 0, toks[i].norm)
	}
	lx.add(h, r)
	if len(toks) > lx.maxTokens {
		lx.maxTokens = len(toks)
	}
}

// keyOf joins token norms with spaces: the index key of a name.
func keyOf(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.norm)
	}
	return b.String()
}

// foldKey is the key of a name for overrides and abbreviations.
func foldKey(s string) string { return keyOf(tokenize(s)) }

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// slug turns a name into an id part: "ethacrynic acid" -> "ethacrynic-acid".
func slug(s string) string {
	var b strings.Builder
	for _, t := range tokenize(s) {
		if !t.isName() {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(t.norm)
	}
	return b.String()
}

// contentWords are the words of a name that context can match: four
// letters or more, not generic.
func contentWords(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tokenize(s) {
		if t.class != tokWord || len(t.norm) < 4 || genericWords[t.norm] || seen[t.norm] {
			continue
		}
		seen[t.norm] = true
		out = append(out, t.norm)
	}
	return out
}

var genericWords = map[string]bool{
	"protein": true, "family": true, "member": true, "subunit": true, "factor": true,
	"like": true, "containing": true, "domain": true, "associated": true, "type": true,
	"gene": true, "receptor": true, "with": true, "complex": true, "binding": true,
	"homolog": true, "class": true, "subfamily": true, "related": true, "acid": true,
	"cancer": true, "tumor": true, "cell": true, "cells": true, "human": true,
}

// Size returns the number of entities and names in the lexicon.
func (lx *Lexicon) Size() (entities, names int) {
	return len(lx.entities), len(lx.refs)
}

// nondrugNote reads a chemical's note for what says it is no drug: a
// metabolite, an element, an ion, an amino acid, a reactive species.
// Claims do not list these as the drugs a resistance is to. Words are
// whole words: an "antimetabolite" is a drug, an "ionophore" may be.
func nondrugNote(note string) bool {
	words := phraseWords(note)
	for _, p := range nondrugWords {
		pw := strings.Fields(p)
		for i := range words {
			if cueAt(words, i, pw) {
				return true
			}
		}
	}
	return false
}

var nondrugWords = []string{"metabolite", "catabolite", "element", "end product", "amino acid", "tripeptide", "vitamin",
	"ion", "radical", "reactive oxygen", "reactive species", "cofactor", "nucleotide", "sugar", "fatty acid", "oxidized form", "no drug"}
