package atomic

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileReplaces(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "out.json")
	if err := WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "new" {
		t.Fatalf("got %q, %v; want new", got, err)
	}
}

func TestWriteFailureLeavesOldFileAndNoTemp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, 0o644, func(w io.Writer) error {
		w.Write([]byte("half"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "old" {
		t.Fatalf("file = %q, want old content kept", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("dir has %d entries, want only the target (temp file left behind?)", len(entries))
	}
}

// WriteFileLater leaves out only the sync: the file is replaced whole,
// with its mode, and no temporary file is left; SyncTree then flushes.
func TestWriteFileLater(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "out.json")
	for _, content := range []string{"old", "new"} {
		if err := WriteFileLater(path, []byte(content), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	if err := SyncTree(dir); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "new" {
		t.Fatalf("got %q, %v; want new", got, err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, %v; want 0640", st.Mode().Perm(), err)
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	if len(ents) != 1 {
		t.Errorf("%d files in the directory, want 1", len(ents))
	}
}

// Only regular files are replaced: a device, FIFO, socket or directory at
// the path stays what it was, and the write fails with ErrNotRegular.
func TestWriteRefusesNonRegular(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"fifo", func(t *testing.T, p string) { mkfifo(t, p) }},
		{"device", func(t *testing.T, p string) {
			// The null device's numbers; a test that could replace the
			// system's own /dev/null must not exist.
			if err := mknodNull(p); err != nil {
				t.Skipf("cannot make a device here: %v", err)
			}
		}},
		{"link to a device", func(t *testing.T, p string) { symlink(t, os.DevNull, p) }},
		{"link to a fifo", func(t *testing.T, p string) {
			mkfifo(t, p+".fifo")
			symlink(t, filepath.Base(p)+".fifo", p)
		}},
		{"dangling link", func(t *testing.T, p string) { symlink(t, "nowhere", p) }},
		{"directory", func(t *testing.T, p string) { os.Mkdir(p, 0o755) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.json")
			tt.make(t, path)
			before, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			err = WriteFile(path, []byte("new"), 0o644)
			if !errors.Is(err, ErrNotRegular) {
				t.Fatalf("err = %v, want ErrNotRegular", err)
			}
			after, err := os.Lstat(path)
			if err != nil || after.Mode().Type() != before.Mode().Type() {
				t.Errorf("the %s became %v (%v)", tt.name, after.Mode().Type(), err)
			}
			if _, err := Target(path); !errors.Is(err, ErrNotRegular) {
				t.Errorf("Target: %v, want ErrNotRegular", err)
			}
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if strings.Contains(e.Name(), ".tmp-") {
					t.Errorf("temporary file left: %s", e.Name())
				}
			}
		})
	}
}

// A symbolic link is followed: the file it leads to gets the new content
// and the link stays a link.
func TestWriteFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "sub", "real.json")
	link := filepath.Join(dir, "link.json")
	if err := WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join("sub", "real.json"), link)
	if err := WriteFile(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Errorf("target holds %q, want new", got)
	}
	if got, err := Target(link); err != nil || got != real {
		t.Errorf("Target = %q, %v; want %q", got, err, real)
	}
}

func symlink(t *testing.T, old, new string) {
	t.Helper()
	if err := os.Symlink(old, new); err != nil {
		t.Skip(err)
	}
}
