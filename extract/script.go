package extract

import (
	"strings"

	"github.com/chemores/chemores/internal/textutil"
)

var superscripts = map[rune]rune{
	'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	'+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾',
	'a': 'ᵃ', 'b': 'ᵇ', 'c': 'ᶜ', 'd': 'ᵈ', 'e': 'ᵉ', 'f': 'ᶠ', 'g': 'ᵍ', 'h': 'ʰ', 'i': 'ⁱ', 'j': 'ʲ',
	'k': 'ᵏ', 'l': 'ˡ', 'm': 'ᵐ', 'n': 'ⁿ', 'o': 'ᵒ', 'p': 'ᵖ', 'r': 'ʳ', 's': 'ˢ', 't': 'ᵗ', 'u': 'ᵘ',
	'v': 'ᵛ', 'w': 'ʷ', 'x': 'ˣ', 'y': 'ʸ', 'z': 'ᶻ',
	// Kept as they are: list separators inside superscript citations.
	',': ',', '–': '–', ' ': ' ',
}

var subscripts = map[rune]rune{
	'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
	'+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎',
	'a': 'ₐ', 'e': 'ₑ', 'h': 'ₕ', 'i': 'ᵢ', 'j': 'ⱼ', 'k': 'ₖ', 'l': 'ₗ', 'm': 'ₘ', 'n': 'ₙ', 'o': 'ₒ',
	'p': 'ₚ', 'r': 'ᵣ', 's': 'ₛ', 't': 'ₜ', 'u': 'ᵤ', 'v': 'ᵥ', 'x': 'ₓ',
}

// superDigits maps superscript digits back, for the callout scanner.
var superDigits = map[rune]rune{'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9'}

// script renders the inside of _{...} or ^{...}: as Unicode sub- or
// superscripts when every character has one, else as plain text (a
// subscript like "_{mut}" has forms; "^{Q}" has none).
func script(kind rune, body []rune) string {
	table := subscripts
	if kind == '^' {
		table = superscripts
	}
	var b strings.Builder
	for _, r := range body {
		s, ok := table[r]
		if !ok {
			return string(body)
		}
		b.WriteRune(s)
	}
	return b.String()
}

var mathSymbols = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
	"nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
	"phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
	"Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"pm": "±", "mp": "∓", "times": "×", "cdot": "·", "sim": "~", "approx": "≈", "leq": "≤",
	"le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "rightarrow": "→", "to": "→", "leftarrow": "←",
	"uparrow": "↑", "downarrow": "↓", "infty": "∞", "degree": "°", "circ": "°", "%": "%",
	"prime": "′", "ldots": "…", "cdots": "…", "lt": "<", "gt": ">",
	",": "", ";": "", ":": "", "!": "", " ": " ", "quad": " ", "qquad": " ",
}

// textCommands render their argument as it is.
var textCommands = map[string]bool{
	"text": true, "mathrm": true, "mathit": true, "mathbf": true, "textit": true, "textbf": true,
	"textrm": true, "operatorname": true, "mathsf": true, "emph": true, "mbox": true, "rm": true,
}

// renderMath renders the inside of $...$ as plain Unicode text. It knows
// the small part of TeX that chemistry and units use in such conversions;
// anything else passes through without its backslash.
func renderMath(in []rune) string {
	var b strings.Builder
	m := math{in: in}
	m.render(&b, false)
	return strings.TrimSpace(b.String())
}

type math struct {
	in []rune
	i  int
}

// render writes until the end of input or an unmatched '}'. In text mode
// (inside \text{}) spaces are kept; in math mode they are not.
func (m *math) render(b *strings.Builder, text bool) {
	for m.i < len(m.in) {
		r := m.in[m.i]
		switch {
		case r == '}':
			m.i++
			return
		case r == '{':
			m.i++
			m.render(b, text)
		case r == '\\':
			m.command(b)
		case r == '_' || r == '^':
			m.i++
			var inner strings.Builder
			m.atom(&inner)
			b.WriteString(script(r, []rune(inner.String())))
		case textutil.IsSpace(r):
			if text {
				b.WriteRune(' ')
			}
			m.i++
		default:
			b.WriteRune(r)
			m.i++
		}
	}
}

// atom renders one group or one character (the operand of _ and ^).
func (m *math) atom(b *strings.Builder) {
	for m.i < len(m.in) && textutil.IsSpace(m.in[m.i]) {
		m.i++
	}
	if m.i >= len(m.in) {
		return
	}
	switch m.in[m.i] {
	case '{':
		m.i++
		m.render(b, false)
	case '\\':
		m.command(b)
	default:
		b.WriteRune(m.in[m.i])
		m.i++
	}
}

func (m *math) command(b *strings.Builder) {
	m.i++ // backslash
	start := m.i
	for m.i < len(m.in) && (m.in[m.i] >= 'a' && m.in[m.i] <= 'z' || m.in[m.i] >= 'A' && m.in[m.i] <= 'Z') {
		m.i++
	}
	if m.i == start && m.i < len(m.in) {
		m.i++ // a one-character command: \, \% \;
	}
	name := string(m.in[start:m.i])
	if textCommands[name] {
		for m.i < len(m.in) && textutil.IsSpace(m.in[m.i]) {
			m.i++
		}
		if m.i < len(m.in) && m.in[m.i] == '{' {
			m.i++
			m.render(b, true)
		}
		return
	}
	if s, ok := mathSymbols[name]; ok {
		b.WriteString(s)
		return
	}
	b.WriteString(name)
}
