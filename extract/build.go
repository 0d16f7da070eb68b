package extract

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/textutil"
)

// Build assembles a Document from blocks in reading order. Text and PDF
// sources both come through here, so the structure, citation and
// reference parsers exist once.
func Build(ctx context.Context, blocks []Block, src Source) (*Document, error) {
	b := &builder{
		doc: &Document{
			Schema:      SchemaVersion,
			Source:      src,
			Sections:    []*Section{},
			Paragraphs:  []Paragraph{},
			Figures:     []Figure{},
			FigureCalls: []FigureCall{},
			Citations:   []Citation{},
			References:  []Reference{},
			Diagnostics: []Diagnostic{},
		},
	}
	b.doc.Front.Authors = []Author{}
	b.doc.Front.Affiliations = []Affiliation{}
	b.doc.Front.Keywords = []string{}
	b.doc.Front.Funding = []Funding{}
	b.plainText = src.Format == "text" && !markedUp(blocks)
	if err := b.run(ctx, splitHeadingLines(blocks)); err != nil {
		return nil, err
	}
	return b.doc, nil
}

type builder struct {
	doc   *Document
	front []Block // front-matter blocks, in order

	ids     map[string]bool // section ids taken
	nextID  map[string]int  // the suffix uniqueID tries next for an id
	stack   []*Section      // open numbered sections, outermost first
	section *Section        // where paragraphs go now
	runIns  map[*Section]int

	open     *draft // paragraph that may continue on the next page
	drafts   []*draft
	captions []caption

	numbered     bool    // a numbered heading was seen: shape alone is not enough
	authorYear   bool    // the reference list is unnumbered: callouts name authors and years
	plainText    bool    // text with no markup: superscripts may be plain digits
	equal        string  // marks that the legend says mean equal contribution
	abstract     []Block // abstract paragraphs
	abstractOpen bool    // an "Abstract" heading: blocks follow until a field
}

// draft is a paragraph before cleaning: the blocks it was rejoined from.
type draft struct {
	section *Section
	parts   []Block
	text    string // cleaned text of the last part
	kind    string // section kind: body, back, abstract
	runIn   bool   // may start with a run-in heading
	id      string // paragraph id once cleaned
}

type caption struct {
	block Block
	after *draft
	sec   *Section
}

func (b *builder) run(ctx context.Context, blocks []Block) error {
	refs, refsEnd := referencesStart(blocks)
	if n := textSize(blocks); refs < 0 && n < minArticle {
		return fmt.Errorf("%w: no reference list, and only %d characters of text: too little to be an article", ErrInput, n)
	}
	body, list := blocks, []Block(nil)
	if refs >= 0 {
		var back []Block
		list, back = splitAfterReferences(blocks[refs+1 : refsEnd])
		body = append(blocks[:refs:refs], back...)
		// A supplement's own reference list and what follows it are
		// back matter.
		body = append(body, blocks[refsEnd:]...)
	} else {
		b.diag(Warning, "no-reference-list", "document",
			"no reference list found (no \"References\" heading followed by entries): the text and structure are kept without references")
	}
	inBody := false
	for i, blk := range body {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		text := CleanText(blk.Text)
		if text == "" {
			continue
		}
		if isFrontNote(text) {
			b.front = append(b.front, blk)
			continue
		}
		if isTOC(blk) {
			continue
		}
		if h, ok := asHeading(blk, text); ok && !(h.plain && (b.numbered || !inBody)) {
			inBody = true
			b.numbered = b.numbered || h.number != ""
			b.heading(h)
			continue
		}
		if !inBody {
			b.front = append(b.front, blk)
			continue
		}
		if isCaption(text) {
			b.captions = append(b.captions, caption{block: blk, after: b.last(), sec: b.section})
			continue
		}
		b.paragraph(blk, text)
	}
	// Each step of the rest is linear in the text; a cancelled run (Ctrl-C
	// on a long text) stops between them and inside the long ones.
	for _, step := range []func(){b.parseFront, b.paragraphs, b.figures, func() { b.references(ctx, list) }, b.citations, b.funding, b.checkReferences} {
		if err := ctx.Err(); err != nil {
			return err
		}
		step()
	}
	return ctx.Err()
}

// splitAfterReferences tells the reference list from the back matter
// printed after it or in its middle (a two-column page read in order
// can put "Acknowledgements" between two entries): a back-matter heading
// leaves the list, and a block that starts like an entry returns to it.
func splitAfterReferences(blocks []Block) (list, back []Block) {
	inList := true
	for _, blk := range blocks {
		if mayBeHeading(blk) {
			if h, ok := asHeading(blk, CleanText(blk.Text)); ok && h.back != "" {
				inList = false
				back = append(back, blk)
				continue
			}
		}
		if !inList && resumesList(blk) {
			inList = true
		}
		if inList {
			list = append(list, blk)
		} else {
			back = append(back, blk)
		}
	}
	return list, back
}

// resumesList: the block opens with an entry (an author list, or a
// label, and a year).
func resumesList(blk Block) bool {
	first := strings.TrimSpace(blk.Lines()[0].Text)
	if !anyYear().MatchString(blk.Text) {
		return false
	}
	if _, body, alone, ok := label(first); ok && !alone {
		return startsAuthors(body)
	}
	return startsAuthors(first)
}

// minArticle is the least text (in bytes) that makes an article: less
// is a note, a cover page or a scan with a few words of text.
const minArticle = 400

func textSize(blocks []Block) int {
	n := 0
	for _, b := range blocks {
		n += len(strings.TrimSpace(b.Text))
	}
	return n
}

// referencesStart returns the index of the references heading
// ("References", "Literature Cited", "REFERÊNCIAS", "7. References")
// that heads the longest run of entries (lines with a year), or -1, and
// where its list ends: at the next such heading, or the end. The
// article's own list is the longest: a supplement may print a short
// list of its own after it, and a figure or table may hold the word.
func referencesStart(blocks []Block) (start, end int) {
	var heads []int
	for i := range blocks {
		if mayBeHeading(blocks[i]) && referencesHeading(blocks[i].Text) && referencesFollow(blocks[i+1:]) {
			heads = append(heads, i)
		}
	}
	best, bestEnd, bestN := -1, len(blocks), -1
	for k, i := range heads {
		end := len(blocks)
		if k+1 < len(heads) {
			end = heads[k+1]
		}
		n := 0
		for _, b := range blocks[i+1 : end] {
			for _, l := range b.Lines() {
				if anyYear().MatchString(l.Text) {
					n++
				}
			}
		}
		if n >= bestN {
			best, bestEnd, bestN = i, end, n
		}
	}
	return best, bestEnd
}

func referencesHeading(text string) bool {
	t := CleanText(text)
	if m := numberedHeading().FindStringSubmatch(t); m != nil {
		t = m[2]
	} else if m := romanHeading().FindStringSubmatch(t); m != nil && m[1] != "" {
		t = m[2]
	}
	return textutil.ReferenceHeadings[textutil.HeadingKey(t)]
}

// referencesFollow: among the first lines after a heading, some carry a
// year, a DOI or an entry label: what reference entries hold.
func referencesFollow(blocks []Block) bool {
	seen, hits := 0, 0
	for _, blk := range blocks {
		for _, l := range blk.Lines() {
			seen++
			t := l.Text
			if anyYear().MatchString(t) || strings.Contains(t, "10.") && strings.Contains(t, "/") {
				hits++
			} else if _, _, _, ok := label(strings.TrimSpace(t)); ok {
				hits++
			}
			if hits >= 2 {
				return true
			}
			if seen >= 12 {
				return false
			}
		}
	}
	return hits > 0 && hits == seen // a list of one entry
}

// mayBeHeading is a cheap test that spares cleaning long blocks.
func mayBeHeading(b Block) bool {
	return len(b.Text) < 300 && !strings.Contains(strings.TrimSpace(b.Text), "\n")
}

func (b *builder) last() *draft {
	if len(b.drafts) == 0 {
		return nil
	}
	return b.drafts[len(b.drafts)-1]
}

func (b *builder) heading(h heading) {
	b.open = nil
	switch {
	case h.refs:
		return
	case h.back != "":
		s := &Section{ID: "back." + h.back, Title: h.title, Kind: KindBack, Children: []*Section{}}
		s.ID = b.uniqueID(s.ID)
		b.doc.Sections = append(b.doc.Sections, s)
		b.stack = nil
		b.section = s
		return
	}
	s := &Section{Number: h.number, Title: h.title, Kind: KindBody, Children: []*Section{}}
	depth := 1
	if h.number != "" {
		depth = strings.Count(h.number, ".") + 1
	}
	if depth > len(b.stack)+1 {
		depth = len(b.stack) + 1
	}
	b.stack = b.stack[:depth-1]
	if h.number != "" {
		s.ID = "s" + h.number
	} else {
		s.ID = "s" + strconv.Itoa(b.countTop()+1)
		if depth > 1 {
			parent := b.stack[len(b.stack)-1]
			s.ID = fmt.Sprintf("%s.%d", parent.ID, len(parent.Children)+1)
		}
	}
	s.ID = b.uniqueID(s.ID)
	if depth == 1 {
		b.doc.Sections = append(b.doc.Sections, s)
	} else {
		parent := b.stack[len(b.stack)-1]
		parent.Children = append(parent.Children, s)
	}
	b.stack = append(b.stack, s)
	b.section = s
}

func (b *builder) countTop() int {
	n := 0
	for _, s := range b.doc.Sections {
		if s.Kind == KindBody {
			n++
		}
	}
	return n
}

// uniqueID suffixes an id already taken ("back.funding-2") and claims
// the result.
func (b *builder) uniqueID(id string) string {
	if b.ids == nil {
		b.ids = map[string]bool{}
		b.nextID = map[string]int{}
	}
	out := id
	// The suffix to try next is remembered per id: a long text that
	// repeats a heading thousands of times stays linear.
	for n := max(b.nextID[id], 2); b.ids[out]; n++ {
		out = id + "-" + strconv.Itoa(n)
		b.nextID[id] = n + 1
	}
	b.ids[out] = true
	return out
}

// paragraph adds a body or back-matter block, continuing the open
// paragraph when a page or column break split it: the open one did not
// end a sentence, or this one starts in lower case.
func (b *builder) paragraph(blk Block, text string) {
	if b.section == nil {
		b.heading(heading{title: ""}) // text before any heading
	}
	if b.open != nil && b.open.section == b.section && continues(b.open.text, text) {
		b.open.parts = append(b.open.parts, blk)
		b.open.text = text
		return
	}
	d := &draft{section: b.section, parts: []Block{blk}, text: text, kind: b.section.Kind, runIn: b.section.Kind == KindBody}
	b.drafts = append(b.drafts, d)
	b.open = d
}

// continues reports whether next continues the paragraph whose last
// part reads prev (both cleaned).
func continues(prev, next string) bool {
	if prev == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) {
		return true
	}
	return !textutil.EndsSentence(prev)
}

// paragraphs cleans the drafts into Paragraphs, splitting off run-in
// headings into subsections.
func (b *builder) paragraphs() {
	b.runIns = map[*Section]int{}
	current := map[*Section]*Section{} // the run-in subsection open in a section
	for _, d := range b.drafts {
		p := joinParts(d.parts)
		sec := d.section
		if d.runIn {
			if title, at, ok := runIn(p.Text); ok {
				current[d.section] = b.addRunIn(d.section, title)
				p = trimStart(p, at)
			}
			if s := current[d.section]; s != nil {
				sec = s
			}
		}
		if p.Text == "" {
			continue
		}
		p.ID = "p" + strconv.Itoa(len(b.doc.Paragraphs)+1)
		p.Section = sec.ID
		b.doc.Paragraphs = append(b.doc.Paragraphs, p)
		d.section = sec
		d.id = p.ID
	}
}

func (b *builder) addRunIn(parent *Section, title string) *Section {
	b.runIns[parent]++
	s := &Section{
		ID:       fmt.Sprintf("%s.r%d", parent.ID, b.runIns[parent]),
		Title:    title,
		Kind:     KindRunIn,
		Children: []*Section{},
	}
	parent.Children = append(parent.Children, s)
	return s
}

// joinParts cleans each part and joins them with a space (no space after
// a hyphen that ended a part: "chemo-" + "resistance"), keeping the
// alignment to the source.
func joinParts(parts []Block) Paragraph {
	var (
		text  strings.Builder
		n     int
		align [][2]int
		p     Paragraph
	)
	p.Src = [2]int{-1, -1}
	for i, part := range parts {
		t, a := Clean(part.Text, part.Src)
		if t == "" {
			continue
		}
		if n > 0 && !(strings.HasSuffix(text.String(), "-") && textutil.StartsLower(t)) {
			text.WriteByte(' ')
			n++
		}
		if part.Src >= 0 {
			if i == 0 {
				p.Src[0] = part.Src
			} else {
				align = append(align, [2]int{n, part.Src})
			}
			for _, x := range a {
				align = append(align, [2]int{x[0] + n, x[1]})
			}
			p.Src[1] = part.Src + utf8.RuneCountInString(part.Text)
		}
		text.WriteString(t)
		n += utf8.RuneCountInString(t)
	}
	p.Text = text.String()
	if p.Src[0] < 0 {
		p.Src = [2]int{}
	}
	p.Align = simplify(align, p.Src[0])
	return p
}

// simplify drops anchors that the previous anchor (or the start) already
// implies.
func simplify(align [][2]int, start int) [][2]int {
	var out [][2]int
	prev := [2]int{0, start}
	for _, a := range align {
		if prev[1]+(a[0]-prev[0]) == a[1] {
			continue
		}
		if len(out) > 0 && out[len(out)-1][0] == a[0] {
			out[len(out)-1] = a
		} else {
			out = append(out, a)
		}
		prev = a
	}
	return out
}

// trimStart removes the first k code points of a paragraph's text.
func trimStart(p Paragraph, k int) Paragraph {
	rs := []rune(p.Text)
	if k > len(rs) {
		k = len(rs)
	}
	newStart := SourceOffset(p.Align, p.Src[0], k)
	var align [][2]int
	for _, a := range p.Align {
		if a[0] > k {
			align = append(align, [2]int{a[0] - k, a[1]})
		}
	}
	if p.Src != [2]int{} {
		p.Src[0] = newStart
	}
	p.Text = string(rs[k:])
	p.Align = simplify(align, p.Src[0])
	return p
}

// markedUp: the text writes superscripts as markup (^{1}, ¹), as the
// seed's conversion does; then plain digits after a word are not
// callouts.
func markedUp(blocks []Block) bool {
	for _, b := range blocks {
		if strings.Contains(b.Text, "^{") || strings.ContainsAny(b.Text, "¹²³⁴⁵⁶⁷⁸⁹") {
			return true
		}
	}
	return false
}
