package main

import (
	"context"
	"flag"
)

func helpCmd() command {
	return command{
		name:    "help",
		args:    "[command]",
		summary: "Show the commands, or one command's flags.",
		run:     helpMain,
	}
}

func helpMain(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		printUsage(e.stdout)
		return nil
	}
	c, ok := lookup(args[0])
	if !ok {
		return usagef("unknown command %q", args[0])
	}
	// Ask the command itself so that help shows its real flags.
	help := *e
	help.stderr = e.stdout
	if err := c.run(ctx, &help, []string{"-h"}); err != nil && err != flag.ErrHelp {
		return err
	}
	return nil
}
