package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testEnv returns an env writing to buffers, with no environment.
func testEnv() (*env, *bytes.Buffer, *bytes.Buffer) { return envWith(nil) }

// envWith returns an env writing to buffers, with the given environment.
func envWith(vars map[string]string) (*env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &env{stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}, &out, &errb
}

const seed = "../../seeds/10.3892_or.2024.8816.txt"

func TestRunUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		{nil, exitUsage, "usage: chemores <command>"},
		{[]string{"nope"}, exitUsage, `unknown command "nope"`},
		{[]string{"help"}, exitOK, "extract"},
		{[]string{"help", "extract"}, exitOK, "-o string"},
		{[]string{"help", "-h"}, exitOK, "usage: chemores help [command]"},
		{[]string{"normalize", seed}, exitBadInput, `is not JSON: this reads a stage's JSON output; for a source (text, PDF, JATS), run "chemores extract" first`},
		{[]string{"enrich", seed}, exitBadInput, `run "chemores extract" first`},
		{[]string{"help", "--help"}, exitOK, "usage: chemores help [command]"},
		{[]string{"--help"}, exitOK, "commands:"},
		{[]string{"version"}, exitOK, "chemores dev"},
		{[]string{"extract"}, exitUsage, "want one input file"},
		{[]string{"extract", "a", "b"}, exitUsage, "want one input file"},
		{[]string{"extract", "-bogus", "a"}, exitUsage, "flag provided but not defined"},
		{[]string{"extract", "-h"}, exitOK, "usage: chemores extract"},
	}
	for _, tt := range tests {
		e, out, errb := testEnv()
		code := run(context.Background(), tt.args, e)
		all := out.String() + errb.String()
		if code != tt.code || !strings.Contains(all, tt.want) {
			t.Errorf("run(%q) = %d, output %q; want %d and %q", tt.args, code, all, tt.code, tt.want)
		}
	}
}

func TestExtractWritesDocument(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sub", "doc.json")
	e, _, errb := testEnv()
	if code := run(context.Background(), []string{"extract", seed, "-o", out}, e); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ID         string `json:"id"`
		References []struct {
			N int `json:"n"`
		} `json:"references"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ID != "10.3892_or.2024.8816" || len(doc.References) != 125 {
		t.Errorf("id %q, %d references", doc.ID, len(doc.References))
	}
	if !strings.Contains(errb.String(), "125 references, 0 warnings") {
		t.Errorf("summary on stderr: %q", errb)
	}
}

// Bad input: one clear line naming the file, exit code 3, and no output
// file (nor a temporary one) left behind.
func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(65 << 20); err != nil { // sparse: no 65 MB written
		t.Fatal(err)
	}
	f.Close()
	tests := []struct {
		path, want string
	}{
		{filepath.Join(dir, "missing.txt"), "no such file"},
		{write("empty.txt", nil), "empty file"},
		{write("junk.bin", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3}), "binary data"},
		{write("latin1.txt", []byte("Caf\xe9\n")), "not UTF-8"},
		{write("norefs.txt", []byte("Title\n\n1. Introduction\n\nText.\n")), "no reference list"},
		{huge, "over the 64 MB limit"},
		{dir, "is a directory"},
	}
	for _, tt := range tests {
		out := filepath.Join(dir, "out", "doc.json")
		e, stdout, errb := testEnv()
		code := run(context.Background(), []string{"extract", tt.path, "-o", out}, e)
		msg := errb.String()
		if code != exitBadInput || !strings.Contains(msg, tt.want) || !strings.Contains(msg, filepath.Base(tt.path)) {
			t.Errorf("%s: exit %d, stderr %q; want %d naming the file and %q", tt.path, code, msg, exitBadInput, tt.want)
		}
		if strings.Count(strings.TrimSpace(msg), "\n") != 0 {
			t.Errorf("%s: want one line, got %q", tt.path, msg)
		}
		if stdout.Len() != 0 {
			t.Errorf("%s: wrote to stdout: %q", tt.path, stdout)
		}
		if _, err := os.Stat(filepath.Dir(out)); err == nil {
			entries, _ := os.ReadDir(filepath.Dir(out))
			t.Errorf("%s: output directory has %d entries, want none", tt.path, len(entries))
		}
	}
}
