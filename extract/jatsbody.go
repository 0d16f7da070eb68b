package extract

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/chemores/chemores/internal/textutil"

	"github.com/chemores/chemores/internal/lazyre"
)

// containers hold blocks (paragraphs, lists, sections) but are not
// sections themselves: their content joins the section around them.
var containers = map[string]bool{
	"disp-quote": true, "boxed-text": true, "statement": true, "glossary": true, "notes": true,
	"fn-group": true, "fn": true, "ack": true, "caption": true, "speech": true, "question": true,
	"answer": true, "explanation": true, "bio": true, "body": true, "back": true,
	"supplementary-material": true, "def-list": true, "list-item": true, "app-group": true,
	"question-wrap": true, "answer-set": true, "table-wrap-foot": true,
}

// metaNames are elements inside sections that are not text to read.
var metaNames = map[string]bool{
	"title": true, "label": true, "sec-meta": true, "object-id": true, "ref-list": true,
	"permissions": true, "alt-title": true, "subtitle": true, "kwd-group": true,
}

// blocks reads the block content of n into section s (nil: body level,
// before or between sections).
func (j *jats) blocks(n *xnode, s *Section) {
	for _, k := range n.kids {
		switch {
		case k.name == "":
			continue
		case k.name == "sec" || k.name == "app":
			j.sec(k, s)
		case metaNames[k.name]:
			continue
		case floatNames[k.name] && k.name != "boxed-text" && k.name != "supplementary-material":
			j.float(k, j.where(s))
		case k.name == "list":
			j.list(k, j.where(s))
		case k.name == "def-item":
			j.para(k, j.where(s), "")
		case containers[k.name] && hasBlocks(k):
			j.blocks(k, s)
		default:
			j.para(k, j.where(s), "")
		}
	}
}

// hasBlocks reports an element with block children (paragraphs, lists,
// sections), which is walked as blocks rather than read as one paragraph.
func hasBlocks(n *xnode) bool {
	for _, k := range n.kids {
		switch k.name {
		case "p", "sec", "list", "fig", "table-wrap", "disp-quote", "boxed-text", "def-list", "fn", "app", "def-item":
			return true
		}
	}
	return false
}

// where is the section that body text outside any <sec> goes to: an
// untitled one, as the text path makes for text before the first
// heading.
func (j *jats) where(s *Section) *Section {
	if s != nil {
		return s
	}
	if j.loose == nil {
		j.loose = j.section(nil, "", "", KindBody)
	}
	return j.loose
}

// para reads one paragraph-like element, with prefix (a list label)
// before its text.
func (j *jats) para(n *xnode, s *Section, prefix string) {
	w := j.buf()
	w.write(prefix)
	w.spaced()
	if n.name == "p" {
		w.nodes(n)
	} else {
		w.node(n)
	}
	j.add(w, s)
}

// list reads each item of a list as a paragraph, its label (a number or
// bullet, when the XML prints one) first.
func (j *jats) list(n *xnode, s *Section) {
	for _, item := range n.children("list-item") {
		label := render(item.child("label"))
		if !hasBlocks(item) {
			j.para(item, s, label)
			continue
		}
		for _, k := range item.kids {
			switch k.name {
			case "p":
				j.para(k, s, label)
				label = ""
			case "list":
				j.list(k, s)
			case "", "label":
			default:
				j.blocks(&xnode{kids: []*xnode{k}}, s)
			}
		}
	}
}

var numberOnly = lazyre.New(`^\d{1,2}(?:\.\d{1,2}){0,3}$`)

// sec reads a <sec> (or <app>) as a section under parent.
func (j *jats) sec(n *xnode, parent *Section) {
	title := render(n.child("title"))
	number := strings.TrimRight(render(n.child("label")), ". ")
	if number == "" {
		if m := numberedHeading().FindStringSubmatch(title); m != nil {
			number, title = m[1], m[2]
		}
	}
	title = strings.TrimRight(title, ":. ")
	kind := KindBody
	if parent != nil {
		kind = parent.Kind
	}
	j.loose = nil
	s := j.section(parent, number, title, kind)
	j.blocks(n, s)
	j.loose = nil
}

// section makes a section under parent (nil: top level). A top-level
// body section titled as back matter ("Acknowledgements", "Conflicts of
// Interest") is back matter, as in the text path.
func (j *jats) section(parent *Section, number, title, kind string) *Section {
	b := j.b
	s := &Section{Number: number, Title: title, Kind: kind, Children: []*Section{}}
	if parent == nil && kind == KindBody {
		if key := backHeadings[textutil.HeadingKey(title)]; key != "" {
			s.Kind = KindBack
		}
	}
	switch {
	case parent != nil:
		s.ID = parent.ID + "." + strconv.Itoa(len(parent.Children)+1)
		if s.Kind == KindBody && numberOnly().MatchString(number) && strings.HasPrefix(number, parent.Number+".") {
			s.ID = "s" + number
		}
		parent.Children = append(parent.Children, s)
	case s.Kind == KindBack:
		s.ID = "back." + backKey(title)
		b.doc.Sections = append(b.doc.Sections, s)
	default:
		s.ID = "s" + strconv.Itoa(b.countTop()+1)
		if numberOnly().MatchString(number) {
			s.ID = "s" + number
		}
		b.doc.Sections = append(b.doc.Sections, s)
	}
	s.ID = b.uniqueID(s.ID)
	return s
}

// backKey is the id of a back-matter section: the text path's slug for
// the headings it knows, else the title's words.
func backKey(title string) string {
	if key := backHeadings[textutil.HeadingKey(title)]; key != "" {
		return key
	}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(words) == 5 {
			break
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return "notes"
	}
	return strings.Join(words, "-")
}

// back reads the back matter but the reference list: acknowledgements,
// notes and declarations, footnotes, glossary, appendices.
func (j *jats) back(n *xnode) {
	if n == nil {
		return
	}
	defaults := map[string]string{"ack": "Acknowledgements", "fn-group": "Notes", "glossary": "Abbreviations", "app-group": "Appendix", "notes": "Notes", "bio": "Biography"}
	for _, k := range n.kids {
		if k.name == "" || k.name == "ref-list" || k.name == "label" || k.name == "title" {
			continue
		}
		title := strings.TrimRight(render(k.child("title")), ":. ")
		if title == "" {
			title = defaults[k.name]
		}
		if title == "" {
			title = "Notes"
		}
		if k.name == "app-group" {
			// Each appendix is a section of its own.
			for _, app := range k.children("app") {
				j.blocks(app, j.backSection(render(app.child("title"))))
			}
			continue
		}
		s := j.backSection(title)
		if k.name == "sec" {
			j.blocks(k, s)
			continue
		}
		j.blocks(&xnode{kids: []*xnode{k}}, s)
	}
}

func (j *jats) backSection(title string) *Section {
	return j.section(nil, "", title, KindBack)
}
