package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/internal/atomic"
	"github.com/chemores/chemores/internal/diag"
	"github.com/schollz/progressbar/v3"
)

func enrichCmd() command {
	return command{
		name:  "enrich",
		brief: "Find the DOI of each reference, with its evidence.",
		args:  "IN.json [-o OUT.json] [--cache FILE] [--evidence FILE] [--online | --refresh] [--mailto ADDR]",
		summary: `Find the DOI of each reference of an extracted Document (IN.json, from
"chemores extract"), with a status, a confidence score, its source and the
evidence. First the review's own reference list as its publisher deposited
it with Crossref (one request); then a Crossref search, with PubMed's second
opinion, for each reference the deposit leaves open; then the curated
evidence file (seeds/evidence/<document id>.tsv: identifiers a person read
beside the title on a public page). Agreeing sources raise the score; when
they disagree the stronger wins and the other is a discrepancy.
By default only the committed cache of Crossref and NCBI responses is read:
the run is offline and deterministic, and a reference with neither cached
responses nor a curated row comes out "unresolved". --online fetches what
the cache lacks, --refresh fetches everything again; both rewrite the cache
with exactly the responses used (older entries are pruned) and need a
contact address (--mailto or CHEMORES_MAILTO).`,
		run: enrichMain,
	}
}

type enrichOptions struct {
	in, out, cache  string
	evidence        string
	online, refresh bool
	quiet           bool
	workers         int
	cfg             enrich.Config
}

func enrichMain(ctx context.Context, e *env, args []string) error {
	o := enrichOptions{cfg: enrich.DefaultConfig()}
	fs := newFlags(enrichCmd(), e)
	fs.StringVar(&o.out, "o", "", "write the JSON here instead of standard output")
	fs.StringVar(&o.cache, "cache", "", "cache file (default seeds/cache/<document id>.jsonl)")
	fs.StringVar(&o.evidence, "evidence", "", "curated evidence file (default seeds/evidence/<document id>.tsv, if there is one)")
	fs.BoolVar(&o.online, "online", false, "fetch responses the cache lacks (needs --mailto)")
	fs.BoolVar(&o.refresh, "refresh", false, "fetch every response again (implies --online)")
	fs.StringVar(&o.cfg.Mailto, "mailto", "", "contact address sent to Crossref and NCBI (default $CHEMORES_MAILTO)")
	fs.StringVar(&o.cfg.CrossrefURL, "crossref-url", o.cfg.CrossrefURL, "Crossref REST API base URL")
	fs.StringVar(&o.cfg.NCBIURL, "ncbi-url", o.cfg.NCBIURL, "NCBI E-utilities base URL")
	fs.Float64Var(&o.cfg.SearchRate, "rate", o.cfg.SearchRate, "Crossref search requests per second")
	fs.Float64Var(&o.cfg.LookupRate, "lookup-rate", o.cfg.LookupRate, "Crossref single-DOI requests per second")
	fs.Float64Var(&o.cfg.NCBIRate, "ncbi-rate", o.cfg.NCBIRate, "NCBI requests per second")
	fs.IntVar(&o.cfg.InFlight, "inflight", o.cfg.InFlight, "requests in flight per service")
	fs.DurationVar(&o.cfg.Timeout, "timeout", o.cfg.Timeout, "time-out of one request attempt")
	fs.DurationVar(&o.cfg.Deadline, "deadline", o.cfg.Deadline, "time one request may take, every attempt and wait included")
	fs.DurationVar(&o.cfg.MaxRetryAfter, "max-retry-after", o.cfg.MaxRetryAfter, "longest Retry-After obeyed; a longer one stops the run")
	fs.IntVar(&o.cfg.Retries, "retries", o.cfg.Retries, "retries of a failed request")
	fs.IntVar(&o.cfg.MaxErrors, "max-errors", o.cfg.MaxErrors, "stop after this many requests fail in a row")
	fs.IntVar(&o.workers, "workers", 3, "references resolved at once")
	fs.BoolVar(&o.quiet, "q", false, "no summary or progress on standard error")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one input file, got %d (usage: chemores enrich %s)", len(pos), enrichCmd().args)
	}
	o.in = pos[0]
	if o.out, err = checkOutput("-o", o.out); err != nil {
		return err
	}
	if o.refresh {
		o.online = true
	}
	if o.cfg.Mailto == "" {
		o.cfg.Mailto = e.getenv("CHEMORES_MAILTO")
	}
	if o.online && o.cfg.Mailto == "" {
		return usagef("--online needs a contact address: Crossref and NCBI ask clients to identify themselves.\nRun with --mailto you@example.org or set CHEMORES_MAILTO (make refresh CHEMORES_MAILTO=you@example.org)")
	}
	o.cfg.Version = version
	return runEnrich(ctx, e, o)
}

func runEnrich(ctx context.Context, e *env, o enrichOptions) error {
	doc, err := readDocument(ctx, o.in)
	if err != nil {
		return err
	}
	if o.cache == "" {
		o.cache = filepath.Join("seeds", "cache", doc.ID+".jsonl")
	}
	cache, err := readCache(o.cache)
	if err != nil {
		return err
	}
	curated, err := readCurated(ctx, o.evidence, doc)
	if err != nil {
		return err
	}
	var client *enrich.Client
	if o.online {
		if client, err = enrich.NewClient(o.cfg); err != nil {
			return usagef("%v", err)
		}
	}
	src := enrich.NewSource(cache, client, o.refresh)

	opt := enrich.Options{Workers: o.workers, Curated: curated}
	var bar *progressbar.ProgressBar
	if e.tty && !o.quiet && o.online {
		bar = progressbar.NewOptions(len(doc.References),
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("enrich"),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
		opt.Progress = func(done, total int) { bar.Set(done) }
	}
	start := time.Now()
	links, err := enrich.Enrich(ctx, doc, src, opt)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		if o.online {
			// Keep what was fetched: the next run starts from it.
			if werr := writeCache(o.cache, src.Merged()); werr != nil {
				return errors.Join(err, werr)
			}
		}
		if errors.Is(err, enrich.ErrTooManyErrors) || errors.Is(err, enrich.ErrWaitTooLong) {
			return fmt.Errorf("stopped: %w; responses received so far are kept in %s; try again later", err, o.cache)
		}
		return err
	}
	if o.online {
		if err := writeCache(o.cache, src.Used()); err != nil {
			return err
		}
	}
	if err := writeStage(e, o.out, links); err != nil {
		return err
	}
	if !o.quiet {
		summarizeLinks(e.stderr, o, links, src, client, time.Since(start))
	}
	return nil
}

// readCurated reads and checks the document's curated evidence. Without
// --evidence, a missing seeds/evidence/<id>.tsv means none; a file that
// breaks a rule is an input error, every problem listed.
func readCurated(ctx context.Context, path string, doc *extract.Document) (*enrich.Curated, error) {
	explicit := path != ""
	if !explicit {
		path = filepath.Join("seeds", "evidence", doc.ID+".tsv")
	}
	data, err := readInput(ctx, path, maxLexiconBytes)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c, ps := enrich.ParseCurated(data, doc.ID)
	ps = append(ps, c.Check(doc.References)...)
	if len(ps) > 0 {
		msg := make([]string, len(ps))
		for i, p := range ps {
			msg[i] = "  " + p.String()
		}
		return nil, fmt.Errorf("%s: %w: %d problems:\n%s", path, diag.ErrInput, len(ps), strings.Join(msg, "\n"))
	}
	return c, nil
}

// readCache reads the cache; a missing file is an empty cache.
func readCache(path string) (*enrich.Cache, error) {
	f, err := openInput(path, maxStageBytes)
	if errors.Is(err, os.ErrNotExist) {
		return enrich.NewCache(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", diag.ErrInput, err)
	}
	defer f.Close()
	c, err := enrich.ReadCache(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, diag.ErrInput, err)
	}
	return c, nil
}

func writeCache(path string, c *enrich.Cache) error {
	if err := atomic.Write(path, 0o644, c.Write); err != nil {
		return fmt.Errorf("write cache %s: %w", path, err)
	}
	return nil
}

func summarizeLinks(w io.Writer, o enrichOptions, l *enrich.Links, src *enrich.Source, c *enrich.Client, took time.Duration) {
	n := l.Count()
	fmt.Fprintf(w, "%s: %d references: %d matched, %d ambiguous, %d not found, %d errors, %d unresolved\n",
		o.in, len(l.References), n[enrich.Matched], n[enrich.Ambiguous], n[enrich.NotFound], n[enrich.Error], n[enrich.Unresolved])
	cov := l.Coverage()
	with := 0
	for _, k := range cov {
		with += k
	}
	fmt.Fprintf(w, "  %d with a DOI: %d from the deposited list, %d by search, %d printed, %d curated; deposit: %s\n",
		with, cov[enrich.SourceDeposited], cov[enrich.SourceSearch], cov[enrich.SourcePrinted], cov[enrich.SourceCurated], l.Deposit.Status)
	if c != nil {
		s := c.Stats()
		fmt.Fprintf(w, "  online: %d responses fetched in %s (%d requests, %d retries, %d answered 429); cache %s rewritten with %d entries\n",
			src.Fetched(), took.Round(time.Millisecond), s.Requests.Load(), s.Retries.Load(), s.TooMany.Load(), o.cache, src.Used().Len())
		return
	}
	if d := src.Dropped(); d > 0 {
		fmt.Fprintf(w, "  %d cache entries are not well-formed answers (errors stored by an older version) and were ignored; the next --online run asks again\n", d)
	}
	if u := src.Unused(); u > 0 {
		fmt.Fprintf(w, "  %d cache entries unused; the next --online run prunes them\n", u)
	}
	if n[enrich.Unresolved] > 0 {
		fmt.Fprintf(w, "  %d references have no cached response: %s\n", n[enrich.Unresolved], enrich.RefreshHint)
	}
}
