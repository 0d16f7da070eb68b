//go:build unix

package publish

import "syscall"

// syncTree flushes everything written under dir to stable storage. On
// Unix one sync(2) does it for all files at once.
func syncTree(dir string) error {
	syscall.Sync()
	return nil
}
