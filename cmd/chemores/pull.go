package main

import (
	"context"
	"fmt"

	"github.com/chemores/chemores/release"
)

func pullCmd() command {
	return command{
		name:  "pull",
		brief: "Download a release, verify every file, then install it.",
		args:  "--from URL|DIR [--release ID|latest] [--dir DEST]",
		summary: `Download a release and install it into DEST/<release>/, checking every file's
size and SHA-256 against the release manifest before keeping it. The release
appears only when complete; files already verified are not fetched again, and
an interrupted pull resumes where it stopped when run again. Every wait on
the server is bounded: --timeout per attempt and per silence, Retry-After
up to --max-retry-after, and --deadline for the whole pull.`,
		run: pullMain,
	}
}

type pullOptions struct {
	from, release, dir string
	maxBytes           int64
	quiet              bool
	wait               release.Wait
}

func pullMain(ctx context.Context, e *env, args []string) error {
	var o pullOptions
	fs := newFlags(pullCmd(), e)
	fs.StringVar(&o.from, "from", "", "where releases are served: an http(s) URL or a directory (default $CHEMORES_FROM)")
	fs.StringVar(&o.release, "release", "latest", "release id, or latest")
	fs.StringVar(&o.dir, "dir", "chemores-data", "directory to install into")
	fs.Int64Var(&o.maxBytes, "max-bytes", release.DefaultMaxFileBytes, "refuse files larger than this")
	fs.DurationVar(&o.wait.Timeout, "timeout", release.DefaultWait.Timeout, "time an attempt has to connect and get an answer, and the longest silence inside a download")
	fs.DurationVar(&o.wait.Deadline, "deadline", release.DefaultWait.Deadline, "time the whole pull may take (run it again to resume)")
	fs.DurationVar(&o.wait.MaxRetryAfter, "max-retry-after", release.DefaultWait.MaxRetryAfter, "longest Retry-After obeyed; a longer one stops the pull")
	fs.BoolVar(&o.quiet, "q", false, "print nothing on success")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("unexpected arguments %q (usage: chemores pull --from URL|DIR [--release ID] [--dir DEST])", pos)
	}
	if o.from == "" {
		o.from = e.getenv("CHEMORES_FROM")
	}
	if o.from == "" {
		return usagef("--from is required (a URL such as https://example.org/chemores/ or a directory)")
	}
	return runPull(ctx, e, o)
}

func runPull(ctx context.Context, e *env, o pullOptions) error {
	res, err := release.Pull(ctx, release.PullOptions{From: o.from, Release: o.release, Dest: o.dir, MaxFileBytes: o.maxBytes, Wait: o.wait, Busy: waitingFor(e, o.dir)})
	if err != nil {
		return err
	}
	if o.quiet {
		return nil
	}
	if !res.Installed {
		fmt.Fprintf(e.stdout, "%s: release %s already installed and verified (%d files)\n", res.Dir, res.Release, res.Files)
		return nil
	}
	fmt.Fprintf(e.stdout, "%s: release %s installed, %d files verified (%d downloaded, %s; %d already there)\n",
		res.Dir, res.Release, res.Files, res.Downloaded, human(res.Bytes), res.Skipped)
	return nil
}
