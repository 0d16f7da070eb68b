package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// command is one subcommand. Each lives in its own file with an options
// struct and a runX(ctx, env, opts) function that tests call directly.
type command struct {
	name    string
	args    string // synopsis after the name
	brief   string // one sentence for the list of commands
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands lists the subcommands in the order help shows them.
func commands() []command {
	return []command{
		extractCmd(),
		normalizeCmd(),
		enrichCmd(),
		publishCmd(),
		buildCmd(),
		lexiconCmd(),
		pullCmd(),
		verifyCmd(),
		serveCmd(),
		helpCmd(),
		versionCmd(),
	}
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// run executes the subcommand named by args[0] and returns the exit code.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		printUsage(e.stderr)
		return exitUsage
	}
	name := args[0]
	if name == "-h" || name == "--help" {
		name = "help"
	}
	if name == "--version" || name == "-version" {
		name = "version"
	}
	c, ok := lookup(name)
	if !ok {
		fmt.Fprintf(e.stderr, "chemores: unknown command %q (run \"chemores help\")\n", name)
		return exitUsage
	}
	err := c.run(ctx, e, args[1:])
	if err == flag.ErrHelp {
		return exitOK
	}
	var sig interrupted
	if errors.Is(err, context.Canceled) && errors.As(context.Cause(ctx), &sig) {
		fmt.Fprintf(e.stderr, "chemores %s: %v\n", c.name, sig)
		return sig.code()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "chemores %s: %v\n", c.name, err)
	}
	return exitCode(err)
}

// newFlags returns a flag set that prints the command's usage on -h and
// reports errors as usage errors instead of exiting.
func newFlags(c command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: chemores %s %s\n\n%s\n", c.name, c.args, c.summary)
		if hasFlags(fs) {
			fmt.Fprintln(e.stderr, "\nflags:")
			printFlags(e.stderr, fs)
		}
	}
	return fs
}

// printFlags lists the flags as the usage lines and the README write
// them, with two dashes (Go's flag package takes one or two alike).
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if len(f.Name) == 1 {
			line = "  -" + f.Name
		}
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(w, "%s\n    \t%s", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
		if d := f.DefValue; d != "" && d != "false" && d != "0" {
			if _, isString := f.Value.(interface{ String() string }); isString && name == "string" {
				d = strconv.Quote(d)
			}
			fmt.Fprintf(w, " (default %s)", d)
		}
		fmt.Fprintln(w)
	})
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parse parses flags, allowing them after positional arguments too
// ("chemores extract in.txt -o out.json"), and wraps failures as usage
// errors.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: chemores <command> [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.brief)
	}
	fmt.Fprintln(w, "\nRun \"chemores help <command>\" for a command's flags.")
}
