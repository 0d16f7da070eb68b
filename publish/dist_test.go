package publish

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func publishTo(t testing.TB, dir string, in []Input, o PublishOptions) *PublishResult {
	t.Helper()
	if o.Time.IsZero() {
		o.Time = fixtureTime
	}
	if o.Mechanisms == nil {
		o.Mechanisms = vocab(t)
	}
	res, err := (&Dist{Dir: dir}).Publish(context.Background(), in, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func readFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPublishAndVerify(t *testing.T) {
	dir := t.TempDir()
	res := publishTo(t, dir, []Input{fixture(t)}, PublishOptions{})
	if res.ID != "2024-10-01" || res.Unchanged || res.Previous != "" {
		t.Fatalf("%+v", res)
	}
	reports, err := Verify(dir, VerifyOptions{Schemas: true})
	if err != nil {
		t.Fatal(err)
	}
	// Every count of a release's files agrees: publish's, verify's, the
	// files on disk; SHA256SUMS lists all but itself.
	onDisk := 0
	filepath.WalkDir(res.Dir, func(_ string, d fs.DirEntry, _ error) error {
		if !d.IsDir() {
			onDisk++
		}
		return nil
	})
	sums := strings.Count(string(readFile(t, filepath.Join(res.Dir, SumsFile))), "\n")
	if len(reports) != 1 || reports[0].Files != res.Release.Stats.Files || reports[0].Files != onDisk || sums != onDisk-1 {
		t.Errorf("files: publish %d, verify %d, on disk %d, SHA256SUMS lines %d", res.Release.Stats.Files, reports[0].Files, onDisk, sums)
	}
	v, _ := NewValidator()
	if err := v.Validate("../"+LatestFile, readFile(t, filepath.Join(dir, LatestFile))); err != nil {
		t.Error(err)
	}
	// What users run.
	if sh, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command(sh, "-c", "--quiet", SumsFile)
		cmd.Dir = res.Dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	}
	if tar, err := exec.LookPath("tar"); err == nil {
		out, err := exec.Command(tar, "tzf", filepath.Join(res.Dir, TarballName(res.ID))).Output()
		if err != nil || !strings.Contains(string(out), "chemores-2024-10-01/chemores.sqlite\n") {
			t.Errorf("tarball: %v\n%s", err, out)
		}
	}
}

// Publishing the same content is a no-op; other content on the same day
// gets a patch letter and a change log against the release before it.
func r0ID(c *Changes) string { return c.References.Changed[0].Key }

func TestPublishImmutable(t *testing.T) {
	dir := t.TempDir()
	publishTo(t, dir, []Input{fixture(t)}, PublishOptions{})
	latest := readFile(t, filepath.Join(dir, LatestFile))
	again := publishTo(t, dir, []Input{fixture(t)}, PublishOptions{})
	if !again.Unchanged || again.ID != "2024-10-01" {
		t.Fatalf("republish: %+v", again)
	}
	if !bytes.Equal(latest, readFile(t, filepath.Join(dir, LatestFile))) {
		t.Error("latest.json changed on a no-op")
	}

	changed := fixture(t)
	changed.Links.References[1].Status = "matched"
	changed.Links.References[1].DOI = "10.3322/caac.21708"
	patch := publishTo(t, dir, []Input{changed}, PublishOptions{})
	if patch.ID != "2024-10-01b" || patch.Previous != "2024-10-01" || len(patch.Passed) != 1 {
		t.Fatalf("patch: %+v", patch)
	}
	c := patch.Release.Changes
	if c.Summary.DOIs.Added != 1 || c.Summary.References.Changed != 1 || c.DOIs.Added[0].Key != "10.3322/caac.21708" {
		t.Errorf("changes: %+v", c.Summary)
	}
	// The change log names the reference by its entry id, which still
	// leads to it (the work is named after its DOI now).
	if r := c.References.Changed[0]; r.Key != "ref-"+fixtureDoc+"-2" || !slices.ContainsFunc(r.Fields, func(f FieldChange) bool {
		return f.Field == "id" && f.Old == r.Key && f.New == "doi-10.3322_caac.21708"
	}) || !strings.Contains(string(readFile(t, filepath.Join(patch.Dir, ChangesMD))), "- ref-"+fixtureDoc+"-2: ") {
		t.Errorf("reference change: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(patch.Dir, apiDir, hrefReference(r0ID(c)))); err != nil {
		t.Errorf("the entry id's API file: %v", err)
	}
	// A same-day patch is created after the release it follows, though its
	// inputs are dated the same.
	if want := fixtureTime.Add(time.Second).Format(time.RFC3339); patch.Release.Manifest.Created != want {
		t.Errorf("patch created %s, want %s", patch.Release.Manifest.Created, want)
	}
	if !strings.Contains(string(readFile(t, filepath.Join(dir, LatestFile))), `"release": "2024-10-01b"`) {
		t.Error("latest.json does not point at the patch")
	}
	// The same patch again: a no-op, found among the same-day releases.
	if again := publishTo(t, dir, []Input{changed}, PublishOptions{}); !again.Unchanged || again.ID != "2024-10-01b" {
		t.Errorf("republished patch: %+v", again)
	}
	// An explicit id that holds other content is refused.
	_, err := (&Dist{Dir: dir}).Publish(context.Background(), []Input{fixture(t)},
		PublishOptions{Release: "2024-10-01b", Time: fixtureTime, Mechanisms: vocab(t)})
	if !errors.Is(err, ErrReleaseExists) {
		t.Errorf("explicit overwrite: %v", err)
	}
	// So is a release older than the newest.
	_, err = (&Dist{Dir: dir}).Publish(context.Background(), []Input{fixture(t)},
		PublishOptions{Release: "2024-09-30", Time: fixtureTime, Mechanisms: vocab(t)})
	if err == nil || !strings.Contains(err.Error(), "before the latest") {
		t.Errorf("older release: %v", err)
	}
	if _, err := Verify(dir, VerifyOptions{}); err != nil {
		t.Error(err)
	}
}

// A publish that dies half-way leaves the earlier release and latest.json
// untouched and no partial release visible.
func TestPublishCrash(t *testing.T) {
	dir := t.TempDir()
	first := publishTo(t, dir, []Input{fixture(t)}, PublishOptions{})
	latest := readFile(t, filepath.Join(dir, LatestFile))
	sums := readFile(t, filepath.Join(first.Dir, SumsFile))

	changed := fixture(t)
	changed.Doc.Front.Title += " (corrected)"
	boom := errors.New("disk on fire")
	d := &Dist{Dir: dir, afterFile: func(n int, _ string) error {
		if n == 60 {
			return boom
		}
		return nil
	}}
	_, err := d.Publish(context.Background(), []Input{changed}, PublishOptions{Time: fixtureTime, Mechanisms: vocab(t)})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "2024-10-01 latest.json" {
		t.Errorf("dist holds %v after the crash", names)
	}
	if !bytes.Equal(latest, readFile(t, filepath.Join(dir, LatestFile))) || !bytes.Equal(sums, readFile(t, filepath.Join(first.Dir, SumsFile))) {
		t.Error("the crash changed the published release")
	}
	if _, err := Verify(dir, VerifyOptions{}); err != nil {
		t.Error(err)
	}
	// A crash that could not even clean up (power loss) leaves a hidden
	// staging directory; readers ignore it and the next publish removes it.
	stale := filepath.Join(dir, stagingPrefix+"2024-10-01b-123")
	os.MkdirAll(filepath.Join(stale, "api"), 0o755)
	if _, err := Verify(dir, VerifyOptions{}); err != nil {
		t.Errorf("stale staging breaks verify: %v", err)
	}
	res := publishTo(t, dir, []Input{changed}, PublishOptions{})
	if res.ID != "2024-10-01b" {
		t.Errorf("after the crash: %+v", res)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("stale staging directory left")
	}
}

// Two builds from the same inputs into different directories give the
// same SHA256SUMS (and so the same files).
func TestReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	ra := publishTo(t, a, []Input{fixture(t)}, PublishOptions{})
	rb := publishTo(t, b, []Input{fixture(t)}, PublishOptions{})
	if !bytes.Equal(readFile(t, filepath.Join(ra.Dir, SumsFile)), readFile(t, filepath.Join(rb.Dir, SumsFile))) {
		t.Error("SHA256SUMS differ between two builds")
	}
	if !bytes.Equal(readFile(t, filepath.Join(a, LatestFile)), readFile(t, filepath.Join(b, LatestFile))) {
		t.Error("latest.json differs between two builds")
	}
}

func TestVerifyFindsDamage(t *testing.T) {
	tests := []struct {
		name string
		harm func(rel string) error
		want string
	}{
		{"changed byte", func(rel string) error {
			p := filepath.Join(rel, "api", "v1", "index.json")
			b, _ := os.ReadFile(p)
			b[10] ^= 1
			return os.WriteFile(p, b, 0o644)
		}, "differs from the manifest"},
		{"missing file", func(rel string) error { return os.Remove(filepath.Join(rel, DBFile)) }, DBFile},
		{"extra file", func(rel string) error { return os.WriteFile(filepath.Join(rel, "evil.sh"), nil, 0o644) }, "not in the manifest"},
		{"symlink", func(rel string) error {
			p := filepath.Join(rel, ReadmeFile)
			os.Remove(p)
			return os.Symlink("/etc/passwd", p)
		}, "regular file"},
		{"sums edited", func(rel string) error {
			p := filepath.Join(rel, SumsFile)
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, bytes.Replace(b, []byte("a"), []byte("b"), 1), 0o644)
		}, SumsFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			res := publishTo(t, dir, []Input{fixture(t)}, PublishOptions{})
			if err := tt.harm(res.Dir); err != nil {
				t.Fatal(err)
			}
			_, err := Verify(res.Dir, VerifyOptions{})
			if !errors.Is(err, ErrVerify) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrVerify mentioning %q", err, tt.want)
			}
		})
	}
}

func TestVerifyLatest(t *testing.T) {
	dir := t.TempDir()
	publishTo(t, dir, []Input{fixture(t)}, PublishOptions{})
	p := filepath.Join(dir, LatestFile)
	b := readFile(t, p)
	os.WriteFile(p, bytes.Replace(b, []byte(`"manifest_sha256": "`), []byte(`"manifest_sha256": "0`), 1)[:len(b)], 0o644)
	if _, err := Verify(dir, VerifyOptions{}); !errors.Is(err, ErrVerify) {
		t.Errorf("a wrong latest.json passed: %v", err)
	}
}

// Content already published is not published again under a later date:
// the content digest leaves out the id and the date.
func TestPublishSameContentLaterDate(t *testing.T) {
	dir := t.TempDir()
	first := publishTo(t, dir, []Input{fixture(t)}, PublishOptions{})
	later := fixtureTime.AddDate(0, 0, 9)
	again := publishTo(t, dir, []Input{fixture(t)}, PublishOptions{Time: later})
	if !again.Unchanged || again.ID != first.ID {
		t.Fatalf("same content, later date: %+v", again)
	}
	if ids, _ := (&Dist{Dir: dir}).Releases(); len(ids) != 1 {
		t.Fatalf("releases %v, want only %s", ids, first.ID)
	}
	if first.Release.Content == "" || first.Release.Content != again.Release.Content {
		t.Errorf("content digests %q and %q", first.Release.Content, again.Release.Content)
	}
	changed := fixture(t)
	changed.Links.References[1].Status = "matched"
	changed.Links.References[1].DOI = "10.3322/caac.21708"
	next := publishTo(t, dir, []Input{changed}, PublishOptions{Time: later})
	if next.Unchanged || next.ID != "2024-10-10" || next.Release.Content == first.Release.Content {
		t.Fatalf("changed content, later date: %+v", next)
	}
	if !strings.Contains(string(readFile(t, filepath.Join(dir, LatestFile))), `"content": "`+next.Release.Content+`"`) {
		t.Error("latest.json does not carry the new release's content digest")
	}
}
