package extract

import (
	gomath "math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/lazyre"
	"github.com/chemores/chemores/internal/textutil"
)

// refLine is one line of the reference list.
type refLine struct {
	text   string
	page   int
	src    int     // code point offset of text in the source; -1 if unknown
	indent float64 // ems right of the column's edge; NaN if unknown
	opens  bool    // the line opens a block: a blank line (or a gap) before it
}

// entry is a reference's raw text before parsing.
type entry struct {
	n    int
	text string
	src  int
}

func refLinesOf(blocks []Block) []refLine {
	var out []refLine
	for _, blk := range blocks {
		for i, l := range blk.Lines() {
			text := strings.TrimSpace(l.Text)
			if text == "" {
				continue
			}
			src := l.Src
			if src >= 0 {
				src += utf8.RuneCountInString(l.Text[:strings.Index(l.Text, text)])
			}
			ind := gomath.NaN()
			if len(l.Indent) == 1 {
				ind = l.Indent[0]
			}
			out = append(out, refLine{text: text, page: l.Page, src: src, indent: ind, opens: i == 0})
		}
	}
	return out
}

// entryStart matches the label that opens a numbered entry: "12. ",
// "[12] ", "(12) ", "12) ", "12 ".
var entryStart = lazyre.New(`^\s*[\[(]?(\d{1,5})(?:[.)\]]\s*|\s+)(\S)`)

var (
	decimal   = lazyre.New(`^\d+\.\d`)
	parenYear = lazyre.New(`^\((?:1[89]|20)\d{2}[a-z]?\)`)
)

// labelOnly matches a line that holds nothing but an entry's label, as
// when the labels stand in a column of their own.
var labelOnly = lazyre.New(`^[\[(]?(\d{1,5})[.)\]]?$`)

func entryNumber(line string) (int, bool) {
	m := entryStart().FindStringSubmatch(line)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// label reads the label of a line: its number, the text after it, and
// whether the line holds the label alone.
func label(line string) (n int, body string, alone bool, ok bool) {
	if decimal().MatchString(line) {
		return 0, "", false, false // a DOI or a number ("10.1080/…", "2.5 mg")
	}
	if parenYear().MatchString(line) {
		return 0, "", false, false // "(2012). Title": an author–year list's year
	}
	if m := labelOnly().FindStringSubmatch(line); m != nil {
		n, _ = strconv.Atoi(m[1])
		return n, "", true, true
	}
	loc := entryStart().FindStringSubmatchIndex(line)
	if loc == nil {
		return 0, "", false, false
	}
	n, _ = strconv.Atoi(line[loc[2]:loc[3]])
	return n, line[loc[4]:], false, true
}

// numbered decides whether the list is numbered: it opens with label 1,
// or its lines open with a run of at least three labels in order.
func numbered(lines []refLine) bool {
	if len(lines) > 0 {
		if n, _, _, ok := label(lines[0].text); ok && n == 1 {
			return true // a short list that starts at 1
		}
	}
	prev, run := 0, 0
	for _, l := range lines {
		n, _, _, ok := label(l.text)
		if !ok {
			continue
		}
		switch {
		case prev == 0 && n <= 5 || prev > 0 && n > prev && n <= prev+5:
			run++
			prev = n
		case prev == 0:
			prev, run = n, 1 // a list that starts mid-way (a column read out of order)
		}
		if run >= 3 {
			return true
		}
	}
	return false
}

// splitEntries cuts the reference list into entries: at labels in
// order for a numbered list, at the start of each author list for an
// unnumbered (author–year) one.
func (b *builder) splitEntries(blocks []Block) []entry {
	lines := refLinesOf(blocks)
	if numbered(lines) {
		return b.splitNumbered(lines)
	}
	b.authorYear = true
	return splitUnnumbered(lines)
}

// splitNumbered opens an entry at each label that follows the previous
// one (a few missing numbers are tolerated and reported). Labels printed
// in a column of their own arrive as lines holding only the label,
// sometimes all of a page's labels before their texts: they queue, and
// each text that reads as the start of a reference takes the next one.
func (b *builder) splitNumbered(lines []refLine) []entry {
	var (
		out     []entry
		prev    int
		pending []int
		fromQ   bool // the open entry took its label from the queue
	)
	hang := hangingIndents(lines)
	width := listWidth(lines)
	used := map[int]bool{}
	lowest := 1 // the smallest label not seen yet
	for i, l := range lines {
		n, body, alone, ok := label(l.text)
		first := prev == 0 && len(out) == 0 && len(pending) == 0
		if ok && alone && !(n == prev+1 || first && n <= 5) {
			ok = false // a number alone that is not the next label: a page number
		}
		// A label opens an entry when it follows the previous one, or
		// when the text was read out of order (a converter that reads a
		// last page's columns right to left: 25–35 before 1–24) and it is
		// the lowest label not yet seen, a bracketed one, or one followed
		// by an author list, not yet seen.
		inOrder := first || n > prev && n <= prev+5
		restart := n == lowest || strings.HasPrefix(l.text, "[") || !alone && startsAuthors(body) && n <= 4*len(out)+50
		if ok && !used[n] && (inOrder || restart) {
			for missing := prev + 1; inOrder && missing < n && len(out) > 0; missing++ {
				b.diag(Warning, "reference-missing", "reference "+strconv.Itoa(missing), "number skipped in the reference list")
			}
			prev = n
			used[n] = true
			for used[lowest] {
				lowest++
			}
			if alone {
				pending = append(pending, n)
				continue
			}
			for _, m := range pending {
				b.diag(Warning, "reference-empty", "reference "+strconv.Itoa(m), "label without text in the reference list")
			}
			pending = nil
			src := l.src
			if src >= 0 {
				src += utf8.RuneCountInString(l.text[:len(l.text)-len(body)])
			}
			out = append(out, entry{n: n, text: body, src: src})
			fromQ = false
			continue
		}
		// A queued label goes to the next text that starts an entry: in a
		// PDF, a new block after a line that could end one (the layout
		// sets each entry apart), or an author list after such a line.
		if len(pending) > 0 && (len(out) == 0 || !fromQ || l.opens && !isNaN(l.indent) && i > 0 && endsEntry(lines[i-1].text) || opensEntry(lines, i, hang, lastText(out))) {
			out = append(out, entry{n: pending[0], text: l.text, src: l.src})
			pending = pending[1:]
			fromQ = true
			continue
		}
		if len(out) == 0 {
			continue // material before the first entry
		}
		last := &out[len(out)-1]
		if width > 0 && isNaN(l.indent) && utf8.RuneCountInString(l.text) > width*3/2 && endsEntry(last.text) {
			// Plain text much wider than the list's lines after a
			// finished entry: the body, which a converter read between
			// the list's pieces (a side column of references, as the
			// Royal Society sets them).
			continue
		}
		last.text = joinEntryLine(last.text, l.text)
	}
	// Entries read out of order are put back in the list's order.
	sort.SliceStable(out, func(a, b int) bool { return out[a].n < out[b].n })
	return out
}

// splitUnnumbered cuts an author–year list: an entry opens where a line
// starts with an author list (or, in a list set with hanging indents,
// wherever a line starts flush) after a line that could end an entry.
// Entries are numbered in printed order.
func splitUnnumbered(lines []refLine) []entry {
	var out []entry
	hang := hangingIndents(lines)
	closed := false // a link label ended the last entry (F1000)
	for i, l := range lines {
		if len(out) == 0 || opensEntry(lines, i, hang, lastText(out)) {
			if len(out) == 0 && !startsAuthors(l.text) && !collective().MatchString(l.text) {
				continue // text before the first entry
			}
			out = append(out, entry{n: len(out) + 1, text: l.text, src: l.src})
			closed = false
			continue
		}
		if closed {
			continue // text between entries: a note, a funding statement
		}
		last := &out[len(out)-1]
		last.text = joinEntryLine(last.text, l.text)
		closed = isLinkLabel(l.text)
	}
	return out
}

func isNaN(f float64) bool { return f != f }

// hanging reads a list set with hanging indents, an entry's first line
// left of its other lines, when the layout gave the lines' indents. The
// flush level is where the current entries start; it moves with the
// left edge from page to page and column to column.
type hanging struct {
	on    bool
	level float64
}

// hangingIndents says whether the list is set with hanging indents:
// lines step in and out by half an em or more, again and again.
func hangingIndents(lines []refLine) *hanging {
	ups, downs := 0, 0
	for i := 1; i < len(lines); i++ {
		a, b := lines[i-1].indent, lines[i].indent
		if isNaN(a) || isNaN(b) || lines[i-1].page != lines[i].page {
			continue
		}
		switch d := b - a; {
		case d >= 0.5 && d <= 5:
			ups++
		case d <= -0.5 && d >= -5:
			downs++
		}
	}
	return &hanging{on: ups >= 3 && downs >= 3 && 4*(ups+downs) >= len(lines), level: gomath.NaN()}
}

// opensEntry says whether line i starts a new unnumbered entry. Under
// hanging indents, a line left of the flush level, or stepping out from
// the line before, starts one and sets the level; a flush line starts
// one after a line that could end an entry; an indented line goes on
// with the entry, unless an entry plainly starts there (the first line
// of a page whose left edge moved). Without indents, an author list
// after a line that could end an entry starts one.
func opensEntry(lines []refLine, i int, h *hanging, entry string) bool {
	l := lines[i]
	prev := lines[i-1]
	if entry != "" && !endsEntry(prev.text) && endsEntry(entry) {
		// Whether the entry so far could end is read on its text too,
		// where a DOI cut by the line break is whole again ("…/jf03"
		// "0723c").
		prev.text = entry
	}
	if h.on && !isNaN(l.indent) {
		if isNaN(h.level) {
			h.level = prev.indent // the list's first line is flush
		}
		plain := endsEntry(prev.text) && (collectiveYear().MatchString(l.text) || startsAuthors(l.text) && anyYear().MatchString(l.text))
		stepOut := !isNaN(prev.indent) && prev.page == l.page && prev.indent-l.indent >= 0.5
		switch {
		case l.indent < h.level-0.4 || stepOut:
			h.level = l.indent
			return true
		case l.indent > h.level+0.5:
			if plain {
				h.level = l.indent
			}
			return plain
		default:
			// Flush: a new entry where an author list starts, or after
			// an entry's indented last line.
			return startsAuthors(l.text) || plain || endsEntry(prev.text) && prev.indent > h.level+0.5
		}
	}
	if !endsEntry(prev.text) {
		return false
	}
	return startsAuthors(l.text)
}

// endsEntry: the line could be the last of an entry: it ends with a
// period, a closing bracket, a digit (a page, a year), a DOI or a URL, or
// it is a link label such as "Publisher Full Text".
func endsEntry(s string) bool {
	if isLinkLabel(s) {
		return true
	}
	s = strings.TrimRight(s, " *")
	if last := s[strings.LastIndexByte(s, ' ')+1:]; inIdentifier(last) && cutIdentifier(last) {
		return false // a DOI or URL that the line cut ("…10.1016/j.")
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case r == '.' || r == ')' || r == ']' || unicode.IsDigit(r):
		return true
	case r == ',' || r == ';' || r == ':' || r == '-' || r == '&':
		return false
	}
	last := s[strings.LastIndexByte(s, ' ')+1:]
	return strings.Contains(last, "10.") && strings.Contains(last, "/") || strings.HasPrefix(last, "http")
}

var linkLabelLine = lazyre.New(`^(?i:(?:\[?(?:Publisher Full Text|PubMed Abstract|Free Full Text|Reference Source|Google Scholar|CrossRef|PubMed|Full Text|PMC Free Article|Green Version)\]?[\s|]*)+)$`)

func isLinkLabel(s string) bool { return linkLabelLine().MatchString(s) }

// startsAuthors: the line opens with a name of one of the forms, followed
// by another name, "et al", a year or the end of the author list.
func startsAuthors(s string) bool {
	for _, form := range nameForms {
		if _, n := matchName(s, form); n > 0 {
			rest := s[n:]
			if etAlRe().MatchString(rest) || strings.TrimSpace(rest) == "" {
				return true
			}
			if sep := nameSep().FindStringIndex(rest); sep != nil {
				if _, m := matchName(rest[sep[1]:], form); m > 0 {
					return true
				}
			}
			t := strings.TrimLeft(rest, " ,")
			if strings.HasPrefix(t, "(") || len(t) >= 4 && isDigits(t[:4]) || strings.HasPrefix(t, ":") || strings.HasPrefix(t, ".") && form != formVancouver {
				return true
			}
			if form == formVancouver && (strings.HasPrefix(t, ".") || strings.HasPrefix(rest, ",")) {
				return true
			}
			if form == formInverted && s[n-1] == '.' && startsUpperOrDigit(t) && strings.HasPrefix(rest, " ") {
				return true // one author and the title: "Suffness, M. Taxol: …"
			}
		}
	}
	// An organization as author with the year after it: "IARC. (1999).",
	// "World Health Organization. 2019." (not "Circ Res 1998," nor
	// "Biotechnol. 2001, 56," a journal and year that a wrapped line
	// starts with)
	return collectiveYear().MatchString(s)
}

var collectiveYear = lazyre.New(`^\p{Lu}[\p{L}&\-]*(?:\s+(?:\p{Lu}[\p{L}&\-]*|of|and|for|the|on|\[\p{Lu}+\]|\(\p{Lu}+\))){0,8}(?:[.:]\s+(?:\((?:1[5-9]|20)\d{2}[a-z]?\)[.,]|(?:1[5-9]|20)\d{2}[a-z]?\.)|\s+\((?:1[5-9]|20)\d{2}[a-z]?\)[.,])`)

// joinEntryLine appends a wrapped line to an entry: glued after a
// hyphen that split a word, or inside a DOI or URL that the line break
// cut ("10.1016/j.foodchem.2010." + "12.157"); with a space otherwise.
func joinEntryLine(text, line string) string {
	if isLinkLabel(line) {
		return text + " " + line
	}
	last := text[strings.LastIndexByte(text, ' ')+1:]
	if strings.HasSuffix(text, "-") && textutil.StartsLower(line) && !inIdentifier(last) {
		return text + line
	}
	if inIdentifier(last) && continuesIdentifier(last, line) {
		return text + line
	}
	return text + " " + line
}

// inIdentifier: the token is a DOI or a URL.
func inIdentifier(tok string) bool {
	t := strings.TrimLeft(tok, "(<[")
	return strings.HasPrefix(t, "10.") && strings.Contains(t, "/") || strings.HasPrefix(t, "http") || strings.HasPrefix(t, "doi.org/") || strings.HasPrefix(t, "www.")
}

// continuesIdentifier: the next line goes on with the identifier when
// the cut fell after a separator, or the next token cannot start prose
// (a digit, a lower-case run with no vowel-word shape, a symbol).
func continuesIdentifier(tok, line string) bool {
	next := line
	if i := strings.IndexByte(line, ' '); i >= 0 {
		next = line[:i]
	}
	if next == "" || isLinkLabel(line) {
		return false
	}
	if strings.HasSuffix(tok, ".") && len(next) > 1 && unicode.IsUpper(rune(next[0])) {
		return false // "10.1/x." then "Smith J" or a new sentence
	}
	switch tok[len(tok)-1] {
	case '/', '-', '_', '.', '(', '=', '?', '&':
		return true
	}
	r, _ := utf8.DecodeRuneInString(next)
	if r == '-' || r == '(' && len(next) > 2 && unicode.IsDigit(rune(next[1])) {
		return true // "…90268" "-8", "…0302" "(05)73024-1"
	}
	if unicode.IsDigit(r) {
		return !strings.HasSuffix(next, ".") || strings.ContainsAny(next[:len(next)-1], ".-/")
	}
	return unicode.IsLower(r) && strings.ContainsAny(next, "./-_0123456789") && !strings.HasSuffix(tok, ",")
}

// modeOf is the most common key (the smaller one on a tie).
func modeOf(m map[float64]int) float64 {
	best, bestN := 0.0, -1
	for k, n := range m {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}

// cutIdentifier: a DOI or URL at a line's end that cannot be whole: it
// ends in a slash or hyphen, or in a period with no digit after its last
// slash ("10.1016/j.", "https://doi."), where a whole DOI ends in its own
// characters ("…/jf030723c.", "…/j.1365-2966.2008.13422.x.").
func cutIdentifier(tok string) bool {
	switch tok[len(tok)-1] {
	case '/', '-':
		return true
	case '.':
		return !strings.ContainsAny(tok[strings.LastIndexByte(tok, '/')+1:], "0123456789")
	}
	return false
}

// listWidth is the usual length of the lines that open numbered entries,
// in code points, or 0 when there are too few to tell.
func listWidth(lines []refLine) int {
	var ns []int
	for _, l := range lines {
		if _, body, alone, ok := label(l.text); ok && !alone && body != "" {
			ns = append(ns, utf8.RuneCountInString(l.text))
		}
	}
	if len(ns) < 5 {
		return 0
	}
	sort.Ints(ns)
	return ns[len(ns)/2]
}

// lastText is the text of the entry being read, or "".
func lastText(out []entry) string {
	if len(out) == 0 {
		return ""
	}
	return out[len(out)-1].text
}
