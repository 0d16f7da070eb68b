package publish

import (
	"github.com/chemores/chemores/release"

	"slices"

	"github.com/chemores/chemores/normalize"
)

// releaseURL turns a path relative to the release root into a link: under
// BaseURL when one is configured, else relative to api/v1/index.json.
func (m releaseMeta) releaseURL(path string) string {
	if m.BaseURL != "" {
		return m.BaseURL + "/" + m.ID + "/" + path
	}
	return "../../" + path
}

func counts(ds *dataset) Counts {
	var c Counts
	dois := map[string]bool{}
	c.Documents = len(ds.docs)
	for _, d := range ds.docs {
		c.Sections += len(d.secs)
		c.Paragraphs += len(d.paras)
		c.Sentences += len(d.sents)
		c.Figures += len(d.doc.Figures)
		c.Citations += len(d.cites)
		c.References += len(d.refs)
		c.Mentions += len(d.mentions)
		for _, m := range d.mentions {
			if m.Entity != "" {
				c.ResolvedMentions++
			}
		}
		c.Abbreviations += len(d.abbrevs)
		for _, r := range d.refs {
			if r.DOI != "" {
				dois[r.DOI] = true
			}
		}
	}
	c.CitedWorks = len(ds.works)
	c.DOIs = len(dois)
	c.Entities = len(ds.entities)
	for _, e := range ds.entities {
		switch e.Type {
		case normalize.Gene:
			c.Genes++
		case normalize.Chemical:
			c.Chemicals++
		case normalize.Disease:
			c.Diseases++
		}
	}
	c.Mechanisms = len(ds.mechs)
	for _, m := range ds.mechs {
		if len(m.Sections) > 0 {
			c.MatchedMechanisms++
		}
	}
	c.Claims = claimCount(ds)
	c.Diagnostics = len(ds.diags)
	return c
}

func buildIndex(ds *dataset, meta releaseMeta) Index {
	idx := Index{
		Name: meta.Name, Title: meta.Title, Description: meta.Description,
		Release: meta.ID, Created: meta.created(), APIVersion: APIVersion, SchemaVersion: SchemaVersion,
		Counts: counts(ds),
		Links: map[string]string{
			"documents":        "documents/{id}.json",
			"references":       "references.json",
			"reference":        "references/{id}.json",
			"entities":         "entities.json",
			"entity":           "entities/{type}/{file}.json",
			"mechanisms":       "mechanisms.json",
			"mechanism":        "mechanisms/{slug}.json",
			"search":           "search.json",
			"claims":           "claims.json",
			"claims_entity":    "claims/entities/{type}/{file}.json",
			"claims_drug":      "claims/drugs/{file}.json",
			"claims_mechanism": "claims/mechanisms/{slug}.json",
			"database":         meta.releaseURL(DBFile),
			"database_gz":      meta.releaseURL(DBGzFile),
			"tarball":          meta.releaseURL(TarballName(meta.ID)),
			"manifest":         meta.releaseURL(ManifestFile),
			"checksums":        meta.releaseURL(SumsFile),
			"datapackage":      meta.releaseURL(PackageFile),
			"changes":          meta.releaseURL(ChangesFile),
			"schemas":          meta.releaseURL("schemas/"),
		},
		Documents: []DocumentRef{},
		Files:     release.FileKinds(),
	}
	for _, d := range ds.docs {
		idx.Documents = append(idx.Documents, DocumentRef{ID: d.id, DOI: NormalizeDOI(d.doc.Front.DOI), Title: d.doc.Front.Title, Href: hrefDocument(d.id)})
	}
	idx.Dataset = schemaOrg(ds, meta)
	return idx
}

// schemaOrg is the release as a schema.org Dataset in JSON-LD, the form
// dataset search engines read.
func schemaOrg(ds *dataset, meta releaseMeta) map[string]any {
	var based []any
	var keywords []string
	for _, d := range ds.docs {
		art := map[string]any{"@type": "ScholarlyArticle", "name": d.doc.Front.Title}
		if doi := NormalizeDOI(d.doc.Front.DOI); doi != "" {
			art["@id"] = "https://doi.org/" + doi
			art["identifier"] = "https://doi.org/" + doi
		}
		based = append(based, art)
		for _, k := range d.doc.Front.Keywords {
			if !slices.Contains(keywords, k) {
				keywords = append(keywords, k)
			}
		}
	}
	for _, m := range ds.mechs {
		if len(m.Sections) > 0 {
			keywords = append(keywords, m.Name)
		}
	}
	out := map[string]any{
		"@context":            "https://schema.org/",
		"@type":               "Dataset",
		"name":                meta.Title,
		"alternateName":       meta.Name,
		"description":         meta.Description,
		"version":             meta.ID,
		"datePublished":       meta.Time.UTC().Format("2006-01-02"),
		"isBasedOn":           based,
		"keywords":            keywords,
		"isAccessibleForFree": true,
		"distribution": []any{
			map[string]any{"@type": "DataDownload", "encodingFormat": "application/vnd.sqlite3", "contentUrl": meta.releaseURL(DBFile)},
			map[string]any{"@type": "DataDownload", "encodingFormat": "application/gzip", "contentUrl": meta.releaseURL(TarballName(meta.ID))},
			map[string]any{"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": meta.releaseURL(apiDir + "index.json")},
		},
	}
	if meta.License != "" {
		if meta.LicenseURL != "" {
			out["license"] = meta.LicenseURL
		} else {
			out["license"] = meta.License
		}
	}
	if meta.Homepage != "" {
		out["url"] = meta.Homepage
	}
	return out
}
