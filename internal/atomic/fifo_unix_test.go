//go:build unix

package atomic

import (
	"syscall"
	"testing"
)

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip(err)
	}
}

// mknodNull makes a character device with the null device's numbers
// (1, 3 on Linux); it needs privileges most test runs lack.
func mknodNull(path string) error {
	return syscall.Mknod(path, syscall.S_IFCHR|0o666, 1<<8|3)
}
