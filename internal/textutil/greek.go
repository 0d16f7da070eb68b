package textutil

import "unicode"

// greek spells out the Greek letters, with their variant forms, so that
// "HIF-1α", "HIF-1 alpha" and "HIF1alpha", or "TGF-β" and "TGF-beta",
// compare equal: normalize matches names and enrich compares titles with
// the same spelling.
var greek = map[rune]string{
	'α': "alpha", 'β': "beta", 'γ': "gamma", 'δ': "delta", 'ε': "epsilon",
	'ζ': "zeta", 'η': "eta", 'θ': "theta", 'ι': "iota", 'κ': "kappa",
	'λ': "lambda", 'μ': "mu", 'ν': "nu", 'ξ': "xi", 'ο': "omicron",
	'π': "pi", 'ρ': "rho", 'σ': "sigma", 'ς': "sigma", 'τ': "tau",
	'υ': "upsilon", 'φ': "phi", 'χ': "chi", 'ψ': "psi", 'ω': "omega",
	'ϐ': "beta", 'ϵ': "epsilon", 'ϑ': "theta", 'ϕ': "phi", 'ϰ': "kappa",
	'µ': "mu", // MICRO SIGN, as in "µM"
}

var greekNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range greek {
		m[n] = true
	}
	return m
}()

// GreekName spells out a Greek letter, small or capital ("β", "Β" and "ϐ"
// are "beta"); ok is false for any other rune.
func GreekName(r rune) (name string, ok bool) {
	if r < 0x370 && r != 0xB5 || r > 0x3FF && r < 0x1F00 || r > 0x1FFF {
		return "", false // fast path: most text is not Greek
	}
	if n, ok := greek[r]; ok {
		return n, true
	}
	if unicode.In(r, unicode.Greek) && unicode.IsUpper(r) {
		n, ok := greek[unicode.ToLower(r)]
		return n, ok
	}
	return "", false
}

// IsGreekName reports whether s is a letter's spelled-out name ("beta"),
// so that "TGFbeta" can be split like "TGF-β".
func IsGreekName(s string) bool { return greekNames[s] }
