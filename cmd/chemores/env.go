package main

import (
	"io"
	"os"
)

// env is what a subcommand may touch besides its arguments: tests replace
// every field.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	// tty reports whether stderr is a terminal; progress bars only then.
	tty bool
}

func newEnv() *env {
	return &env{
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		tty:    isTerminal(os.Stderr),
	}
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
