package publish

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Servers that make pull wait: every wait ends, with a message that says
// what the server did, and nothing is installed.
func TestPullHostileServer(t *testing.T) {
	db := rel + "/" + DBFile
	tests := []struct {
		name  string
		fault func(hang <-chan struct{}) func(w http.ResponseWriter, p string, data []byte, hit int) bool
		wait  func(*Wait)
		want  string
	}{
		{"accepts and never answers", func(hang <-chan struct{}) func(http.ResponseWriter, string, []byte, int) bool {
			return func(w http.ResponseWriter, p string, _ []byte, _ int) bool {
				if p != db {
					return false
				}
				<-hang
				return true
			}
		}, func(w *Wait) { w.Timeout = 100 * time.Millisecond }, "no answer within 100ms"},
		{"stalls in the body", func(hang <-chan struct{}) func(http.ResponseWriter, string, []byte, int) bool {
			return func(w http.ResponseWriter, p string, data []byte, _ int) bool {
				if p != db {
					return false
				}
				w.Header().Set("Content-Length", itoa64(int64(len(data))))
				w.Write(data[:len(data)/2])
				w.(http.Flusher).Flush()
				<-hang
				return true
			}
		}, func(w *Wait) { w.Timeout = 100 * time.Millisecond }, "no data within 100ms"},
		{"429 with a day's Retry-After", func(<-chan struct{}) func(http.ResponseWriter, string, []byte, int) bool {
			return retryAfter(db, http.StatusTooManyRequests, "100000")
		}, func(w *Wait) { w.RetryAfterUnit = time.Second }, "asks to wait 27h46m40s"},
		{"503 with a day's Retry-After", func(<-chan struct{}) func(http.ResponseWriter, string, []byte, int) bool {
			return retryAfter(db, http.StatusServiceUnavailable, "100000")
		}, func(w *Wait) { w.RetryAfterUnit = time.Second }, "asks to wait 27h46m40s"},
		{"Retry-After as a date a day ahead", func(<-chan struct{}) func(http.ResponseWriter, string, []byte, int) bool {
			return retryAfter(db, http.StatusServiceUnavailable, time.Now().Add(24*time.Hour).UTC().Format(http.TimeFormat))
		}, nil, "longer than the 2m0s allowed"},
		{"asks again and again", func(<-chan struct{}) func(http.ResponseWriter, string, []byte, int) bool {
			return retryAfter(db, http.StatusServiceUnavailable, "20")
		}, func(w *Wait) { w.Retries, w.Deadline = 1000, 300*time.Millisecond }, "longer than its deadline of 300ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, srv, _ := servedDist(t)
			hang := make(chan struct{})
			defer close(hang)
			fs.setFault(tt.fault(hang))
			dest := filepath.Join(t.TempDir(), "data")
			w := fastWait
			if tt.wait != nil {
				tt.wait(&w)
			}
			// Bounded, so that a pull that waits fails the test instead
			// of hanging it.
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			start := time.Now()
			_, err := Pull(ctx, PullOptions{From: srv.URL, Dest: dest, Wait: w})
			if err == nil || !strings.Contains(err.Error(), tt.want) || errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			t.Logf("%v", err)
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("gave up after %s", d)
			}
			if _, err := os.Stat(filepath.Join(dest, rel)); !os.IsNotExist(err) {
				t.Error("a release was installed")
			}
		})
	}
}

func retryAfter(path string, status int, v string) func(http.ResponseWriter, string, []byte, int) bool {
	return func(w http.ResponseWriter, p string, _ []byte, _ int) bool {
		if p != path {
			return false
		}
		w.Header().Set("Retry-After", v)
		w.WriteHeader(status)
		return true
	}
}

// A FIFO in a source directory is refused at once instead of waiting for
// a writer that never comes.
func TestPullFromDirectoryWithFIFO(t *testing.T) {
	_, _, dir := servedDist(t)
	p := filepath.Join(dir, rel, "api", "v1", "search.json")
	os.Remove(p)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := pull(t, dir, t.TempDir(), func(o *PullOptions) { o.Release = rel })
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is a FIFO") {
			t.Errorf("err = %v, want the FIFO refused", err)
		}
	case <-time.After(10 * time.Second):
		if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close() // let the blocked open go
		}
		t.Fatal("pull waits on a FIFO")
	}
}

// A release directory that is a link to an identical, valid copy is the
// release installed: pull says so, and does not call either fake.
func TestPullSymlinkedRelease(t *testing.T) {
	_, srv, _ := servedDist(t)
	first := t.TempDir()
	if _, err := pull(t, srv.URL, first); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	if err := os.Symlink(filepath.Join(first, rel), filepath.Join(dest, rel)); err != nil {
		t.Skip(err)
	}
	res, err := pull(t, srv.URL, dest)
	if err != nil {
		t.Fatal(err)
	}
	if res.Installed || res.Skipped != res.Files {
		t.Errorf("%+v, want the linked release taken as installed", res)
	}
	if _, err := Verify(dest, VerifyOptions{}); err != nil {
		t.Errorf("verify after the pull: %v", err)
	}
	if fi, err := os.Lstat(filepath.Join(dest, rel)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}

	// A link to a damaged copy is refused with what to do, not repaired
	// through the link.
	os.Remove(filepath.Join(first, rel, DBFile))
	_, err = pull(t, srv.URL, dest)
	if err == nil || !strings.Contains(err.Error(), "symbolic link to a release that does not verify") {
		t.Errorf("err = %v, want the damaged link named", err)
	}
	if _, err := os.Stat(filepath.Join(first, rel, DBFile)); !os.IsNotExist(err) {
		t.Errorf("wrote through the link")
	}
}
