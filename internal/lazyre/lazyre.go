// Package lazyre holds regular expressions compiled the first time they
// are used rather than when the program starts.
//
// The chemores binary links every stage, and Go runs every package's
// initialisation before main: compiling the stages' few hundred
// expressions up front cost each command 20 ms or more, a third of a
// small PDF's whole extraction, whether it used them or not. An
// expression that does not compile still panics, on first use; every
// one is exercised by its package's tests.
package lazyre

import (
	"regexp"
	"sync"
)

// RE returns its compiled expression.
type RE func() *regexp.Regexp

// New returns expr's RE, to compile on the first call, once, safely
// from many goroutines.
func New(expr string) RE {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
