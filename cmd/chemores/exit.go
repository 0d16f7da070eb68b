package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/chemores/chemores/internal/diag"
)

// Exit codes, decided here and nowhere else.
const (
	exitOK       = 0
	exitFailure  = 1 // the command could not do its work
	exitUsage    = 2 // bad flags or arguments
	exitBadInput = 3 // an input file is unusable
	exitCanceled = 130
)

// usageError marks a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func exitCode(err error) int {
	var u usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &u):
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitCanceled
	case errors.Is(err, diag.ErrInput):
		return exitBadInput
	default:
		return exitFailure
	}
}
