package publish

import (
	"fmt"
	"strings"
)

// citation is how to cite a release, in one line: the dataset, its
// release and where it is served. The documents it is made from are
// cited as themselves (documentCitation).
func citation(meta releaseMeta) string {
	s := fmt.Sprintf("%s (%d). %s. Release %s.", meta.Name, meta.Time.UTC().Year(), meta.Title, meta.ID)
	switch {
	case meta.BaseURL != "":
		s += " " + meta.BaseURL + "/" + meta.ID + "/"
	case meta.Homepage != "":
		s += " " + meta.Homepage
	}
	return s
}

// documentCitation cites a source document: authors, year, title,
// journal and DOI, as far as the front matter gives them.
func documentCitation(d *docData) string {
	f := d.doc.Front
	var names []string
	for i, a := range f.Authors {
		if i == 3 {
			names = append(names, "et al.")
			break
		}
		n := a.Family
		if n == "" {
			n = a.Name
		}
		names = append(names, n)
	}
	var b strings.Builder
	if len(names) > 0 {
		b.WriteString(strings.Join(names, ", "))
		b.WriteString(". ")
	}
	if y := yearOf(f.Published, f.Accepted, f.Received); y != "" {
		b.WriteString("(" + y + ") ")
	}
	b.WriteString(strings.TrimSuffix(f.Title, "."))
	b.WriteString(".")
	if f.Journal != "" {
		b.WriteString(" " + f.Journal + ".")
	}
	if doi := NormalizeDOI(f.DOI); doi != "" {
		b.WriteString(" https://doi.org/" + doi)
	}
	return b.String()
}

// yearOf is the year of the first ISO 8601 date given.
func yearOf(dates ...string) string {
	for _, d := range dates {
		if len(d) >= 4 {
			return d[:4]
		}
	}
	return ""
}

// licenseSection is the release README's account of the licences.
func licenseSection(meta releaseMeta, ds *dataset) string {
	var b strings.Builder
	b.WriteString("## Licences\n\n")
	if meta.License != "" {
		fmt.Fprintf(&b, "- The dataset (the structure, entities, identifiers, claims and DOIs chemores adds): %s", meta.License)
		if meta.LicenseURL != "" {
			fmt.Fprintf(&b, " (%s)", meta.LicenseURL)
		}
		b.WriteString(".\n")
	}
	for _, d := range ds.docs {
		fmt.Fprintf(&b, "- Text of %s: %s", d.id, licenseText(d.lic))
		if d.lic.URL != "" {
			fmt.Fprintf(&b, " (%s)", d.lic.URL)
		}
		if d.text {
			b.WriteString(". The full text is included.\n")
		} else {
			b.WriteString(". The full text is NOT included (built without text): paragraph and sentence text, the abstract and captions are empty; ids, offsets, entities and claims are kept.\n")
		}
	}
	b.WriteString("\n## Cite\n\n" + citation(meta) + "\n\nand the documents it is made from:\n\n")
	for _, d := range ds.docs {
		b.WriteString("- " + documentCitation(d) + "\n")
	}
	return b.String()
}
