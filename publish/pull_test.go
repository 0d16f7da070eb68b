package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// faultServer serves a dist directory and misbehaves on request: each
// fault sees the path, the file and how often the path was asked for, and
// says whether it handled the request.
type faultServer struct {
	dir    string
	mu     sync.Mutex
	hits   map[string]int
	ranges map[string][]string
	fault  func(w http.ResponseWriter, p string, data []byte, hit int) bool
}

func (s *faultServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	s.mu.Lock()
	s.hits[p]++
	hit := s.hits[p]
	if rg := r.Header.Get("Range"); rg != "" {
		s.ranges[p] = append(s.ranges[p], rg)
	}
	fault := s.fault
	s.mu.Unlock()
	data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if fault != nil && fault(w, p, data, hit) {
		return
	}
	http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(data))
}

func (s *faultServer) setFault(f func(w http.ResponseWriter, p string, data []byte, hit int) bool) {
	s.mu.Lock()
	s.fault = f
	s.mu.Unlock()
}

func (s *faultServer) count(p string) (int, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[p], append([]string(nil), s.ranges[p]...)
}

// newDist publishes the fixture once per test binary run and copies it.
var distOnce struct {
	sync.Once
	dir string
	err error
}

func servedDist(t *testing.T) (*faultServer, *httptest.Server, string) {
	t.Helper()
	distOnce.Do(func() {
		distOnce.dir, distOnce.err = os.MkdirTemp("", "chemores-dist-")
		if distOnce.err == nil {
			_, distOnce.err = (&Dist{Dir: distOnce.dir}).Publish(context.Background(), []Input{fixture(t)},
				PublishOptions{Time: fixtureTime, Mechanisms: vocab(t)})
		}
	})
	if distOnce.err != nil {
		t.Fatal(distOnce.err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(distOnce.dir)); err != nil {
		t.Fatal(err)
	}
	fs := &faultServer{dir: dir, hits: map[string]int{}, ranges: map[string][]string{}}
	srv := httptest.NewServer(fs)
	t.Cleanup(srv.Close)
	return fs, srv, dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if distOnce.dir != "" {
		os.RemoveAll(distOnce.dir)
	}
	os.Exit(code)
}

// fastWait cuts the retry waits to milliseconds.
var fastWait = Wait{Retries: 3, RetryWait: time.Millisecond, RetryAfterUnit: time.Millisecond}

func pull(t *testing.T, from, dest string, edit ...func(*PullOptions)) (*PullResult, error) {
	t.Helper()
	o := PullOptions{From: from, Dest: dest, Wait: fastWait}
	for _, e := range edit {
		e(&o)
	}
	return Pull(context.Background(), o)
}

const rel = "2024-10-01"

func TestPull(t *testing.T) {
	fs, srv, _ := servedDist(t)
	dest := filepath.Join(t.TempDir(), "data")
	res, err := pull(t, srv.URL, dest)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Installed || res.Release != rel || res.Downloaded != res.Files || res.Skipped != 0 {
		t.Errorf("%+v", res)
	}
	if _, err := Verify(dest, VerifyOptions{Schemas: true}); err != nil {
		t.Fatal(err)
	}
	// Again: nothing to fetch but the metadata.
	before, _ := fs.count(rel + "/" + DBFile)
	res, err = pull(t, srv.URL+"/", dest)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := fs.count(rel + "/" + DBFile)
	if res.Installed || after != before {
		t.Errorf("second pull installed=%v, database fetched %d more times", res.Installed, after-before)
	}
	if _, err := os.Stat(filepath.Join(dest, ".pull-"+rel)); !os.IsNotExist(err) {
		t.Error("staging directory left behind")
	}
}

func TestPullFromDirectory(t *testing.T) {
	_, _, dir := servedDist(t)
	dest := t.TempDir()
	if _, err := pull(t, dir, dest, func(o *PullOptions) { o.Release = rel }); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(filepath.Join(dest, rel), VerifyOptions{}); err != nil {
		t.Error(err)
	}
}

// rewriteManifest serves an edited manifest (and SHA256SUMS to match).
func rewriteManifest(t *testing.T, dir string, edit func(m *Manifest)) {
	t.Helper()
	p := filepath.Join(dir, rel, ManifestFile)
	var m Manifest
	if err := json.Unmarshal(readFile(t, p), &m); err != nil {
		t.Fatal(err)
	}
	edit(&m)
	mb := encodeJSON(m, true)
	os.WriteFile(p, mb, 0o644)
	os.WriteFile(filepath.Join(dir, rel, SumsFile), sha256sums(append(m.Files, ManifestEntry{Path: ManifestFile, SHA256: sha256hex(mb)})), 0o644)
}

func TestPullRefuses(t *testing.T) {
	db := rel + "/" + DBFile
	tests := []struct {
		name   string
		setup  func(t *testing.T, fs *faultServer, dir string)
		opts   func(*PullOptions)
		want   string
		wantIs error
	}{
		{"corrupted file", func(t *testing.T, fs *faultServer, _ string) {
			fs.setFault(func(w http.ResponseWriter, p string, data []byte, _ int) bool {
				if p != db {
					return false
				}
				bad := bytes.Clone(data)
				bad[len(bad)/2] ^= 0xff
				w.Write(bad)
				return true
			})
		}, nil, "sha256 differs", nil},
		{"missing file", func(t *testing.T, fs *faultServer, dir string) {
			os.Remove(filepath.Join(dir, rel, "api", "v1", "search.json"))
		}, nil, "404", nil},
		{"oversized file", func(t *testing.T, fs *faultServer, _ string) {
			fs.setFault(func(w http.ResponseWriter, p string, data []byte, _ int) bool {
				if p != db {
					return false
				}
				w.Write(append(bytes.Clone(data), make([]byte, 1<<16)...))
				return true
			})
		}, nil, "", ErrTooLarge},
		{"file over the cap", nil, func(o *PullOptions) { o.MaxFileBytes = 100 << 10 }, "", ErrTooLarge},
		{"manifest with ../", func(t *testing.T, _ *faultServer, dir string) {
			rewriteManifest(t, dir, func(m *Manifest) { m.Files[0].Path = "../evil.json" })
		}, func(o *PullOptions) { o.Release = rel }, "", ErrUnsafePath},
		{"manifest with nested ../", func(t *testing.T, _ *faultServer, dir string) {
			rewriteManifest(t, dir, func(m *Manifest) { m.Files[0].Path = "api/../../evil.json" })
		}, func(o *PullOptions) { o.Release = rel }, "", ErrUnsafePath},
		{"manifest with absolute path", func(t *testing.T, _ *faultServer, dir string) {
			rewriteManifest(t, dir, func(m *Manifest) { m.Files[0].Path = "/tmp/evil.json" })
		}, func(o *PullOptions) { o.Release = rel }, "", ErrUnsafePath},
		{"manifest not matching latest.json", func(t *testing.T, _ *faultServer, dir string) {
			rewriteManifest(t, dir, func(m *Manifest) {})
			p := filepath.Join(dir, rel, ManifestFile)
			os.WriteFile(p, append(readFile(t, p), ' '), 0o644)
		}, nil, "differs from latest.json", nil},
		{"truncated every time", func(t *testing.T, fs *faultServer, _ string) {
			fs.setFault(truncate(db, 1000))
		}, nil, "", errIncomplete},
		{"server errors", func(t *testing.T, fs *faultServer, _ string) {
			fs.setFault(func(w http.ResponseWriter, p string, _ []byte, _ int) bool {
				if p != db {
					return false
				}
				http.Error(w, "down", http.StatusServiceUnavailable)
				return true
			})
		}, nil, "giving up", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, srv, dir := servedDist(t)
			if tt.setup != nil {
				tt.setup(t, fs, dir)
			}
			parent := t.TempDir()
			dest := filepath.Join(parent, "data")
			opts := []func(*PullOptions){}
			if tt.opts != nil {
				opts = append(opts, tt.opts)
			}
			_, err := pull(t, srv.URL, dest, opts...)
			if err == nil || (tt.wantIs != nil && !errors.Is(err, tt.wantIs)) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %v %q", err, tt.wantIs, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dest, rel)); !os.IsNotExist(err) {
				t.Error("a release was installed")
			}
			if _, err := os.Stat(filepath.Join(dest, LatestFile)); !os.IsNotExist(err) {
				t.Error("latest.json written")
			}
			if ents, _ := os.ReadDir(parent); len(ents) > 1 {
				t.Errorf("something was written next to DEST: %v", ents)
			}
		})
	}
}

// truncate sends the first half of path (declaring the whole length) and
// drops the connection, the first n times it is asked for.
func truncate(path string, n int) func(w http.ResponseWriter, p string, data []byte, hit int) bool {
	return func(w http.ResponseWriter, p string, data []byte, hit int) bool {
		if p != path || hit > n {
			return false
		}
		w.Header().Set("Content-Length", itoa64(int64(len(data))))
		w.WriteHeader(http.StatusOK)
		w.Write(data[:len(data)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// A download cut short resumes with a Range request, in the same run.
func TestPullResumesInRun(t *testing.T) {
	fs, srv, dir := servedDist(t)
	db := rel + "/" + DBFile
	fs.setFault(truncate(db, 1))
	dest := t.TempDir()
	if _, err := pull(t, srv.URL, dest); err != nil {
		t.Fatal(err)
	}
	size := len(readFile(t, filepath.Join(dir, rel, DBFile)))
	_, ranges := fs.count(db)
	if len(ranges) != 1 || ranges[0] != "bytes="+itoa64(int64(size/2))+"-" {
		t.Errorf("ranges asked: %v", ranges)
	}
}

// A pull that fails half-way keeps what arrived; the next run fetches only
// the rest.
func TestPullResumesNextRun(t *testing.T) {
	fs, srv, dir := servedDist(t)
	db := rel + "/" + DBFile
	fs.setFault(truncate(db, 1000))
	dest := t.TempDir()
	if _, err := pull(t, srv.URL, dest); !errors.Is(err, errIncomplete) {
		t.Fatalf("err = %v", err)
	}
	part := filepath.Join(dest, ".pull-"+rel, DBFile+".part")
	size := int64(len(readFile(t, filepath.Join(dir, rel, DBFile))))
	if fi, err := os.Stat(part); err != nil || fi.Size() != size/2 {
		t.Fatalf("partial download: %v %v", fi, err)
	}
	fs.setFault(nil)
	_, before := fs.count(db)
	res, err := pull(t, srv.URL, dest)
	if err != nil {
		t.Fatal(err)
	}
	// Other downloads may have been cut off with the first run too; the
	// database must continue where it stopped, and the rest be skipped.
	_, after := fs.count(db)
	if len(after) != len(before)+1 || after[len(after)-1] != "bytes="+itoa64(size/2)+"-" {
		t.Errorf("second run asked for the database with ranges %v", after[len(before):])
	}
	if res.Downloaded+res.Skipped != res.Files || res.Skipped == 0 {
		t.Errorf("second run: %+v", res)
	}
	if _, err := Verify(dest, VerifyOptions{}); err != nil {
		t.Error(err)
	}
}

func TestPullRetries(t *testing.T) {
	fs, srv, _ := servedDist(t)
	db := rel + "/" + DBFile
	fs.setFault(func(w http.ResponseWriter, p string, _ []byte, hit int) bool {
		if p == db && hit <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	if _, err := pull(t, srv.URL, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if n, _ := fs.count(db); n != 3 {
		t.Errorf("database asked %d times, want 3", n)
	}
}

// A damaged install is repaired: only the damaged file is fetched.
func TestPullRepairs(t *testing.T) {
	_, srv, _ := servedDist(t)
	dest := t.TempDir()
	if _, err := pull(t, srv.URL, dest); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dest, rel, DBFile))
	res, err := pull(t, srv.URL, dest)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Installed || res.Downloaded != 3 || res.Downloaded+res.Skipped != res.Files { // the database, the manifest and SHA256SUMS
		t.Errorf("%+v", res)
	}
	if _, err := Verify(dest, VerifyOptions{}); err != nil {
		t.Error(err)
	}
}

// A symbolic link planted in the staging area cannot send files outside DEST.
func TestPullSymlinkInDest(t *testing.T) {
	_, srv, _ := servedDist(t)
	dest, outside := t.TempDir(), t.TempDir()
	os.MkdirAll(filepath.Join(dest, ".pull-"+rel), 0o755)
	if err := os.Symlink(outside, filepath.Join(dest, ".pull-"+rel, "api")); err != nil {
		t.Skip(err)
	}
	_, err := pull(t, srv.URL, dest)
	if err == nil {
		t.Error("pull went through a link out of DEST")
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Errorf("files written outside DEST: %v", ents)
	}
}
