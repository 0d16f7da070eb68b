package extract

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// Limits on what the JATS reader accepts. Real articles nest some 30
// elements deep (MathML included) and hold well under a million nodes
// (the largest of the test corpus, 800 KB, has 60,000); past these a
// file is broken or hostile, and the reader stops before the tree costs
// memory. Variables, so that tests can lower them.
var (
	maxXMLDepth = 256
	maxXMLNodes = 2 << 20
)

// xnode is one element or text node of the XML tree. Elements keep their
// local name only: JATS puts MathML and XLink in namespaces but no two
// vocabularies it mixes share a name that matters here.
type xnode struct {
	name  string // element's local name; "" for text
	text  string // text node's content
	attrs []xml.Attr
	kids  []*xnode
}

// attr returns the value of the attribute with the given local name.
func (n *xnode) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element with one of the names, or nil.
func (n *xnode) child(names ...string) *xnode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		for _, name := range names {
			if k.name == name {
				return k
			}
		}
	}
	return nil
}

// children returns the child elements with the name.
func (n *xnode) children(name string) []*xnode {
	if n == nil {
		return nil
	}
	var out []*xnode
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

// path follows child elements by name: path("a", "b") is n/a/b.
func (n *xnode) path(names ...string) *xnode {
	for _, name := range names {
		if n == nil {
			return nil
		}
		n = n.child(name)
	}
	return n
}

// find returns the descendant elements with the name, in document
// order, without looking inside the matches.
func (n *xnode) find(name string) []*xnode {
	var out []*xnode
	var walk func(*xnode)
	walk = func(x *xnode) {
		for _, k := range x.kids {
			if k.name == name {
				out = append(out, k)
				continue
			}
			walk(k)
		}
	}
	if n != nil {
		walk(n)
	}
	return out
}

// raw is the node's text content with white space as in the source.
func (n *xnode) raw() string {
	if n == nil {
		return ""
	}
	if n.name == "" {
		return n.text
	}
	var b strings.Builder
	var walk func(*xnode)
	walk = func(x *xnode) {
		for _, k := range x.kids {
			if k.name == "" {
				b.WriteString(k.text)
			} else {
				walk(k)
			}
		}
	}
	walk(n)
	return b.String()
}

// plain is the node's text content on one line.
func (n *xnode) plain() string {
	return strings.Join(strings.Fields(n.raw()), " ")
}

// looksLikeXML reports content that starts as an XML document does
// (after a byte order mark and white space): a declaration, a comment,
// a DOCTYPE or a JATS root element.
func looksLikeXML(data []byte) bool {
	head := data[:min(len(data), 512)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	for _, p := range []string{"<?xml", "<!--", "<!DOCTYPE", "<article", "<pmc-articleset"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	return false
}

// readXML parses data into a tree and returns the JATS <article>
// element. It never reads anything but data: encoding/xml neither loads
// DTDs nor expands entities other than XML's five and HTML's named
// characters (fixed strings), and a DOCTYPE that declares entities is
// refused outright, so neither external entities nor entity expansion
// ("billion laughs") can happen. Depth and node count are bounded.
func readXML(data []byte) (*xnode, error) {
	d := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader
	var (
		stack []*xnode
		root  *xnode
		nodes int
	)
	bad := func(format string, args ...any) error {
		line, _ := d.InputPos()
		return fmt.Errorf("%w: malformed XML at line %d: %s", ErrInput, line, fmt.Sprintf(format, args...))
	}
	for {
		before, _ := d.InputPos()
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(stack) > 0 && strings.Contains(err.Error(), "unexpected EOF") {
				return nil, bad("the file ends inside <%s> (truncated?)", stack[len(stack)-1].name)
			}
			return nil, xmlError(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root == nil && len(stack) == 0 {
				if t.Name.Local != "article" && t.Name.Local != "pmc-articleset" {
					return nil, fmt.Errorf("%w: XML whose root element is <%s>, not a JATS <article>", ErrInput, t.Name.Local)
				}
			}
			nodes++
			if len(stack) >= maxXMLDepth {
				return nil, bad("elements nested over %d deep", maxXMLDepth)
			}
			if nodes > maxXMLNodes {
				return nil, bad("over %d elements and text nodes", maxXMLNodes)
			}
			n := &xnode{name: t.Name.Local, attrs: t.Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else if root == nil {
				root = n
			} else {
				return nil, bad("a second root element <%s>", t.Name.Local)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1].name != t.Name.Local {
				return nil, bad("unexpected end element </%s>", t.Name.Local)
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if trimmed := bytes.TrimLeft(t, " \t\r\n"); len(trimmed) > 0 {
					line := before + bytes.Count(t[:len(t)-len(trimmed)], []byte("\n"))
					return nil, fmt.Errorf("%w: malformed XML at line %d: text outside the root element (is this XML?)", ErrInput, line)
				}
				continue
			}
			nodes++
			p := stack[len(stack)-1]
			p.kids = append(p.kids, &xnode{text: string(t)})
		case xml.Directive:
			if bytes.Contains(t, []byte("<!ENTITY")) {
				return nil, fmt.Errorf("%w: the DOCTYPE declares entities; JATS needs none, and they are not expanded", ErrInput)
			}
		}
	}
	if len(stack) > 0 {
		return nil, bad("the file ends inside <%s> (truncated?)", stack[len(stack)-1].name)
	}
	if root == nil {
		return nil, fmt.Errorf("%w: XML without a root element", ErrInput)
	}
	if root.name == "pmc-articleset" {
		// PMC's E-utilities wrap articles in a set; the first is read.
		if root = root.child("article"); root == nil {
			return nil, fmt.Errorf("%w: a <pmc-articleset> without an <article>", ErrInput)
		}
	}
	return root, nil
}

// charsetReader decodes the encodings an XML declaration may name
// besides UTF-8 (Latin-1 and other legacy sets), by their WHATWG labels.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	e, err := htmlindex.Get(label)
	if err != nil {
		return nil, errors.New("not an encoding this reader knows")
	}
	return e.NewDecoder().Reader(r), nil
}

// xmlError turns the decoder's error into one line naming the place.
// RawToken does not check that end tags match, so readXML does that.
func xmlError(d *xml.Decoder, err error) error {
	line, _ := d.InputPos()
	msg := strings.TrimPrefix(err.Error(), "xml: ")
	var syn *xml.SyntaxError
	if errors.As(err, &syn) {
		line, msg = syn.Line, strings.TrimPrefix(syn.Msg, "xml: ")
	}
	return fmt.Errorf("%w: malformed XML at line %d: %s", ErrInput, line, msg)
}
