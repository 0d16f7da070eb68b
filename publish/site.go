package publish

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// The browse pages: plain HTML and CSS, and one small script for the
// search page, made from the same checked dataset as the database and the
// API. Links are relative, so a release directory works wherever it is
// served, or opened from disk; the pages load nothing from elsewhere
// (a Content-Security-Policy in each page says so to the browser).

//go:embed site
var siteFS embed.FS

// siteDir holds the pages but the home page (HomeFile).
const siteDir = "site/"

// Pages' paths, relative to the release root.
func siteEntity(typ, id string) string {
	return siteDir + "entities/" + typeDir(typ) + "/" + entitySlug(id) + ".html"
}
func siteReference(id string) string   { return siteDir + "references/" + id + ".html" }
func siteMechanism(slug string) string { return siteDir + "mechanisms/" + slug + ".html" }
func siteDocument(id string) string    { return siteDir + "documents/" + id + ".html" }

const (
	siteMechanisms = siteDir + "mechanisms/index.html"
	siteEntities   = siteDir + "entities/index.html"
	siteReferences = siteDir + "references/index.html"
	siteDocuments  = siteDir + "documents/index.html"
	siteSearch     = siteDir + "search.html"
	siteIndexJS    = siteDir + "search-index.js"
)

// relLink is the link from the page at path from to the release file to
// (both relative to the release root; to "" is the root itself).
func relLink(from, to string) string {
	var dir []string
	if d := path.Dir(from); d != "." {
		dir = strings.Split(d, "/")
	}
	parts := strings.Split(to, "/")
	i := 0
	for i < len(dir) && i < len(parts)-1 && dir[i] == parts[i] {
		i++
	}
	return strings.Repeat("../", len(dir)-i) + strings.Join(parts[i:], "/")
}

var siteTmpl = func() map[string]*template.Template {
	funcs := template.FuncMap{"human": func(n int64) string { return humanBytes(n) }, "add": func(a, b int) int { return a + b }}
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(siteFS, "site/layout.html"))
	pages, err := fs.Glob(siteFS, "site/page-*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(strings.TrimPrefix(path.Base(p), "page-"), ".html")
		out[name] = template.Must(template.Must(base.Clone()).ParseFS(siteFS, p))
	}
	return out
}()

// page is what every template gets: where the page is, the navigation,
// and its own data in Body.
type page struct {
	Path    string
	Root    string // prefix that leads back to the release root
	Title   string
	Name    string
	Release string
	Created string
	License string
	Refresh string // a page that moved: where to
	Nav     []navLink
	Body    any
}

type navLink struct {
	Label, Href string
	Current     bool
}

// render makes the page at p from template name.
func render(meta releaseMeta, p, name, title string, body any) File {
	pg := page{Path: p, Root: relLink(p, ""), Title: title, Name: meta.Name, Release: meta.ID, Created: meta.created(), License: meta.License, Body: body}
	if name == "moved" {
		pg.Refresh = body.(string)
	}
	for _, n := range []struct{ label, to string }{
		{"Home", HomeFile}, {"Mechanisms", siteMechanisms}, {"Entities", siteEntities},
		{"References", siteReferences}, {"Documents", siteDocuments}, {"Search", siteSearch},
	} {
		pg.Nav = append(pg.Nav, navLink{n.label, relLink(p, n.to), n.to == p})
	}
	var b bytes.Buffer
	if err := siteTmpl[name].ExecuteTemplate(&b, "layout.html", pg); err != nil {
		// The templates are ours and their data typed: a bug.
		panic(fmt.Sprintf("page %s: %v", p, err))
	}
	return File{Path: p, Data: b.Bytes()}
}

// buildSite makes every browse page but the home page (which lists the
// finished files' checksums: buildHome), in path order.
func buildSite(ds *dataset, meta releaseMeta, emit func(File) error) error {
	var files []File
	add := func(f File) { files = append(files, f) }
	for _, name := range []string{"style.css", "search.js", "favicon.svg"} {
		b, err := siteFS.ReadFile("site/" + name)
		if err != nil {
			return err
		}
		add(File{Path: siteDir + name, Data: b})
	}
	add(File{Path: siteIndexJS, Data: searchIndexJS(ds)})
	add(render(meta, siteSearch, "search", "Search", nil))
	add(render(meta, siteMechanisms, "mechanisms", "Resistance mechanisms", mechanismList(ds, siteMechanisms)))
	for _, m := range ds.mechs {
		p := siteMechanism(m.Slug)
		add(render(meta, p, "mechanism", m.Name, mechanismPage(ds, m, p)))
	}
	add(render(meta, siteEntities, "entities", "Genes, chemicals and diseases", entityList(ds, siteEntities)))
	for _, e := range ds.entities {
		p := siteEntity(e.Type, e.ID)
		add(render(meta, p, "entity", e.Name, entityPage(ds, e, p)))
	}
	add(render(meta, siteReferences, "references", "References", referenceList(ds, siteReferences)))
	for _, w := range ds.works {
		p := siteReference(w.ID)
		add(render(meta, p, "reference", referenceLabel(w.first()), referencePage(ds, w, p)))
		// A saved link to an entry's own id (ref-<document>-<n>) keeps
		// working once a DOI names the work.
		for _, e := range w.Entries {
			if alias := entryID(e.d.id, e.d.refs[e.i].N); alias != w.ID {
				ap := siteReference(alias)
				f := render(meta, ap, "moved", alias, relLink(ap, p))
				add(f)
			}
		}
	}
	add(render(meta, siteDocuments, "documents", "Documents", documentList(ds, siteDocuments)))
	for _, d := range ds.docs {
		p := siteDocument(d.id)
		add(render(meta, p, "document", d.doc.Front.Title, documentPage(ds, d, p)))
	}
	sortFiles(files)
	for _, f := range files {
		if err := emit(f); err != nil {
			return err
		}
	}
	return nil
}

// download is one file offered on the home page.
type download struct {
	Path, Href, What string
	Bytes            int64
	SHA256           string // "" for the files that list this page
}

type homeBody struct {
	Description string
	Counts      Counts
	APIVersion  string
	Links       []navLink
	Licenses    []licenseView
	DataLicense string
	DataURL     string
	Citation    string
	BibTeX      string
	DocCites    []string
	Downloads   []download
	Parquet     []download
}

type licenseView struct {
	Doc, Title, Href                            string
	License, URL, SourceURL, Redistribute, Note string
	FullText                                    bool
}

func licenseOf(d *docData, from string) licenseView {
	v := licenseView{Doc: d.id, Title: d.doc.Front.Title, Href: relLink(from, siteDocument(d.id)), License: d.lic.License,
		URL: d.lic.URL, Redistribute: d.lic.Redistribute, Note: d.lic.Note, FullText: d.text}
	if strings.HasPrefix(d.lic.Source, "https://") || strings.HasPrefix(d.lic.Source, "http://") {
		v.SourceURL = d.lic.Source
	}
	return v
}

// buildHome is index.html: what the dataset is, its counts, licences,
// how to cite it and the downloads with their checksums. It is made
// last but for the tarball and the manifest, whose checksums cannot be
// on a page they contain (SHA256SUMS has them).
func buildHome(ds *dataset, meta releaseMeta, files []ManifestEntry) File {
	c := counts(ds)
	b := homeBody{Description: meta.Description, Counts: c, APIVersion: APIVersion,
		DataLicense: meta.License, DataURL: meta.LicenseURL, Citation: citation(meta), BibTeX: bibtex(meta)}
	b.Links = []navLink{
		{fmt.Sprintf("%d resistance mechanisms", c.Mechanisms), siteMechanisms, false},
		{fmt.Sprintf("%d genes, %d chemicals, %d diseases", c.Genes, c.Chemicals, c.Diseases), siteEntities, false},
		{fmt.Sprintf("%d references, %d with a DOI", c.CitedWorks, c.DOIs), siteReferences, false},
		{count(c.Documents, "document"), siteDocuments, false},
		{"Search entities and sentences", siteSearch, false},
	}
	for _, d := range ds.docs {
		b.Licenses = append(b.Licenses, licenseOf(d, HomeFile))
		b.DocCites = append(b.DocCites, documentCitation(d))
	}
	sum := map[string]ManifestEntry{}
	for _, f := range files {
		sum[f.Path] = f
	}
	for _, d := range []struct{ path, what string }{
		{DBFile, "the whole dataset as an SQLite database"},
		{DBGzFile, "the same, gzipped"},
		{PackageFile, "Frictionless Data Package: every table and file described"},
		{apiDir + "index.json", "the static JSON API's entry point"},
		{ChangesMD, "what changed since the previous release"},
		{ReadmeFile, "how to check and query the release"},
	} {
		e := sum[d.path]
		b.Downloads = append(b.Downloads, download{d.path, d.path, d.what, e.Bytes, e.SHA256})
	}
	b.Downloads = append(b.Downloads,
		download{Path: TarballName(meta.ID), Href: TarballName(meta.ID), What: "everything above and these pages in one archive (checksum in SHA256SUMS)"},
		download{Path: SumsFile, Href: SumsFile, What: "SHA-256 of every file: sha256sum -c SHA256SUMS"},
		download{Path: ManifestFile, Href: ManifestFile, What: "every file with its size and SHA-256"})
	for _, f := range files {
		if strings.HasPrefix(f.Path, parquetDir) {
			b.Parquet = append(b.Parquet, download{f.Path, f.Path, "", f.Bytes, f.SHA256})
		}
	}
	for i := range b.Links {
		b.Links[i].Href = relLink(HomeFile, b.Links[i].Href)
	}
	return render(meta, HomeFile, "home", meta.Title, b)
}

func bibtex(meta releaseMeta) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@misc{%s_%s,\n  title = {{%s}},\n  note = {Release %s},\n  year = {%d}",
		meta.Name, strings.ReplaceAll(meta.ID, "-", ""), meta.Title, meta.ID, meta.Time.UTC().Year())
	if meta.BaseURL != "" {
		fmt.Fprintf(&b, ",\n  url = {%s/%s/}", meta.BaseURL, meta.ID)
	} else if meta.Homepage != "" {
		fmt.Fprintf(&b, ",\n  url = {%s}", meta.Homepage)
	}
	b.WriteString("\n}")
	return b.String()
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// entryID is a reference-list entry's permanent id.
func entryID(doc string, n int) string { return referenceID(doc, n, "") }

// sitePaths lists what buildSite makes, for tests.
func sitePaths(files []File) []string {
	var out []string
	for _, f := range files {
		if f.Path == HomeFile || strings.HasPrefix(f.Path, siteDir) {
			out = append(out, f.Path)
		}
	}
	slices.Sort(out)
	return out
}
