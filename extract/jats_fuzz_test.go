package extract

import (
	"context"
	"errors"
	"os"
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzParseJATS feeds XML to Parse: no panic; an error is ErrInput;
// a Document is the same twice and holds together: citations find their
// text and cite references that exist, paragraphs and figures name
// sections and paragraphs that exist.
func FuzzParseJATS(f *testing.F) {
	for _, p := range []string{jatsReview, jatsAuthorYear} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(article(`<p>a [<xref ref-type="bibr" rid="B1">1</xref>–<xref ref-type="bibr" rid="B3">3</xref>]<sup><xref ref-type="bibr" rid="B2"/></sup></p><list><list-item><p>x</p></list-item></list>`, 3))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "b">]><article>&a;</article>`))
	f.Add([]byte(`<article><back><ref-list><ref id="r"><mixed-citation>Doe J. T. J. 2020;1:2.</mixed-citation></ref></ref-list></back><floats-group><fig id="f"><caption><p>c</p></caption></fig></floats-group></article>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(context.Background(), "fuzz.xml", data)
		if err != nil {
			if !errors.Is(err, ErrInput) {
				t.Fatalf("error not ErrInput: %v", err)
			}
			return
		}
		again, _ := Parse(context.Background(), "fuzz.xml", data)
		if !reflect.DeepEqual(doc, again) {
			t.Fatal("two parses differ")
		}
		checkDocument(t, doc)
	})
}

// checkDocument checks what holds for every Document read from JATS.
func checkDocument(t *testing.T, doc *Document) {
	t.Helper()
	sections := map[string]bool{}
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			if sections[s.ID] {
				t.Fatalf("section id %q twice", s.ID)
			}
			sections[s.ID] = true
			walk(s.Children)
		}
	}
	walk(doc.Sections)
	text := map[string][]rune{}
	for _, p := range doc.Paragraphs {
		if !sections[p.Section] || p.Text == "" || !utf8.ValidString(p.Text) {
			t.Fatalf("paragraph %+v", p)
		}
		text[p.ID] = []rune(p.Text)
	}
	for _, c := range doc.Citations {
		p, ok := text[c.Paragraph]
		if !ok || c.Start < 0 || c.End > len(p) || c.Start >= c.End || string(p[c.Start:c.End]) != c.Text || len(c.Refs) == 0 {
			t.Fatalf("citation %+v", c)
		}
		for _, n := range c.Refs {
			if n < 1 || n > len(doc.References) {
				t.Fatalf("citation %s cites %d of %d references", c.ID, n, len(doc.References))
			}
		}
	}
	for i, r := range doc.References {
		if r.N != i+1 || r.Authors == nil {
			t.Fatalf("reference %d: %+v", i+1, r)
		}
	}
	for _, f := range doc.Figures {
		if _, ok := text[f.Paragraph]; f.Paragraph != "" && !ok || f.Section != "" && !sections[f.Section] {
			t.Fatalf("figure %+v", f)
		}
	}
}
