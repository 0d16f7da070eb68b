// Package readfile reads inputs within bounds. A size check with Stat
// says nothing about a pipe or a device (their size is 0), and opening a
// FIFO that has no writer, or reading a pipe that sends nothing, blocks
// without end: so Read reads at most the limit plus one byte whatever
// the file is, accepts only regular files and pipes, and gives up on
// either wait when its context is cancelled. OpenRegular and
// OpenRegularIn open a file only if it is regular, without ever blocking
// on a FIFO or a device, for code that serves or copies files.
package readfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// ErrNotRegular marks a file that is neither a regular file nor a pipe
// (for Read), or not a regular file (for OpenRegular).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge marks a file over the size limit.
var ErrTooLarge = errors.New("over the size limit")

// TooLargeError says by how much a file is over its limit.
type TooLargeError struct {
	Size int64 // bytes, or -1 when the file is a pipe or grew while read
	Max  int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("more than %s: over the %s limit", Size(e.Max), Size(e.Max))
	}
	return fmt.Sprintf("%s is over the %s limit", Size(e.Size), Size(e.Max))
}

func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// Size writes a byte count for messages: whole megabytes from 1 MB up.
func Size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Read returns the content of the file at path, which must be a regular
// file or a pipe (a FIFO, standard input as /dev/stdin, a shell's
// <(...)); anything else is refused before it is opened. More than max
// bytes is an error wrapping ErrTooLarge, found before reading a regular
// file and after max+1 bytes of a pipe. Cancelling ctx ends the wait for
// a FIFO's writer and for a pipe's data; the error is then ctx.Err().
func Read(ctx context.Context, path string, max int64) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var f *os.File
	switch m := fi.Mode(); {
	case m.IsRegular():
		if fi.Size() > max {
			return nil, &TooLargeError{Size: fi.Size(), Max: max}
		}
		f, err = OpenRegular(path)
	case m&fs.ModeNamedPipe != 0:
		f, err = openPipe(ctx, path)
	default:
		return nil, fmt.Errorf("%s is %s: %w or a pipe", path, Kind(m), ErrNotRegular)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(ctx, f, max, fi.Size())
}

// openPipe opens a FIFO, which blocks in the system until a writer
// comes. The open runs aside so that cancelling ctx ends the wait; the
// abandoned open holds one thread until a writer comes or the process
// ends, which for a command line is at once.
func openPipe(ctx context.Context, path string) (*os.File, error) {
	type opened struct {
		f   *os.File
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		f, err := os.Open(path)
		ch <- opened{f, err}
	}()
	select {
	case o := <-ch:
		return o.f, o.err
	case <-ctx.Done():
		go func() {
			if o := <-ch; o.f != nil {
				o.f.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// readAll reads f to its end, at most limit+1 bytes. A pipe is read
// through the runtime's poller, so a deadline set when ctx is cancelled
// wakes a read that waits for data. The data goes into blocks that are
// joined once at the end: growing one buffer by copying held up to
// three times the data at once (217 MB for 64 MB from a pipe), blocks
// at most twice, and a regular file, read into one block of its size,
// once.
func readAll(ctx context.Context, f *os.File, limit, hint int64) ([]byte, error) {
	stop := context.AfterFunc(ctx, func() { f.SetReadDeadline(time.Now()) })
	defer stop()
	var blocks [][]byte
	var total int64
	block := make([]byte, 0, min(limit, max(hint, 64<<10))+1)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(block) == cap(block) {
			blocks = append(blocks, block)
			block = make([]byte, 0, min(limit+1-total, max(64<<10, min(total, 4<<20))))
		}
		n, err := f.Read(block[len(block):cap(block)])
		block = block[:len(block)+n]
		if total += int64(n); total > limit {
			return nil, &TooLargeError{Size: -1, Max: limit}
		}
		switch {
		case err == io.EOF:
			return join(append(blocks, block), total), nil
		case err != nil && ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			return nil, err
		}
	}
}

// join concatenates blocks holding total bytes.
func join(blocks [][]byte, total int64) []byte {
	if len(blocks) == 1 {
		return blocks[0]
	}
	out := make([]byte, 0, total)
	for i, b := range blocks {
		out = append(out, b...)
		blocks[i] = nil // let it go as soon as it is copied
	}
	return out
}

// OpenRegular opens path for reading if it is a regular file (a link to
// one is followed). It never blocks: a FIFO is opened without waiting
// for a writer, found not regular and closed.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return regular(f, path)
}

// OpenRegularIn is OpenRegular for a name inside root, which keeps it
// from leaving the root.
func OpenRegularIn(root *os.Root, name string) (*os.File, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return regular(f, name)
}

// regular keeps f only if it is a regular file. The check is on the
// open file, so a file swapped for a FIFO after a Stat is still caught.
func regular(f *os.File, name string) (*os.File, error) {
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s is %s: %w", name, Kind(fi.Mode()), ErrNotRegular)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Kind names a file type for messages: "a directory", "a FIFO".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a plain file"
}
