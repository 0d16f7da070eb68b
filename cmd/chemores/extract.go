package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/internal/diag"
)

func extractCmd() command {
	return command{
		name:  "extract",
		brief: "Turn a review (text, PDF or JATS XML) into a structured Document.",
		args:  "FILE [-o OUT.json]",
		summary: `Extract a review (text, PDF or JATS XML) into a structured Document as JSON:
front matter, sections, paragraphs, figures, citations and references.
FILE is a regular file or a pipe (/dev/stdin), at most 64 MB. Writes to
OUT.json (atomically; a link is followed, a device or FIFO refused) or,
without -o or with -o -, to standard output.`,
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
	fs.StringVar(&o.out, "o", "", "write the JSON here (- or nothing: standard output)")
	fs.BoolVar(&o.quiet, "q", false, "do not summarize diagnostics on standard error")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one input file, got %d (usage: chemores extract FILE [-o OUT.json])", len(pos))
	}
	o.in = pos[0]
	if o.out, err = checkOutput("-o", o.out); err != nil {
		return err
	}
	return runExtract(ctx, e, o)
}

func runExtract(ctx context.Context, e *env, o extractOptions) error {
	boundMemory(o.in)
	doc, err := extractFile(ctx, o.in)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // interrupted: write nothing
	}
	if err := writeStage(e, o.out, doc); err != nil {
		return err
	}
	if !o.quiet {
		summarize(e.stderr, o.in, doc)
	}
	return nil
}

// extractFile reads and extracts one file: a regular file or a pipe,
// refused past the size limit whatever it is.
func extractFile(ctx context.Context, path string) (*extract.Document, error) {
	data, err := readInput(ctx, path, extract.MaxBytes)
	if err != nil {
		return nil, err
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
		if d.Level == diag.Warning {
			warnings++
		}
	}
	fmt.Fprintf(w, "%s: %d sections, %d paragraphs, %d figures, %d citations, %d references, %d warnings\n",
		path, countSections(doc.Sections), len(doc.Paragraphs), len(doc.Figures), len(doc.Citations), len(doc.References), warnings)
	shown := 0
	for _, d := range doc.Diagnostics {
		if d.Level != diag.Warning {
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

// boundMemory asks the collector to keep the process within four times
// a large input's size (the Document and its encoding are about three),
// unless GOMEMLIMIT says otherwise: by default Go lets the heap grow to
// twice what is live, and a 60 MB text would take 450 MB instead of
// 260 MB. Small inputs keep the default.
func boundMemory(path string) {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < 16<<20 || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(4 * fi.Size())
}
