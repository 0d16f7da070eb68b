package main

import (
	"context"
	"fmt"

	"github.com/chemores/chemores/release"
)

func verifyCmd() command {
	return command{
		name:  "verify",
		brief: "Check an installed release against its manifest and schemas.",
		args:  "[--no-schemas] [--repair] DIR",
		summary: `Check an installed release (a directory holding manifest.json) or a directory
of releases and its latest.json: every file present with the size and SHA-256
the manifest lists, nothing unlisted, SHA256SUMS consistent, and every JSON
file valid against its JSON Schema. --repair first points latest.json at the
newest release, once that release's files check out: what a publish or pull
stopped between installing a release and updating latest.json leaves to do.`,
		run: verifyMain,
	}
}

type verifyOptions struct {
	dir       string
	noSchemas bool
	repair    bool
	quiet     bool
}

func verifyMain(ctx context.Context, e *env, args []string) error {
	var o verifyOptions
	fs := newFlags(verifyCmd(), e)
	fs.BoolVar(&o.noSchemas, "no-schemas", false, "check checksums only, not the JSON Schemas")
	fs.BoolVar(&o.repair, "repair", false, "point latest.json at the newest release first, if that release checks out")
	fs.BoolVar(&o.quiet, "q", false, "print nothing when everything verifies")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one directory, got %d (usage: chemores verify DIR)", len(pos))
	}
	o.dir = pos[0]
	return runVerify(ctx, e, o)
}

func runVerify(ctx context.Context, e *env, o verifyOptions) error {
	if o.repair {
		id, err := release.RepairLatest(ctx, o.dir)
		if err != nil {
			return err
		}
		if !o.quiet {
			fmt.Fprintf(e.stdout, "%s: %s points at release %s\n", o.dir, release.LatestFile, id)
		}
	}
	reports, err := release.Verify(o.dir, release.VerifyOptions{Schemas: !o.noSchemas})
	for _, r := range reports {
		if len(r.Problems) == 0 {
			if !o.quiet {
				fmt.Fprintf(e.stdout, "%s: release %s: %d files, %s verified\n", r.Dir, r.Release, r.Files, human(r.Bytes))
			}
			continue
		}
		fmt.Fprintf(e.stderr, "%s: release %s: %d problems\n", r.Dir, r.Release, len(r.Problems))
		for i, p := range r.Problems {
			if i == 20 {
				fmt.Fprintf(e.stderr, "  ... and %d more\n", len(r.Problems)-i)
				break
			}
			fmt.Fprintf(e.stderr, "  %s\n", p)
		}
	}
	return err
}
