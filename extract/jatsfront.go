package extract

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/chemores/chemores/internal/lazyre"
)

// front reads <front>: the journal, the article's identifiers, title,
// authors and affiliations, dates, keywords, abstract, funding and
// licence.
func (j *jats) front(n *xnode) {
	f := &j.b.doc.Front
	jm, meta := n.child("journal-meta"), n.child("article-meta")
	for _, t := range []*xnode{jm.path("journal-title-group", "journal-title"), jm.child("journal-title"), jm.path("journal-title-group", "abbrev-journal-title"), jm.child("abbrev-journal-title")} {
		if f.Journal == "" {
			f.Journal = render(t)
		}
	}
	for _, id := range meta.children("article-id") {
		v := id.plain()
		switch id.attr("pub-id-type") {
		case "doi":
			f.DOI = cleanDOI(v)
		case "pmid":
			f.PMID = v
		case "pmc", "pmcid":
			f.PMCID = pmcID(v)
		}
	}
	tg := meta.child("title-group")
	f.Title = render(tg.child("article-title"))
	if sub := render(tg.child("subtitle")); sub != "" {
		f.Title += ": " + sub
	}
	j.contributors(meta)
	j.dates(meta)
	j.keywords(meta)
	j.abstract(meta)
	j.fundingGroup(meta)
	f.License = license(meta.path("permissions", "license"))
}

// pmcID writes a PMC id as PMC prints it: "PMC" and digits.
func pmcID(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "pmc") {
		s = s[3:]
	}
	if !isDigits(s) {
		return ""
	}
	return "PMC" + s
}

// cleanDOI takes the DOI out of "doi:10.x/y", "https://doi.org/10.x/y"
// or text around it. An identifier field is the DOI whole, even with the
// "<" and ">" of old SICI DOIs, which the pattern for running text stops
// at.
func cleanDOI(s string) string {
	s = strings.TrimSpace(s)
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	if i := strings.Index(s, "10."); i >= 0 && doiPrefix().MatchString(s[:i]) && !strings.ContainsAny(s[i:], " \t\n") && doiPattern().MatchString(s[i:]) {
		return trimDOI(s[i:])
	}
	if m := doiPattern().FindString(s); m != "" {
		return trimDOI(m)
	}
	return ""
}

// doiPrefix is what may stand before a DOI in an identifier field.
var doiPrefix = lazyre.New(`(?i)^(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)?$`)

// contributors reads the authors (not editors or reviewers) and the
// affiliations, linked by the label each affiliation prints.
func (j *jats) contributors(meta *xnode) {
	f := &j.b.doc.Front
	labels := map[*xnode]string{} // <aff> -> its label
	byID := map[string]string{}   // aff id -> label
	for _, a := range affiliations(meta) {
		label := strings.TrimSpace(render(a.child("label")))
		if label == "" {
			label = strconv.Itoa(len(f.Affiliations) + 1)
		}
		labels[a] = label
		if id := a.attr("id"); id != "" {
			byID[id] = label
		}
		f.Affiliations = append(f.Affiliations, Affiliation{Label: label, Text: affText(a)})
	}
	equalFn := map[string]bool{}
	for _, fn := range meta.find("fn") {
		if t := fn.attr("fn-type"); t == "equal" || t == "con" && strings.Contains(strings.ToLower(fn.plain()), "equal") {
			equalFn[fn.attr("id")] = true
		}
	}
	linked := false
	for _, g := range meta.find("contrib-group") {
		var shared []string // affiliations of the group, for authors without links
		for _, a := range g.children("aff") {
			shared = append(shared, labels[a])
		}
		for _, c := range g.children("contrib") {
			if t := c.attr("contrib-type"); t != "" && t != "author" {
				continue
			}
			a := contributor(c)
			for _, rid := range strings.Fields(c.attr("rid")) {
				if l, ok := byID[rid]; ok {
					a.Affiliations = append(a.Affiliations, l) // Copernicus links by attribute
				}
			}
			a.Corresponding = c.attr("corresp") == "yes"
			a.EqualContrib = c.attr("equal-contrib") == "yes"
			for _, x := range c.find("xref") {
				for _, rid := range strings.Fields(x.attr("rid")) {
					switch x.attr("ref-type") {
					case "aff":
						if l, ok := byID[rid]; ok {
							a.Affiliations = append(a.Affiliations, l)
						}
					case "corresp":
						a.Corresponding = true
					case "fn", "author-notes":
						a.EqualContrib = a.EqualContrib || equalFn[rid]
					}
				}
			}
			for _, aff := range c.find("aff") {
				a.Affiliations = append(a.Affiliations, labels[aff])
			}
			if len(a.Affiliations) == 0 {
				a.Affiliations = append(a.Affiliations, shared...)
			}
			linked = linked || len(a.Affiliations) > 0
			f.Authors = append(f.Authors, a)
		}
	}
	if !linked {
		// No links at all: every affiliation is every author's.
		for i := range f.Authors {
			for _, aff := range f.Affiliations {
				f.Authors[i].Affiliations = append(f.Authors[i].Affiliations, aff.Label)
			}
		}
	}
	j.correspondence(meta)
}

// affiliations lists the <aff> elements of the article's front matter in
// order, one of each <aff-alternatives> (the others translate it).
func affiliations(meta *xnode) []*xnode {
	var out []*xnode
	var walk func(*xnode)
	walk = func(n *xnode) {
		for _, k := range n.kids {
			switch k.name {
			case "aff":
				out = append(out, k)
			case "aff-alternatives":
				if a := k.child("aff"); a != nil {
					out = append(out, a)
				}
			case "":
			default:
				walk(k)
			}
		}
	}
	if meta != nil {
		walk(meta)
	}
	return out
}

// contributor reads one <contrib>'s name.
func contributor(c *xnode) Author {
	a := Author{Affiliations: []string{}}
	n := c.child("name", "string-name")
	if alt := c.child("name-alternatives"); n == nil && alt != nil {
		n = alt.child("name", "string-name")
	}
	switch {
	case n != nil && n.child("surname") != nil:
		a.Given = fixCase(render(n.child("given-names")))
		a.Family = fixCase(render(n.child("surname")))
		a.Name = strings.TrimSpace(a.Given + " " + a.Family)
		if s := render(n.child("suffix")); s != "" {
			a.Name += " " + s
		}
	case n != nil:
		a.Name = render(n)
	default:
		a.Name = render(c.child("collab"))
	}
	if e := c.find("email"); len(e) > 0 {
		a.Email = e[0].plain()
	}
	return a
}

// affText reads an affiliation without its label. Fielded affiliations
// (<institution>, <addr-line>, <country> side by side) get commas where
// the XML has no text between the fields.
func affText(a *xnode) string {
	for _, k := range a.find("institution") {
		if k.attr("content-type") == "original" {
			return render(k) // SciELO: the affiliation as printed
		}
	}
	w := &textBuf{}
	field := false
	for _, k := range a.kids {
		switch {
		case k.name == "":
			if strings.TrimSpace(k.text) != "" {
				field = false
			}
			w.write(k.text)
		case k.name == "label" || k.name == "sup" && w.n == 0 || skipped[k.name]:
		default:
			if field {
				w.space = false
				w.write(", ")
			}
			w.node(k)
			field = true
		}
	}
	return strings.Trim(w.String(), " ,;")
}

// correspondence reads <author-notes><corresp>: the e-mail, given to
// the corresponding author.
func (j *jats) correspondence(meta *xnode) {
	f := &j.b.doc.Front
	email := ""
	for _, c := range meta.path("author-notes").children("corresp") {
		if e := c.find("email"); len(e) > 0 && email == "" {
			email = e[0].plain()
		}
	}
	var who *Author
	for i := range f.Authors {
		a := &f.Authors[i]
		if a.Corresponding || (email != "" && strings.EqualFold(a.Email, email)) {
			a.Corresponding = true
			if who == nil {
				who = a
			}
		}
	}
	if who != nil && who.Email == "" {
		who.Email = email
	}
	switch {
	case who != nil:
		f.Correspondence = &Correspondence{Name: who.Name, Email: who.Email}
	case email != "":
		f.Correspondence = &Correspondence{Email: email}
	}
}

// dates reads the history (received, accepted) and the publication date,
// the electronic one first.
func (j *jats) dates(meta *xnode) {
	f := &j.b.doc.Front
	for _, d := range meta.path("history").children("date") {
		switch d.attr("date-type") {
		case "received":
			f.Received = isoOf(d)
		case "accepted":
			f.Accepted = isoOf(d)
		}
	}
	best := 99
	for _, d := range meta.children("pub-date") {
		rank := 3
		switch t := d.attr("pub-type") + d.attr("date-type"); {
		case t == "epub" || t == "pub" && d.attr("publication-format") != "print":
			rank = 0
		case t == "ppub" || t == "pub":
			rank = 1
		case t == "collection" || t == "epub-ppub":
			rank = 2
		}
		if iso := isoOf(d); iso != "" && rank < best {
			f.Published, best = iso, rank
		}
	}
}

var ccURL = lazyre.New(`https?://creativecommons\.org/[\w/.-]*\w/?`)

var isoDatePattern = lazyre.New(`^\d{4}(?:-\d{2}(?:-\d{2})?)?$`)

// isoOf writes a JATS date as ISO 8601, as far as it goes: "2016",
// "2016-05", "2016-05-17".
func isoOf(d *xnode) string {
	if iso := strings.TrimSpace(d.attr("iso-8601-date")); isoDatePattern().MatchString(iso) {
		return iso
	}
	y := d.child("year").plain()
	if len(y) != 4 || !isDigits(y) {
		return ""
	}
	m := d.child("month").plain()
	if !isDigits(m) {
		m = months[strings.ToLower(m[:min(3, len(m))])]
	}
	if m == "" {
		return y
	}
	if len(m) == 1 {
		m = "0" + m
	}
	day := d.child("day").plain()
	if !isDigits(day) || len(day) > 2 {
		return y + "-" + m
	}
	if len(day) == 1 {
		day = "0" + day
	}
	return y + "-" + m + "-" + day
}

// keywords reads the keyword groups in English (or the first group, in
// an article without one), abbreviation lists aside.
func (j *jats) keywords(meta *xnode) {
	f := &j.b.doc.Front
	groups := meta.children("kwd-group")
	var chosen []*xnode
	for _, g := range groups {
		lang := strings.ToLower(g.attr("lang"))
		if (lang == "" || strings.HasPrefix(lang, "en")) && g.attr("kwd-group-type") != "abbreviations" {
			chosen = append(chosen, g)
		}
	}
	if len(chosen) == 0 && len(groups) > 0 {
		chosen = groups[:1]
	}
	seen := map[string]bool{}
	for _, g := range chosen {
		for _, k := range g.kids {
			if k.name != "kwd" && k.name != "compound-kwd" {
				continue
			}
			if t := strings.TrimRight(render(k), ".;,"); t != "" && !seen[strings.ToLower(t)] {
				seen[strings.ToLower(t)] = true
				f.Keywords = append(f.Keywords, t)
			}
		}
	}
}

// abstract reads the article's main abstract (not a graphical abstract
// or a teaser) into the "abstract" section, a structured abstract's
// parts as its subsections, and its text into Front.Abstract.
func (j *jats) abstract(meta *xnode) {
	var abs *xnode
	for _, a := range meta.children("abstract") {
		if t := a.attr("abstract-type"); abs == nil && (t == "" || t == "abstract" || t == "summary") {
			abs = a
		}
	}
	if abs == nil {
		abs = meta.child("abstract")
	}
	if abs == nil {
		return
	}
	s := &Section{ID: j.b.uniqueID("abstract"), Title: "Abstract", Kind: KindAbstract, Children: []*Section{}}
	j.b.doc.Sections = append(j.b.doc.Sections, s)
	first := len(j.drafts)
	j.blocks(abs, s)
	var parts []string
	var prev *Section
	for _, d := range j.drafts[first:] {
		text := d.text
		if d.sec != s && d.sec != prev && d.sec.Title != "" {
			text = d.sec.Title + ": " + text
		}
		prev = d.sec
		parts = append(parts, text)
	}
	j.b.doc.Front.Abstract = strings.Join(parts, "\n\n")
	j.last = nil
}

// fundingGroup reads <funding-group>: each award's funder with its grant
// numbers, or the funding statement read as the text path reads a
// Funding section.
func (j *jats) fundingGroup(meta *xnode) {
	f := &j.b.doc.Front
	for _, g := range meta.find("funding-group") {
		awards := g.find("award-group")
		for _, ag := range awards {
			grants := []string{}
			for _, id := range ag.find("award-id") {
				if t := render(id); t != "" {
					grants = append(grants, t)
				}
			}
			sources := ag.find("funding-source")
			if len(sources) == 0 {
				f.Funding = append(f.Funding, Funding{Grants: grants})
			}
			for i, src := range sources {
				fu := Funding{Funder: render(src), Grants: []string{}}
				if i == 0 {
					fu.Grants = grants
				}
				f.Funding = append(f.Funding, fu)
			}
		}
		if len(awards) == 0 {
			for _, st := range g.find("funding-statement") {
				f.Funding = append(f.Funding, parseFunding(render(st))...)
			}
		}
	}
}

// license is the licence's URL, or its text when it names none.
func license(l *xnode) string {
	if l == nil {
		return ""
	}
	if h := strings.TrimSpace(l.attr("href")); h != "" {
		return h
	}
	if r := l.find("license_ref"); len(r) > 0 {
		return r[0].plain()
	}
	for _, x := range l.find("ext-link") {
		if h := strings.TrimSpace(x.attr("href")); strings.Contains(h, "creativecommons.org") {
			return h
		}
	}
	text := render(l)
	if u := ccURL().FindString(text); u != "" {
		return u
	}
	return text
}
