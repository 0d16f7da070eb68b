//go:build !unix

package atomic

import (
	"errors"
	"testing"
)

func mkfifo(t *testing.T, path string) { t.Skip("no FIFOs here") }

func mknodNull(path string) error { return errors.New("no devices here") }
