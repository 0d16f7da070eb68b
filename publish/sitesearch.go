package publish

import (
	"strings"
)

// searchIndex is site/search-index.js: the entities (with every name the
// text and the lexicons give them, and their identifiers) and the
// sentences, for the search page to look through in the browser. It is
// a script rather than JSON so that the pages work opened from disk,
// where a browser will not fetch files. Links are relative to site/.
type searchIndex struct {
	// Entities: [name, type, names and identifiers joined by "|", href].
	Entities [][4]string `json:"entities"`
	// Sentences: [text, document, sentence id, href]; none for a
	// document published without its text.
	Sentences [][4]string `json:"sentences"`
}

func searchIndexJS(ds *dataset) []byte {
	idx := searchIndex{Entities: [][4]string{}, Sentences: [][4]string{}}
	from := siteDir + "search.html"
	for _, e := range ds.entities {
		terms := []string{e.Name}
		if e.FullName != "" {
			terms = append(terms, e.FullName)
		}
		terms = append(terms, e.Forms...)
		for _, a := range e.Abbrevs {
			ab := a.d.abbrevs[a.i]
			terms = append(terms, ab.Short, ab.Long)
		}
		for _, id := range e.Identifiers {
			terms = append(terms, id.ID)
		}
		terms = append(terms, e.ID)
		idx.Entities = append(idx.Entities, [4]string{e.Name, e.Type, strings.Join(dedupe(terms), "|"), relLink(from, siteEntity(e.Type, e.ID))})
	}
	for _, d := range ds.docs {
		if !d.text {
			continue
		}
		href := relLink(from, siteDocument(d.id))
		for _, s := range d.sents {
			idx.Sentences = append(idx.Sentences, [4]string{s.Text, d.id, s.ID, href + "#" + s.ID})
		}
	}
	var b strings.Builder
	b.WriteString("// The search index of this release, made by chemores publish.\nwindow.CHEMORES_INDEX = ")
	b.Write(encodeJSON(idx, false))
	return []byte(strings.TrimSuffix(b.String(), "\n") + ";\n")
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		s = strings.ReplaceAll(s, "|", " ")
		if k := strings.ToLower(s); s != "" && !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}
