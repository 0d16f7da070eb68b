package extract

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/lazyre"
)

// captionPattern: "Figure 1. Title...", "Fig. 2: ...", "FIGURE 3 | ...",
// "Table 1. ...". The label must be followed by punctuation, so that a
// sentence such as "Figure 1 shows..." is not taken for a caption.
var captionPattern = lazyre.New(`^(?i:(figure|fig\.?|table))\s*(\d{1,3})\s*[.:|]\s*(\S.*)$`)

func isCaption(text string) bool { return captionPattern().MatchString(text) }

// figures turns the caption blocks into Figures and finds the calls.
func (b *builder) figures() {
	seen := map[string]bool{}
	for _, c := range b.captions {
		text := CleanText(c.block.Text)
		m := captionPattern().FindStringSubmatch(text)
		kind := "figure"
		label := "Figure"
		if strings.EqualFold(m[1], "table") {
			kind, label = "table", "Table"
		}
		n, _ := strconv.Atoi(m[2])
		key := kind + m[2]
		if seen[key] {
			b.diag(Warning, "figure-duplicate", label+" "+m[2], "caption printed twice; the first is kept")
			continue
		}
		seen[key] = true
		f := Figure{N: n, Kind: kind, Label: label + " " + m[2], Caption: m[3], Title: captionTitle(m[3])}
		if c.sec != nil {
			f.Section = c.sec.ID
		}
		if c.after != nil {
			f.Paragraph = c.after.id
			if c.after.section != nil {
				f.Section = c.after.section.ID
			}
		}
		b.doc.Figures = append(b.doc.Figures, f)
	}
	sort.SliceStable(b.doc.Figures, func(i, j int) bool {
		fi, fj := b.doc.Figures[i], b.doc.Figures[j]
		if fi.Kind != fj.Kind {
			return fi.Kind < fj.Kind
		}
		return fi.N < fj.N
	})
	b.figureCalls()
}

// captionTitle is the caption's first sentence: up to the first ". " or
// ": " (Spandidos and many others print "Figure 1. Title: explanation").
func captionTitle(c string) string {
	end := len(c)
	for _, sep := range []string{": ", ". "} {
		if i := strings.Index(c, sep); i > 0 && i < end {
			end = i
		}
	}
	return strings.TrimRight(c[:end], ".:")
}

// figureCallPattern matches "Fig. 3", "Figs. 1 and 2", "Figure 2A",
// "Figures 1-3", "Table 1", optionally in parentheses.
var figureCallPattern = lazyre.New(`\(?\b(Figs?\.|Figures?|Tables?)\s+(\d{1,3}[A-Za-z]?(?:\s*(?:,|and|&|-|–)\s*\d{1,3}[A-Za-z]?)*)\)?`)

var callNumber = lazyre.New(`(\d{1,3})[A-Za-z]?(?:\s*[-–]\s*(\d{1,3}))?`)

func (b *builder) figureCalls() {
	have := map[string]bool{}
	for _, f := range b.doc.Figures {
		have[f.Kind+strconv.Itoa(f.N)] = true
	}
	for _, p := range b.doc.Paragraphs {
		if !strings.Contains(p.Text, "Fig") && !strings.Contains(p.Text, "Table") {
			continue // the pattern is slow to try everywhere
		}
		for _, loc := range figureCallPattern().FindAllStringSubmatchIndex(p.Text, -1) {
			text := p.Text[loc[0]:loc[1]]
			if strings.HasPrefix(text, "(") != strings.HasSuffix(text, ")") {
				text = strings.Trim(text, "()")
				if strings.HasPrefix(p.Text[loc[0]:], "(") {
					loc[0]++
				} else {
					loc[1]--
				}
			}
			kind := "figure"
			if strings.HasPrefix(p.Text[loc[2]:loc[3]], "Table") {
				kind = "table"
			}
			var nums []int
			for _, m := range callNumber().FindAllStringSubmatch(p.Text[loc[4]:loc[5]], -1) {
				lo, _ := strconv.Atoi(m[1])
				hi := lo
				if m[2] != "" {
					hi, _ = strconv.Atoi(m[2])
				}
				for n := lo; n <= hi && n-lo < 50; n++ {
					nums = append(nums, n)
				}
			}
			for _, n := range nums {
				if !have[kind+strconv.Itoa(n)] {
					b.diag(Warning, "figure-call-unknown", "paragraph "+p.ID, fmt.Sprintf("%q calls %s %d, which has no caption", text, kind, n))
				}
			}
			b.doc.FigureCalls = append(b.doc.FigureCalls, FigureCall{
				Paragraph: p.ID,
				Start:     runeIndex(p.Text, loc[0]),
				End:       runeIndex(p.Text, loc[1]),
				Text:      p.Text[loc[0]:loc[1]],
				Kind:      kind,
				Figures:   nums,
			})
		}
	}
}

// runeIndex converts a byte offset in s to a code point offset.
func runeIndex(s string, byteOff int) int {
	return utf8.RuneCountInString(s[:byteOff])
}

func (b *builder) diag(level, code, where, msg string) {
	b.doc.Diagnostics = append(b.doc.Diagnostics, Diagnostic{Level: level, Code: code, Where: where, Message: msg})
}
