// Command chemores builds the chemoresistance dataset: it extracts review
// articles, recognizes entities, links references to DOIs and publishes
// versioned releases. Run "chemores help" for the subcommands.
//
// CHEMORES_CPUPROFILE=file writes a CPU profile of the run (go tool pprof).
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
	if code != exitOK {
		pprof.StopCPUProfile()
		os.Exit(code)
	}
}
