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
	ctx, stop := notifySignals()
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

// interrupted is the cause of a run cancelled by a signal.
type interrupted struct{ sig syscall.Signal }

func (i interrupted) Error() string {
	switch i.sig {
	case syscall.SIGINT:
		return "interrupted by SIGINT"
	case syscall.SIGTERM:
		return "interrupted by SIGTERM"
	}
	return "interrupted by " + i.sig.String()
}

// Is makes a run cancelled by a signal a cancelled run.
func (i interrupted) Is(target error) bool { return target == context.Canceled }

// code is the exit code a shell gives a process the signal killed.
func (i interrupted) code() int { return 128 + int(i.sig) }

// notifySignals returns a context that SIGINT and SIGTERM cancel, with
// the signal as its cause. Every wait of a run ends on it, so the run
// stops within moments and writes nothing; a second signal ends the
// process at once, for whatever does not.
func notifySignals() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			cancel(interrupted{s.(syscall.Signal)})
		case <-ctx.Done():
			return
		}
		s := <-ch
		os.Exit(interrupted{s.(syscall.Signal)}.code())
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(nil)
	}
}
