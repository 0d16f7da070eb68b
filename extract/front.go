package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/lazyre"
)

var (
	doiPattern      = lazyre.New(`\b10\.\d{4,9}/[^\s"<>]+`)
	emailPattern    = lazyre.New(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)
	datePattern     = lazyre.New(`(?i)\b(received|revised|accepted|published(?: online)?|epub)\b[:\s]*(?:on\s+)?([A-Za-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Za-z]+\.? \d{4}|\d{4}-\d{2}-\d{2})`)
	keywordsPrefix  = lazyre.New(`(?i)^(key\s*words?|keywords|index terms)\s*[:.]\s*`)
	abstractPrefix  = lazyre.New(`(?i)^abstract\b\s*[.:]?\s*`)
	correspondPref  = lazyre.New(`(?i)^(?:\*\s*)?(correspondence(?: to)?|corresponding author|address correspondence to)\s*[:.]?\s*`)
	emailPrefix     = lazyre.New(`(?i)^e-?mail(?: address(?:es)?)?\s*[:.]?\s*`)
	equalLegend     = lazyre.New(`(?i)^([*†‡§#]+)\s*(?:these authors\s+)?contributed equally`)
	personTitles    = lazyre.New(`^(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Miss)\.?\s+)+`)
	affiliationMark = lazyre.New(`^(?:\^\{([^}]*)\}|([¹²³⁴⁵⁶⁷⁸⁹⁰]+)|(\d{1,2})(?:\s|\p{Lu})|([a-h])\s)`)
)

// isFrontNote reports the first-page footnotes that a layout may place
// anywhere in reading order (bottom of the first column): correspondence,
// e-mail, equal-contribution legend, keywords.
func isFrontNote(text string) bool {
	return correspondPref().MatchString(text) || emailPrefix().MatchString(text) ||
		equalLegend().MatchString(text) || keywordsPrefix().MatchString(text)
}

func (b *builder) parseFront() {
	f := &b.doc.Front
	var rest []Block
	blocks := splitNotes(b.front)
	title := titleBlocks(blocks)
	f.DOI = articleDOI(blocks)
	for i, blk := range blocks {
		text := CleanText(blk.Text)
		switch {
		case title[i]:
			t, byline := splitByline(blk)
			f.Title = strings.TrimSpace(f.Title + " " + strings.Join(strings.Fields(CleanText(t)), " "))
			if byline.Text != "" {
				rest = append(rest, byline)
			}
		case correspondPref().MatchString(text):
			b.correspondence(correspondPref().ReplaceAllString(text, ""))
		case emailPrefix().MatchString(text):
			if f.Correspondence == nil {
				f.Correspondence = &Correspondence{}
			}
			f.Correspondence.Email = emailPattern().FindString(text)
		case equalLegend().MatchString(text):
			b.equal = equalLegend().FindStringSubmatch(text)[1]
		case keywordsPrefix().MatchString(text):
			for _, k := range splitList(keywordsPrefix().ReplaceAllString(text, "")) {
				f.Keywords = append(f.Keywords, strings.TrimRight(k, "."))
			}
		case abstractPrefix().MatchString(text) && b.abstract == nil:
			body := abstractPrefix().ReplaceAllString(text, "")
			b.abstract = append(b.abstract, blk)
			if body == "" {
				b.abstractOpen = true
			}
			f.Abstract = body
		case strings.EqualFold(strings.TrimSpace(text), "contents"):
			b.abstractOpen = false
		default:
			if b.frontFields(text) {
				b.abstractOpen = false
				continue
			}
			if b.abstractOpen {
				b.abstract = append(b.abstract, blk)
				f.Abstract = strings.TrimSpace(f.Abstract + "\n\n" + text)
				continue
			}
			rest = append(rest, blk)
		}
	}
	b.byline(rest)
	b.linkCorrespondence()
	if len(b.abstract) > 0 {
		b.abstractParagraphs()
	}
}

// splitNotes cuts a block whose lines start different first-page notes
// ("Correspondence to: ...", "E-mail: ...", "Key words: ...", set without
// blank lines between them, as a PDF layout may give them) into one block
// per note; a line that starts no note continues the one before.
func splitNotes(blocks []Block) []Block {
	var out []Block
	for _, blk := range blocks {
		lines := blk.Lines()
		if len(lines) < 2 || !isFrontNote(CleanText(lines[0].Text)) {
			out = append(out, blk)
			continue
		}
		for _, l := range lines {
			if len(out) > 0 && !isFrontNote(CleanText(l.Text)) {
				out[len(out)-1].Text += "\n" + l.Text
				continue
			}
			out = append(out, l)
		}
	}
	return out
}

// frontFields takes the one-line fields: dates, DOI. It reports whether
// the text was one.
func (b *builder) frontFields(text string) bool {
	f := &b.doc.Front
	taken := false
	for _, m := range datePattern().FindAllStringSubmatch(text, -1) {
		iso := isoDate(m[2])
		switch strings.ToLower(strings.Fields(m[1])[0]) {
		case "received":
			f.Received = iso
		case "accepted":
			f.Accepted = iso
		case "published", "epub":
			f.Published = iso
		}
		taken = true
	}
	if strings.HasPrefix(strings.ToLower(text), "doi") || strings.HasPrefix(text, "https://doi.org/") {
		if d := doiPattern().FindString(text); d != "" && len(text) < 120 {
			if f.DOI == "" {
				f.DOI = trimDOI(d)
			}
			taken = true
		}
	}
	return taken
}

// byline finds the author list and the affiliations among the front
// blocks left after the labelled fields.
func (b *builder) byline(blocks []Block) {
	f := &b.doc.Front
	for _, blk := range blocks {
		raw := strings.TrimSpace(blk.Text)
		switch {
		case len(f.Authors) == 0 && looksLikeByline(raw):
			f.Authors = parseByline(raw)
		case len(f.Authors) > 0 && affiliationMark().MatchString(raw):
			f.Affiliations = append(f.Affiliations, parseAffiliations(raw)...)
		}
	}
	for i := range f.Authors {
		var labels []string
		for _, m := range f.Authors[i].Affiliations {
			if b.equal != "" && strings.Contains(b.equal, m) {
				f.Authors[i].EqualContrib = true
				continue
			}
			if m == "*" || m == "†" || m == "‡" || m == "§" || m == "#" {
				continue
			}
			labels = append(labels, m)
		}
		if labels == nil {
			labels = []string{}
		}
		f.Authors[i].Affiliations = labels
	}
}

func (b *builder) correspondence(text string) {
	c := &Correspondence{}
	if b.doc.Front.Correspondence != nil {
		c = b.doc.Front.Correspondence
	}
	if e := emailPattern().FindString(text); e != "" {
		c.Email = e
		text = strings.TrimSpace(strings.Replace(text, e, "", 1))
		text = strings.TrimRight(emailPrefixAnywhere().ReplaceAllString(text, ""), " ,;.")
	}
	name, addr, _ := strings.Cut(text, ",")
	c.Name = strings.TrimSpace(personTitles().ReplaceAllString(strings.TrimSpace(name), ""))
	c.Address = strings.TrimSpace(addr)
	b.doc.Front.Correspondence = c
}

var emailPrefixAnywhere = lazyre.New(`(?i)[,;]?\s*e-?mail\s*:?\s*$`)

// linkCorrespondence marks the corresponding author in the byline.
func (b *builder) linkCorrespondence() {
	c := b.doc.Front.Correspondence
	if c == nil || c.Name == "" {
		return
	}
	want := nameKey(c.Name)
	for i, a := range b.doc.Front.Authors {
		if nameKey(a.Name) == want {
			b.doc.Front.Authors[i].Corresponding = true
			b.doc.Front.Authors[i].Email = c.Email
		}
	}
}

func nameKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (b *builder) abstractParagraphs() {
	s := &Section{ID: "abstract", Title: "Abstract", Kind: KindAbstract, Children: []*Section{}}
	b.doc.Sections = append([]*Section{s}, b.doc.Sections...)
	var ps []Paragraph
	for _, blk := range b.abstract {
		p := joinParts([]Block{blk})
		if m := abstractPrefix().FindString(p.Text); m != "" {
			p = trimStart(p, len([]rune(m)))
		}
		if p.Text == "" {
			continue
		}
		p.Section = s.ID
		ps = append(ps, p)
	}
	for _, p := range ps {
		p.ID = "p" + strconv.Itoa(len(b.doc.Paragraphs)+1)
		b.doc.Paragraphs = append(b.doc.Paragraphs, p)
	}
}

// looksLikeByline: names separated by commas and "and", each two to five
// capitalized words, optionally with affiliation marks.
func looksLikeByline(raw string) bool {
	parts := splitNames(raw)
	if len(parts) == 0 {
		return false
	}
	good := 0
	for _, p := range parts {
		name, _ := splitMarks(p)
		words := strings.Fields(name)
		if len(words) < 1 || len(words) > 6 {
			return false
		}
		ok := true
		for _, w := range words {
			r := []rune(w)
			if !unicode.IsUpper(r[0]) && !particles[strings.ToLower(w)] {
				ok = false
			}
		}
		if ok {
			good++
		}
	}
	return good == len(parts) && (len(parts) > 1 || strings.ContainsAny(raw, "^¹²³⁴⁵⁶⁷⁸⁹*†"))
}

var particles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "del": true, "la": true, "le": true, "du": true, "dos": true, "das": true, "ter": true, "ten": true, "bin": true, "al": true, "el": true}

func splitNames(raw string) []string {
	raw = strings.ReplaceAll(raw, "\n", " ")
	raw = andSplit().ReplaceAllString(raw, ",")
	var out []string
	depth := 0
	start := 0
	for i, r := range raw {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			// "Sato¹,³": a comma between marks is part of the marks.
			if depth == 0 && !betweenMarks(raw, i) {
				if s := strings.TrimSpace(raw[start:i]); s != "" {
					out = append(out, s)
				}
				start = i + 1
			}
		}
	}
	if s := strings.TrimSpace(raw[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func betweenMarks(s string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+1:])
	return superDigits[prev] != 0 && superDigits[next] != 0
}

var andSplit = lazyre.New(`,?\s+(?:and|&)\s+`)

// splitMarks separates a byline name from its marks: "XIN WENG^{1*}",
// "LI-HUA XIE¹", "Jane Doe1,2*".
func splitMarks(p string) (string, []string) {
	var marks []string
	if i := strings.Index(p, "^{"); i >= 0 {
		j := strings.IndexByte(p[i:], '}')
		if j > 0 {
			marks = markList(p[i+2 : i+j])
			p = p[:i] + p[i+j+1:]
		}
	}
	rs := []rune(strings.TrimSpace(p))
	end := len(rs)
	for end > 0 && (superDigits[rs[end-1]] != 0 || strings.ContainsRune("*†‡§#,", rs[end-1]) || unicode.IsDigit(rs[end-1])) {
		end--
	}
	if end < len(rs) {
		marks = append(marks, markList(string(rs[end:]))...)
	}
	return strings.TrimSpace(string(rs[:end])), marks
}

// markList splits "1*" or "1,2†" or "¹²" into single marks.
func markList(s string) []string {
	var out []string
	num := ""
	for _, r := range s {
		if d, ok := superDigits[r]; ok {
			r = d
		}
		switch {
		case unicode.IsDigit(r):
			num += string(r)
		default:
			if num != "" {
				out = append(out, num)
				num = ""
			}
			if strings.ContainsRune("*†‡§#", r) {
				out = append(out, string(r))
			} else if unicode.IsLetter(r) {
				out = append(out, string(r))
			}
		}
	}
	if num != "" {
		out = append(out, num)
	}
	return out
}

func parseByline(raw string) []Author {
	var out []Author
	for _, p := range splitNames(raw) {
		name, marks := splitMarks(p)
		name = fixCase(name)
		a := Author{Name: name, Affiliations: marks}
		words := strings.Fields(name)
		if len(words) > 1 {
			a.Given = strings.Join(words[:len(words)-1], " ")
			a.Family = words[len(words)-1]
		} else {
			a.Family = name
		}
		if a.Affiliations == nil {
			a.Affiliations = []string{}
		}
		out = append(out, a)
	}
	return out
}

// fixCase turns a name printed in capitals into title case ("WEI-HONG
// ZENG" to "Wei-Hong Zeng"); mixed-case names are kept as printed.
func fixCase(name string) string {
	if !isAllCapsWord(strings.ReplaceAll(name, " ", "")) {
		return name
	}
	var b strings.Builder
	up := true
	for _, r := range strings.ToLower(name) {
		if up && unicode.IsLetter(r) {
			r = unicode.ToUpper(r)
		}
		up = r == ' ' || r == '-' || r == '\''
		b.WriteRune(r)
	}
	return b.String()
}

// parseAffiliations splits "¹Dept A, City; ²Dept B, City" or one
// affiliation per line into labelled affiliations.
func parseAffiliations(raw string) []Affiliation {
	var out []Affiliation
	for _, line := range affiliationLines(raw) {
		for _, part := range splitAffiliations(line) {
			m := affiliationMark().FindStringSubmatch(part)
			if m == nil {
				if len(out) > 0 {
					out[len(out)-1].Text += " " + CleanText(part)
				}
				continue
			}
			label := m[1] + m[2] + m[3] + m[4]
			if ls := markList(label); len(ls) > 0 {
				label = ls[0]
			}
			text := part[len(m[0]):]
			if m[3] != "" && !strings.HasPrefix(m[0][len(m[3]):], " ") {
				text = part[len(m[3]):] // "1Department": keep the letter
			}
			out = append(out, Affiliation{Label: label, Text: strings.TrimRight(CleanText(text), ";. ")})
		}
	}
	return out
}

// affiliationLines joins wrapped lines: a line that does not start with
// a mark continues the one before.
func affiliationLines(raw string) []string {
	var out []string
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimSpace(line)
		if len(out) > 0 && !affiliationMark().MatchString(line) {
			out[len(out)-1] += " " + line
			continue
		}
		out = append(out, line)
	}
	return out
}

// splitAffiliations splits at "; " or ". " followed by a mark.
func splitAffiliations(line string) []string {
	var out []string
	start := 0
	for k := 0; k+1 < len(line); k++ {
		if (line[k] == ';' || line[k] == '.') && line[k+1] == ' ' {
			rest := strings.TrimLeft(line[k+1:], " ")
			if m := affiliationMark().FindStringSubmatch(rest); m != nil && (m[1] != "" || m[2] != "") {
				out = append(out, strings.TrimSpace(line[start:k]))
				start = len(line) - len(rest)
			}
		}
	}
	return append(out, strings.TrimSpace(line[start:]))
}

var listSep = lazyre.New(`\s*[;,]\s*`)

func splitList(s string) []string {
	var out []string
	for _, k := range listSep().Split(s, -1) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

var months = map[string]string{
	"jan": "01", "feb": "02", "mar": "03", "apr": "04", "may": "05", "jun": "06",
	"jul": "07", "aug": "08", "sep": "09", "oct": "10", "nov": "11", "dec": "12",
}

// isoDate turns "May 17, 2024", "17 May 2024" or "2024-05-17" into
// "2024-05-17"; what it cannot read it returns as printed.
var commasAndPeriods = strings.NewReplacer(",", " ", ".", " ")

func isoDate(s string) string {
	f := strings.Fields(commasAndPeriods.Replace(s))
	if len(f) == 1 {
		return s
	}
	if len(f) != 3 {
		return s
	}
	day, mon, year := f[1], f[0], f[2]
	if unicode.IsDigit(rune(f[0][0])) {
		day, mon = f[0], f[1]
	}
	m := months[strings.ToLower(mon[:min(3, len(mon))])]
	if m == "" || len(year) != 4 {
		return s
	}
	if len(day) == 1 {
		day = "0" + day
	}
	return year + "-" + m + "-" + day
}

func trimDOI(d string) string {
	d = strings.TrimRight(d, ".,;:")
	// A closing bracket belongs to the DOI only if it opened inside it.
	for strings.HasSuffix(d, ")") && strings.Count(d, "(") < strings.Count(d, ")") {
		d = strings.TrimSuffix(d, ")")
	}
	for strings.HasSuffix(d, "]") && strings.Count(d, "[") < strings.Count(d, "]") {
		d = strings.TrimSuffix(d, "]")
	}
	return strings.TrimRight(d, ".,;:")
}

// splitByline cuts a title block at its first line that reads as a
// byline: plain text with no blank lines runs the authors into the
// title.
func splitByline(b Block) (string, Block) {
	lines := b.Lines()
	for i, l := range lines {
		if i > 0 && looksLikeByline(strings.TrimSpace(l.Text)) {
			var title []string
			for _, t := range lines[:i] {
				title = append(title, t.Text)
			}
			rest := b
			rest.Text = strings.TrimSuffix(b.Text[strings.Index(b.Text, l.Text):], "\n")
			rest.Src = l.Src
			return strings.Join(title, "\n"), rest
		}
	}
	return b.Text, Block{}
}
