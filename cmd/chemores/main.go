// Command chemores builds the chemoresistance dataset: it extracts review
// articles, recognizes entities, links references to DOIs and publishes
// versioned releases. Run "chemores help" for the subcommands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], newEnv())
	stop()
	os.Exit(code)
}
