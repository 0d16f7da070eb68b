package extract

import (
	"reflect"
	"testing"
)

func TestScanCallouts(t *testing.T) {
	tests := []struct {
		text string
		want []string // callout texts
		nums [][]int
	}{
		{"to health (2,3).", []string{"(2,3)"}, [][]int{{2, 3}}},
		{"aspects (6-8).", []string{"(6-8)"}, [][]int{{6, 7, 8}}},
		{"vincristine (34,36-38)", []string{"(34,36-38)"}, [][]int{{34, 36, 37, 38}}},
		{"cells [1,2] and [3–5].", []string{"[1,2]", "[3–5]"}, [][]int{{1, 2}, {3, 4, 5}}},
		{"shown (ref. 12) before", []string{"(ref. 12)"}, [][]int{{12}}},
		{"range (2-10 μM) and (30-150 nm in diameter)", nil, nil},
		{"as in (Fig. 3) and (HIF-1)", nil, nil},
		{"knockout (-/-) mice", nil, nil},
		{"descending (12-3) range", nil, nil},
		{"concentrations of [10-50] μM", nil, nil},
		{"a dose (5) mg/kg", nil, nil},
		{"grant (202201043124)", nil, nil},
		{"superscripts state¹,². And⁴⁻⁶ more", []string{"¹,²", "⁴⁻⁶"}, [][]int{{1, 2}, {4, 5, 6}}},
		{"10⁶ cells, Mn²⁺ ions, 2 m² area", nil, nil},
	}
	for _, tt := range tests {
		got := ScanCallouts(tt.text)
		var texts []string
		var nums [][]int
		for _, c := range got {
			texts = append(texts, tt.text[c.Start:c.End])
			nums = append(nums, c.Numbers)
		}
		if !reflect.DeepEqual(texts, tt.want) || !reflect.DeepEqual(nums, tt.nums) {
			t.Errorf("ScanCallouts(%q) = %q %v, want %q %v", tt.text, texts, nums, tt.want, tt.nums)
		}
	}
}

func FuzzScanCallouts(f *testing.F) {
	for _, s := range []string{"(1)", "(34,36-38)", "[3–5]", "x¹,²⁻⁴", "(2023)", "((1)", "[9999-1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := -1
		for _, c := range ScanCallouts(s) {
			if c.Start < 0 || c.End > len(s) || c.Start >= c.End {
				t.Fatalf("bad span %d-%d in %q", c.Start, c.End, s)
			}
			if len(c.Numbers) == 0 || len(c.Numbers) > 10*(maxRange+1) {
				t.Fatalf("bad numbers %v", c.Numbers)
			}
			for _, n := range c.Numbers {
				if n < 0 {
					t.Fatalf("negative number in %v", c.Numbers)
				}
			}
			if c.Style != StyleSuperscript && c.Start < last {
				t.Fatalf("callouts overlap in %q", s)
			}
			if c.Style != StyleSuperscript {
				last = c.End
			}
		}
	})
}
