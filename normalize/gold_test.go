package normalize

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/chemores/chemores/extract"
)

const seedDoc = "../seeds/10.3892_or.2024.8816.txt"

// seedLexicon loads the committed lexicons; curated ones may be missing
// until they land, and the types they cover are then not scored.
func seedLexicon(t testing.TB) (*Lexicon, map[string]bool) {
	t.Helper()
	var files []LexiconFile
	have := map[string]bool{Gene: true}
	for _, name := range []string{"genes.tsv", "overrides.tsv", "chemicals.tsv", "diseases.tsv", "families.tsv", "mechanisms.tsv"} {
		p := filepath.Join("..", "seeds", "lexicons", name)
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) && (name == "chemicals.tsv" || name == "diseases.tsv") {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		switch name {
		case "chemicals.tsv":
			have[Chemical] = true
		case "diseases.tsv":
			have[Disease] = true
		}
		files = append(files, LexiconFile{Path: p, Data: data})
	}
	lx, err := NewLexicon(files...)
	if err != nil {
		t.Fatal(err)
	}
	return lx, have
}

var seedOnce struct {
	sync.Once
	doc *extract.Document
	err error
}

func seedDocument(t testing.TB) *extract.Document {
	t.Helper()
	seedOnce.Do(func() {
		data, err := os.ReadFile(seedDoc)
		if err != nil {
			seedOnce.err = err
			return
		}
		seedOnce.doc, seedOnce.err = extract.Parse(context.Background(), seedDoc, data)
	})
	if seedOnce.err != nil {
		t.Fatal(seedOnce.err)
	}
	return seedOnce.doc
}

type goldMention struct {
	para       string
	start, end int // code points
	text, typ  string
	ids        []string // "" entries: no single identifier; "*": any
	core       bool
}

// readGold reads gold.tsv, placing each mention after the previous one
// of its paragraph.
func readGold(t *testing.T, doc *extract.Document) ([]goldMention, map[string]bool) {
	t.Helper()
	data, err := os.ReadFile("testdata/gold.tsv")
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, p := range doc.Paragraphs {
		texts[p.ID] = p.Text
	}
	sections := map[string]bool{}
	cursor := map[string]int{}
	var out []goldMention
	for n, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "# sections:"); ok {
			for _, s := range strings.Fields(rest) {
				sections[s] = true
			}
		}
		if rest, ok := strings.CutPrefix(line, "# paragraphs:"); ok {
			for _, p := range strings.Fields(rest) {
				sections["paragraph "+p] = true
			}
		}
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "paragraph\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("gold.tsv:%d: want 5 columns", n+1)
		}
		text := texts[f[0]]
		k := strings.Index(text[cursor[f[0]]:], f[1])
		if k < 0 {
			t.Fatalf("gold.tsv:%d: %q not found in %s after byte %d", n+1, f[1], f[0], cursor[f[0]])
		}
		b := cursor[f[0]] + k
		cursor[f[0]] = b + len(f[1])
		start := utf8.RuneCountInString(text[:b])
		out = append(out, goldMention{para: f[0], start: start, end: start + utf8.RuneCountInString(f[1]),
			text: f[1], typ: f[2], ids: strings.Split(f[3], "|"), core: f[4] == "core"})
	}
	return out, sections
}

// generic words are not annotated in the gold and not scored.
var genericMentions = map[string]bool{
	"tumor": true, "tumors": true, "tumour": true, "tumours": true, "cancer": true, "cancers": true,
	"neoplasm": true, "neoplasms": true, "malignancy": true, "malignancies": true, "carcinoma": true,
}

type score struct{ tp, fp, gold, found int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.found, s.gold) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestGold scores the stage on the hand-annotated sections and fails below
// the targets: genes and chemicals P >= 95%, R >= 90%; diseases P >= 90%;
// abbreviation pairs P >= 97%.
func TestGold(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the seed review")
	}
	doc := seedDocument(t)
	lx, have := seedLexicon(t)
	a, err := Annotate(context.Background(), doc, lx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	gold, sections := readGold(t, doc)
	for _, g := range gold {
		for _, id := range g.ids {
			// A gene id in the gold must be one the gene lexicon knows.
			if strings.HasPrefix(id, "NCBIGene:") {
				if _, ok := lx.byID[id]; !ok {
					t.Errorf("gold: %s (%q) is not in the gene lexicon", id, g.text)
				}
			}
		}
	}
	inScope := map[string]bool{}
	for _, p := range doc.Paragraphs {
		if sections[p.Section] || sections["paragraph "+p.ID] {
			inScope[p.ID] = true
		}
	}
	ents := map[string]Entity{}
	for _, e := range a.Entities {
		ents[e.ID] = e
	}
	type key struct {
		para       string
		start, end int
	}
	byKey := map[key]goldMention{}
	for _, g := range gold {
		byKey[key{g.para, g.start, g.end}] = g
	}
	scores := map[string]*score{Gene: {}, Chemical: {}, Disease: {}}
	hits := map[key]bool{}
	for _, m := range a.Mentions {
		if !inScope[m.Paragraph] || m.Entity == "" || scores[m.Type] == nil {
			continue
		}
		k := key{m.Paragraph, m.Start, m.End}
		g, ok := byKey[k]
		if !ok && genericMentions[strings.ToLower(m.Text)] {
			continue
		}
		if ok && g.typ == m.Type && idMatches(g.ids, ents[m.Entity]) {
			scores[m.Type].tp++
			hits[k] = true
			continue
		}
		scores[m.Type].fp++
		t.Logf("FP %s %s %q -> %s (%s)", m.Paragraph, m.Type, m.Text, m.Entity, m.ResolvedBy)
	}
	for _, g := range gold {
		if !g.core || g.ids[0] == "" || scores[g.typ] == nil {
			continue
		}
		scores[g.typ].gold++
		if hits[key{g.para, g.start, g.end}] {
			scores[g.typ].found++
		} else {
			t.Logf("FN %s %s %q %v", g.para, g.typ, g.text, g.ids)
		}
	}
	targets := []struct {
		typ  string
		p, r float64
	}{{Gene, .95, .90}, {Chemical, .95, .90}, {Disease, .90, 0}}
	for _, tg := range targets {
		s := scores[tg.typ]
		t.Logf("%-8s P %.3f (%d/%d)  R %.3f (%d/%d)", tg.typ, s.precision(), s.tp, s.tp+s.fp, s.recall(), s.found, s.gold)
		if !have[tg.typ] {
			t.Logf("%s: no lexicon in seeds/lexicons yet: not scored", tg.typ)
			continue
		}
		if s.precision() < tg.p || s.recall() < tg.r {
			t.Errorf("%s below target: P %.3f (want >= %.2f), R %.3f (want >= %.2f)", tg.typ, s.precision(), tg.p, s.recall(), tg.r)
		}
	}
	// Chemicals that are no drugs (extra) count for no target, but what
	// is missed among them is worth knowing.
	var all score
	for _, g := range gold {
		if g.typ == Chemical && g.ids[0] != "" {
			all.gold++
			if hits[key{g.para, g.start, g.end}] {
				all.found++
			} else if !g.core {
				t.Logf("FN (extra) %s %s %q", g.para, g.typ, g.text)
			}
		}
	}
	t.Logf("chemicals, drugs and others: R %.3f (%d/%d)", all.recall(), all.found, all.gold)
	ab := scoreAbbreviations(t, a, inScope)
	t.Logf("abbrev   P %.3f (%d/%d)  R %.3f (%d/%d)", ab.precision(), ab.tp, ab.tp+ab.fp, ab.recall(), ab.found, ab.gold)
	if ab.precision() < .97 {
		t.Errorf("abbreviation pairs below target: P %.3f (want >= 0.97)", ab.precision())
	}
}

func idMatches(ids []string, e Entity) bool {
	for _, id := range ids {
		if id == "*" {
			return true
		}
		for _, x := range e.Identifiers {
			if x.Scheme+":"+x.ID == id {
				return true
			}
		}
	}
	return false
}

func scoreAbbreviations(t *testing.T, a *Annotations, inScope map[string]bool) score {
	data, err := os.ReadFile("testdata/gold_abbreviations.tsv")
	if err != nil {
		t.Fatal(err)
	}
	type pair struct{ para, short string }
	gold := map[pair][]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "paragraph\t") {
			continue
		}
		f := strings.Split(line, "\t")
		gold[pair{f[0], f[1]}] = strings.Split(f[2], "|")
	}
	var s score
	s.gold = len(gold)
	for _, ab := range a.Abbreviations {
		if !inScope[ab.Paragraph] {
			continue
		}
		longs, ok := gold[pair{ab.Paragraph, ab.Short}]
		good := false
		for _, l := range longs {
			if ok && strings.EqualFold(l, ab.Long) {
				good = true
			}
		}
		if good {
			s.tp++
			s.found++
		} else {
			s.fp++
			t.Logf("FP abbreviation %s %q = %q", ab.Paragraph, ab.Short, ab.Long)
		}
	}
	return s
}
