package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"
)

// Meta describes the dataset in the release metadata (index.json,
// datapackage.json, the schema.org record).
type Meta struct {
	Name        string // package name: lower case, "chemores"
	Title       string
	Description string
	License     string // Open Definition / SPDX id; empty: not stated
	LicenseURL  string
	Homepage    string
	BaseURL     string // where dist/ is served; empty: links stay relative
}

// DefaultMeta is used for fields left empty.
var DefaultMeta = Meta{
	Name:  "chemores",
	Title: "Chemotherapy resistance: genes, drugs and cancers in review articles, with the references behind them",
	Description: "Structured full text of review articles on chemotherapy resistance: the genes, drugs and " +
		"cancers they mention, normalized to NCBI Gene and MeSH identifiers; every sentence that mentions " +
		"them with the references it cites and their DOIs; and the resistance mechanisms the reviews " +
		"discuss (reduced uptake, efflux, drug inactivation, sequestration, DNA repair, tumour " +
		"microenvironment, dormancy and others), each tied to its entities and references.",
}

// Options controls a build.
type Options struct {
	Release    string    // release id: "2026-11-26", "2026-11-26b"
	Time       time.Time // release time: every timestamp in the release
	Mechanisms []Mechanism
	Meta       Meta
	Previous   *Snapshot // the release before this one; nil for the first
}

// File is one file of a release, by path relative to the release root.
type File struct {
	Path string
	Data []byte
}

// Stats are sizes and timings of a build.
type Stats struct {
	DB       DBStats
	APIFiles int
	APIBytes int64
	Files    int
	Bytes    int64
	Build    time.Duration
}

// Release is a built release, in memory.
type Release struct {
	ID          string
	Files       []File // sorted by path
	Diagnostics []Diagnostic
	Changes     *Changes
	Stats       Stats
	Content     string // content digest (Manifest.Content)
}

// File returns the release's file at path, or nil.
func (r *Release) File(path string) []byte {
	i, ok := slices.BinarySearchFunc(r.Files, path, func(f File, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return nil
	}
	return r.Files[i].Data
}

type releaseMeta struct {
	Meta
	ID   string
	Time time.Time
}

func (m releaseMeta) created() string { return m.Time.UTC().Format(time.RFC3339) }

// Release file names.
const (
	DBFile       = "chemores.sqlite"
	DBGzFile     = "chemores.sqlite.gz"
	ManifestFile = "manifest.json"
	SumsFile     = "SHA256SUMS"
	ChangesFile  = "changes.json"
	ChangesMD    = "CHANGES.md"
	PackageFile  = "datapackage.json"
	ReadmeFile   = "README.md"
	LatestFile   = "latest.json"
)

// TarballName is the release tarball's file name.
func TarballName(id string) string { return "chemores-" + id + ".tar.gz" }

// ValidReleaseID reports whether id is a release id: a date, and a letter
// b-z for a same-day patch.
func ValidReleaseID(id string) bool {
	m := releaseRe.FindStringSubmatch(id)
	if m == nil {
		return false
	}
	_, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3])
	return err == nil
}

// ReleaseDate is the release id for a time: its UTC date.
func ReleaseDate(t time.Time) string { return t.UTC().Format("2006-01-02") }

// Build makes a release in memory from the stage outputs. It reads no
// file and no clock (beyond timing itself): the same inputs and options
// give the same bytes.
func Build(ctx context.Context, inputs []Input, opts Options) (*Release, error) {
	t0 := time.Now()
	if !ValidReleaseID(opts.Release) {
		return nil, fmt.Errorf("release id %q: want a date such as 2026-11-26, with a letter b-z for a same-day patch", opts.Release)
	}
	if opts.Time.IsZero() {
		return nil, fmt.Errorf("release time not set (SOURCE_DATE_EPOCH or the inputs' commit time)")
	}
	if len(opts.Mechanisms) == 0 {
		return nil, fmt.Errorf("no mechanism vocabulary")
	}
	meta := releaseMeta{Meta: withDefaults(opts.Meta), ID: opts.Release, Time: opts.Time.UTC().Truncate(time.Second)}
	ds, err := newDataset(inputs, opts.Mechanisms)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rel := &Release{ID: opts.Release, Diagnostics: ds.diags}
	add := func(path string, data []byte) { rel.Files = append(rel.Files, File{path, data}) }

	// The database is built, then compressed and copied to Parquet, while
	// the API is built: on two cores this halves the build.
	var (
		db     []byte
		tables []tableInfo
		gz     []byte
		pq     []File
		api    []File
		snap   *Snapshot
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		var err error
		if db, tables, rel.Stats.DB, err = buildDB(gctx, ds, meta); err != nil {
			return fmt.Errorf("database: %w", err)
		}
		inner, ictx := errgroup.WithContext(gctx)
		inner.Go(func() (err error) {
			gz, err = gzipParallel(db)
			return err
		})
		inner.Go(func() (err error) {
			if pq, err = buildParquet(ictx, db, tables); err != nil {
				return fmt.Errorf("parquet: %w", err)
			}
			return nil
		})
		return inner.Wait()
	})
	// The tarball starts with the API and the schemas, packed and
	// compressed as soon as they are built.
	tb := newTarball(meta)
	g.Go(func() error {
		api, snap = buildAPI(ds, meta)
		tb.add(api)
		tb.add(schemaFiles())
		return nil
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	add(DBFile, db)
	add(DBGzFile, gz)
	for _, f := range pq {
		add(f.Path, f.Data)
	}
	for _, f := range api {
		add(f.Path, f.Data)
		rel.Stats.APIFiles++
		rel.Stats.APIBytes += int64(len(f.Data))
	}
	for _, f := range schemaFiles() {
		add(f.Path, f.Data)
	}
	rel.Changes = diffSnapshots(opts.Previous, snap)
	add(ChangesFile, encodeJSON(rel.Changes, true))
	add(ChangesMD, rel.Changes.Markdown())
	add(ReadmeFile, releaseReadme(meta, ds))
	sortFiles(rel.Files)
	add(PackageFile, encodeJSON(dataPackage(meta, ds, rel.Files, tables), true))
	sortFiles(rel.Files)
	var rest []File
	for _, f := range rel.Files {
		if !strings.HasPrefix(f.Path, apiDir) && !strings.HasPrefix(f.Path, "schemas/") {
			rest = append(rest, f)
		}
	}
	tb.add(rest)
	tgz, err := tb.bytes()
	if err != nil {
		return nil, err
	}
	add(TarballName(meta.ID), tgz)
	sortFiles(rel.Files)
	man := newManifest(meta, rel.Files)
	rel.Content = man.Content
	mb := encodeJSON(man, true)
	add(ManifestFile, mb)
	add(SumsFile, sha256sums(append(slices.Clone(man.Files), ManifestEntry{Path: ManifestFile, SHA256: sha256hex(mb)})))
	sortFiles(rel.Files)
	for _, f := range rel.Files {
		rel.Stats.Files++
		rel.Stats.Bytes += int64(len(f.Data))
	}
	rel.Stats.Build = time.Since(t0)
	return rel, nil
}

func withDefaults(m Meta) Meta {
	d := DefaultMeta
	if m.Name != "" {
		d.Name = m.Name
	}
	if m.Title != "" {
		d.Title = m.Title
	}
	if m.Description != "" {
		d.Description = m.Description
	}
	d.License, d.LicenseURL, d.Homepage = m.License, m.LicenseURL, m.Homepage
	d.BaseURL = strings.TrimRight(m.BaseURL, "/")
	return d
}

func sortFiles(fs []File) {
	slices.SortFunc(fs, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
}

// encodeJSON is the one JSON encoder of the release: no HTML escaping
// (so "<" stays "<"), a final newline, indented for files people read.
func encodeJSON(v any, indent bool) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		// Our own types always encode; anything else is a bug.
		panic(fmt.Sprintf("encode %T: %v", v, err))
	}
	return b.Bytes()
}

// buildAPI writes every file under api/v1/ and returns them with the
// snapshot that the next release's change log compares against.
func buildAPI(ds *dataset, meta releaseMeta) ([]File, *Snapshot) {
	var out []File
	add := func(path string, v any) { out = append(out, File{apiDir + path, encodeJSON(v, false)}) }
	for _, d := range ds.docs {
		add(hrefDocument(d.id), buildDocument(ds, d))
	}
	refs := ReferenceList{Items: []ReferenceItem{}}
	for _, w := range ds.works {
		refs.Items = append(refs.Items, buildReferenceItem(w))
		add(hrefReference(w.ID), buildReference(ds, w))
	}
	add("references.json", refs)
	ents := EntityList{Items: []EntityItem{}}
	for _, e := range ds.entities {
		ents.Items = append(ents.Items, buildEntityItem(e))
		add(hrefEntity(e.Type, e.ID), buildEntity(ds, e))
	}
	// Lists read best by type, then name.
	slices.SortStableFunc(ents.Items, func(a, b EntityItem) int {
		if c := strings.Compare(a.Type, b.Type); c != 0 {
			return c
		}
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	add("entities.json", ents)
	mechs := MechanismList{Items: []MechanismItem{}}
	for _, m := range ds.mechs {
		mechs.Items = append(mechs.Items, buildMechanismItem(m))
		add(hrefMechanism(m.Slug), buildMechanism(m))
	}
	add("mechanisms.json", mechs)
	add("search.json", buildSearch(ds))
	idx := buildIndex(ds, meta)
	out = append(out, File{apiDir + "index.json", encodeJSON(idx, true)})
	snap := &Snapshot{Release: meta.ID, Documents: idx.Documents, Entities: ents.Items, References: refs.Items}
	return out, snap
}
