package publish

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	sync2 "sync/atomic"
)

// A sink takes the files of a release as the build makes them, from
// several goroutines at once, and keeps their manifest entries. A build
// into memory (Build) and a build into a staging directory (Dist) differ
// only in their sink: a directory sink writes each file as soon as it is
// made and lets go of it, so a release never has to fit in memory.
type sink interface {
	// put stores a file. The caller must not change data afterwards.
	put(path string, data []byte) error
	// create opens a file to stream into; Close stores it.
	create(path string) (io.WriteCloser, error)
	// local is where the file at path is to be written by someone else
	// (SQLite), or "" if the sink keeps files in memory; putBlob then
	// stores what was written.
	local(path string) (string, error)
	putBlob(path string, b blob) error
	// entries lists the files stored so far, by path.
	entries() []ManifestEntry
}

// ledger is the manifest entries of the files a sink stored.
type ledger struct {
	mu   sync.Mutex
	list []ManifestEntry
}

func (l *ledger) add(e ManifestEntry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.list = append(l.list, e)
}

func (l *ledger) entries() []ManifestEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	es := slices.Clone(l.list)
	slices.SortFunc(es, func(a, b ManifestEntry) int { return strings.Compare(a.Path, b.Path) })
	return es
}

// blob is a release file too large to pass around: its bytes when the
// release is built in memory, else the file on disk.
type blob struct {
	data []byte
	path string
	size int64
}

func (b blob) open() (io.ReadCloser, error) {
	if b.path == "" {
		return io.NopCloser(bytes.NewReader(b.data)), nil
	}
	return os.Open(b.path)
}

// hashWriter counts and hashes what goes through it.
type hashWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func newHashWriter(w io.Writer) *hashWriter { return &hashWriter{w: w, h: sha256.New()} }

func (hw *hashWriter) Write(p []byte) (int, error) {
	n, err := hw.w.Write(p)
	hw.h.Write(p[:n])
	hw.n += int64(n)
	return n, err
}

func (hw *hashWriter) entry(path string) ManifestEntry {
	return ManifestEntry{Path: path, Bytes: hw.n, SHA256: hex.EncodeToString(hw.h.Sum(nil))}
}

// memSink keeps the files in memory, for Build.
type memSink struct {
	ledger
	mu    sync.Mutex
	files []File
}

func (s *memSink) put(path string, data []byte) error {
	s.add(ManifestEntry{Path: path, Bytes: int64(len(data)), SHA256: sha256hex(data)})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files = append(s.files, File{Path: path, Data: data})
	return nil
}

func (s *memSink) create(path string) (io.WriteCloser, error) {
	return &memFile{s: s, path: path}, nil
}

func (s *memSink) local(string) (string, error) { return "", nil }

func (s *memSink) putBlob(path string, b blob) error {
	if b.path != "" {
		return fmt.Errorf("%s: a file on disk given to a sink in memory", path)
	}
	return s.put(path, b.data)
}

// sorted returns the files by path.
func (s *memSink) sorted() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	fs := slices.Clone(s.files)
	sortFiles(fs)
	return fs
}

type memFile struct {
	bytes.Buffer
	s    *memSink
	path string
}

func (f *memFile) Close() error { return f.s.put(f.path, f.Bytes()) }

// dirWriters is how many files a directory sink writes at once. Two
// overlap one file's creation with another's data; more only queue on
// the directory's lock, and on this VM's ext4 a waiter spins on it,
// burning the CPU the build needs: writing a 7,690-file release with
// four writers, perf found a third of the time in rwsem_spin_on_owner.
const dirWriters = 2

// dirSink writes files under a directory with a few writers, as they
// come. put blocks when the writers fall behind, which bounds what waits
// in memory.
type dirSink struct {
	ledger
	dir    string
	jobs   chan File
	wg     sync.WaitGroup
	ctx    context.Context // cancelled on the first error
	cancel context.CancelCauseFunc
	close  sync.Once
	dirs   sync.Map // directories made
	n      sync2.Int64
	after  func(n int, path string) error // see Dist.afterFile
}

func newDirSink(ctx context.Context, dir string, after func(int, string) error) *dirSink {
	s := &dirSink{dir: dir, jobs: make(chan File, 4*dirWriters), after: after}
	s.ctx, s.cancel = context.WithCancelCause(ctx)
	for range dirWriters {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			// After an error the rest is received and dropped, so that
			// put never blocks for ever.
			for f := range s.jobs {
				if s.ctx.Err() == nil {
					if err := s.write(f); err != nil {
						s.cancel(err)
					}
				}
			}
		}()
	}
	return s
}

// err is why the sink stopped: the first write error, or the caller's
// context's.
func (s *dirSink) err() error { return context.Cause(s.ctx) }

func (s *dirSink) put(path string, data []byte) error {
	s.add(ManifestEntry{Path: path, Bytes: int64(len(data)), SHA256: sha256hex(data)})
	select {
	case s.jobs <- File{Path: path, Data: data}:
		return nil
	case <-s.ctx.Done():
		return s.err()
	}
}

func (s *dirSink) write(f File) error {
	p, err := s.mkdir(f.Path)
	if err != nil {
		return err
	}
	if err := os.WriteFile(p, f.Data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", f.Path, err)
	}
	return s.done(f.Path)
}

// mkdir makes the directory of a release path once and returns the
// file's path on disk.
func (s *dirSink) mkdir(path string) (string, error) {
	p := filepath.Join(s.dir, filepath.FromSlash(path))
	dir := filepath.Dir(p)
	if _, ok := s.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		s.dirs.Store(dir, true)
	}
	return p, nil
}

func (s *dirSink) done(path string) error {
	n := int(s.n.Add(1))
	if s.after != nil {
		return s.after(n, path)
	}
	return nil
}

func (s *dirSink) create(path string) (io.WriteCloser, error) {
	p, err := s.mkdir(path)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &dirFile{hashWriter: newHashWriter(f), f: f, s: s, path: path}, nil
}

func (s *dirSink) local(path string) (string, error) { return s.mkdir(path) }

// putBlob records a file written at local(path).
func (s *dirSink) putBlob(path string, b blob) error {
	if b.path == "" {
		return s.put(path, b.data)
	}
	f, err := os.Open(b.path)
	if err != nil {
		return err
	}
	defer f.Close()
	hw := newHashWriter(io.Discard)
	if _, err := io.Copy(hw, f); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	s.add(hw.entry(path))
	return s.done(path)
}

type dirFile struct {
	*hashWriter
	f    *os.File
	s    *dirSink
	path string
}

func (f *dirFile) Close() error {
	if err := f.f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	f.s.add(f.entry(f.path))
	return f.s.done(f.path)
}

// wait lets the writers finish what was put and reports the first
// error. It is called once; nothing may be put after it.
func (s *dirSink) wait() error {
	s.close.Do(func() { close(s.jobs) })
	s.wg.Wait()
	err := s.err()
	s.cancel(nil) // the writers are gone; free the context
	return err
}
