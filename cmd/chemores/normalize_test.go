package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chemores/chemores/normalize"
)

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestNormalizeCommand(t *testing.T) {
	dir := t.TempDir()
	lex := filepath.Join(dir, "lex")
	if err := os.Mkdir(lex, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(lex, "genes.tsv"), "# name: genes\nid\tsymbol\tname\ttype\taliases\tenglish\n5243\tABCB1\tATP binding cassette subfamily B member 1\tprotein-coding\tMDR1|P-gp\t\n")
	in := filepath.Join(dir, "doc.json")
	writeFile(t, in, `{"schema":"1.0.0","id":"d","paragraphs":[{"id":"p1","section":"s1","text":"P-gp pumps drugs."}]}`)
	out := filepath.Join(dir, "out.json")

	e, _, stderr := testEnv()
	if code := run(context.Background(), []string{"normalize", in, "-o", out, "-lexicons", lex}, e); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var a normalize.Annotations
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Mentions) != 1 || a.Mentions[0].Entity != "NCBIGene:5243" {
		t.Errorf("mentions: %+v", a.Mentions)
	}
	if !strings.Contains(stderr.String(), "lexicon-missing") {
		t.Errorf("missing curated lexicons not reported: %s", stderr)
	}

	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no input", []string{"normalize"}, exitUsage},
		{"two inputs", []string{"normalize", in, in}, exitUsage},
		{"missing input", []string{"normalize", filepath.Join(dir, "nope.json"), "-lexicons", lex}, exitBadInput},
		{"not a document", []string{"normalize", filepath.Join(lex, "genes.tsv"), "-lexicons", lex}, exitBadInput},
		{"no gene lexicon", []string{"normalize", in, "-lexicons", dir}, exitBadInput},
		{"lexicon without db", []string{"lexicon"}, exitUsage},
		{"lexicon with missing db", []string{"lexicon", "-db", filepath.Join(dir, "nope.sqlite")}, exitBadInput},
	}
	for _, tt := range tests {
		e, _, stderr := testEnv()
		if code := run(context.Background(), tt.args, e); code != tt.code {
			t.Errorf("%s: exit %d, want %d (%s)", tt.name, code, tt.code, stderr)
		}
	}
	bad := filepath.Join(dir, "bad.json")
	writeFile(t, bad, "{")
	e, _, _ = testEnv()
	if code := run(context.Background(), []string{"normalize", bad, "-o", filepath.Join(dir, "o2.json"), "-lexicons", lex}, e); code != exitBadInput {
		t.Errorf("bad JSON: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "o2.json")); err == nil {
		t.Error("bad input left an output file")
	}
}
