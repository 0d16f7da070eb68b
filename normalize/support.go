package normalize

import (
	"sort"

	"github.com/chemores/chemores/extract"
)

// Scopes of a citation's support for a sentence.
const (
	ScopeDirect   = "direct"   // the callout is in the sentence
	ScopeInferred = "inferred" // the callout closes a run of sentences without one
)

// Support says that a citation group backs a sentence.
type Support struct {
	Sentence string `json:"sentence"`
	Citation string `json:"citation"` // extract.Citation.ID
	Scope    string `json:"scope"`    // ScopeDirect or ScopeInferred
}

// CitationScope decides which sentences each citation group supports.
// A callout supports the sentence it stands in (direct). Reviews often
// cite once at the end of a run of sentences drawn from one source, so
// the first callout of a sentence also supports the sentences before it
// in the same paragraph, back to the previous sentence with a callout
// (inferred). Sentences after a paragraph's last callout get nothing:
// a callout never reaches forward or across paragraphs.
//
// Sentences must be in reading order within each paragraph; offsets are
// code points, as in both stages' outputs. The result is in sentence
// order, direct before inferred, then by citation order.
func CitationScope(sents []Sentence, cites []extract.Citation) []Support {
	byPara := map[string][]extract.Citation{}
	for _, c := range cites {
		byPara[c.Paragraph] = append(byPara[c.Paragraph], c)
	}
	for _, cs := range byPara {
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	}
	var out []Support
	var run []string // sentences of this paragraph since the last callout
	para := ""
	for _, s := range sents {
		if s.Paragraph != para {
			para, run = s.Paragraph, nil
		}
		var own []extract.Citation
		for _, c := range byPara[s.Paragraph] {
			if c.Start >= s.Start && c.Start < s.End {
				own = append(own, c)
			}
		}
		if len(own) == 0 {
			run = append(run, s.ID)
			continue
		}
		for _, r := range run {
			out = append(out, Support{Sentence: r, Citation: own[0].ID, Scope: ScopeInferred})
		}
		run = nil
		for _, c := range own {
			out = append(out, Support{Sentence: s.ID, Citation: c.ID, Scope: ScopeDirect})
		}
	}
	order := map[string]int{}
	for i, s := range sents {
		order[s.ID] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i].Sentence] < order[out[j].Sentence] })
	return out
}
