package main

import (
	"context"
	"fmt"
	"runtime"
)

// version is set by the Makefile with -ldflags "-X main.version=...".
var version = "dev"

func versionCmd() command {
	return command{
		name:    "version",
		brief:   "Print the program version.",
		summary: "Print the program version.",
		run:     versionMain,
	}
}

func versionMain(ctx context.Context, e *env, args []string) error {
	if _, err := parse(newFlags(versionCmd(), e), args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "chemores %s (%s)\n", version, runtime.Version())
	return nil
}
