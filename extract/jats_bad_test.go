package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// Bad XML gets one clear error wrapping ErrInput, and no Document.
func TestJATSBadInput(t *testing.T) {
	defer func(n int) { maxXMLNodes = n }(maxXMLNodes)
	maxXMLNodes = 5000
	good := string(article(`<p>Text.</p>`, 1))
	laughs := `<?xml version="1.0"?><!DOCTYPE article [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><article>&lol2;</article>`
	tests := []struct {
		name, file, data, want string
	}{
		{"truncated", "a.xml", good[:len(good)/2], "malformed XML at line 1: the file ends inside <"},
		{"mismatched tags", "a.xml", `<article><front></back></article>`, "unexpected end element </back>"},
		{"billion laughs", "a.xml", laughs, "the DOCTYPE declares entities"},
		{"external entity", "a.xml", `<?xml version="1.0"?><!DOCTYPE article [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><article>&xxe;</article>`, "the DOCTYPE declares entities"},
		{"undeclared entity", "a.xml", `<article><p>&xxe;</p></article>`, "malformed XML at line 1: invalid character entity &xxe;"},
		{"deep nesting", "a.xml", "<article>" + strings.Repeat("<sec>", 300) + strings.Repeat("</sec>", 300) + "</article>", "elements nested over 256 deep"},
		{"too many nodes", "a.xml", "<article>" + strings.Repeat("<p/>", 6000) + "</article>", "over 5000 elements and text nodes"},
		{"svg", "figure.xml", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`, "XML whose root element is <svg>, not a JATS <article>"},
		{"xhtml", "page.xml", `<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>`, "root element is <html>"},
		{"unknown encoding", "a.xml", "<?xml version=\"1.0\" encoding=\"x-martian\"?><article>Caf\xe9</article>", `malformed XML at line 1: opening charset "x-martian": not an encoding this reader knows`},
		{"invalid utf-8", "a.xml", "<article>Caf\xe9</article>", "malformed XML at line 1: invalid UTF-8"},
		{"text named .xml", "notes.xml", "Title\n\nSome text.\n", "malformed XML at line 1: text outside the root element"},
		{"no reference list, little text", "a.xml", `<article><body><p>Text.</p></body></article>`, "no reference list, and only 5 characters of text"},
		{"empty reference list", "a.xml", `<article><back><ref-list><title>References</title></ref-list></back></article>`, "no reference list, and only 0 characters"},
		{"two roots", "a.xml", good + `<article/>`, "a second root element <article>"},
		{"empty articleset", "a.xml", `<pmc-articleset></pmc-articleset>`, "a <pmc-articleset> without an <article>"},
		{"comment only", "a.xml", `<!-- nothing -->`, "XML without a root element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(context.Background(), tt.file, []byte(tt.data))
			if doc != nil || !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse = %v, %v; want ErrInput saying %q", doc != nil, err, tt.want)
			}
			if strings.Count(err.Error(), "\n") > 0 {
				t.Errorf("error on several lines: %q", err)
			}
		})
	}
}

// An XML declaration may name another encoding than UTF-8.
func TestJATSLatin1(t *testing.T) {
	data := strings.Replace(string(article("<p>Caf\xe9 cr\xe8me</p>", 1)), "<article>", `<?xml version="1.0" encoding="ISO-8859-1"?><article>`, 1)
	doc, err := Parse(context.Background(), "a.xml", []byte(data))
	if err != nil || doc.Paragraphs[0].Text != "Café crème" {
		t.Fatalf("Parse = %v; want the text decoded from Latin-1", err)
	}
}

// An article without references is kept, with a warning, as from the
// other paths.
func TestJATSNoReferences(t *testing.T) {
	body := strings.Repeat("Persister cells survive therapy by slowing down. ", 10)
	doc, err := Parse(context.Background(), "a.xml", []byte(`<article><body><sec><title>Intro</title><p>`+body+`</p></sec></body></article>`))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.References) != 0 || len(doc.Paragraphs) != 1 || len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Code != "no-reference-list" {
		t.Errorf("%d references, %d paragraphs, diagnostics %+v", len(doc.References), len(doc.Paragraphs), doc.Diagnostics)
	}
}

func TestJATSCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Parse(ctx, "a.xml", article(`<p>Text.</p>`, 1))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}
