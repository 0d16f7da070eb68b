// Package corpusgen makes a synthetic corpus of review articles for
// scale tests from real extracted Documents: each generated document
// keeps a random subset of a source's paragraphs, renumbers the
// references it still cites in order of first citation, and rewrites
// the callouts to match, so that every document differs (no two share
// a reference list or a text) while staying realistic to parse.
package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/chemores/chemores/extract"
)

// Doc is one generated document.
type Doc struct {
	Name string // file name: "<prefix>.<n>.txt"
	Text []byte
}

// Generate makes n documents from the sources, deterministically for a
// given seed. Sources without body paragraphs or references are skipped.
func Generate(sources []*extract.Document, n int, seed uint64, prefix string) ([]Doc, error) {
	var usable []*extract.Document
	for _, s := range sources {
		if len(s.References) > 0 && len(bodyParagraphs(s)) > 0 {
			usable = append(usable, s)
		}
	}
	if len(usable) == 0 {
		return nil, fmt.Errorf("no source with body paragraphs and references")
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	out := make([]Doc, 0, n)
	for i := 0; i < n; i++ {
		src := usable[i%len(usable)]
		name := fmt.Sprintf("%s.%04d", prefix, i+1)
		out = append(out, Doc{Name: name + ".txt", Text: variant(src, rng, i+1)})
	}
	return out, nil
}

func bodyParagraphs(d *extract.Document) []extract.Paragraph {
	kinds := map[string]string{}
	var walk func([]*extract.Section, string)
	walk = func(ss []*extract.Section, top string) {
		for _, s := range ss {
			k := top
			if k == "" {
				k = s.Kind
			}
			kinds[s.ID] = k
			walk(s.Children, k)
		}
	}
	walk(d.Sections, "")
	var out []extract.Paragraph
	for _, p := range d.Paragraphs {
		if kinds[p.Section] == extract.KindBody {
			out = append(out, p)
		}
	}
	return out
}

// variant writes one document in the Vancouver style the extract stage
// reads: numbered sections, run-in headings, parenthesized callouts and
// a numbered reference list.
func variant(src *extract.Document, rng *rand.Rand, k int) []byte {
	keep := 0.55 + 0.4*rng.Float64()
	var paras []extract.Paragraph
	for _, p := range bodyParagraphs(src) {
		if rng.Float64() < keep {
			paras = append(paras, p)
		}
	}
	if len(paras) == 0 {
		paras = bodyParagraphs(src)[:1]
	}
	cites := map[string][]extract.Citation{}
	for _, c := range src.Citations {
		cites[c.Paragraph] = append(cites[c.Paragraph], c)
	}
	// Renumber references in order of first citation in what is kept.
	renum := map[int]int{}
	var order []int
	for _, p := range paras {
		for _, c := range cites[p.ID] {
			for _, r := range c.Refs {
				if _, ok := renum[r]; !ok {
					order = append(order, r)
					renum[r] = len(order)
				}
			}
		}
	}
	titles := sectionTitles(src)
	var b strings.Builder
	fmt.Fprintf(&b, "%s: variant %d\n\n", src.Front.Title, k)
	fmt.Fprintf(&b, "ANA SILVA^{1}, KENJI SATO^{2} and MARIA ROSSI^{1}\n\n")
	fmt.Fprintf(&b, "^{1}Department of Oncology, Example University, Lisbon 1000, Portugal; ^{2}Graduate School of Medicine, Example University, Kyoto 600, Japan\n\n")
	fmt.Fprintf(&b, "DOI: 10.5555/corpus.%d\n\n", k)
	section := ""
	for i, p := range paras {
		top, runIn := titles[p.Section][0], titles[p.Section][1]
		if top != section {
			section = top
			fmt.Fprintf(&b, "%s\n\n", top)
		}
		text := renumber(p.Text, cites[p.ID], renum)
		if runIn != "" && !strings.HasPrefix(text, runIn) && rng.Float64() < 0.5 {
			text = runIn + ". " + text
		}
		if i == 0 && len(order) == 0 {
			// Nothing cited in what was kept: cite the first reference so
			// the document has a reference list.
			order = []int{src.References[0].N}
			text += " (1)"
		}
		b.WriteString(text)
		b.WriteString("\n\n")
		if i == 0 {
			for _, f := range src.Figures {
				fmt.Fprintf(&b, "%s. %s\n\n", f.Label, f.Caption)
			}
		}
	}
	b.WriteString("References\n\n")
	refs := map[int]extract.Reference{}
	for _, r := range src.References {
		refs[r.N] = r
	}
	for i, n := range order {
		fmt.Fprintf(&b, "%d. %s\n", i+1, refs[n].Raw)
	}
	return []byte(b.String())
}

// sectionTitles maps a section id to its numbered heading ("3. Title")
// and, for run-in subsections, the run-in title.
func sectionTitles(d *extract.Document) map[string][2]string {
	out := map[string][2]string{}
	for _, s := range d.Sections {
		head := s.Title
		if s.Number != "" {
			head = s.Number + ". " + s.Title
		}
		out[s.ID] = [2]string{head, ""}
		for _, c := range s.Children {
			out[c.ID] = [2]string{head, c.Title}
		}
	}
	return out
}

// renumber rewrites the callouts of a paragraph with the new numbers,
// compressing runs into ranges ("(3,4,5)" becomes "(3-5)").
func renumber(text string, cs []extract.Citation, renum map[int]int) string {
	rs := []rune(text)
	var b strings.Builder
	at := 0
	for _, c := range cs {
		if c.Start < at || c.End > len(rs) {
			continue
		}
		b.WriteString(string(rs[at:c.Start]))
		var nums []int
		for _, r := range c.Refs {
			nums = append(nums, renum[r])
		}
		slices.Sort(nums)
		nums = slices.Compact(nums)
		b.WriteString("(" + ranges(nums) + ")")
		at = c.End
	}
	b.WriteString(string(rs[at:]))
	return b.String()
}

func ranges(nums []int) string {
	var parts []string
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, fmt.Sprintf("%d-%d", nums[i], nums[j]))
		case j > i:
			parts = append(parts, strconv.Itoa(nums[i]), strconv.Itoa(nums[j]))
		default:
			parts = append(parts, strconv.Itoa(nums[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}
