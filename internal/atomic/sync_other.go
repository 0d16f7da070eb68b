//go:build !unix

package atomic

import (
	"io/fs"
	"os"
	"path/filepath"
)

// SyncTree flushes every file under dir to stable storage, one by one
// where the system has no call that does it at once.
func SyncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}
