package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
)

// maxPageBytes is what a page's HTML may weigh, so that it loads fast.
const maxPageBytes = 200 << 10

var (
	hrefRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	idRe   = regexp.MustCompile(` id="([^"]*)"`)
)

// TestSitePages checks every browse page of the fixture's release: small,
// with a title, a language and one h1; every link inside the release
// leads to a file of the release (and to an anchor that exists), and
// nothing is loaded from another host.
func TestSitePages(t *testing.T) {
	rel := build(t)
	pages := sitePaths(rel.Files)
	if len(pages) < 100 || pages[0] != HomeFile {
		t.Fatalf("%d pages, first %v", len(pages), pages[:1])
	}
	ids := map[string]map[string]bool{}
	for _, p := range pages {
		ids[p] = map[string]bool{}
		for _, m := range idRe.FindAllStringSubmatch(string(rel.File(p)), -1) {
			ids[p][m[1]] = true
		}
	}
	largest, largestPath := 0, ""
	for _, p := range pages {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		data := string(rel.File(p))
		if len(data) > largest {
			largest, largestPath = len(data), p
		}
		if len(data) > maxPageBytes {
			t.Errorf("%s: %d bytes, over %d", p, len(data), maxPageBytes)
		}
		if !strings.HasPrefix(data, "<!DOCTYPE html>\n<html lang=\"en\">") || strings.Count(data, "<h1") != 1 || !strings.Contains(data, "<title>") {
			t.Errorf("%s: no doctype, language, title or single h1", p)
		}
		for _, tag := range []string{"<script", "<link", "<img"} {
			for _, chunk := range strings.Split(data, tag)[1:] {
				if m := hrefRe.FindStringSubmatch(chunk[:strings.Index(chunk, ">")]); m != nil && strings.Contains(m[1], "://") {
					t.Errorf("%s: %s loads %s from elsewhere", p, tag, m[1])
				}
			}
		}
		for _, m := range hrefRe.FindAllStringSubmatch(data, -1) {
			u, err := url.Parse(m[1])
			if err != nil {
				t.Errorf("%s: link %q: %v", p, m[1], err)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				if u.Scheme != "https" {
					t.Errorf("%s: link %q is not https", p, m[1])
				}
				continue
			}
			target := p
			if u.Path != "" {
				target = path.Join(path.Dir(p), u.Path)
				if strings.HasSuffix(u.Path, "/") {
					target += "/"
				}
			}
			if rel.File(target) == nil {
				t.Errorf("%s: link %q leads to %s, which the release lacks", p, m[1], target)
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
				t.Errorf("%s: link %q: no id %q in %s", p, m[1], u.Fragment, target)
			}
		}
	}
	t.Logf("%d files; largest page %s, %d bytes", len(pages), largestPath, largest)
}

// TestSiteFacts: the pages say what the API says.
func TestSiteFacts(t *testing.T) {
	rel := build(t)
	var ent Entity
	if err := json.Unmarshal(rel.File(apiDir+hrefEntity("gene", "NCBIGene:5243")), &ent); err != nil {
		t.Fatal(err)
	}
	page := string(rel.File(siteEntity("gene", "NCBIGene:5243")))
	for _, m := range ent.Mentions {
		if m.Sentence != nil && !strings.Contains(page, `#`+m.Sentence.ID+`"`) {
			t.Errorf("entity page does not link sentence %s", m.Sentence.ID)
		}
		for _, r := range m.References {
			if r.DOI != "" && !strings.Contains(page, `href="https://doi.org/`+r.DOI+`"`) {
				t.Errorf("entity page does not link DOI %s", r.DOI)
			}
		}
	}
	for _, id := range ent.Identifiers {
		if !strings.Contains(page, `href="`+id.URL+`"`) {
			t.Errorf("entity page does not link %s", id.URL)
		}
	}
	home := string(rel.File(HomeFile))
	for _, f := range []string{DBFile, DBGzFile, PackageFile} {
		e := manifestEntry(rel, f)
		if !strings.Contains(home, e.SHA256) {
			t.Errorf("home page lacks the SHA-256 of %s", f)
		}
	}
	if !strings.Contains(home, "How to cite") || !strings.Contains(home, "CC-BY-4.0") || !strings.Contains(home, "Text of") {
		t.Error("home page lacks the citation or the licences")
	}
	js := string(rel.File(siteIndexJS))
	if !strings.HasPrefix(js, "// ") || !strings.Contains(js, "window.CHEMORES_INDEX = {") || !strings.Contains(js, `|P-gp|`) {
		t.Errorf("search index: %.80s", js)
	}
	// The entry id of a reference with a DOI leads to the work's page.
	for _, r := range ent.References {
		if r.DOI == "" {
			continue
		}
		alias := string(rel.File(siteReference(entryID(r.Document, r.N))))
		if !strings.Contains(alias, `url=`+r.ID+`.html"`) || !strings.Contains(alias, `href="`+r.ID+`.html"`) {
			t.Errorf("%s: no redirect to %s", entryID(r.Document, r.N), r.ID)
		}
		break
	}
}

func TestRelLink(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		{HomeFile, siteEntities, "site/entities/index.html"},
		{siteEntities, HomeFile, "../../index.html"},
		{siteEntities, "", "../../"},
		{HomeFile, "", ""},
		{siteMechanism("a"), siteMechanism("b"), "b.html"},
		{siteMechanism("a"), siteEntity("gene", "NCBIGene:1"), "../entities/gene/NCBIGene-1.html"},
		{siteSearch, siteIndexJS, "search-index.js"},
	} {
		if got := relLink(tt.from, tt.to); got != tt.want {
			t.Errorf("relLink(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func manifestEntry(rel *Release, p string) ManifestEntry {
	for _, e := range rel.Manifest.Files {
		if e.Path == p {
			return e
		}
	}
	return ManifestEntry{}
}

// TestWithoutText: a release built without the documents' text keeps
// every id, offset, entity and claim, says why the text is missing, and
// lists no licence for a text it does not carry.
func TestWithoutText(t *testing.T) {
	with := build(t)
	for _, tt := range []struct {
		name string
		opts func(*Options, *Input)
	}{
		{"omit", func(o *Options, _ *Input) { o.Text = TextOmit }},
		{"licence says no", func(_ *Options, in *Input) {
			in.License = &DocLicense{License: "LicenseRef-publisher", Redistribute: RedistNo, Source: "https://example.org/terms"}
		}},
	} {
		in := fixture(t)
		o := options(t)
		tt.opts(&o, &in)
		rel, err := Build(context.Background(), []Input{in}, o)
		if err != nil {
			t.Fatal(err)
		}
		var doc, full Document
		json.Unmarshal(rel.File(apiDir+hrefDocument(fixtureDoc)), &doc)
		json.Unmarshal(with.File(apiDir+hrefDocument(fixtureDoc)), &full)
		if doc.FullText || len(doc.Paragraphs) != len(full.Paragraphs) || doc.Abstract != "" {
			t.Errorf("%s: full_text %v, %d paragraphs (want %d), abstract %q", tt.name, doc.FullText, len(doc.Paragraphs), len(full.Paragraphs), doc.Abstract)
		}
		for i, p := range doc.Paragraphs {
			q := full.Paragraphs[i]
			if p.Text != "" || p.ID != q.ID || len(p.Sentences) != len(q.Sentences) || len(p.Mentions) != len(q.Mentions) || len(p.Citations) != len(q.Citations) {
				t.Fatalf("%s: paragraph %s: text %q or its sentences, mentions or citations differ", tt.name, p.ID, p.Text)
			}
		}
		if a, b := string(rel.File(apiDir+"claims.json")), string(with.File(apiDir+"claims.json")); a != b {
			t.Errorf("%s: claims.json differs", tt.name)
		}
		if a, b := string(rel.File(apiDir+"entities.json")), string(with.File(apiDir+"entities.json")); a != b {
			t.Errorf("%s: entities.json differs", tt.name)
		}
		readme := string(rel.File(ReadmeFile))
		if !strings.Contains(readme, "NOT included") {
			t.Errorf("%s: README does not say the text is left out", tt.name)
		}
		var dp DataPackage
		json.Unmarshal(rel.File(PackageFile), &dp)
		for _, l := range dp.Licenses {
			if strings.Contains(l.Title, "Text of") {
				t.Errorf("%s: data package lists the licence of a text it lacks: %+v", tt.name, l)
			}
		}
		if js := string(rel.File(siteIndexJS)); !strings.Contains(js, `"sentences":[]`) {
			t.Errorf("%s: the search index quotes sentences", tt.name)
		}
		if page := string(rel.File(siteDocument(fixtureDoc))); !strings.Contains(page, "does not carry the full text") {
			t.Errorf("%s: the document page does not say the text is left out", tt.name)
		}
	}
}

// TestDocumentLicense: a sidecar's licence, else the one JATS states,
// reaches the API, the database's documents and the data package.
func TestDocumentLicense(t *testing.T) {
	in := fixture(t)
	in.Doc.Front.License = "http://creativecommons.org/licenses/by/4.0/"
	rel := buildFresh(t, in)
	var doc Document
	json.Unmarshal(rel.File(apiDir+hrefDocument(fixtureDoc)), &doc)
	if doc.License.License != "CC-BY-4.0" || doc.License.Source != "jats" || !doc.FullText {
		t.Errorf("licence from JATS: %+v, full text %v", doc.License, doc.FullText)
	}
	var dp DataPackage
	json.Unmarshal(rel.File(PackageFile), &dp)
	names := ""
	for _, l := range dp.Licenses {
		names += l.Name + " "
	}
	if names != "CC-BY-4.0 CC-BY-4.0 " || len(dp.Resources) == 0 || len(dp.Resources[0].Licenses) != 2 {
		t.Errorf("data package licences: %q; first resource %+v", names, dp.Resources[0].Licenses)
	}
	db := openDB(t, rel)
	if got := queryStrings(t, db, "SELECT license || ' ' || license_source || ' ' || full_text FROM documents"); len(got) != 1 || got[0] != "CC-BY-4.0 jats 1" {
		t.Errorf("documents: %v", got)
	}
}

// TestSiteBudget: on a corpus where the same entities are everywhere (the
// fixture twelve times over), every page stays under the size limit, and
// the pages that left quotations out say so and link the API file that
// has them all.
func TestSiteBudget(t *testing.T) {
	var inputs []Input
	for i := range 12 {
		in := fixture(t)
		id := fmt.Sprintf("copy-%02d", i)
		in.Doc.ID, in.Ann.Document, in.Links.Document = id, id, id
		inputs = append(inputs, in)
	}
	ds, err := newDataset(inputs, vocab(t), TextAuto)
	if err != nil {
		t.Fatal(err)
	}
	meta := releaseMeta{Meta: withDefaults(Meta{}), ID: "2024-10-01", Time: fixtureTime}
	said := 0
	err = buildSite(ds, meta, func(f File) error {
		if strings.HasSuffix(f.Path, ".html") && len(f.Data) > maxPageBytes {
			t.Errorf("%s: %d bytes", f.Path, len(f.Data))
		}
		if strings.Contains(string(f.Data), "more sentences are in <a href=") {
			said++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if said == 0 {
		t.Error("no entity page says it left sentences out")
	}
}

func TestBudget(t *testing.T) {
	b := budget(100)
	if !b.take(60) || b.take(50) || b.take(10) {
		t.Error("a budget spent in order: 60 fits, 50 does not, and nothing after it")
	}
}
