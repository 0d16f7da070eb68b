//go:build unix

package main

import (
	"fmt"
	"runtime"
	"syscall"
)

// peakMemory is the process's peak resident memory, as the kernel
// counts it.
func peakMemory() string {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return "unknown"
	}
	kb := ru.Maxrss
	if runtime.GOOS == "darwin" {
		kb /= 1024 // bytes there, kilobytes elsewhere
	}
	return fmt.Sprintf("%d MB", kb/1024)
}
