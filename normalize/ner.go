package normalize

import (
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

	"github.com/chemores/chemores/extract"
)

// NER proposes mentions with a prose/v2 named-entity model trained on
// sentences labelled by the lexicons (GENE, CHEMICAL, DISEASE). Its
// proposals are candidates only: Annotate keeps them with ResolvedBy
// "model" and no entity, unless the document defines them.
type NER struct {
	model *prose.Model
}

// NER labels and the entity types they stand for.
var nerLabels = map[string]string{"GENE": Gene, "CHEMICAL": Chemical, "DISEASE": Disease}

// nerLoad guards prose's model loading: its tagger is decoded once per
// model, so a process loads a model once and reuses it.
var nerLoad sync.Mutex

// TrainingSentences labels the sentences of documents with what the
// lexicons find in them: the silver data a NER model learns from.
func TrainingSentences(ctx context.Context, docs []*extract.Document, lx *Lexicon) ([]prose.EntityContext, error) {
	var out []prose.EntityContext
	for _, doc := range docs {
		a, err := Annotate(ctx, doc, lx, Options{})
		if err != nil {
			return nil, err
		}
		bySent := map[string][]Mention{}
		for _, m := range a.Mentions {
			if m.Type != "" {
				bySent[m.Sentence] = append(bySent[m.Sentence], m)
			}
		}
		for _, s := range a.Sentences {
			ec := prose.EntityContext{Accept: true, Text: s.Text}
			for _, m := range bySent[s.ID] {
				ec.Spans = append(ec.Spans, prose.LabeledEntity{
					Start: m.Start - s.Start, End: m.End - s.Start, Label: strings.ToUpper(m.Type)})
			}
			out = append(out, ec)
		}
	}
	return out, nil
}

// TrainNER trains a model on labelled sentences and returns it in the
// chemores model format: text, with features sorted and weights rounded
// to nine significant digits, so that the same data gives the same bytes
// (prose's own gob files depend on map order).
func TrainNER(data []prose.EntityContext) ([]byte, error) {
	nerLoad.Lock()
	defer nerLoad.Unlock()
	m := prose.ModelFromData("chemores-ner", prose.UsingEntities(data))
	dir, err := os.MkdirTemp("", "chemores-ner-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := m.Write(dir); err != nil {
		return nil, fmt.Errorf("write prose model: %w", err)
	}
	var labels []string
	var mapping map[string]int
	var weights []float64
	for _, c := range []struct {
		name string
		v    any
	}{{"labels", &labels}, {"mapping", &mapping}, {"weights", &weights}} {
		b, err := os.ReadFile(filepath.Join(dir, "Maxent", c.name+".gob"))
		if err != nil {
			return nil, err
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(c.v); err != nil {
			return nil, fmt.Errorf("read prose model %s: %w", c.name, err)
		}
	}
	return formatModel(labels, mapping, weights), nil
}

// formatModel writes "labels" and then one "feature index weight" line
// per feature, sorted by feature.
func formatModel(labels []string, mapping map[string]int, weights []float64) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# chemores NER model (prose/v2 maxent)\nlabels\t%s\nweights\t%d\n", strings.Join(labels, "\t"), len(weights))
	// Feature indexes are 0..len(mapping)-1; the weights after them (the
	// maxent correction feature) have no name.
	for i := len(mapping); i < len(weights); i++ {
		fmt.Fprintf(&b, "w\t%d\t%s\n", i, strconv.FormatFloat(weights[i], 'g', 9, 64))
	}
	keys := make([]string, 0, len(mapping))
	for k := range mapping {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		i := mapping[k]
		w := 0.0
		if i < len(weights) {
			w = weights[i]
		}
		fmt.Fprintf(&b, "f\t%d\t%s\t%s\n", i, strconv.FormatFloat(w, 'g', 9, 64), k)
	}
	return b.Bytes()
}

// LoadNER reads a model written by TrainNER. prose loads models only from
// gob files in a directory, so they are written to a temporary one.
func LoadNER(path string) (*NER, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	labels, mapping, weights, err := parseModel(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	dir, err := os.MkdirTemp("", "chemores-ner-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	md := filepath.Join(dir, "chemores-ner", "Maxent")
	if err := os.MkdirAll(md, 0o755); err != nil {
		return nil, err
	}
	for name, v := range map[string]any{"labels": labels, "mapping": mapping, "weights": weights} {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(v); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(md, name+".gob"), b.Bytes(), 0o644); err != nil {
			return nil, err
		}
	}
	nerLoad.Lock()
	defer nerLoad.Unlock()
	return &NER{model: prose.ModelFromDisk(filepath.Join(dir, "chemores-ner"))}, nil
}

func parseModel(data []byte) ([]string, map[string]int, []float64, error) {
	var labels []string
	mapping := map[string]int{}
	var weights []float64
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		bad := func() error { return fmt.Errorf("model line %d: malformed", n) }
		switch f[0] {
		case "labels":
			labels = f[1:]
		case "weights":
			k, err := strconv.Atoi(f[1])
			if err != nil || k < 0 || k > 1<<26 {
				return nil, nil, nil, bad()
			}
			weights = make([]float64, k)
		case "w", "f":
			if len(f) < 3 || (f[0] == "f" && len(f) < 4) {
				return nil, nil, nil, bad()
			}
			i, err := strconv.Atoi(f[1])
			w, err2 := strconv.ParseFloat(f[2], 64)
			if err != nil || err2 != nil || i < 0 || i >= len(weights) {
				return nil, nil, nil, bad()
			}
			weights[i] = w
			if f[0] == "f" {
				mapping[strings.Join(f[3:], "\t")] = i
			}
		}
	}
	if len(labels) == 0 || len(weights) == 0 {
		return nil, nil, nil, errors.New("not a chemores NER model")
	}
	return labels, mapping, weights, sc.Err()
}

// propose runs the model over every sentence and keeps the entities that
// no lexicon mention overlaps, as unresolved candidates.
func (n *NER) propose(ps []*para, have []found, defs map[string]local, lx *Lexicon) []found {
	taken := map[int][]found{}
	for _, f := range have {
		taken[f.p] = append(taken[f.p], f)
	}
	var out []found
	for pi, q := range ps {
		if len(q.matches) == 0 && len(taken[pi]) == 0 && len(q.sents) == 0 {
			continue
		}
		for _, s := range q.sents {
			sent := q.text[s.start:s.end]
			doc, err := prose.NewDocument(sent, prose.UsingModel(n.model), prose.WithSegmentation(false))
			if err != nil {
				continue
			}
			cursor := 0
			for _, e := range doc.Entities() {
				typ, ok := nerLabels[e.Label]
				if !ok {
					continue
				}
				loc := entityPattern(e.Text).FindStringIndex(sent[cursor:])
				if loc == nil {
					continue
				}
				start, end := s.start+cursor+loc[0], s.start+cursor+loc[1]
				cursor += loc[1]
				if overlaps(taken[pi], start, end) || utf8.RuneCountInString(q.text[start:end]) < 2 {
					continue
				}
				f := found{p: pi, start: start, end: end, dec: decision{ent: -1, by: ByModel, typ: typ}}
				if l, ok := defs[foldKey(singular(q.text[start:end]))]; ok && l.ent >= 0 {
					f.dec.ent, f.dec.typ = l.ent, lx.entities[l.ent].typ
				}
				taken[pi] = append(taken[pi], f)
				out = append(out, f)
			}
		}
	}
	return out
}

func overlaps(fs []found, start, end int) bool {
	for _, f := range fs {
		if f.start < end && start < f.end {
			return true
		}
	}
	return false
}

// entityPattern finds prose's entity text, whose tokens it joins with
// spaces, in the sentence, whatever the spacing there.
func entityPattern(text string) *regexp.Regexp {
	parts := strings.Fields(text)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(strings.Join(parts, `\s*`))
}
