package textutil

import "testing"

func TestGreekName(t *testing.T) {
	for _, tt := range []struct {
		r    rune
		want string
	}{
		{'α', "alpha"}, {'Α', "alpha"}, {'β', "beta"}, {'ϐ', "beta"}, {'Δ', "delta"}, {'κ', "kappa"},
		{'ϰ', "kappa"}, {'Ω', "omega"}, {'ς', "sigma"}, {'Σ', "sigma"}, {'µ', "mu"}, {'ο', "omicron"},
		{'a', ""}, {'b', ""}, {'1', ""}, {'é', ""}, {'ℵ', ""}, {'ἀ', ""},
	} {
		got, ok := GreekName(tt.r)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("GreekName(%q) = %q, %v; want %q", tt.r, got, ok, tt.want)
		}
	}
	if !IsGreekName("beta") || IsGreekName("bet") || !IsGreekName("omicron") {
		t.Error("IsGreekName")
	}
}
