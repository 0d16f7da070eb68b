package extract

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/chemores/chemores/internal/lazyre"
)

// citationNames are the elements that hold one reference's content.
var citationNames = []string{"element-citation", "mixed-citation", "citation", "nlm-citation"}

// references reads the reference list: every <ref> of the back matter
// (or, without one, of the whole article) in order, numbered by its
// position, which is the order the article prints.
func (j *jats) references(back, art *xnode) {
	lists := back.find("ref-list")
	if len(lists) == 0 {
		lists = art.find("ref-list")
	}
	var refs []*xnode
	for _, l := range lists {
		refs = append(refs, l.find("ref")...)
	}
	j.refIDs = map[string]int{}
	j.labels = map[string]string{}
	if len(refs) == 0 {
		j.b.diag(Warning, "no-reference-list", "document",
			"no reference list (no <ref-list> with <ref> entries): the text and structure are kept without references")
	}
	for i, ref := range refs {
		n := i + 1
		if id := ref.attr("id"); id != "" {
			j.refIDs[id] = n
			j.labels[id] = strings.Trim(render(ref.child("label")), "[]. ")
		}
		r, err := reference(ref)
		r.N = n
		if err != nil {
			j.b.diag(Warning, "reference-unparsed", "reference "+strconv.Itoa(n), err.Error())
		}
		j.b.doc.References = append(j.b.doc.References, r)
	}
}

// reference reads one <ref>. The fields come from the tags; what the
// tags leave out of printed text (a <mixed-citation> that is plain text,
// or tags only for some fields) comes from the reference parser the
// text and PDF paths use, which also reports a reference it cannot read.
func reference(ref *xnode) (Reference, error) {
	var cits []*xnode
	for _, k := range ref.kids {
		switch {
		case k.name == "citation-alternatives":
			cits = append(cits, k.kids...)
		case k.name != "":
			cits = append(cits, k)
		}
	}
	var fielded, printed *xnode
	best := 0
	for _, c := range cits {
		if !isCitation(c.name) {
			continue
		}
		if score := fieldCount(c); fielded == nil || score > best {
			fielded, best = c, score
		}
		if printed == nil && c.name != "element-citation" && hasText(c) {
			printed = c
		}
	}
	if fielded == nil {
		// A <ref> with its text directly inside.
		fielded, printed = ref, ref
	}
	if printed == nil && best == 0 {
		// No field tagged: the text is in a <comment> or a link.
		printed = fielded
	}
	r := fields(fielded)
	if printed == nil {
		r.Raw = compose(r)
		return r, nil
	}
	w := &textBuf{}
	citationText(printed, w)
	r.Raw = w.String()
	if best >= 3 && r.Title != "" || r.Raw == "" {
		return r, nil
	}
	m := &textBuf{marks: true}
	citationText(printed, m)
	p, err := ParseReference(m.String())
	fill(&r, p)
	if len(r.Authors) > 0 && r.Title != "" && r.Year != 0 {
		err = nil // the tags gave what the parser missed
	}
	return r, err
}

// hasText reports a citation printed as text: with punctuation or words
// between its tags, not only tags (which is a fielded citation whatever
// its element is called).
func hasText(c *xnode) bool {
	for _, k := range c.kids {
		if k.name == "" && strings.TrimSpace(k.text) != "" {
			return true
		}
	}
	return false
}

func isCitation(name string) bool {
	for _, c := range citationNames {
		if name == c {
			return true
		}
	}
	return false
}

// fieldCount is how many of the main fields a citation element tags.
func fieldCount(c *xnode) int {
	n := 0
	for _, k := range c.kids {
		switch k.name {
		case "person-group", "name", "string-name", "collab", "article-title", "chapter-title", "source", "year", "volume", "fpage", "elocation-id":
			n++
		}
	}
	return n
}

// fill copies into r the fields the parser found that the tags did not
// give.
func fill(r *Reference, p Reference) {
	if len(r.Authors) == 0 {
		r.Authors, r.EtAl = p.Authors, r.EtAl || p.EtAl
	}
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&r.Title, p.Title}, {&r.Journal, p.Journal}, {&r.Volume, p.Volume}, {&r.Issue, p.Issue},
		{&r.Pages, p.Pages}, {&r.FirstPage, p.FirstPage}, {&r.LastPage, p.LastPage}, {&r.DOI, p.DOI}, {&r.PMID, p.PMID},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
	if r.Year == 0 {
		r.Year = p.Year
	}
}

// journalTypes are the publication types whose <source> is a journal;
// for the others (books, reports, theses, web pages) an untitled
// reference's source is its title.
var journalTypes = map[string]bool{"journal": true, "article-journal": true, "periodical": true, "magazine": true, "newspaper": true, "journal-article": true}

// fields reads the tagged fields of a citation element.
func fields(c *xnode) Reference {
	r := Reference{Authors: []Person{}}
	authors := false
	for _, g := range c.find("person-group") {
		if t := g.attr("person-group-type"); t != "" && t != "author" {
			continue
		}
		authors = true
		r.readNames(g)
	}
	if !authors {
		r.readNames(c) // names directly in the citation
	}
	r.Title = strings.TrimRight(first(c, "article-title", "chapter-title"), " ,")
	source := strings.TrimRight(first(c, "source"), " ,")
	typ := c.attr("publication-type") + c.attr("citation-type")
	if r.Title == "" && typ != "" && !journalTypes[typ] {
		r.Title = source
	} else {
		r.Journal = source
	}
	r.Year = yearOf(first(c, "year"))
	r.Volume = unlabel(first(c, "volume"))
	r.Issue = unlabel(first(c, "issue"))
	if m := volumeIssue().FindStringSubmatch(r.Volume); m != nil {
		// The issue typed into the volume element, as printed: "58(2):".
		r.Volume = m[1]
		if r.Issue == "" {
			r.Issue = m[2]
		}
	}
	fp, lp := first(c, "fpage"), first(c, "lpage")
	switch {
	case fp != "" && lp != "":
		r.Pages = fp + "-" + lp
	case fp != "":
		r.Pages = fp
	case first(c, "elocation-id") != "":
		r.Pages = first(c, "elocation-id")
	default:
		r.Pages = first(c, "page-range")
	}
	r.FirstPage, r.LastPage = splitPages(r.Pages)
	r.identifiers(c)
	return r
}

// fieldLabel is a label some publishers put inside the element: "Volume
// 124", "Vol. 3", "No. 2", "Issue 4".
var fieldLabel = lazyre.New(`(?i)^(?:vol(?:ume)?|no|nr|issue)\.?\s*`)

var volumeIssue = lazyre.New(`^(\w{1,8})\s*\(([^()]{1,12})\)\s*:?$`)

// unlabel drops it: the number is the field.
func unlabel(s string) string {
	if t := fieldLabel().ReplaceAllString(s, ""); t != "" {
		return t
	}
	return s
}

// first is the text of the first descendant with the name, outside
// nested person groups.
func first(c *xnode, names ...string) string {
	for _, name := range names {
		if k := c.find(name); len(k) > 0 {
			if t := render(k[0]); t != "" {
				return t
			}
		}
	}
	return ""
}

// readNames reads the people and groups of g: <name>, <string-name>,
// <collab>, and <etal/>.
func (r *Reference) readNames(g *xnode) {
	for _, k := range g.kids {
		switch k.name {
		case "name":
			r.Authors = append(r.Authors, person(k))
		case "string-name":
			if k.child("surname") != nil {
				r.Authors = append(r.Authors, person(k))
			} else if p, ok := stringName(render(k)); ok {
				r.Authors = append(r.Authors, p)
			} else if t := render(k); t != "" {
				r.Authors = append(r.Authors, Person{Family: t})
			}
		case "collab":
			if t := strings.TrimRight(render(k), " .,"); t != "" {
				r.Authors = append(r.Authors, Person{Family: t})
			}
		case "etal":
			r.EtAl = true
		}
	}
}

// stringName reads a name printed whole ("Smith JA", "Smith, J. A.",
// "J. A. Smith") with the reference parser's name forms.
func stringName(s string) (Person, bool) {
	for _, form := range nameForms {
		if p, n := matchName(s, form); n > 0 && strings.Trim(s[n:], " .,") == "" {
			return p, true
		}
	}
	return Person{}, false
}

// person reads a <name>: the family name and the initials of the given
// names ("Jean-Pierre" and "J.-P." both give "J-P"; "RA" stays).
func person(n *xnode) Person {
	p := Person{Family: render(n.child("surname")), Suffix: render(n.child("suffix"))}
	p.Initials = initials(render(n.child("given-names")))
	return p
}

func initials(given string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(given, func(r rune) bool { return r == ' ' || r == '.' }) {
		if rs := []rune(word); len(rs) <= 4 && isAllCapsWord(word) && !strings.Contains(word, "-") {
			b.WriteString(word) // already initials: "RA"
			continue
		}
		for i, part := range strings.Split(word, "-") {
			rs := []rune(part)
			if len(rs) == 0 {
				continue
			}
			if i > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToUpper(rs[0]))
		}
	}
	return strings.Trim(b.String(), "-")
}

// yearOf is the first four-digit year in s ("2020a", "2020 Jan").
func yearOf(s string) int {
	for i := 0; i+4 <= len(s); i++ {
		if isDigits(s[i:i+4]) && (i+4 == len(s) || s[i+4] < '0' || s[i+4] > '9') && (i == 0 || s[i-1] < '0' || s[i-1] > '9') {
			y, _ := strconv.Atoi(s[i : i+4])
			if y >= 1500 && y <= 2100 {
				return y
			}
		}
	}
	return 0
}

// identifiers reads <pub-id>s, then DOIs in links and text.
func (r *Reference) identifiers(c *xnode) {
	for _, id := range c.find("pub-id") {
		v := id.plain()
		switch strings.ToLower(id.attr("pub-id-type")) {
		case "doi":
			if r.DOI == "" {
				r.DOI = cleanDOI(v)
			}
		case "pmid":
			if r.PMID == "" && isDigits(v) {
				r.PMID = v
			}
		case "pmcid", "pmc":
			if r.PMCID == "" {
				r.PMCID = pmcID(v)
			}
		}
	}
	if r.DOI != "" {
		return
	}
	for _, x := range append(c.find("ext-link"), c.find("uri")...) {
		if d := cleanDOI(x.attr("href")); d != "" {
			r.DOI = d
			return
		}
		if d := cleanDOI(x.plain()); d != "" {
			r.DOI = d
			return
		}
	}
	for _, x := range c.find("comment") {
		if d := cleanDOI(x.plain()); d != "" {
			r.DOI = d
			return
		}
	}
}

// citationText renders a printed citation. Names and fields set side by
// side without punctuation get a space, and names in a group a comma, so
// that the parser sees "Smith J, Lee K" rather than "Smith JLee K".
func citationText(n *xnode, w *textBuf) {
	prev := ""
	for _, k := range n.kids {
		switch {
		case k.name == "":
			if strings.TrimSpace(k.text) != "" {
				prev = ""
			}
			w.write(k.text)
			continue
		case k.name == "label":
			continue
		}
		if prev != "" {
			if (prev == "name" || prev == "string-name" || prev == "collab") && n.name == "person-group" {
				w.write(",")
			}
			w.spaced()
		}
		if k.name == "person-group" || k.name == "name" || k.name == "string-name" {
			citationText(k, w)
		} else {
			w.node(k)
		}
		prev = k.name
	}
}

// compose writes a fielded reference as a Vancouver entry, for display
// and for searches by its text.
func compose(r Reference) string {
	var names []string
	for _, a := range r.Authors {
		names = append(names, strings.TrimSpace(a.Family+" "+a.Initials+" "+a.Suffix))
	}
	var b strings.Builder
	add := func(s, end string) {
		if s = strings.TrimRight(s, ". "); s != "" {
			b.WriteString(s + end)
		}
	}
	if r.EtAl {
		names = append(names, "et al")
	}
	who := strings.Join(names, ", ")
	add(who, ". ")
	add(r.Title, ". ")
	add(r.Journal, ". ")
	tail := ""
	if r.Year != 0 {
		tail = strconv.Itoa(r.Year)
	}
	if r.Volume != "" {
		tail += ";" + r.Volume
		if r.Issue != "" {
			tail += "(" + r.Issue + ")"
		}
	}
	if r.Pages != "" {
		tail += ":" + r.Pages
	}
	add(strings.TrimLeft(tail, ";:"), ". ")
	if r.DOI != "" {
		add("doi:"+r.DOI, ". ")
	}
	return strings.TrimSpace(b.String())
}
