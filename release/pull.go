package release

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/sync/errgroup"

	"github.com/chemores/chemores/internal/readfile"
	"github.com/chemores/chemores/internal/wait"
)

// DefaultMaxFileBytes caps each file pull accepts.
const DefaultMaxFileBytes = 4 << 30

// PullOptions controls Pull.
type PullOptions struct {
	From         string // base URL (http, https) or directory holding latest.json and <release>/
	Release      string // a release id, or "latest" (the default)
	Dest         string // installs into Dest/<release>/ and updates Dest/latest.json
	MaxFileBytes int64  // per-file cap; 0 means DefaultMaxFileBytes
	Concurrency  int    // parallel downloads; 0 means 4
	// Wait bounds the waiting on an HTTP source; zero fields take the
	// defaults of DefaultWait.
	Wait Wait
	// Busy, if set, is called when another pull or publish holds Dest,
	// before waiting for it (see Dist.Busy).
	Busy func(holder string)
}

// Wait bounds how long pull waits on a server. Transient failures
// (connection errors, time-outs, 429, 5xx) are retried.
type Wait struct {
	// Timeout is what one attempt gets to connect and receive the
	// answer's headers, and the longest silence inside a body: a large
	// file takes as long as it needs while data flows.
	Timeout time.Duration
	// Deadline bounds the whole pull, every download, retry and wait
	// included; what arrived is kept for the next run.
	Deadline time.Duration
	// MaxRetryAfter is the longest Retry-After obeyed, on any status; a
	// server asking for more stops the pull with the wait named.
	MaxRetryAfter time.Duration
	Retries       int           // retries of a failed request
	RetryWait     time.Duration // the first back-off; later ones double, up to 30 times it
	// RetryAfterUnit is what one Retry-After second means: a second,
	// except in tests.
	RetryAfterUnit time.Duration
}

// DefaultWait is what pull waits by default.
var DefaultWait = Wait{
	Timeout:        30 * time.Second,
	Deadline:       time.Hour,
	MaxRetryAfter:  2 * time.Minute,
	Retries:        4,
	RetryWait:      time.Second,
	RetryAfterUnit: time.Second,
}

func (w Wait) withDefaults() Wait {
	d := DefaultWait
	for _, f := range []struct{ v, dv *time.Duration }{
		{&w.Timeout, &d.Timeout}, {&w.Deadline, &d.Deadline}, {&w.MaxRetryAfter, &d.MaxRetryAfter},
		{&w.RetryWait, &d.RetryWait}, {&w.RetryAfterUnit, &d.RetryAfterUnit},
	} {
		if *f.v <= 0 {
			*f.v = *f.dv
		}
	}
	if w.Retries <= 0 {
		w.Retries = d.Retries
	}
	return w
}

// deadlineError ends a pull that ran past its deadline.
type deadlineError struct{ d time.Duration }

func (e *deadlineError) Error() string {
	return fmt.Sprintf("the pull took longer than its deadline of %s; what arrived is kept, and running pull again resumes", e.d)
}

// PullResult says what Pull did.
type PullResult struct {
	Release    string
	Dir        string
	Files      int   // in the release (FileCount)
	Downloaded int   // fetched (in full or resumed), manifest and SHA256SUMS included
	Skipped    int   // already there and verified; Downloaded+Skipped is Files
	Bytes      int64 // received over the wire
	Installed  bool  // false: the release was already installed and verified
}

// errRange is a 416 answer to a resumed request: start again from zero.
var errRange = errors.New("range not satisfiable")

// ErrIncomplete marks a download cut short; what arrived is kept and the
// next request resumes after it.
var ErrIncomplete = errors.New("incomplete download")

// resumeTries is how often one run resumes a download cut short before
// giving up (the next run resumes again).
const resumeTries = 3

// source serves files of a dist directory by slash path.
type source interface {
	// get returns the file from byte offset on, and whether the body
	// starts at offset (true) or at zero (false: the source ignored it).
	get(ctx context.Context, p string, offset int64) (io.ReadCloser, bool, error)
	close()
}

// Pull downloads a release and installs it: every file is checked against
// the manifest (size and SHA-256) before it is kept, the release directory
// appears only when complete (it is assembled in Dest/.pull-<release>/ and
// renamed), files already verified are not fetched again, and a download
// cut short resumes where it stopped on the next run. Paths that would
// leave Dest and files over the size cap are refused.
//
// Every wait is bounded (see Wait): an attempt that gets no answer or
// whose body stalls is retried, a Retry-After over the cap stops the
// pull, and the pull as a whole ends at its deadline.
func Pull(ctx context.Context, o PullOptions) (*PullResult, error) {
	o.Wait = o.Wait.withDefaults()
	dctx, cancel := context.WithTimeoutCause(ctx, o.Wait.Deadline, &deadlineError{o.Wait.Deadline})
	defer cancel()
	res, err := pullRelease(dctx, o)
	if err != nil && ctx.Err() == nil && dctx.Err() != nil {
		return nil, context.Cause(dctx)
	}
	return res, err
}

func pullRelease(ctx context.Context, o PullOptions) (*PullResult, error) {
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.Release == "" {
		o.Release = "latest"
	}
	if o.Release != "latest" && !ValidReleaseID(o.Release) {
		return nil, fmt.Errorf("release %q: want a release id (2026-11-26) or latest", o.Release)
	}
	src, err := openSource(o)
	if err != nil {
		return nil, err
	}
	defer src.close()
	id, wantManifest := o.Release, ""
	if id == "latest" {
		data, err := fetchSmall(ctx, src, LatestFile)
		if err != nil {
			return nil, err
		}
		var l Latest
		if err := json.Unmarshal(data, &l); err != nil {
			return nil, fmt.Errorf("%s: %w", LatestFile, err)
		}
		if !ValidReleaseID(l.Release) {
			return nil, fmt.Errorf("%s: release %q is not a release id", LatestFile, l.Release)
		}
		id, wantManifest = l.Release, l.ManifestSHA256
	}
	mb, err := fetchSmall(ctx, src, id+"/"+ManifestFile)
	if err != nil {
		return nil, err
	}
	if wantManifest != "" && SHA256Hex(mb) != wantManifest {
		return nil, fmt.Errorf("%s/%s: sha256 differs from %s", id, ManifestFile, LatestFile)
	}
	m, err := ParseManifest(mb, id, o.MaxFileBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}
	sums, err := fetchSmall(ctx, src, id+"/"+SumsFile)
	if err != nil {
		return nil, err
	}
	if err := CheckSums(sums, m, SHA256Hex(mb)); err != nil {
		return nil, fmt.Errorf("%s: %w", id, err)
	}

	if err := os.MkdirAll(o.Dest, 0o755); err != nil {
		return nil, err
	}
	// One pull (or publish) at a time in a directory: they share the
	// staging area and latest.json.
	unlock, err := Lock(ctx, o.Dest, o.Busy)
	if err != nil {
		return nil, err
	}
	defer unlock()
	root, err := os.OpenRoot(o.Dest)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	res := &PullResult{Release: id, Dir: filepath.Join(o.Dest, id), Files: FileCount(m)}
	stage := ".pull-" + id
	if fi, err := root.Lstat(id); err == nil {
		_, verr := Verify(res.Dir, VerifyOptions{})
		if verr == nil {
			// Read where Verify read: a release directory may be a link
			// to a copy elsewhere, which the root would not follow.
			have, err := ReadCapped(filepath.Join(res.Dir, ManifestFile), MaxMetaBytes)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", id, err)
			}
			if string(have) != string(mb) {
				return nil, fmt.Errorf("%s is installed with another manifest than the source's: releases never change, so one of the two is not genuine", id)
			}
			res.Skipped = FileCount(m)
			return res, WriteLatest(o.Dest)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s is a symbolic link to a release that does not verify (%v); repair it where the link leads, or remove the link and pull again", res.Dir, verr)
		}
		// A damaged install: repair it in the staging area, keeping the
		// files that still verify.
		if _, err := root.Lstat(stage); err == nil {
			err = root.RemoveAll(id)
		} else {
			err = root.Rename(id, stage)
		}
		if err != nil {
			return nil, fmt.Errorf("repair %s: %w", id, err)
		}
	}
	if err := root.MkdirAll(stage, 0o755); err != nil {
		return nil, err
	}
	p := &puller{src: src, root: root, stage: stage, id: id, res: res}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(o.Concurrency)
	for _, e := range m.Files {
		g.Go(func() error { return p.fetch(gctx, e) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := root.WriteFile(stage+"/"+ManifestFile, mb, 0o644); err != nil {
		return nil, err
	}
	if err := root.WriteFile(stage+"/"+SumsFile, sums, 0o644); err != nil {
		return nil, err
	}
	// The manifest and SHA256SUMS were fetched first, to check the rest.
	res.Downloaded += 2
	res.Bytes += int64(len(mb) + len(sums))
	if err := tidyStage(root, stage, m); err != nil {
		return nil, err
	}
	if err := root.Rename(stage, id); err != nil {
		return nil, fmt.Errorf("install %s: %w", id, err)
	}
	SyncDir(o.Dest)
	res.Installed = true
	return res, WriteLatest(o.Dest)
}

type puller struct {
	src   source
	root  *os.Root
	stage string
	id    string
	mu    sync.Mutex
	res   *PullResult
}

func (p *puller) count(downloaded bool, n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if downloaded {
		p.res.Downloaded++
	} else {
		p.res.Skipped++
	}
	p.res.Bytes += n
}

// fetch makes stage/<path> hold the verified file, downloading what is
// missing into <path>.part first.
func (p *puller) fetch(ctx context.Context, e ManifestEntry) error {
	final := p.stage + "/" + e.Path
	if ok, _ := fileMatches(p.root, ManifestEntry{final, e.Bytes, e.SHA256}); ok {
		p.count(false, 0)
		return nil
	}
	if err := p.root.MkdirAll(path.Dir(final), 0o755); err != nil {
		return fmt.Errorf("%s: %w", e.Path, err)
	}
	part := final + ".part"
	var got int64
	for attempt, tries := 0, 0; ; attempt++ {
		n, resumed, err := p.download(ctx, e, part)
		got += n
		if errors.Is(err, ErrIncomplete) && tries < resumeTries && ctx.Err() == nil {
			tries++
			attempt--
			continue
		}
		if err != nil {
			return fmt.Errorf("%s/%s: %w", p.id, e.Path, err)
		}
		ok, err := fileMatches(p.root, ManifestEntry{part, e.Bytes, e.SHA256})
		if err != nil {
			return fmt.Errorf("%s/%s: %w", p.id, e.Path, err)
		}
		if ok {
			break
		}
		p.root.Remove(part)
		// A resumed file may have kept a bad start; try once from zero.
		if !resumed || attempt > 0 {
			return fmt.Errorf("%s/%s: sha256 differs from the manifest", p.id, e.Path)
		}
	}
	if err := p.root.Rename(part, final); err != nil {
		return err
	}
	p.count(true, got)
	return nil
}

// download appends to part what it lacks of e, resuming from its size.
// It reports the bytes received and whether it resumed.
func (p *puller) download(ctx context.Context, e ManifestEntry, part string) (int64, bool, error) {
	var off int64
	if fi, err := p.root.Lstat(part); err == nil {
		if !fi.Mode().IsRegular() {
			return 0, false, fmt.Errorf("%s: not a regular file", part)
		}
		if off = fi.Size(); off > e.Bytes {
			off = 0
		}
	}
	if off == e.Bytes && off > 0 {
		return 0, true, nil // complete, only the check is left
	}
	body, fromOff, err := p.src.get(ctx, p.id+"/"+e.Path, off)
	if errors.Is(err, errRange) {
		off = 0
		body, fromOff, err = p.src.get(ctx, p.id+"/"+e.Path, 0)
	}
	if err != nil {
		return 0, false, err
	}
	defer body.Close()
	flag := os.O_WRONLY | os.O_CREATE | os.O_APPEND
	if !fromOff || off == 0 {
		off, flag = 0, os.O_WRONLY|os.O_CREATE|os.O_TRUNC
	}
	f, err := p.root.OpenFile(part, flag, 0o644)
	if err != nil {
		return 0, false, err
	}
	// Read one byte more than the manifest allows, to catch oversized files.
	n, cerr := io.Copy(f, io.LimitReader(body, e.Bytes-off+1))
	if serr := f.Sync(); cerr == nil {
		cerr = serr
	}
	if err := f.Close(); cerr == nil {
		cerr = err
	}
	switch {
	case off+n > e.Bytes:
		p.root.Remove(part)
		return n, false, fmt.Errorf("%w: more than the %d bytes the manifest lists", ErrTooLarge, e.Bytes)
	case cerr != nil:
		return n, false, fmt.Errorf("%w: interrupted after %d of %d bytes (run pull again to resume): %v", ErrIncomplete, off+n, e.Bytes, cerr)
	case off+n < e.Bytes:
		return n, false, fmt.Errorf("%w: truncated: got %d of %d bytes (run pull again to resume)", ErrIncomplete, off+n, e.Bytes)
	}
	return n, off > 0, nil
}

// tidyStage removes anything in the staging area the manifest does not
// list (a .part left from an older attempt).
func tidyStage(root *os.Root, stage string, m *Manifest) error {
	keep := map[string]bool{ManifestFile: true, SumsFile: true}
	for _, e := range m.Files {
		keep[e.Path] = true
	}
	sub, err := root.OpenRoot(stage)
	if err != nil {
		return err
	}
	defer sub.Close()
	var extra []string
	err = fs.WalkDir(sub.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !keep[p] {
			extra = append(extra, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range extra {
		if err := sub.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
}

// fetchSmall reads a metadata file whole, capped.
func fetchSmall(ctx context.Context, src source, p string) ([]byte, error) {
	body, _, err := src.get(ctx, p, 0)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	return readAllCapped(body, p, MaxMetaBytes)
}

func openSource(o PullOptions) (source, error) {
	if strings.HasPrefix(o.From, "http://") || strings.HasPrefix(o.From, "https://") {
		u, err := url.Parse(o.From)
		if err != nil {
			return nil, fmt.Errorf("--from %q: %w", o.From, err)
		}
		return &httpSource{base: u, client: newClient(o.Wait)}, nil
	}
	if strings.Contains(o.From, "://") {
		return nil, fmt.Errorf("--from %q: want an http(s) URL or a directory", o.From)
	}
	root, err := os.OpenRoot(o.From)
	if err != nil {
		return nil, fmt.Errorf("--from: %w", err)
	}
	return &dirSource{root}, nil
}

// newClient makes the HTTP client of a pull: attempts bounded by
// wait.Transport, retries and Retry-After by wait.Policy.
func newClient(w Wait) *retryablehttp.Client {
	c := retryablehttp.NewClient()
	c.Logger = nil
	base := http.DefaultTransport.(*http.Transport).Clone()
	c.HTTPClient = &http.Client{Transport: &wait.Transport{Base: base, Header: w.Timeout, Stall: w.Timeout}}
	c.RetryMax = w.Retries
	c.RetryWaitMin, c.RetryWaitMax = w.RetryWait, 30*w.RetryWait
	p := wait.Policy{Max: w.MaxRetryAfter, Unit: w.RetryAfterUnit}
	c.CheckRetry, c.Backoff = p.CheckRetry, p.Backoff
	return c
}

type httpSource struct {
	base   *url.URL
	client *retryablehttp.Client
}

func (s *httpSource) close() {}

func (s *httpSource) get(ctx context.Context, p string, offset int64) (io.ReadCloser, bool, error) {
	u := s.base.JoinPath(strings.Split(p, "/")...)
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, false, err
	}
	if offset > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(offset, 10)+"-")
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, false, fmt.Errorf("get %s: %w", p, err)
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		return resp.Body, false, nil
	case resp.StatusCode == http.StatusPartialContent && offset > 0:
		if !strings.HasPrefix(resp.Header.Get("Content-Range"), "bytes "+strconv.FormatInt(offset, 10)+"-") {
			resp.Body.Close()
			return nil, false, fmt.Errorf("get %s: Content-Range %q does not start at %d", p, resp.Header.Get("Content-Range"), offset)
		}
		return resp.Body, true, nil
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable:
		resp.Body.Close()
		return nil, false, errRange
	case resp.StatusCode == http.StatusNotFound:
		resp.Body.Close()
		return nil, false, fmt.Errorf("get %s: %w (404)", p, fs.ErrNotExist)
	default:
		resp.Body.Close()
		return nil, false, fmt.Errorf("get %s: %s", p, resp.Status)
	}
}

type dirSource struct{ root *os.Root }

func (s *dirSource) close() { s.root.Close() }

func (s *dirSource) get(ctx context.Context, p string, offset int64) (io.ReadCloser, bool, error) {
	if err := checkRelPath(p); err != nil {
		return nil, false, err
	}
	// Not a FIFO or a device: opening one would wait without end.
	f, err := readfile.OpenRegularIn(s.root, p)
	if err != nil {
		return nil, false, err
	}
	if offset > 0 {
		if _, err := f.Seek(offset, io.SeekStart); err != nil {
			f.Close()
			return nil, false, err
		}
	}
	return f, true, nil
}
