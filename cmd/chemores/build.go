package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/sync/errgroup"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/internal/atomic"
	"github.com/chemores/chemores/internal/diag"
	"github.com/chemores/chemores/normalize"
	"github.com/chemores/chemores/publish"
)

func buildCmd() command {
	return command{
		name:  "build",
		brief: "Run every stage for many sources in one process and publish.",
		args:  "[flags] SOURCE|DIR...",
		summary: `Build a corpus in one process: extract, normalize and enrich (offline, from
the cache and the curated evidence) every source, a few documents at a time, then publish one release.
A directory stands for the sources in it (for a document with more than one,
the .txt, else the .pdf, else the .xml, as the Makefile chooses).
The Makefile builds document by document and only what changed; build is for
large corpora, where starting one process per document and stage would cost
more than the work. Outputs go where the Makefile puts them
(BUILD/{extract,normalize,enrich}/<id>.json), in the same bytes.`,
		run: buildMain,
	}
}

type buildOptions struct {
	sources    []string
	build      string
	cacheDir   string
	evidence   string
	lexicons   string
	jobs       int
	noPublish  bool
	quiet      bool
	publishOpt publishOptions
}

func buildMain(ctx context.Context, e *env, args []string) error {
	var o buildOptions
	fs := newFlags(buildCmd(), e)
	fs.StringVar(&o.build, "build", "build", "directory for the stage outputs")
	fs.StringVar(&o.cacheDir, "cache-dir", filepath.Join("seeds", "cache"), "directory of the enrich caches (<id>.jsonl)")
	fs.StringVar(&o.evidence, "evidence-dir", filepath.Join("seeds", "evidence"), "directory of the curated evidence files (<id>.tsv)")
	fs.StringVar(&o.lexicons, "lexicons", filepath.Join("seeds", "lexicons"), "directory of the lexicons")
	fs.IntVar(&o.jobs, "j", runtime.GOMAXPROCS(0), "documents processed at once")
	fs.BoolVar(&o.noPublish, "no-publish", false, "stop after the stage outputs")
	fs.StringVar(&o.publishOpt.dist, "dist", "dist", "directory of releases")
	fs.StringVar(&o.publishOpt.mechanisms, "mechanisms", filepath.Join("seeds", "lexicons", "mechanisms.tsv"), "vocabulary of resistance mechanisms")
	fs.BoolVar(&o.quiet, "q", false, "print only the summary lines")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("no sources (usage: chemores build %s)", buildCmd().args)
	}
	if o.jobs < 1 {
		return usagef("-j %d: want at least 1", o.jobs)
	}
	if o.sources, err = expandSources(pos); err != nil {
		return err
	}
	return runBuild(ctx, e, o)
}

// sourceExts are the kinds of source, in the order the Makefile prefers
// them when a document has more than one.
var sourceExts = []string{".txt", ".pdf", ".xml", ".nxml"}

// expandSources turns directories into the sources in them, one per
// document, and says plainly when a shell pattern matched nothing (the
// shell then passes it on as it is: seeds/*.pdf without a PDF).
func expandSources(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		switch {
		case err != nil && strings.ContainsAny(a, "*?["):
			return nil, usagef("%s matches no file (the shell passes a pattern that matches nothing as it is); name the directory instead: chemores build %s", a, filepath.Dir(a)+string(filepath.Separator))
		case err != nil || !fi.IsDir():
			out = append(out, a) // a missing file is reported with its document
			continue
		}
		ents, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", diag.ErrInput, err)
		}
		best := map[string]string{}
		for _, en := range ents {
			ext := filepath.Ext(en.Name())
			if !en.Type().IsRegular() || !slices.Contains(sourceExts, ext) {
				continue
			}
			id := strings.TrimSuffix(en.Name(), ext)
			if cur, ok := best[id]; !ok || slices.Index(sourceExts, ext) < slices.Index(sourceExts, filepath.Ext(cur)) {
				best[id] = en.Name()
			}
		}
		if len(best) == 0 {
			return nil, usagef("%s holds no source (%s)", a, strings.Join(sourceExts, ", "))
		}
		var names []string
		for _, n := range best {
			names = append(names, filepath.Join(a, n))
		}
		slices.Sort(names)
		out = append(out, names...)
	}
	return out, nil
}

// docResult is what one document's stages made.
type docResult struct {
	source string
	in     publish.Input
	err    error
}

func runBuild(ctx context.Context, e *env, o buildOptions) error {
	start := time.Now()
	lx, missing, err := loadLexicons(ctx, o.lexicons)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: lexicons missing: %v", diag.ErrInput, missing)
	}
	results := make([]docResult, len(o.sources))
	var bar *progressbar.ProgressBar
	if e.tty && !o.quiet {
		bar = progressbar.NewOptions(len(o.sources), progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("build"), progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(o.jobs)
	for i, src := range o.sources {
		g.Go(func() error {
			// A bad document is reported with the others at the end; only
			// cancellation stops the group.
			in, err := buildDocument(gctx, src, lx, o)
			results[i] = docResult{source: src, in: in, err: err}
			if bar != nil {
				bar.Add(1) // safe from several goroutines
			}
			return gctx.Err()
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if bar != nil {
		bar.Finish()
	}
	if err := atomic.SyncTree(o.build); err != nil {
		return fmt.Errorf("flush %s: %w", o.build, err)
	}
	var errs []error
	var inputs []publish.Input
	ids := map[string]string{}
	for _, r := range results {
		switch {
		case r.err != nil:
			errs = append(errs, r.err)
		case ids[r.in.Doc.ID] != "":
			errs = append(errs, fmt.Errorf("%s: %w: same document id %q as %s", r.source, diag.ErrInput, r.in.Doc.ID, ids[r.in.Doc.ID]))
		default:
			ids[r.in.Doc.ID] = r.source
			inputs = append(inputs, r.in)
		}
	}
	stages := time.Since(start)
	if len(errs) > 0 {
		// Nothing is published from a corpus with a broken document: a
		// release that silently lacks it would be wrong.
		return fmt.Errorf("%d of %d documents failed, nothing published:\n%w", len(errs), len(o.sources), errors.Join(errs...))
	}
	if o.noPublish {
		return nil
	}
	// In the order publish reads a build directory: by document id.
	slices.SortFunc(inputs, func(a, b publish.Input) int { return strings.Compare(a.Doc.ID, b.Doc.ID) })
	p := o.publishOpt
	p.quiet = true
	if err := publishInputs(ctx, e, inputs, p); err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(e.stderr, "build: %d documents in %s end to end (%.0f per second; stages %s, publish %s), peak memory %s\n",
		len(o.sources), took.Round(time.Millisecond), float64(len(o.sources))/took.Seconds(),
		stages.Round(time.Millisecond), (took - stages).Round(time.Millisecond), peakMemory())
	return nil
}

// buildDocument runs the three stages of one source, writes their
// outputs and returns them for publishing.
func buildDocument(ctx context.Context, src string, lx *normalize.Lexicon, o buildOptions) (publish.Input, error) {
	doc, err := extractFile(ctx, src)
	if err != nil {
		return publish.Input{}, err
	}
	ann, err := normalize.Annotate(ctx, doc, lx, normalize.Options{})
	if err != nil {
		return publish.Input{}, fmt.Errorf("%s: normalize: %w", src, err)
	}
	cache, err := readCache(filepath.Join(o.cacheDir, doc.ID+".jsonl"))
	if err != nil {
		return publish.Input{}, err
	}
	var curated *enrich.Curated
	if path := filepath.Join(o.evidence, doc.ID+".tsv"); fileExists(path) {
		if curated, err = readCurated(ctx, path, doc); err != nil {
			return publish.Input{}, err
		}
	}
	links, err := enrich.Enrich(ctx, doc, enrich.NewSource(cache, nil, false), enrich.Options{Curated: curated})
	if err != nil {
		return publish.Input{}, fmt.Errorf("%s: enrich: %w", src, err)
	}
	// Written without a sync each: runBuild flushes them all at once.
	for stage, v := range map[string]any{"extract": doc, "normalize": ann, "enrich": links} {
		if err := writeStageWith(atomic.WriteLater, nil, filepath.Join(o.build, stage, doc.ID+".json"), v); err != nil {
			return publish.Input{}, err
		}
	}
	return publish.Input{Doc: doc, Ann: ann, Links: links}, nil
}

// fileExists reports whether path names an existing file.
func fileExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}
