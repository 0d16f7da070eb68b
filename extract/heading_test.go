package extract

import "testing"

func TestRunIn(t *testing.T) {
	tests := []struct {
		text, title string
	}{
		{"Increased DNA repair. The DNA damage response pathway...", "Increased DNA repair"},
		{"Closure of nuclear pores and exocytosis of drugs in the nucleus. The nuclear pore...", "Closure of nuclear pores and exocytosis of drugs in the nucleus"},
		{"What is tumor cell dormancy? Tumor recurrence years after...", "What is tumor cell dormancy?"},
		{"Effect of TME on chemotherapy resistance. The tumor...", "Effect of TME on chemotherapy resistance"},
		{"Drug efflux. Under hypoxia, ABCB1...", "Drug efflux"},
		// Sentences, not headings.
		{"Hypoxia also contributes to tumor growth by affecting exosome secretion. Exosomes...", ""},
		{"The tumor microenvironment is acidic. It also...", ""},
		{"Cells were treated. Then...", ""},
		{"Myc is a critical gene. Inhibition of Myc...", ""},
		{"Abstract. Chemotherapy remains...", ""},
		{"Tumor cells do not exist in isolation; their characteristics...", ""},
		{"Alkylating agents, such as cyclophosphamide, are potent. They...", ""},
		{"As shown in Fig. 2 the effect. More...", ""},
		{"Dormant Tumor Cells Differ Greatly. Another...", ""},
	}
	for _, tt := range tests {
		title, at, ok := runIn(tt.text)
		if ok != (tt.title != "") || title != tt.title {
			t.Errorf("runIn(%q) = %q, %v; want %q", tt.text, title, ok, tt.title)
		}
		if ok && []rune(tt.text)[at-1] != ' ' {
			t.Errorf("runIn(%q): body offset %d is not after the heading's space", tt.text, at)
		}
	}
}

func TestAsHeading(t *testing.T) {
	tests := []struct {
		text   string
		number string
		back   string
		refs   bool
		ok     bool
	}{
		{"3. Molecular mechanisms of chemotherapy resistance", "3", "", false, true},
		{"2.1 Drug uptake", "2.1", "", false, true},
		{"IV. Discussion", "IV", "", false, true},
		{"Authors' contributions", "", "author-contributions", false, true},
		{"Authors’ contributions", "", "author-contributions", false, true},
		{"Conflict of Interest:", "", "competing-interests", false, true},
		{"REFERENCES", "", "", true, true},
		{"Abstract", "", "", false, false},
		{"1. Miller KD, Nogueira L and Siegel RL: Cancer treatment and survivorship statistics, 2022.", "", "", false, false},
		{"Not applicable.", "", "", false, false},
	}
	for _, tt := range tests {
		h, ok := asHeading(Block{Text: tt.text}, tt.text)
		if ok != tt.ok || h.number != tt.number || h.back != tt.back || h.refs != tt.refs {
			t.Errorf("asHeading(%q) = %+v, %v", tt.text, h, ok)
		}
	}
}
