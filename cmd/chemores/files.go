package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/chemores/chemores/internal/atomic"
	"github.com/chemores/chemores/internal/diag"
	"github.com/chemores/chemores/internal/readfile"
)

// stdio is the -o value that means standard output.
const stdio = "-"

// checkOutput vets an -o path before any work is done: "" and "-" mean
// standard output; a regular file, a new name, or a link to a regular
// file (which is followed: the file it leads to is replaced, the link
// stays) are written atomically; a device, FIFO, socket, directory or
// dangling link is a usage error, since replacing it would destroy it
// and writing into it would not be atomic.
func checkOutput(flag, path string) (string, error) {
	if path == "" || path == stdio {
		return "", nil
	}
	if _, err := atomic.Target(path); err != nil {
		if errors.Is(err, atomic.ErrNotRegular) {
			return "", usagef("%s: %v; only regular files are written (-o - writes to standard output)", flag, err)
		}
		return "", usagef("%s: %v", flag, err)
	}
	return path, nil
}

// readInput reads an input file whole, within max bytes: a regular file
// or a pipe. Problems with the file are unusable input (exit code 3);
// a cancelled run stays cancelled.
func readInput(ctx context.Context, path string, max int64) ([]byte, error) {
	data, err := readfile.Read(ctx, path, max)
	switch {
	case err == nil:
		return data, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, readfile.ErrTooLarge):
		return nil, fmt.Errorf("%s: %w: %w", path, diag.ErrInput, err)
	}
	// The error names the path already.
	return nil, fmt.Errorf("%w: %w", diag.ErrInput, err)
}

// openInput opens a file read as a stream (the enrich cache, a model):
// a regular file of at most max bytes, opened without waiting on a FIFO.
// A missing file's error wraps fs.ErrNotExist.
func openInput(path string, max int64) (*os.File, error) {
	f, err := readfile.OpenRegular(path)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || fi.Size() > max {
		f.Close()
		if err == nil {
			err = fmt.Errorf("%s: %w", path, &readfile.TooLargeError{Size: fi.Size(), Max: max})
		}
		return nil, err
	}
	return f, nil
}
