// Package diag holds what every stage uses to report problems: the error
// for input that cannot be used, and the diagnostics kept with the data.
//
// In: nothing. Out: ErrInput, which callers branch on to tell bad input
// from failures of the program (exit code 3 at the command line), and
// Diagnostic, a problem found in the data that is reported and stored
// rather than fatal.
package diag

import (
	"errors"
	"strings"
)

// ErrInput marks an input that cannot be used: empty, binary, not UTF-8,
// too large, damaged, or not an article.
var ErrInput = errors.New("unusable input")

// Diagnostic levels.
const (
	Warning = "warning"
	Info    = "info"
)

// Diagnostic is a problem found in the data: not fatal, kept with it.
type Diagnostic struct {
	Level   string `json:"level"`
	Code    string `json:"code"`  // stable, machine-readable: "reference-unparsed"
	Where   string `json:"where"` // "reference 12", "paragraph p4"
	Message string `json:"message"`
}

// Frames keeps the top of a panic's stack, the two frames in this
// project: enough to find the bug from a user's report.
func Frames(stack []byte) string {
	var keep []string
	for _, l := range strings.Split(string(stack), "\n") {
		if strings.Contains(l, "chemores/chemores/") || strings.Contains(l, "ledongthuc/pdf.") {
			keep = append(keep, strings.TrimSpace(l))
		}
		if len(keep) == 2 {
			break
		}
	}
	return strings.Join(keep, "; ")
}
