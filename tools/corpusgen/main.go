// Command corpusgen writes a synthetic corpus of review articles, built
// from real ones, for the scale benchmark:
//
//	go run ./tools/corpusgen -n 200 -o build/corpus/seeds seeds/*.txt
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/internal/atomic"
	"github.com/chemores/chemores/internal/corpusgen"
)

func main() {
	n := flag.Int("n", 200, "number of documents")
	out := flag.String("o", "build/corpus/seeds", "output directory")
	seed := flag.Uint64("seed", 1, "random seed (same seed, same corpus)")
	flag.Parse()
	if err := run(*n, *out, *seed, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}

func run(n int, out string, seed uint64, inputs []string) error {
	if len(inputs) == 0 {
		return fmt.Errorf("no input documents (usage: corpusgen [-n N] [-o DIR] FILE...)")
	}
	var docs []*extract.Document
	for _, path := range inputs {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := extract.Parse(context.Background(), path, data)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		docs = append(docs, doc)
	}
	gen, err := corpusgen.Generate(docs, n, seed, "10.5555_corpus")
	if err != nil {
		return err
	}
	for _, d := range gen {
		if err := atomic.WriteFile(filepath.Join(out, d.Name), d.Text, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "corpusgen: %d documents in %s\n", len(gen), out)
	return nil
}
