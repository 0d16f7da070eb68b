package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/chemores/chemores/extract"
)

func extractCmd() command {
	return command{
		name: "extract",
		args: "FILE [-o OUT.json]",
		summary: `Extract a review (text, PDF or JATS XML) into a structured Document as JSON:
front matter, sections, paragraphs, figures, citations and references.
Writes to OUT.json (atomically) or, without -o, to standard output.`,
		run: extractMain,
	}
}

type extractOptions struct {
	in, out string
	quiet   bool
}

func extractMain(ctx context.Context, e *env, args []string) error {
	var o extractOptions
	fs := newFlags(extractCmd(), e)
	fs.StringVar(&o.out, "o", "", "write the JSON here instead of standard output")
	fs.BoolVar(&o.quiet, "q", false, "do not summarize diagnostics on standard error")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one input file, got %d (usage: chemores extract FILE [-o OUT.json])", len(pos))
	}
	o.in = pos[0]
	return runExtract(ctx, e, o)
}

func runExtract(ctx context.Context, e *env, o extractOptions) error {
	doc, err := extractFile(ctx, o.in)
	if err != nil {
		return err
	}
	if err := writeStage(e, o.out, doc); err != nil {
		return err
	}
	if !o.quiet {
		summarize(e.stderr, o.in, doc)
	}
	return nil
}

// extractFile reads and extracts one file, refusing huge ones before
// reading them.
func extractFile(ctx context.Context, path string) (*extract.Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", extract.ErrInput, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%w: %s is a directory", extract.ErrInput, path)
	}
	if fi.Size() > extract.MaxBytes {
		return nil, fmt.Errorf("%s: %w: %d MB is over the %d MB limit", path, extract.ErrInput, fi.Size()>>20, extract.MaxBytes>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", extract.ErrInput, err)
	}
	doc, err := extract.Parse(ctx, path, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// summarize prints one line of counts and the warnings, at most a few.
func summarize(w io.Writer, path string, doc *extract.Document) {
	warnings := 0
	for _, d := range doc.Diagnostics {
		if d.Level == extract.Warning {
			warnings++
		}
	}
	fmt.Fprintf(w, "%s: %d sections, %d paragraphs, %d figures, %d citations, %d references, %d warnings\n",
		path, countSections(doc.Sections), len(doc.Paragraphs), len(doc.Figures), len(doc.Citations), len(doc.References), warnings)
	shown := 0
	for _, d := range doc.Diagnostics {
		if d.Level != extract.Warning {
			continue
		}
		if shown == 10 {
			fmt.Fprintf(w, "  ... and %d more warnings (see \"diagnostics\" in the JSON)\n", warnings-shown)
			break
		}
		fmt.Fprintf(w, "  %s: %s: %s\n", d.Where, d.Code, d.Message)
		shown++
	}
}

func countSections(ss []*extract.Section) int {
	n := len(ss)
	for _, s := range ss {
		n += countSections(s.Children)
	}
	return n
}
