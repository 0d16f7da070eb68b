// Command chemores builds the chemoresistance dataset: it extracts review
// articles, recognizes entities, links references to DOIs and publishes
// versioned releases. Run "chemores help" for the subcommands.
//
// CHEMORES_CPUPROFILE=file writes a CPU profile of the run, and
// CHEMORES_MEMPROFILE=file a profile of its allocations (go tool pprof).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if path := os.Getenv("CHEMORES_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err != nil {
			fmt.Fprintf(os.Stderr, "chemores: CHEMORES_CPUPROFILE: %v\n", err)
		} else if err := pprof.StartCPUProfile(f); err == nil {
			defer f.Close()
			defer pprof.StopCPUProfile()
		}
	}
	code := run(ctx, os.Args[1:], newEnv())
	stop()
	if path := os.Getenv("CHEMORES_MEMPROFILE"); path != "" {
		if err := writeHeapProfile(path); err != nil {
			fmt.Fprintf(os.Stderr, "chemores: CHEMORES_MEMPROFILE: %v\n", err)
		}
	}
	if code != exitOK {
		pprof.StopCPUProfile()
		os.Exit(code)
	}
}

// writeHeapProfile writes the allocations of the whole run; pprof's
// -sample_index=alloc_space shows who allocated most.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
