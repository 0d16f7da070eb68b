package main

import (
	"context"
	"flag"
)

func helpCmd() command {
	return command{
		name:    "help",
		brief:   "Show the commands, or one command's flags.",
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
	if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		fs := newFlags(helpCmd(), e)
		fs.SetOutput(e.stdout)
		fs.Usage()
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
