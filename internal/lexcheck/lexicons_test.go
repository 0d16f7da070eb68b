package lexcheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const dir = "../../seeds/lexicons"

// TestLexicons validates the committed lexicon files.
func TestLexicons(t *testing.T) {
	for file, spec := range map[string]Spec{"chemicals.tsv": Chemicals, "diseases.tsv": Diseases} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			lex, ps := Check(data, spec)
			for _, p := range ps {
				t.Errorf("%s %v", file, p)
			}
			t.Logf("%s: %d entries", file, len(lex.Entries))
		})
	}
}

// TestLexiconsAcrossFiles: a surface form in both files is ambiguous by
// nature, so both notes must flag it.
func TestLexiconsAcrossFiles(t *testing.T) {
	chem, dis := load(t, "chemicals.tsv", Chemicals), load(t, "diseases.tsv", Diseases)
	seen := map[string]Entry{}
	for _, e := range chem.Entries {
		for _, s := range e.Surfaces() {
			seen[SurfaceKey(s)] = e
		}
	}
	for _, e := range dis.Entries {
		for _, s := range e.Surfaces() {
			c, ok := seen[SurfaceKey(s)]
			if ok && (!FlagsAmbiguous(c, s) || !FlagsAmbiguous(e, s)) {
				t.Errorf("%q names chemical %q and disease %q without an ambiguity flag", s, c.Name, e.Name)
			}
		}
	}
}

// TestEvidence: every identifier has a line in EVIDENCE.md.
func TestEvidence(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(dir, "EVIDENCE.md"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`(?m)^\| [^|]+ \| (\S+) \| (.+) \|$`)
	documented := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		if strings.TrimSpace(m[2]) != "" {
			documented[m[1]] = true
		}
	}
	for _, file := range []string{"chemicals.tsv", "diseases.tsv"} {
		spec := Chemicals
		if file == "diseases.tsv" {
			spec = Diseases
		}
		for _, e := range load(t, file, spec).Entries {
			for _, id := range e.Identifiers {
				if !documented[id] {
					t.Errorf("%s: %s (%s) has no evidence line", file, id, e.Name)
				}
			}
		}
	}
}

func load(t *testing.T, file string, spec Spec) *Lexicon {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	lex, _ := Check(data, spec)
	return lex
}
