package lexcheck

import (
	"slices"
	"strings"
	"testing"
)

const (
	hdr  = "# name: chemicals\n# source: test\n# license: test\n" + Columns + "\n"
	doxo = "MESH:D004317\tdoxorubicin\tMESH:D004317|CHEBI:28748\tadriamycin|DOX\tanthracycline; ambiguous: DOX (doxycycline)\n"
	doxy = "MESH:D004318\tdoxycycline\tMESH:D004318\tDOX\tantibiotic; ambiguous: DOX (doxorubicin)\n"
)

var small = Spec{Name: "chemicals", MinEntries: 2}

func kinds(ps []Problem) []Kind {
	var ks []Kind
	for _, p := range ps {
		if !slices.Contains(ks, p.Kind) {
			ks = append(ks, p.Kind)
		}
	}
	slices.Sort(ks)
	return ks
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Kind // exact set of kinds reported; nil means clean
	}{
		{"valid", hdr + doxo + doxy, nil},
		{"valid unchecked entry", hdr + doxo + doxy + "\ttariquidar\t\tXR9576\tP-gp inhibitor; unchecked\n", nil},
		{"valid short forms differ in case", hdr + doxo + "MESH:D004318\tdoxycycline\tMESH:D004318\tDox\tantibiotic\n", nil},
		{"no name line", "# source: test\n# license: test\n" + Columns + "\n" + doxo + doxy, []Kind{KindHeader}},
		{"wrong name", strings.Replace(hdr, "chemicals", "diseases", 1) + doxo + doxy, []Kind{KindHeader}},
		{"name not first", "# source: test\n# name: chemicals\n# license: test\n" + Columns + "\n" + doxo + doxy, []Kind{KindHeader}},
		{"no source", strings.Replace(hdr, "# source: test\n", "", 1) + doxo + doxy, []Kind{KindHeader}},
		{"no license", strings.Replace(hdr, "# license: test\n", "", 1) + doxo + doxy, []Kind{KindHeader}},
		{"comment without space", strings.Replace(hdr, "# license", "#license", 1) + doxo + doxy, []Kind{KindHeader}},
		{"column line wrong", strings.Replace(hdr, "\tnote", "\tcomment", 1) + doxo + doxy, []Kind{KindHeader}},
		{"column line missing", strings.Replace(hdr, Columns+"\n", "", 1) + doxo + doxy, []Kind{KindHeader}},
		{"header only", hdr, []Kind{KindCount}},
		{"four columns", hdr + doxo + "MESH:D004318\tdoxycycline\tMESH:D004318\tantibiotic\n", []Kind{KindColumns, KindCount}},
		{"six columns", hdr + doxo + strings.TrimSuffix(doxy, "\n") + "\textra\n", []Kind{KindColumns, KindCount}},
		{"blank line", hdr + doxo + "\n" + doxy, []Kind{KindColumns}},
		{"duplicate id", hdr + doxo + strings.Replace(doxy, "D004318", "D004317", 2), []Kind{KindDuplicate}},
		{"identifier in two entries", hdr + doxo + strings.Replace(doxy, "\tMESH:D004318\t", "\tMESH:D004318|CHEBI:28748\t", 1), []Kind{KindDuplicate}},
		{"identifier twice in entry", hdr + strings.Replace(doxo, "|CHEBI:28748", "|MESH:D004317", 1) + doxy, []Kind{KindDuplicate}},
		{"synonym in two entries unflagged", hdr + doxo + strings.Replace(doxy, "; ambiguous: DOX (doxorubicin)", "", 1), []Kind{KindSynonym}},
		{"long synonym differs only in case", hdr + doxo + strings.Replace(doxy, "\tDOX\t", "\tAdriamycin\t", 1), []Kind{KindSynonym}},
		{"synonym repeats name", hdr + strings.Replace(doxo, "adriamycin|", "Doxorubicin|", 1) + doxy, []Kind{KindSynonym}},
		{"synonym twice in entry", hdr + strings.Replace(doxo, "adriamycin|DOX", "DOX|DOX", 1) + doxy, []Kind{KindSynonym}},
		{"short mesh", hdr + strings.Replace(doxo, "|CHEBI:28748", "|MESH:D0043", 1) + doxy, []Kind{KindCURIE}},
		{"mesh wrong letter", hdr + strings.Replace(doxo, "|CHEBI:28748", "|MESH:X004317", 1) + doxy, []Kind{KindCURIE}},
		{"lower-case prefix", hdr + strings.Replace(doxo, "|CHEBI:28748", "|chebi:28748", 1) + doxy, []Kind{KindCURIE}},
		{"chebi not numeric", hdr + strings.Replace(doxo, "CHEBI:28748", "CHEBI:28748a", 1) + doxy, []Kind{KindCURIE}},
		{"unknown scheme", hdr + strings.Replace(doxo, "CHEBI:28748", "PUBCHEM:31703", 1) + doxy, []Kind{KindCURIE}},
		{"empty doid", hdr + strings.Replace(doxo, "CHEBI:28748", "DOID:", 1) + doxy, []Kind{KindCURIE}},
		{"primary malformed", hdr + strings.ReplaceAll(doxo, "MESH:D004317", "MESH D004317") + doxy, []Kind{KindCURIE}},
		{"not sorted", hdr + doxy + doxo, []Kind{KindOrder}},
		{"same name twice", hdr + doxo + strings.Replace(strings.Replace(doxo, "D004317", "D004318", 2), "CHEBI:28748", "CHEBI:1", 1), []Kind{KindSynonym, KindOrder}},
		{"too few", hdr + doxo, []Kind{KindCount}},
		{"primary not in identifiers", hdr + strings.Replace(doxo, "MESH:D004317|", "", 1) + doxy, []Kind{KindPrimary}},
		{"identifiers without id", hdr + doxo + strings.Replace(doxy, "MESH:D004318\t", "\t", 1), []Kind{KindPrimary}},
		{"no id, not marked unchecked", hdr + doxo + doxy + "\ttariquidar\t\tXR9576\tP-gp inhibitor\n", []Kind{KindUnchecked}},
		{"empty synonym item", hdr + strings.Replace(doxo, "adriamycin|DOX", "adriamycin||DOX", 1) + doxy, []Kind{KindField}},
		{"padded synonym", hdr + strings.Replace(doxo, "adriamycin|DOX", "adriamycin| DOX", 1) + doxy, []Kind{KindField}},
		{"padded name", hdr + strings.Replace(doxo, "\tdoxorubicin\t", "\tdoxorubicin \t", 1) + doxy, []Kind{KindField}},
		{"empty name", hdr + "MESH:D000001\t\tMESH:D000001\t\tx\n" + doxo + doxy, []Kind{KindField}},
		{"invalid utf-8", hdr + strings.Replace(doxo, "adriamycin", "adriam\xffycin", 1) + doxy, []Kind{KindEncoding}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := Check([]byte(tt.text), small)
			if got := kinds(ps); !slices.Equal(got, tt.want) {
				t.Errorf("kinds = %v, want %v; problems:\n%v", got, tt.want, ps)
			}
		})
	}
}

func TestCheckParses(t *testing.T) {
	lex, ps := Check([]byte(hdr+doxo+doxy), small)
	if len(ps) != 0 {
		t.Fatalf("problems: %v", ps)
	}
	if lex.Name != "chemicals" || lex.Source != "test" || lex.License != "test" {
		t.Errorf("header = %q %q %q", lex.Name, lex.Source, lex.License)
	}
	e := lex.Entries[0]
	if e.Line != 5 || e.ID != "MESH:D004317" || e.Name != "doxorubicin" ||
		!slices.Equal(e.Identifiers, []string{"MESH:D004317", "CHEBI:28748"}) ||
		!slices.Equal(e.Synonyms, []string{"adriamycin", "DOX"}) {
		t.Errorf("entry = %+v", e)
	}
}

func TestValidCURIE(t *testing.T) {
	for s, want := range map[string]bool{
		"MESH:D004317":            true,
		"MESH:D000077150":         true,
		"MESH:C056507":            true,
		"MESH:D0043":              false,
		"MESH:D0000771501":        false,
		"MESH:Q000187":            false,
		"CHEBI:28748":             true,
		"CHEBI:0":                 false,
		"CHEBI:":                  false,
		"PUBCHEM.COMPOUND:216239": true,
		"PUBCHEM.COMPOUND:21623x": false,
		"PUBCHEM.SUBSTANCE:1":     false,
		"DOID:0050908":            true,
		"DOID:1612":               true,
		"DOID:x":                  false,
		"D004317":                 false,
		"":                        false,
		" MESH:D004317":           false,
	} {
		if got := ValidCURIE(s); got != want {
			t.Errorf("ValidCURIE(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNameLess(t *testing.T) {
	order := []string{"2-deoxyglucose", "ABT-737", "acetic acid", "B-cell lymphoma", "Barrett esophagus", "NAD", "NADP", "nausea"}
	for i := 1; i < len(order); i++ {
		if !NameLess(order[i-1], order[i]) || NameLess(order[i], order[i-1]) {
			t.Errorf("want %q < %q", order[i-1], order[i])
		}
	}
	if NameLess("x", "x") {
		t.Error("NameLess(x, x) = true")
	}
}

func FuzzCheck(f *testing.F) {
	f.Add([]byte(hdr + doxo + doxy))
	f.Add([]byte(hdr + "\t\t\t\t\n"))
	f.Add([]byte("#"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lex, _ := Check(data, small)
		for _, e := range lex.Entries {
			if e.Line < 1 {
				t.Fatalf("entry line %d", e.Line)
			}
		}
	})
}
