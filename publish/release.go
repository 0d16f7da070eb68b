package publish

import (
	"github.com/chemores/chemores/release"

	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	// What chemores adds is under CC BY 4.0: reusable by anyone who says
	// where it came from, which is what a citable dataset asks. The
	// documents' text keeps its own licence (DocLicense).
	License:    "CC-BY-4.0",
	LicenseURL: "https://creativecommons.org/licenses/by/4.0/",
}

// Options controls a build.
type Options struct {
	Release    string    // release id: "2026-11-26", "2026-11-26b"
	Time       time.Time // release time: every timestamp in the release
	Mechanisms []Mechanism
	Meta       Meta
	Previous   *Snapshot // the release before this one; nil for the first
	// Text says whether the documents' full text is published: TextAuto
	// (""), TextInclude or TextOmit.
	Text string
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

// Release is a built release.
type Release struct {
	ID          string
	Files       []File // sorted by path; nil unless built in memory (Build)
	Manifest    Manifest
	Sums        []byte // SHA256SUMS
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

// Build makes a release in memory from the stage outputs. It reads no
// file and no clock (beyond timing itself): the same inputs and options
// give the same bytes.
func Build(ctx context.Context, inputs []Input, opts Options) (*Release, error) {
	s := &memSink{}
	rel, err := buildRelease(ctx, inputs, opts, s)
	if err != nil {
		return nil, err
	}
	rel.Files = s.sorted()
	return rel, nil
}

// buildRelease makes a release into a sink: Build's, in memory, or a staging
// directory's (Dist.Publish).
func buildRelease(ctx context.Context, inputs []Input, opts Options, s sink) (_ *Release, err error) {
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
	if !ValidTextPolicy(opts.Text) {
		return nil, fmt.Errorf("text policy %q: want auto, include or omit", opts.Text)
	}
	meta := releaseMeta{Meta: withDefaults(opts.Meta), ID: opts.Release, Time: opts.Time.UTC().Truncate(time.Second)}
	ds, err := newDataset(inputs, opts.Mechanisms, opts.Text)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rel := &Release{ID: opts.Release, Diagnostics: ds.diags}
	tf, err := s.create(TarballName(meta.ID))
	if err != nil {
		return nil, err
	}
	defer func() {
		if tf != nil {
			tf.Close() // after an error: what is in it does not matter
		}
	}()
	memo := newGzMemo()
	tb := newTarball(tf, meta, memo)

	// The database is built, copied to Parquet and compressed while the
	// API is encoded and packed into the tarball: on two cores this
	// halves the build.
	var (
		db     blob
		tables []tableInfo
		pq     []File
		snap   *Snapshot
	)
	dbPath, err := s.local(DBFile)
	if err != nil {
		return nil, err
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		b, err := loadDB(gctx, ds, meta, dbPath)
		if err != nil {
			return fmt.Errorf("database: %w", err)
		}
		defer b.close()
		tables = b.tables
		// Once loaded, the rows are final: Parquet copies them from a
		// snapshot while the database is indexed and compacted, which
		// takes them off the end of the build.
		snapshot, err := b.snapshot(gctx)
		if err != nil {
			return fmt.Errorf("database: %w", err)
		}
		inner, ictx := errgroup.WithContext(gctx)
		inner.Go(func() (err error) {
			defer snapshot.close()
			if pq, err = writeParquet(ictx, snapshot.conn, tables); err != nil {
				return fmt.Errorf("parquet: %w", err)
			}
			return putAll(s, pq)
		})
		inner.Go(func() (err error) {
			if db, err = b.finish(ictx); err != nil {
				return fmt.Errorf("database: %w", err)
			}
			rel.Stats.DB = b.st
			if err := s.putBlob(DBFile, db); err != nil {
				return err
			}
			return putGzip(s, DBGzFile, db, memo)
		})
		return inner.Wait()
	})
	g.Go(func() (err error) {
		snap, err = buildAPI(ds, meta, func(f File) error {
			rel.Stats.APIFiles++
			rel.Stats.APIBytes += int64(len(f.Data))
			tb.add(f)
			return s.put(f.Path, f.Data)
		})
		if err != nil {
			return err
		}
		tb.addAll(release.SchemaFiles(), nil)
		if err := putAll(s, release.SchemaFiles()); err != nil {
			return err
		}
		return buildSite(ds, meta, func(f File) error {
			tb.add(f)
			return s.put(f.Path, f.Data)
		})
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	rel.Changes = diffSnapshots(opts.Previous, snap)
	rest := []File{
		{Path: ChangesFile, Data: encodeJSON(rel.Changes, true)},
		{Path: ChangesMD, Data: rel.Changes.Markdown()},
		{Path: ReadmeFile, Data: releaseReadme(meta, ds)},
	}
	if err := putAll(s, rest); err != nil {
		return nil, err
	}
	// The data package describes the files above by size and hash.
	dp := File{Path: PackageFile, Data: encodeJSON(dataPackage(meta, ds, s.entries(), tables), true)}
	if err := s.put(dp.Path, dp.Data); err != nil {
		return nil, err
	}
	// The home page lists the checksums of the files made so far.
	home := buildHome(ds, meta, s.entries())
	if err := s.put(home.Path, home.Data); err != nil {
		return nil, err
	}
	tb.addAll(slices.Concat(rest, pq, []File{dp, home}), map[string]blob{DBFile: db})
	if err := tb.close(); err != nil {
		return nil, fmt.Errorf("tarball: %w", err)
	}
	err, tf = tf.Close(), nil
	if err != nil {
		return nil, fmt.Errorf("tarball: %w", err)
	}
	man := newManifest(meta, s.entries())
	mb := encodeJSON(man, true)
	sums := sha256sums(append(slices.Clone(man.Files), ManifestEntry{Path: ManifestFile, SHA256: sha256hex(mb)}))
	if err := putAll(s, []File{{Path: ManifestFile, Data: mb}, {Path: SumsFile, Data: sums}}); err != nil {
		return nil, err
	}
	rel.Manifest, rel.Sums, rel.Content = man, sums, man.Content
	rel.Stats.Files = release.FileCount(&man)
	rel.Stats.Bytes = man.Bytes + int64(len(mb)+len(sums))
	rel.Stats.Build = time.Since(t0)
	return rel, nil
}

// putAll puts files in order, up to the first error.
func putAll(s sink, files []File) error {
	for _, f := range files {
		if err := s.put(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// putGzip streams src, compressed, into the file at path, keeping the
// compressed chunks in memo for the tarball.
func putGzip(s sink, path string, src blob, memo *gzMemo) error {
	r, err := src.open()
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := s.create(path)
	if err != nil {
		return err
	}
	z := newChunkGzip(w, memo)
	_, err = io.CopyBuffer(z, r, make([]byte, gzipChunk))
	if err == nil {
		err = z.Close()
	}
	if err != nil {
		w.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return w.Close()
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
	if m.License != "" || m.LicenseURL != "" {
		d.License, d.LicenseURL = m.License, m.LicenseURL
	}
	d.Homepage = m.Homepage
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

// buildAPI makes every file under api/v1/ and gives each to emit, in
// path order, as soon as it is encoded; it returns the snapshot that the
// next release's change log compares against. Only the lists are made
// up front: a file is encoded when its turn comes, so the API is never
// all in memory.
func buildAPI(ds *dataset, meta releaseMeta, emit func(File) error) (*Snapshot, error) {
	type apiFile struct {
		path   string
		make   func() any
		indent bool // for the one file people read: the index
	}
	var files []apiFile
	add := func(path string, v func() any) { files = append(files, apiFile{apiDir + path, v, false}) }
	for _, d := range ds.docs {
		add(hrefDocument(d.id), func() any { return buildDocument(ds, d) })
	}
	refs := ReferenceList{Items: []ReferenceItem{}}
	for _, w := range ds.works {
		refs.Items = append(refs.Items, buildReferenceItem(w))
		add(hrefReference(w.ID), func() any { return buildReference(ds, w) })
		// A link saved with an entry's own id, ref-<document>-<n>, keeps
		// working once a DOI names the work: the same file under that id.
		for _, e := range w.Entries {
			if alias := entryID(e.d.id, e.d.refs[e.i].N); alias != w.ID {
				add(hrefReference(alias), func() any { return buildReference(ds, w) })
			}
		}
	}
	add("references.json", func() any { return refs })
	ents := EntityList{Items: []EntityItem{}}
	for _, e := range ds.entities {
		ents.Items = append(ents.Items, buildEntityItem(e))
		add(hrefEntity(e.Type, e.ID), func() any { return buildEntity(ds, e) })
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
	add("entities.json", func() any { return ents })
	mechs := MechanismList{Items: []MechanismItem{}}
	for _, m := range ds.mechs {
		mechs.Items = append(mechs.Items, buildMechanismItem(m))
		add(hrefMechanism(m.Slug), func() any { return buildMechanism(m) })
	}
	add("mechanisms.json", func() any { return mechs })
	addClaimFiles(ds, add)
	add("search.json", func() any { return buildSearch(ds) })
	idx := buildIndex(ds, meta)
	files = append(files, apiFile{apiDir + "index.json", func() any { return idx }, true})
	slices.SortFunc(files, func(a, b apiFile) int { return strings.Compare(a.path, b.path) })
	for _, f := range files {
		if err := emit(File{Path: f.path, Data: encodeJSON(f.make(), f.indent)}); err != nil {
			return nil, err
		}
	}
	return &Snapshot{Release: meta.ID, Created: idx.Created, Documents: idx.Documents, Entities: ents.Items, References: refs.Items}, nil
}
