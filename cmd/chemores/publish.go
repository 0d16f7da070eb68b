package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chemores/chemores/internal/diag"
	"github.com/chemores/chemores/publish"
)

func publishCmd() command {
	return command{
		name:  "publish",
		brief: "Publish a release: database, JSON API, web pages, checksums.",
		args:  "[flags] [EXTRACT.json ...]",
		summary: `Publish a release into the dist directory: the SQLite database, the static
JSON API, web pages (index.html and site/), JSON Schemas, a data package,
checksums, a tarball and a change log. Each document's licence comes from
<source>.license.json beside its source (or what its JATS states); --text omit
leaves the documents' text out.
Reads every BUILD/extract/*.json (or the files given) with BUILD/normalize/<same
name> and BUILD/enrich/<same name> when they exist. The release id is the date
of SOURCE_DATE_EPOCH or else of the newest commit of the inputs; publishing the
same content again does nothing, and different content on the same date gets a
patch letter (2026-11-26b).`,
		run: publishMain,
	}
}

type publishOptions struct {
	build, dist, release, mechanisms string
	docs                             []string
	meta                             publish.Meta
	text                             string // full text: auto, include, omit
	quiet                            bool
}

func publishMain(ctx context.Context, e *env, args []string) error {
	var o publishOptions
	fs := newFlags(publishCmd(), e)
	fs.StringVar(&o.build, "build", "build", "directory holding extract/, normalize/ and enrich/")
	fs.StringVar(&o.dist, "dist", "dist", "directory of releases")
	fs.StringVar(&o.release, "release", "", "release id to publish under (default: the date, with a patch letter if taken)")
	fs.StringVar(&o.mechanisms, "mechanisms", filepath.Join("seeds", "lexicons", "mechanisms.tsv"), "vocabulary of resistance mechanisms")
	fs.StringVar(&o.meta.BaseURL, "base-url", "", "URL the dist directory is served at (makes links absolute)")
	fs.StringVar(&o.meta.License, "license", "", "license id of the dataset (SPDX or Open Definition), if any")
	fs.StringVar(&o.meta.LicenseURL, "license-url", "", "URL of the license text")
	fs.StringVar(&o.meta.Homepage, "homepage", "", "home page of the dataset")
	fs.StringVar(&o.text, "text", publish.TextAuto, "the documents' full text: auto (left out where a licence sidecar says it may not be shared), include or omit")
	fs.BoolVar(&o.quiet, "q", false, "print only the summary line")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if !publish.ValidTextPolicy(o.text) {
		return usagef("--text %q: want auto, include or omit", o.text)
	}
	o.docs = pos
	return runPublish(ctx, e, o)
}

func runPublish(ctx context.Context, e *env, o publishOptions) error {
	docs := o.docs
	if len(docs) == 0 {
		var err error
		if docs, err = filepath.Glob(filepath.Join(o.build, "extract", "*.json")); err != nil {
			return err
		}
		if len(docs) == 0 {
			return fmt.Errorf("%w: no documents in %s (run make, or name EXTRACT.json files)", diag.ErrInput, filepath.Join(o.build, "extract"))
		}
	}
	slices.Sort(docs)
	var inputs []publish.Input
	for _, p := range docs {
		in, err := readStages(ctx, o.build, p)
		if err != nil {
			return err
		}
		inputs = append(inputs, in)
	}
	return publishInputs(ctx, e, inputs, o)
}

// publishInputs publishes stage outputs already in memory.
func publishInputs(ctx context.Context, e *env, inputs []publish.Input, o publishOptions) error {
	vocab, err := readMechanisms(ctx, o.mechanisms)
	if err != nil {
		return err
	}
	if err := readLicenses(ctx, inputs); err != nil {
		return err
	}
	when, err := releaseTime(ctx, e, inputs, o.mechanisms)
	if err != nil {
		return err
	}
	d := &publish.Dist{Dir: o.dist, Busy: waitingFor(e, o.dist)}
	res, err := d.Publish(ctx, inputs, publish.PublishOptions{Release: o.release, Time: when, Mechanisms: vocab, Meta: o.meta, Text: o.text})
	if err != nil {
		return err
	}
	reportPublish(e.stdout, e.stderr, res, o.quiet)
	return nil
}

// maxVocabBytes caps the mechanism vocabulary, a few kilobytes.
const maxVocabBytes = 16 << 20

func readMechanisms(ctx context.Context, path string) ([]publish.Mechanism, error) {
	data, err := readInput(ctx, path, maxVocabBytes)
	if err != nil {
		return nil, fmt.Errorf("mechanism vocabulary: %w", err)
	}
	v, err := publish.ParseMechanisms(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", diag.ErrInput, path, err)
	}
	return v, nil
}

// releaseTime is SOURCE_DATE_EPOCH when set, else the time of the newest
// commit that touched the inputs' directories: never the clock, so that
// rebuilding gives the same release.
func releaseTime(ctx context.Context, e *env, inputs []publish.Input, vocab string) (time.Time, error) {
	if s := e.getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return time.Time{}, usagef("SOURCE_DATE_EPOCH=%q: want seconds since 1970", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	dirs := []string{filepath.Dir(vocab)}
	for _, in := range inputs {
		if p := in.Doc.Source.Path; p != "" {
			dirs = append(dirs, filepath.Dir(filepath.FromSlash(p)))
		}
	}
	slices.Sort(dirs)
	dirs = slices.Compact(dirs)
	args := append([]string{"log", "-1", "--format=%ct", "--"}, dirs...)
	out, err := exec.CommandContext(ctx, "git", args...).Output()
	s := strings.TrimSpace(string(out))
	n, perr := strconv.ParseInt(s, 10, 64)
	if err != nil || perr != nil || n <= 0 {
		return time.Time{}, fmt.Errorf("cannot date the release: set SOURCE_DATE_EPOCH, or run in the git repository that holds %s (git log: %v)", strings.Join(dirs, ", "), err)
	}
	return time.Unix(n, 0).UTC(), nil
}

func reportPublish(out, errw io.Writer, res *publish.PublishResult, quiet bool) {
	st := res.Release.Stats
	if res.Unchanged {
		fmt.Fprintf(out, "%s: unchanged (its content is already published as release %s)\n", res.Dir, res.ID)
	} else {
		c := res.Release.Changes.Summary
		fmt.Fprintf(out, "%s: %d files, %s; database %s, %d rows; changes: entities +%d -%d ~%d, references +%d -%d ~%d, DOIs +%d -%d\n",
			res.Dir, st.Files, human(st.Bytes), human(int64(st.DB.Bytes)), st.DB.Rows,
			c.Entities.Added, c.Entities.Removed, c.Entities.Changed,
			c.References.Added, c.References.Removed, c.References.Changed, c.DOIs.Added, c.DOIs.Removed)
	}
	if quiet {
		return
	}
	for _, id := range res.Passed {
		fmt.Fprintf(errw, "  release %s holds other content; published as %s\n", id, res.ID)
	}
	warnings := 0
	for _, d := range res.Release.Diagnostics {
		if d.Level != diag.Warning || d.Stage != publish.StagePublish {
			continue
		}
		if warnings++; warnings <= 10 {
			fmt.Fprintf(errw, "  %s: %s: %s: %s\n", d.Document, d.Where, d.Code, d.Message)
		}
	}
	if warnings > 10 {
		fmt.Fprintf(errw, "  ... and %d more warnings (see the diagnostics table)\n", warnings-10)
	}
}

// waitingFor tells the user why a publish or pull does not start.
func waitingFor(e *env, dir string) func(holder string) {
	return func(holder string) {
		fmt.Fprintf(e.stderr, "%s is in use by another publish or pull (%s); waiting for it to finish (Ctrl-C stops)\n", dir, holder)
	}
}

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
