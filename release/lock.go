package release

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// lockFile is the lock of a dist (or pull destination) directory: held
// by one publish, pull or repair at a time. Hidden, so no reader lists it.
const lockFile = ".lock"

// lockPoll is how often a waiting process tries the lock again.
const lockPoll = 50 * time.Millisecond

// Lock takes the lock of dir, waiting while another process holds
// it; busy, if set, is called once with what the holder wrote (its
// process id). Cancelling ctx ends the wait. The lock is released by
// the returned function, which removes the file (a published directory
// keeps no trace of it), or by the system when the process ends, even
// killed: a crash leaves at most a lock file nobody holds.
func Lock(ctx context.Context, dir string, busy func(holder string)) (func(), error) {
	p := filepath.Join(dir, lockFile)
	told := false
	for {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", dir, err)
		}
		if ok && samePath(f, p) {
			// Say who holds it, for the message of the next to wait.
			if f.Truncate(0) == nil {
				f.WriteAt([]byte("pid "+strconv.Itoa(os.Getpid())+"\n"), 0)
			}
			return func() {
				os.Remove(p) // while held: whoever waits on it tries again
				unlock(f)
				f.Close()
			}, nil
		}
		f.Close() // busy, or locked a file its holder has just removed
		if !ok && !told && busy != nil {
			holder, _ := os.ReadFile(p)
			busy(strings.TrimSpace(string(holder)))
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// samePath reports whether f is still the file at p: the holder before
// removes the file, and a lock on a removed file guards nothing.
func samePath(f *os.File, p string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(p)
	return err == nil && os.SameFile(a, b)
}
