// Command eval measures extract on the real-article corpus
// (../shared/corpus by default): for each article read from its PDF,
// from pdftotext's text and from its JATS, the references found, field
// accuracy and citation links against the article's gold.json, as
// ../shared/corpus/README.md defines them; then the corpus figures, and
// the agreement of the PDF with the JATS. `make eval` runs it.
//
//	go run ./tools/eval [-corpus DIR] [-inputs pdf,pdftotext] [-v] [-speed bin/chemores]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/chemores/chemores/internal/eval"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	corpus := fs.String("corpus", "../shared/corpus", "the corpus folder")
	inputs := fs.String("inputs", strings.Join(eval.Inputs, ","), "inputs to read, comma-separated")
	only := fs.String("only", "", "read only the articles whose folder name contains this")
	verbose := fs.Bool("v", false, "list each article's misses")
	speed := fs.String("speed", "", "also time this chemores binary against pdftotext, whole processes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	arts, err := eval.Articles(*corpus)
	if err != nil {
		return err
	}
	if *only != "" {
		var keep []eval.Article
		for _, a := range arts {
			if strings.Contains(a.Name, *only) {
				keep = append(keep, a)
			}
		}
		arts = keep
	}
	ins := strings.Split(*inputs, ",")
	results, err := eval.Run(ctx, arts, ins)
	if err != nil {
		return err
	}
	report(w, results, *verbose)
	parity, per := eval.Parity(results, "pdf", "jats")
	if *verbose {
		for _, r := range per {
			line(w, r)
		}
	}
	if *speed != "" {
		if err := timing(ctx, w, *speed, arts); err != nil {
			return err
		}
	}
	totals := eval.Totals(results)
	fmt.Fprintf(w, "\ncorpus: %d articles; found and fields weighted by references, links averaged over articles\n", len(arts))
	if parity.Articles > 0 {
		summary(w, "pdf~jats parity", parity)
	}
	for i := len(eval.Inputs) - 1; i >= 0; i-- {
		if t := totals[eval.Inputs[i]]; t != nil {
			summary(w, eval.Inputs[i], t)
		}
	}
	return nil
}

func report(w io.Writer, results []eval.Result, verbose bool) {
	fmt.Fprintf(w, "%-38s %-17s %8s %6s %6s %6s %6s\n", "article", "input", "refs", "found", "fields", "P", "R")
	for _, r := range results {
		if r.Skipped {
			continue
		}
		line(w, r)
		if verbose && r.Scored {
			for _, m := range r.Score.Misses {
				fmt.Fprintf(w, "    %s\n", m)
			}
		}
	}
}

func line(w io.Writer, r eval.Result) {
	name := r.Article
	if len(name) > 38 {
		name = name[:38]
	}
	switch {
	case r.Doc == nil:
		fmt.Fprintf(w, "%-38s %-17s FAILED: %v\n", name, r.Input, r.Err)
	case !r.Scored:
		fmt.Fprintf(w, "%-38s %-17s %8s (no gold)\n", name, r.Input, fmt.Sprintf("%d", len(r.Doc.References)))
	default:
		s := r.Score
		links := fmt.Sprintf("%6.3f %6.3f", s.Precision(), s.Recall())
		if !s.HasLinks() {
			links = fmt.Sprintf("%6s %6s", "-", "-")
		}
		fmt.Fprintf(w, "%-38s %-17s %8s %6.3f %6.3f %s\n", name, r.Input,
			fmt.Sprintf("%d/%d", len(r.Doc.References), s.Refs), s.FoundRate(), s.FieldRate(), links)
	}
}

func summary(w io.Writer, label string, t *eval.Sum) {
	var fields []string
	for _, f := range t.FieldNames() {
		c := t.ByField[f]
		fields = append(fields, fmt.Sprintf("%s %.2f", f, float64(c[0])/float64(max(c[1], 1))))
	}
	fmt.Fprintf(w, "%-17s documents %d/%d  found %.3f  fields %.3f  links P %.3f R %.3f  [%s]\n",
		label, t.Documents, t.Articles, t.FoundRate(), t.FieldRate(), t.Precision(), t.Recall(), strings.Join(fields, ", "))
}
