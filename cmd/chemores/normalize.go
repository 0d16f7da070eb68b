package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/internal/atomic"
	"github.com/chemores/chemores/internal/diag"
	"github.com/chemores/chemores/normalize"
)

func normalizeCmd() command {
	return command{
		name:  "normalize",
		brief: "Find and normalize genes, drugs, diseases and abbreviations.",
		args:  "IN.json [-o OUT.json] [--lexicons DIR] [--model FILE] | --train MODEL IN.json...",
		summary: `Find and normalize the genes, drugs, diseases and abbreviations of an
extracted document (the JSON of "chemores extract"): sentences, mentions
with offsets, entities with identifiers, abbreviation definitions.
Lexicons are read from DIR (genes.tsv, chemicals.tsv, diseases.tsv,
overrides.tsv, families.tsv, and mechanisms.tsv for the claims). Writes OUT.json (atomically) or standard output.
With -train, labels the sentences of the documents with the lexicons and
trains a prose NER model on them, written to MODEL.`,
		run: normalizeMain,
	}
}

type normalizeOptions struct {
	in, out  string
	lexicons string
	model    string
	train    string
	inputs   []string
	quiet    bool
}

func normalizeMain(ctx context.Context, e *env, args []string) error {
	o := normalizeOptions{lexicons: filepath.Join("seeds", "lexicons")}
	fs := newFlags(normalizeCmd(), e)
	fs.StringVar(&o.out, "o", "", "write the JSON here (- or nothing: standard output)")
	fs.StringVar(&o.lexicons, "lexicons", o.lexicons, "directory of the lexicon files")
	fs.StringVar(&o.model, "model", "", "a NER model (see make ner-model) proposing candidate mentions; none by default")
	fs.StringVar(&o.train, "train", "", "train a NER model on the documents and write it here")
	fs.BoolVar(&o.quiet, "q", false, "do not summarize on standard error")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if o.train != "" {
		if len(pos) == 0 || o.out != "" || o.model != "" {
			return usagef("usage: chemores normalize -train MODEL IN.json...")
		}
		o.inputs = pos
		if o.train, err = checkOutput("-train", o.train); err != nil {
			return err
		}
		if o.train == "" {
			return usagef("-train needs a file to write the model to")
		}
		return runTrain(ctx, e, o)
	}
	if len(pos) != 1 {
		return usagef("want one input file, got %d (usage: chemores normalize IN.json [-o OUT.json])", len(pos))
	}
	o.in = pos[0]
	if o.out, err = checkOutput("-o", o.out); err != nil {
		return err
	}
	return runNormalize(ctx, e, o)
}

// runTrain trains a NER model on lexicon-labelled sentences.
func runTrain(ctx context.Context, e *env, o normalizeOptions) error {
	var docs []*extract.Document
	for _, in := range o.inputs {
		doc, err := readDocument(ctx, in)
		if err != nil {
			return err
		}
		docs = append(docs, doc)
	}
	lx, _, err := loadLexicons(ctx, o.lexicons)
	if err != nil {
		return err
	}
	data, err := normalize.TrainingSentences(ctx, docs, lx)
	if err != nil {
		return err
	}
	model, err := normalize.TrainNER(data)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := atomic.WriteFile(o.train, model, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", o.train, err)
	}
	if !o.quiet {
		fmt.Fprintf(e.stderr, "%s: trained on %d sentences\n", o.train, len(data))
	}
	return nil
}

func runNormalize(ctx context.Context, e *env, o normalizeOptions) error {
	doc, err := readDocument(ctx, o.in)
	if err != nil {
		return err
	}
	lx, missing, err := loadLexicons(ctx, o.lexicons)
	if err != nil {
		return err
	}
	var opt normalize.Options
	if o.model != "" {
		// LoadNER opens the file itself: check it is one that cannot
		// hold the run (not a FIFO, not endless).
		f, err := openInput(o.model, maxStageBytes)
		if err != nil {
			return fmt.Errorf("%w: %v", diag.ErrInput, err)
		}
		f.Close()
		ner, err := normalize.LoadNER(o.model)
		if err != nil {
			return fmt.Errorf("%w: %v", diag.ErrInput, err)
		}
		opt.NER = ner
	}
	a, err := normalize.Annotate(ctx, doc, lx, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", o.in, err)
	}
	for _, m := range missing {
		a.Diagnostics = append(a.Diagnostics, diag.Diagnostic{Level: diag.Warning, Code: "lexicon-missing",
			Where: m, Message: "lexicon file not found; its entities are not recognized"})
	}
	if err := ctx.Err(); err != nil {
		return err // interrupted: write nothing
	}
	if err := writeStage(e, o.out, a); err != nil {
		return err
	}
	if !o.quiet {
		summarizeAnnotations(e, o.in, a)
	}
	return nil
}

// lexiconFiles are read from the lexicon directory; genes may also be
// gzip-compressed (genes.tsv.gz).
var lexiconFiles = []string{"genes.tsv", "chemicals.tsv", "diseases.tsv", "overrides.tsv", "families.tsv", "mechanisms.tsv"}

// maxLexiconBytes caps one lexicon file; the gene lexicon is about 4 MB.
const maxLexiconBytes = 256 << 20

// loadLexicons reads the lexicon files of dir. The genes lexicon is
// required; a missing curated one is reported, not fatal.
func loadLexicons(ctx context.Context, dir string) (*normalize.Lexicon, []string, error) {
	var files []normalize.LexiconFile
	var missing []string
	for _, name := range lexiconFiles {
		p := filepath.Join(dir, name)
		data, err := readInput(ctx, p, maxLexiconBytes)
		if errors.Is(err, fs.ErrNotExist) && name != "genes.tsv" {
			missing = append(missing, filepath.ToSlash(p))
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("lexicon: %w", err)
		}
		files = append(files, normalize.LexiconFile{Path: filepath.ToSlash(p), Data: data})
	}
	lx, err := normalize.NewLexicon(files...)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", diag.ErrInput, err)
	}
	return lx, missing, nil
}

func summarizeAnnotations(e *env, path string, a *normalize.Annotations) {
	types := map[string]int{}
	unresolved := 0
	for _, m := range a.Mentions {
		if m.Entity == "" {
			unresolved++
			continue
		}
		types[m.Type]++
	}
	fmt.Fprintf(e.stderr, "%s: %d sentences, %d mentions (%d genes, %d chemicals, %d diseases, %d unresolved), %d entities, %d abbreviations\n",
		path, len(a.Sentences), len(a.Mentions), types[normalize.Gene], types[normalize.Chemical], types[normalize.Disease],
		unresolved, len(a.Entities), len(a.Abbreviations))
	for _, d := range a.Diagnostics {
		if d.Level == diag.Warning {
			fmt.Fprintf(e.stderr, "  %s: %s: %s\n", d.Where, d.Code, d.Message)
		}
	}
}
