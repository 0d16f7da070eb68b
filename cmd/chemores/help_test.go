package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestHelpList: the list of commands gives each one whole sentence that
// fits the line, and the same sentence opens nothing it contradicts.
func TestHelpList(t *testing.T) {
	e, out, _ := testEnv()
	if code := run(context.Background(), []string{"help"}, e); code != exitOK {
		t.Fatalf("help: exit %d", code)
	}
	for _, c := range commands() {
		if c.brief == "" || !strings.HasSuffix(c.brief, ".") || strings.Contains(c.brief, "\n") || len(c.brief) > 66 {
			t.Errorf("%s: brief %q is not one sentence of at most 66 characters", c.name, c.brief)
		}
		if strings.Count(c.brief, ". ") > 0 {
			t.Errorf("%s: brief %q holds more than one sentence", c.name, c.brief)
		}
		if !strings.Contains(out.String(), "  "+c.name+strings.Repeat(" ", 11-len(c.name))+c.brief+"\n") {
			t.Errorf("help does not list %s with its brief", c.name)
		}
	}
}

var (
	synopsisFlag = regexp.MustCompile(`(?:^|[\s\[|])(-{1,2})([a-z][a-z0-9-]*)`)
	listedFlag   = regexp.MustCompile(`(?m)^  (-{1,2})([a-z][a-z0-9-]*)`)
)

// TestHelpFlags: the usage line and the flag list name each flag the same
// way: two dashes for a word, one for a letter, and only flags that exist.
func TestHelpFlags(t *testing.T) {
	for _, c := range commands() {
		e, out, _ := testEnv()
		if code := run(context.Background(), []string{"help", c.name}, e); code != exitOK {
			t.Fatalf("help %s: exit %d", c.name, code)
		}
		listed := map[string]bool{}
		for _, m := range listedFlag.FindAllStringSubmatch(out.String(), -1) {
			listed[m[2]] = true
			if want := dashes(m[2]); m[1] != want {
				t.Errorf("%s: flag list writes %s%s, want %s%s", c.name, m[1], m[2], want, m[2])
			}
		}
		for _, m := range synopsisFlag.FindAllStringSubmatch(c.args, -1) {
			if want := dashes(m[2]); m[1] != want {
				t.Errorf("%s: usage writes %s%s, want %s%s", c.name, m[1], m[2], want, m[2])
			}
			if !listed[m[2]] {
				t.Errorf("%s: usage names %s%s, which is not a flag", c.name, m[1], m[2])
			}
		}
	}
}

func dashes(name string) string {
	if len(name) == 1 {
		return "-"
	}
	return "--"
}
