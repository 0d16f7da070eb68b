package publish

import (
	"github.com/chemores/chemores/release"

	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chemores/chemores/internal/atomic"
)

// ErrReleaseExists is returned when a release id is taken by different
// content: published releases never change.
var ErrReleaseExists = errors.New("release exists with different content")

// stagingPrefix marks directories being written; readers skip anything
// that starts with a dot.
const stagingPrefix = ".staging-"

// Dist is a directory of releases: <dir>/<id>/ and <dir>/latest.json.
type Dist struct {
	Dir string
	// Busy, if set, is called when another publish or pull holds the
	// directory, before waiting for it, with what the holder wrote
	// ("pid 1234").
	Busy func(holder string)
	// afterFile, if set, is called after each staged file is written; an
	// error aborts the publish there. Tests inject crashes with it.
	afterFile func(n int, path string) error
	// afterCommit, if set, is called between moving the release into
	// place and updating latest.json: tests stop a publish there.
	afterCommit func() error
}

// PublishOptions controls Dist.Publish.
type PublishOptions struct {
	// Release is the id to publish under. Empty: the date of Time, with a
	// patch letter (b, c, ...) when that date holds different content.
	Release    string
	Time       time.Time
	Mechanisms []Mechanism
	Meta       Meta
	Text       string // full text: TextAuto (""), TextInclude or TextOmit
}

// PublishResult says what Publish did.
type PublishResult struct {
	ID        string
	Dir       string   // the release directory
	Previous  string   // the release compared against; "" for the first
	Unchanged bool     // an identical release existed: nothing was written
	Passed    []string // same-day releases with other content, skipped for a patch letter
	Release   *Release
}

// Releases lists the release ids in the directory, oldest first. A
// release directory may be a symbolic link to a copy elsewhere.
func (d *Dist) Releases() ([]string, error) { return release.Releases(d.Dir) }

// Publish builds a release from the inputs and writes it under a new id,
// unless an identical release exists. The release directory is written
// under a temporary name and renamed into place, and latest.json is
// replaced atomically after it: a failure at any point leaves the earlier
// releases and latest.json as they were, and no partial release visible.
// A stop between the two leaves latest.json behind the newest release;
// the next publish or pull, or RepairLatest, brings it up to date.
//
// Publishes into one directory take turns: each holds the directory's
// lock (see Busy) from before it looks at the releases until latest.json
// is written, so none removes another's staging directory or misses the
// release another just made.
func (d *Dist) Publish(ctx context.Context, inputs []Input, o PublishOptions) (*PublishResult, error) {
	if o.Time.IsZero() {
		return nil, fmt.Errorf("release time not set")
	}
	if err := os.MkdirAll(d.Dir, 0o755); err != nil {
		return nil, err
	}
	unlock, err := release.Lock(ctx, d.Dir, d.Busy)
	if err != nil {
		return nil, err
	}
	defer unlock()
	d.removeStale()
	ids, err := d.Releases()
	if err != nil {
		return nil, err
	}
	var cands []string
	if o.Release != "" {
		if !ValidReleaseID(o.Release) {
			return nil, fmt.Errorf("release id %q: want a date such as 2026-11-26, with a letter b-z for a same-day patch", o.Release)
		}
		cands = []string{o.Release}
	} else {
		date := ReleaseDate(o.Time)
		cands = append(cands, date)
		for c := 'b'; c <= 'z'; c++ {
			cands = append(cands, date+string(c))
		}
	}
	res := &PublishResult{}
	// Content the newest release already holds is not published again
	// under a later date.
	latestContent := ""
	if len(ids) > 0 && o.Release == "" {
		if l, err := release.LatestFor(d.Dir, ids); err == nil {
			latestContent = l.Content
		}
	}
	for _, id := range cands {
		exists := slices.Contains(ids, id)
		if !exists && len(ids) > 0 && id < ids[len(ids)-1] {
			return nil, fmt.Errorf("release %s would come before the latest release %s; releases are only added at the end", id, ids[len(ids)-1])
		}
		prev := ""
		for _, x := range ids {
			if x < id {
				prev = x
			}
		}
		var snap *Snapshot
		if prev != "" {
			if snap, err = ReadSnapshot(os.DirFS(filepath.Join(d.Dir, prev))); err != nil {
				return nil, fmt.Errorf("read previous release %s: %w", prev, err)
			}
		}
		stage, rel, err := d.stage(ctx, inputs, Options{Release: id, Time: releaseAfter(o.Time, snap), Mechanisms: o.Mechanisms, Meta: o.Meta, Previous: snap, Text: o.Text})
		if err != nil {
			return nil, err
		}
		res.ID, res.Dir, res.Previous, res.Release = id, filepath.Join(d.Dir, id), prev, rel
		if latestContent != "" && rel.Content == latestContent {
			os.RemoveAll(stage)
			latest := ids[len(ids)-1]
			res.ID, res.Dir, res.Previous, res.Unchanged = latest, filepath.Join(d.Dir, latest), "", true
			return res, d.writeLatest()
		}
		if exists {
			os.RemoveAll(stage)
			old, err := release.ReadCapped(filepath.Join(d.Dir, id, SumsFile), release.MaxMetaBytes)
			if err == nil && bytes.Equal(old, rel.Sums) {
				res.Unchanged = true
				return res, d.writeLatest()
			}
			if o.Release != "" {
				return nil, fmt.Errorf("%s: %w; publish under a new id (a patch letter) instead", id, ErrReleaseExists)
			}
			res.Passed = append(res.Passed, id)
			continue
		}
		if err := d.commit(stage, id); err != nil {
			os.RemoveAll(stage)
			return nil, err
		}
		if d.afterCommit != nil {
			if err := d.afterCommit(); err != nil {
				return nil, err
			}
		}
		return res, d.writeLatest()
	}
	return nil, fmt.Errorf("no free release id for %s: every patch letter is taken", ReleaseDate(o.Time))
}

// releaseAfter is the time of a release that follows prev: t, unless
// that is not later than prev's (a same-day patch from inputs committed
// no later than the release it follows), then one second after prev, so
// that each release is created after the one before it. It depends on
// the inputs and the previous release only, never the clock.
func releaseAfter(t time.Time, prev *Snapshot) time.Time {
	if prev == nil {
		return t
	}
	pc, err := time.Parse(time.RFC3339, prev.Created)
	if err != nil || t.After(pc) {
		return t
	}
	return pc.Add(time.Second)
}

// stage builds a release into a hidden directory, writing each file as
// it is made. On an error the directory is gone.
func (d *Dist) stage(ctx context.Context, inputs []Input, opts Options) (_ string, _ *Release, err error) {
	stage, err := os.MkdirTemp(d.Dir, stagingPrefix+opts.Release+"-")
	if err != nil {
		return "", nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, 0o755); err != nil {
		return "", nil, err
	}
	s := newDirSink(ctx, stage, d.afterFile)
	rel, err := buildRelease(ctx, inputs, opts, s)
	// The writers are stopped either way; theirs is the first error.
	if werr := s.wait(); werr != nil {
		return "", nil, werr
	}
	if err != nil {
		return "", nil, err
	}
	return stage, rel, nil
}

// commit moves a staged release into place. Files are written plainly:
// the staging directory is the unit of atomicity, not each file, and one
// flush of the file system before the rename makes sure the renamed
// directory never holds empty files after a power cut (a sync per file
// cost seconds on a large release).
func (d *Dist) commit(stage, id string) error {
	if err := atomic.SyncTree(stage); err != nil {
		return fmt.Errorf("flush release to disk: %w", err)
	}
	if err := os.Rename(stage, filepath.Join(d.Dir, id)); err != nil {
		return fmt.Errorf("move release into place: %w", err)
	}
	return release.SyncDir(d.Dir)
}

// removeStale deletes staging directories that a crashed publish left.
// It runs under the directory's lock: no staging directory it sees
// belongs to a publish still running.
func (d *Dist) removeStale() {
	ents, _ := os.ReadDir(d.Dir)
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), stagingPrefix) {
			os.RemoveAll(filepath.Join(d.Dir, e.Name()))
		}
	}
}

// writeLatest points latest.json at the newest release.
func (d *Dist) writeLatest() error { return release.WriteLatest(d.Dir) }
