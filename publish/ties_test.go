package publish

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// tieJudgement is one line of testdata/mechanism_ties.tsv (conventions
// in its header).
type tieJudgement struct {
	line      int
	sentences []string // "<document> <sentence>", sorted
	right     bool
	seen      bool
}

func readTieJudgements(t *testing.T) map[[2]string]*tieJudgement {
	t.Helper()
	data, err := os.ReadFile("testdata/mechanism_ties.tsv")
	if err != nil {
		t.Fatal(err)
	}
	out := map[[2]string]*tieJudgement{}
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "mechanism\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 || f[5] != "right" && f[5] != "wrong" || f[6] == "" {
			t.Fatalf("mechanism_ties.tsv:%d: want 7 columns, judgement right or wrong, and why", n+1)
		}
		k := [2]string{f[0], f[1]}
		if out[k] != nil {
			t.Fatalf("mechanism_ties.tsv:%d: %s %s judged twice", n+1, f[0], f[1])
		}
		j := &tieJudgement{line: n + 1, right: f[5] == "right"}
		for _, s := range strings.Fields(f[4]) {
			j.sentences = append(j.sentences, f[3]+" "+s)
		}
		slices.Sort(j.sentences)
		out[k] = j
	}
	return out
}

// TestMechanismTies measures the precision of the mechanism ties the
// release makes, judged by hand on their evidence sentences, and fails
// when a tie is not judged (or its evidence changed since) and when the
// precision is below 0.95.
func TestMechanismTies(t *testing.T) {
	ds, err := newDataset([]Input{fixture(t)}, vocab(t), TextAuto)
	if err != nil {
		t.Fatal(err)
	}
	judged := readTieJudgements(t)
	var n, right int
	for _, m := range ds.mechs {
		for _, e := range m.Entities {
			j := judged[[2]string{m.Slug, e.e.ID}]
			got := slices.Sorted(slices.Values(e.sentences))
			switch {
			case j == nil:
				t.Errorf("tie %s %s (%s) on %v is not judged in testdata/mechanism_ties.tsv", m.Slug, e.e.ID, e.e.Name, got)
				continue
			case !slices.Equal(got, j.sentences):
				t.Errorf("mechanism_ties.tsv:%d: %s %s: evidence is now %v, was %v: judge it again", j.line, m.Slug, e.e.ID, got, j.sentences)
			}
			j.seen = true
			n++
			if j.right {
				right++
			}
		}
	}
	for k, j := range judged {
		if !j.seen {
			t.Errorf("mechanism_ties.tsv:%d: %s %s: the release no longer makes this tie", j.line, k[0], k[1])
		}
	}
	p := ratio(right, n)
	t.Logf("mechanism ties: precision %.3f (%d/%d right by their evidence)", p, right, n)
	if p < .95 {
		t.Errorf("mechanism-tie precision %.3f, want >= 0.95", p)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// The mechanism_entities view and the API's ties apply the same rule.
func TestMechanismEntitiesView(t *testing.T) {
	ds, err := newDataset([]Input{fixture(t)}, vocab(t), TextAuto)
	if err != nil {
		t.Fatal(err)
	}
	var fromGo []string
	for _, m := range ds.mechs {
		for _, e := range m.Entities {
			fromGo = append(fromGo, fmt.Sprintf("%s|%s|%d|%d", m.Slug, e.e.ID, e.mentions, len(e.sentences)))
		}
	}
	db := openDB(t, build(t, fixture(t)))
	fromDB := queryStrings(t, db, "SELECT mechanism, entity_id, claims, sentences FROM mechanism_entities")
	slices.Sort(fromGo)
	slices.Sort(fromDB)
	if !slices.Equal(fromGo, fromDB) || len(fromGo) == 0 {
		t.Errorf("go: %v\nsql: %v", fromGo, fromDB)
	}
}
