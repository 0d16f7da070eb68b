//go:build unix

package atomic

import "syscall"

// SyncTree flushes everything written under dir to stable storage. On
// Unix one sync(2) does it for all files at once.
func SyncTree(dir string) error {
	syscall.Sync()
	return nil
}
