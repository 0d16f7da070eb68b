package extract

import (
	"strings"
	"unicode"

	"github.com/chemores/chemores/internal/textutil"

	"github.com/chemores/chemores/internal/lazyre"
)

// titleBlocks marks the front blocks that make the article's title. In a
// PDF it is the largest text of the first page that reads as a title
// (several words, not a journal's name, a licence line, a URL or an
// article type), with the blocks right after it set in the same size;
// in plain text, the first front block that reads as a title.
func titleBlocks(blocks []Block) map[int]bool {
	out := map[int]bool{}
	best, size := -1, 0.0
	for i, blk := range blocks {
		if !titleCandidate(CleanText(blk.Text)) || blk.Size > 0 && !multiLineTitle(blk) {
			continue
		}
		if blk.Size == 0 {
			if best < 0 {
				best = i
			}
			continue
		}
		if blk.Page <= 1 && blk.Size > size+0.25 {
			best, size = i, blk.Size
		}
	}
	if best < 0 {
		if len(blocks) > 0 && blocks[0].Size == 0 {
			out[0] = true // a text whose first block is all there is
		}
		return out
	}
	out[best] = true
	same := func(j int) bool {
		b := blocks[j]
		return b.Size >= size-0.6 && b.Size <= size+0.25 && b.Page == blocks[best].Page && titleCandidate(CleanText(b.Text))
	}
	// A title set over several blocks (a line in italics, a size
	// change for a species name) on either side of the largest.
	for j := best - 1; j >= 0 && size > 0 && same(j); j-- {
		out[j] = true
	}
	for j := best + 1; j < len(blocks) && size > 0 && same(j); j++ {
		out[j] = true
	}
	return out
}

// multiLineTitle: a title takes a few lines at most.
func multiLineTitle(b Block) bool {
	return b.Size > 0 && len(b.Lines()) <= 4 && len(b.Text) < 400
}

// notTitle matches what the top of a first page holds besides the
// title: the journal's masthead, URLs, DOIs, ISSNs, licence and access
// lines, the article type, page and volume lines.
var notTitle = lazyre.New(`(?i)(?:https?://|www\.|\bdoi\b|\b10\.\d{4,}/|\bissn\b|©|copyright|open access|creative commons|\bvol(?:ume)?\.?\s*\d|\bpages?\s+\d|\bpp\.\s*\d|journal section|received|accepted|published|citation:|correspond|e-?mail|^key ?words?\b|^abstract\b|^\^)`)

// masthead matches a journal's name set large at the top of a page.
var masthead = lazyre.New(`^(?:BMC|PLOS|PLoS|Journal of|The Journal|Annals of|Archives of|Acta|Revista|Proceedings)\b`)

// articleTypes are the labels printed above titles.
var articleTypes = map[string]bool{
	"review": true, "review article": true, "research article": true, "original article": true,
	"original research": true, "research note": true, "research": true, "article": true,
	"short communication": true, "brief report": true, "case report": true, "editorial": true,
	"commentary": true, "perspective": true, "mini review": true, "mini-review": true,
	"systematic review": true, "original report": true, "letter": true, "methodology": true,
	"open peer review": true, "software": true, "opinion": true, "hypothesis": true,
	"artigo original": true, "artigo de revisão": true, "artículo original": true,
}

// titleCandidate: the text could be a title.
func titleCandidate(t string) bool {
	t = strings.TrimSpace(t)
	words := strings.Fields(t)
	if len(words) < 2 || len(words) > 60 || notTitle().MatchString(t) {
		return false
	}
	if articleTypes[textutil.HeadingKey(spaced(t))] || articleTypes[textutil.HeadingKey(t)] || masthead().MatchString(t) || looksLikeByline(t) {
		return false
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 12
}

// spaced undoes letter spacing ("R E V I E W" is "REVIEW").
func spaced(t string) string {
	words := strings.Fields(t)
	for _, w := range words {
		if len([]rune(w)) > 1 {
			return t
		}
	}
	return strings.Join(words, "")
}

// articleDOI finds the article's own DOI on its first page: printed
// after "doi" or in a doi.org link.
func articleDOI(blocks []Block) string {
	for _, blk := range blocks {
		if m := frontDOI().FindStringSubmatch(blk.Text); m != nil {
			return trimDOI(m[1])
		}
	}
	return ""
}

var frontDOI = lazyre.New(`(?i)(?:\bdoi\b\s*[:.]?\s*|doi\.org/)(10\.\d{4,9}/[^\s"<>,;]+)`)

// doiFromName reads a DOI from a file named after one, as the seeds are
// ("10.3892_or.2024.8816.pdf" is 10.3892/or.2024.8816).
func doiFromName(id string) string {
	if !strings.HasPrefix(id, "10.") {
		return ""
	}
	prefix, suffix, ok := strings.Cut(id, "_")
	if !ok || suffix == "" || !isDigits(strings.TrimPrefix(prefix, "10.")) || len(prefix) < 7 {
		return ""
	}
	return prefix + "/" + suffix
}
