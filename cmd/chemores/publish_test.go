package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chemores/chemores/release"
)

const (
	testdata = "../../publish/testdata"
	vocabTSV = "../../seeds/lexicons/mechanisms.tsv"
	epoch    = "1727784000" // 2024-10-01T12:00:00Z
)

var filesSaid = regexp.MustCompile(`[0-9]+ files`)

// The whole user story: publish, publish again (a no-op), serve, pull
// into a fresh directory over HTTP with every file verified, verify.
func TestPublishServePullVerify(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dist, dest := t.TempDir(), filepath.Join(t.TempDir(), "data")
	e, out, _ := envWith(map[string]string{"SOURCE_DATE_EPOCH": epoch})
	args := []string{"publish", "--build", testdata, "--dist", dist, "--mechanisms", vocabTSV, "-q"}
	if code := run(ctx, args, e); code != exitOK {
		t.Fatalf("publish: exit %d: %s", code, out)
	}
	if !strings.Contains(out.String(), "2024-10-01: ") {
		t.Errorf("publish said: %s", out)
	}
	published := filesSaid.FindString(out.String())
	out.Reset()
	if code := run(ctx, args, e); code != exitOK || !strings.Contains(out.String(), "unchanged") {
		t.Fatalf("republish: exit %d: %s", code, out)
	}

	addr := make(chan string, 1)
	served := make(chan error, 1)
	se, _, _ := envWith(nil)
	go func() {
		served <- runServe(ctx, se, serveOptions{dir: dist, addr: "127.0.0.1:0", ready: func(a string) { addr <- a }})
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-served:
		t.Fatalf("serve: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}

	out.Reset()
	w := release.Wait{RetryWait: time.Millisecond, RetryAfterUnit: time.Millisecond}
	if err := runPull(ctx, e, pullOptions{from: base, release: "latest", dir: dest, maxBytes: 1 << 30, wait: w}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "installed") {
		t.Errorf("pull said: %s", out)
	}
	pulled := filesSaid.FindString(out.String())
	out.Reset()
	if code := run(ctx, []string{"verify", dest}, e); code != exitOK || !strings.Contains(out.String(), "verified") {
		t.Fatalf("verify: exit %d: %s", code, out)
	}
	// publish, pull and verify count a release's files alike.
	if verified := filesSaid.FindString(out.String()); published == "" || pulled != published || verified != published {
		t.Errorf("file counts: publish %q, pull %q, verify %q", published, pulled, verified)
	}
	cancel()
	if err := <-served; err != nil {
		t.Errorf("serve: %v", err)
	}

	// A pull or publish stopped before updating latest.json: verify says
	// what to run, and that repairs it.
	os.Remove(filepath.Join(dest, "latest.json"))
	ve, vout, verr := envWith(nil)
	if code := run(context.Background(), []string{"verify", dest}, ve); code != exitFailure || !strings.Contains(verr.String(), "run `chemores verify --repair "+dest+"`") {
		t.Errorf("verify without latest.json: exit %d: %s", code, verr)
	}
	if code := run(context.Background(), []string{"verify", "--repair", dest}, ve); code != exitOK || !strings.Contains(vout.String(), "latest.json points at release 2024-10-01") {
		t.Errorf("verify --repair: exit %d: %s %s", code, vout, verr)
	}

	// Damage is found and reported with a failing exit code.
	os.WriteFile(filepath.Join(dest, "2024-10-01", "api", "v1", "index.json"), []byte("{}"), 0o644)
	ve, _, verr = envWith(nil)
	if code := run(context.Background(), []string{"verify", dest}, ve); code != exitFailure || !strings.Contains(verr.String(), "index.json") {
		t.Errorf("verify of a damaged release: exit %d: %s", code, verr)
	}
}

func TestPublishExitCodes(t *testing.T) {
	bad := t.TempDir()
	os.MkdirAll(filepath.Join(bad, "extract"), 0o755)
	os.WriteFile(filepath.Join(bad, "extract", "x.json"), []byte("not json"), 0o644)
	tests := []struct {
		name string
		args []string
		vars map[string]string
		code int
		msg  string
	}{
		{"bad stage output", []string{"publish", "--build", bad, "--dist", t.TempDir(), "--mechanisms", vocabTSV}, map[string]string{"SOURCE_DATE_EPOCH": epoch}, exitBadInput, "x.json"},
		{"no documents", []string{"publish", "--build", t.TempDir(), "--dist", t.TempDir(), "--mechanisms", vocabTSV}, map[string]string{"SOURCE_DATE_EPOCH": epoch}, exitBadInput, "no documents"},
		{"bad vocabulary", []string{"publish", "--build", testdata, "--dist", t.TempDir(), "--mechanisms", testdata + "/extract/10.3892_or.2024.8816.json"}, map[string]string{"SOURCE_DATE_EPOCH": epoch}, exitBadInput, "columns"},
		{"bad epoch", []string{"publish", "--build", testdata, "--dist", t.TempDir(), "--mechanisms", vocabTSV}, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, exitUsage, "SOURCE_DATE_EPOCH"},
		{"bad release id", []string{"publish", "--build", testdata, "--dist", t.TempDir(), "--mechanisms", vocabTSV, "--release", "v1"}, map[string]string{"SOURCE_DATE_EPOCH": epoch}, exitFailure, "release id"},
		{"pull without --from", []string{"pull", "--dir", t.TempDir()}, nil, exitUsage, "--from"},
		{"pull from nowhere", []string{"pull", "--from", filepath.Join(t.TempDir(), "none"), "--dir", t.TempDir()}, nil, exitFailure, "from"},
		{"verify without a release", []string{"verify", t.TempDir()}, nil, exitFailure, "no releases"},
		{"serve two dirs", []string{"serve", "a", "b"}, nil, exitUsage, "one directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _, errb := envWith(tt.vars)
			if code := run(context.Background(), tt.args, e); code != tt.code || !strings.Contains(errb.String(), tt.msg) {
				t.Errorf("exit %d (want %d), stderr: %s", code, tt.code, errb)
			}
		})
	}
}

// Without SOURCE_DATE_EPOCH the release is dated by git, never the clock;
// outside a repository that is an error, not today's date.
func TestReleaseTimeNeedsADate(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	abs := func(p string) string { a, _ := filepath.Abs(filepath.Join(wd, p)); return a }
	t.Chdir(dir)
	e, _, errb := envWith(nil)
	code := run(context.Background(), []string{"publish", "--build", abs(testdata), "--dist", "dist", "--mechanisms", abs(vocabTSV)}, e)
	if code == exitOK {
		t.Skip("the inputs are in a git repository here")
	}
	if !strings.Contains(errb.String(), "SOURCE_DATE_EPOCH") {
		t.Errorf("exit %d: %s", code, errb)
	}
}
