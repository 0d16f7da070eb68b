package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Publishing streams the release to disk through a directory sink; Build
// keeps it in memory. Both must make the same files, byte for byte.
func TestPublishWritesWhatBuildMakes(t *testing.T) {
	in, opts := fixture(t), options(t)
	rel, err := Build(context.Background(), []Input{in}, opts)
	if err != nil {
		t.Fatal(err)
	}
	d := &Dist{Dir: t.TempDir()}
	res, err := d.Publish(context.Background(), []Input{in}, PublishOptions{Release: opts.Release, Time: opts.Time, Mechanisms: opts.Mechanisms})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Release.Sums, rel.File(SumsFile)) {
		t.Fatal("SHA256SUMS differ between the built and the published release")
	}
	n := 0
	err = filepath.WalkDir(res.Dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		n++
		rp, _ := filepath.Rel(res.Dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if want := rel.File(filepath.ToSlash(rp)); want == nil || !bytes.Equal(data, want) {
			t.Errorf("%s: published %d bytes, built %d", rp, len(data), len(want))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(rel.Files) || n != res.Release.Stats.Files {
		t.Errorf("%d files published, %d built, stats say %d", n, len(rel.Files), res.Release.Stats.Files)
	}
}

// put blocks while the writers are busy: what waits to be written is
// bounded, however large the release.
func TestDirSinkBackpressure(t *testing.T) {
	gate := make(chan struct{})
	s := newDirSink(context.Background(), t.TempDir(), func(int, string) error {
		<-gate
		return nil
	})
	// Each writer holds one file, the queue holds cap(jobs); one more put
	// must wait.
	room := dirWriters + cap(s.jobs)
	done := make(chan int)
	go func() {
		for i := range room + 1 {
			if err := s.put(fmt.Sprintf("f%d", i), []byte("x")); err != nil {
				t.Error(err)
			}
			done <- i
		}
	}()
	for range room {
		<-done
	}
	select {
	case i := <-done:
		t.Fatalf("put %d returned while every writer was blocked", i)
	case <-time.After(100 * time.Millisecond):
	}
	close(gate)
	<-done
	if err := s.wait(); err != nil {
		t.Fatal(err)
	}
	if got := len(s.entries()); got != room+1 {
		t.Errorf("%d entries, want %d", got, room+1)
	}
}

// A failed write stops the sink: later puts and wait report it, and
// nothing blocks for ever.
func TestDirSinkWriteError(t *testing.T) {
	boom := errors.New("disk on fire")
	s := newDirSink(context.Background(), t.TempDir(), func(n int, _ string) error {
		if n == 3 {
			return boom
		}
		return nil
	})
	var putErr error
	for i := 0; i < 1000 && putErr == nil; i++ {
		putErr = s.put(fmt.Sprintf("d/f%d", i), []byte("x"))
	}
	if !errors.Is(putErr, boom) {
		t.Errorf("put: %v, want %v", putErr, boom)
	}
	if err := s.wait(); !errors.Is(err, boom) {
		t.Errorf("wait: %v, want %v", err, boom)
	}
}

// The database is built in the staging directory through an SQLite URI:
// a directory name with URI syntax in it must still work.
func TestPublishOddDirectoryName(t *testing.T) {
	in, opts := fixture(t), options(t)
	d := &Dist{Dir: filepath.Join(t.TempDir(), "a?b#c%20d e")}
	res, err := d.Publish(context.Background(), []Input{in}, PublishOptions{Release: opts.Release, Time: opts.Time, Mechanisms: opts.Mechanisms})
	if err != nil {
		t.Fatal(err)
	}
	reports, err := Verify(d.Dir, VerifyOptions{})
	if err != nil || len(reports) != 1 || len(reports[0].Problems) != 0 {
		t.Fatalf("verify: %+v, %v", reports, err)
	}
	if _, err := os.Stat(filepath.Join(res.Dir, DBFile)); err != nil {
		t.Fatal(err)
	}
}
