package readfile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte("hello"), 0o644)
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, bytes.Repeat([]byte("x"), 101), 0o644)
	link := filepath.Join(dir, "link.txt")
	os.Symlink("small.txt", link)
	tests := []struct {
		path, want string
		err        error
		msg        string
	}{
		{small, "hello", nil, ""},
		{link, "hello", nil, ""},
		{big, "", ErrTooLarge, "101 bytes is over the 100 bytes limit"},
		{os.DevNull, "", ErrNotRegular, "is a character device: not a regular file or a pipe"},
		{dir, "", ErrNotRegular, "is a directory"},
		{filepath.Join(dir, "missing"), "", os.ErrNotExist, "no such file"},
	}
	for _, tt := range tests {
		got, err := Read(context.Background(), tt.path, 100)
		if !errors.Is(err, tt.err) || (err != nil && !strings.Contains(err.Error(), tt.msg)) || string(got) != tt.want {
			t.Errorf("Read(%s) = %q, %v; want %q, %v %q", filepath.Base(tt.path), got, err, tt.want, tt.err, tt.msg)
		}
	}
}

// An endless pipe (what /dev/zero behind a pipe gives) is read up to
// the limit plus one byte, then refused.
func TestReadEndlessPipe(t *testing.T) {
	fifo := mkfifo(t)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		chunk := make([]byte, 64<<10)
		for {
			if _, err := w.Write(chunk); err != nil {
				return // the reader is gone
			}
		}
	}()
	const max = 1 << 20
	_, err := Read(context.Background(), fifo, max)
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != -1 || !strings.Contains(err.Error(), "more than 1 MB") {
		t.Fatalf("err = %v, want more than 1 MB", err)
	}
}

func TestReadPipe(t *testing.T) {
	fifo := mkfifo(t)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			w.Write([]byte("from a pipe"))
			w.Close()
		}
	}()
	got, err := Read(context.Background(), fifo, 100)
	if err != nil || string(got) != "from a pipe" {
		t.Errorf("got %q, %v", got, err)
	}
}

// Data from a pipe that spans many blocks comes back whole and in order.
func TestReadPipeBlocks(t *testing.T) {
	fifo := mkfifo(t)
	want := make([]byte, 3<<20+17)
	for i := range want {
		want[i] = byte(i * 7 / 3)
	}
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			for b := want; len(b) > 0; b = b[min(len(b), 1000):] { // small writes
				w.Write(b[:min(len(b), 1000)])
			}
			w.Close()
		}
	}()
	got, err := Read(context.Background(), fifo, 4<<20)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("got %d bytes (equal %v), %v; want %d", len(got), bytes.Equal(got, want), err, len(want))
	}
}

// Cancelling ends the wait for a FIFO's writer and for a pipe's data.
func TestReadCancel(t *testing.T) {
	for _, writer := range []bool{false, true} {
		fifo := mkfifo(t)
		if writer { // a writer that never writes
			go func() {
				if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
					time.Sleep(5 * time.Second)
					w.Close()
				}
			}()
		}
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		done := make(chan error, 1)
		start := time.Now()
		go func() {
			_, err := Read(ctx, fifo, 100)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("writer %v: err = %v, want context.Canceled", writer, err)
			}
			t.Logf("writer %v: returned %s after the start", writer, time.Since(start).Round(time.Millisecond))
		case <-time.After(5 * time.Second):
			t.Fatalf("writer %v: still blocked 5 s after the cancel", writer)
		}
		release(fifo)
	}
}

// OpenRegular never waits on a FIFO: it refuses it at once.
func TestOpenRegular(t *testing.T) {
	fifo := mkfifo(t)
	done := make(chan error, 1)
	go func() {
		f, err := OpenRegular(fifo)
		if f != nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "is a FIFO") {
			t.Errorf("err = %v, want a FIFO refused", err)
		}
	case <-time.After(5 * time.Second):
		release(fifo)
		t.Fatal("OpenRegular blocked on a FIFO")
	}
	root, err := os.OpenRoot(filepath.Dir(fifo))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if _, err := OpenRegularIn(root, filepath.Base(fifo)); !errors.Is(err, ErrNotRegular) {
		t.Errorf("OpenRegularIn: %v", err)
	}
	os.WriteFile(filepath.Join(filepath.Dir(fifo), "a.txt"), []byte("a"), 0o644)
	f, err := OpenRegularIn(root, "a.txt")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}
