package publish

import (
	"strings"
)

// Frictionless Data Package v2 (https://datapackage.org/standard/):
// datapackage.json describes the release's files, and each table and view
// of the database as a tabular resource (dialect "table" names it), with a
// Table Schema read from SQLite itself.

const dataPackageProfile = "https://datapackage.org/profiles/2.0/datapackage.json"

// DataPackage is datapackage.json.
type DataPackage struct {
	Schema      string       `json:"$schema"`
	Name        string       `json:"name"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Version     string       `json:"version"` // the release id
	Created     string       `json:"created"`
	Homepage    string       `json:"homepage,omitempty"`
	Keywords    []string     `json:"keywords"`
	Licenses    []DPLicense  `json:"licenses,omitempty"`
	Sources     []DPSource   `json:"sources"`
	Resources   []DPResource `json:"resources"`
}

type DPLicense struct {
	Name  string `json:"name,omitempty"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

type DPSource struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

type DPResource struct {
	Name        string         `json:"name"`
	Type        string         `json:"type,omitempty"` // "table" for tables and views
	Path        string         `json:"path"`
	Title       string         `json:"title,omitempty"`
	Description string         `json:"description,omitempty"`
	Format      string         `json:"format"`
	Mediatype   string         `json:"mediatype"`
	Encoding    string         `json:"encoding,omitempty"`
	Bytes       int64          `json:"bytes"`
	Hash        string         `json:"hash"` // "sha256:<hex>"
	Licenses    []DPLicense    `json:"licenses,omitempty"`
	Dialect     *DPDialect     `json:"dialect,omitempty"`
	Schema      *DPTableSchema `json:"schema,omitempty"`
}

type DPDialect struct {
	Table string `json:"table"`
}

type DPTableSchema struct {
	Fields      []DPField      `json:"fields"`
	PrimaryKey  []string       `json:"primaryKey,omitempty"`
	ForeignKeys []DPForeignKey `json:"foreignKeys,omitempty"`
}

type DPField struct {
	Name        string         `json:"name"`
	Type        string         `json:"type"`
	Constraints *DPConstraints `json:"constraints,omitempty"`
}

type DPConstraints struct {
	Required bool `json:"required"`
}

type DPForeignKey struct {
	Fields    []string    `json:"fields"`
	Reference DPReference `json:"reference"`
}

type DPReference struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// fieldType maps a declared SQLite type to a Table Schema type.
func fieldType(decl string) string {
	switch strings.ToUpper(decl) {
	case "INTEGER", "INT":
		return "integer"
	case "REAL":
		return "number"
	case "TEXT":
		return "string"
	}
	return "any"
}

// jsonResources are the API files the data package lists by name; the
// rest are reachable from index.json.
var jsonResources = []struct{ name, path, desc string }{
	{"api-index", apiDir + "index.json", "Entry point of the static JSON API: counts, links and the schema.org record."},
	{"api-references", apiDir + "references.json", "Cited works with DOI, status, score and where they are cited."},
	{"api-entities", apiDir + "entities.json", "Genes, chemicals and diseases with identifiers and mention counts."},
	{"api-mechanisms", apiDir + "mechanisms.json", "Resistance mechanisms with counts of sections, entities and references."},
	{"api-search", apiDir + "search.json", "Compact inverted index for client-side search."},
	{"api-claims", apiDir + "claims.json", "Resistance claims by agent, drug and mechanism, with counts and links to the files that hold them with their sentences and DOIs."},
	{"changes", ChangesFile, "What changed since the previous release."},
}

func dataPackage(meta releaseMeta, ds *dataset, files []ManifestEntry, tables []tableInfo) DataPackage {
	sum := map[string]ManifestEntry{}
	for _, f := range files {
		sum[f.Path] = f
	}
	desc := strings.TrimSpace(meta.Description + " " + countDOIs(ds).summary())
	dp := DataPackage{Schema: dataPackageProfile, Name: meta.Name, Title: meta.Title, Description: desc,
		Version: meta.ID, Created: meta.created(), Homepage: meta.Homepage,
		Keywords: []string{"chemoresistance", "drug resistance", "cancer", "genes", "drugs", "citations", "DOI"},
		Sources:  []DPSource{}, Resources: []DPResource{}}
	dp.Licenses = licenses(meta, ds)
	for _, d := range ds.docs {
		src := DPSource{Title: d.doc.Front.Title}
		if doi := NormalizeDOI(d.doc.Front.DOI); doi != "" {
			src.Path = "https://doi.org/" + doi
		}
		dp.Sources = append(dp.Sources, src)
	}
	file := func(name, path, format, mt, desc string) DPResource {
		e := sum[path]
		return DPResource{Name: name, Path: path, Description: desc, Format: format, Mediatype: mt, Bytes: e.Bytes, Hash: "sha256:" + e.SHA256}
	}
	dp.Resources = append(dp.Resources,
		file("database", DBFile, "sqlite", "application/vnd.sqlite3", "The whole dataset as an SQLite database (FTS5 full-text search included)."),
		file("database-gz", DBGzFile, "gz", "application/gzip", "The SQLite database, gzipped."))
	for _, r := range jsonResources {
		res := file(r.name, r.path, "json", "application/json", r.desc)
		res.Encoding = "utf-8"
		dp.Resources = append(dp.Resources, res)
	}
	for _, t := range tables {
		res := file("table-"+strings.ReplaceAll(t.Name, "_", "-"), DBFile, "sqlite", "application/vnd.sqlite3", t.Comment)
		res.Type, res.Title, res.Dialect = "table", t.Name, &DPDialect{Table: t.Name}
		ts := &DPTableSchema{Fields: []DPField{}, PrimaryKey: t.PK}
		for _, c := range t.Columns {
			f := DPField{Name: c.Name, Type: fieldType(c.Type)}
			if c.NotNull {
				f.Constraints = &DPConstraints{Required: true}
			}
			ts.Fields = append(ts.Fields, f)
		}
		for _, fk := range t.FKs {
			to := fk.To
			if len(to) > 0 && to[0] == "" { // REFERENCES t with no columns: t's primary key
				to = pkOf(tables, fk.Parent)
			}
			ts.ForeignKeys = append(ts.ForeignKeys, DPForeignKey{Fields: fk.From,
				Reference: DPReference{Resource: "table-" + strings.ReplaceAll(fk.Parent, "_", "-"), Fields: to}})
		}
		res.Schema = ts
		dp.Resources = append(dp.Resources, res)
	}
	dp.Resources = append(dp.Resources, parquetResources(dp.Resources, tables, sum)...)
	// Every file quotes the documents (names, sentences, captions), so
	// each resource carries the dataset's licence and those of the texts
	// it holds.
	for i := range dp.Resources {
		dp.Resources[i].Licenses = dp.Licenses
	}
	return dp
}

// licenses are the release's licences: the dataset's own, for what
// chemores adds (structure, entities, identifiers, claims, DOIs), and
// the licence of each document whose text the release carries. A
// document published without its text adds none: its titles, names and
// offsets remain, not its prose.
func licenses(meta releaseMeta, ds *dataset) []DPLicense {
	var out []DPLicense
	if meta.License != "" || meta.LicenseURL != "" {
		out = append(out, DPLicense{Name: meta.License, Path: meta.LicenseURL,
			Title: "The dataset: the structure, entities, identifiers, claims and DOIs chemores adds"})
	}
	for _, d := range ds.docs {
		if !d.text {
			continue
		}
		l := DPLicense{Path: d.lic.URL, Title: "Text of " + d.id + ": " + licenseText(d.lic)}
		if d.lic.License != LicenseUnknown {
			l.Name = d.lic.License
		} else if l.Path == "" {
			l.Path = d.lic.Source // the page looked at; the licence is not known
			if !strings.HasPrefix(l.Path, "http") {
				l.Path = "https://doi.org/" + NormalizeDOI(d.doc.Front.DOI)
			}
		}
		out = append(out, l)
	}
	return out
}

// licenseText says a document's licence in words.
func licenseText(l DocLicense) string {
	if l.License == LicenseUnknown {
		s := "licence unknown"
		if l.Source != "" && l.Source != "none" {
			s += " (looked for at " + l.Source + ")"
		}
		return s + "; redistribution " + l.Redistribute
	}
	return l.License + "; redistribution " + l.Redistribute
}

func pkOf(tables []tableInfo, name string) []string {
	for _, t := range tables {
		if t.Name == name {
			return t.PK
		}
	}
	return nil
}
