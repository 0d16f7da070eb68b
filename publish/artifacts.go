package publish

import (
	"archive/tar"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/normalize"
)

// tarball packs the release (all but the compressed database, which the
// tarball's own compression makes redundant) under chemores-<id>/, with
// directories listed and fixed times, owners and modes, and streams it
// compressed to w. Files are added in batches, each in path order, so
// that the API is packed as it is made, while the database is still being
// built; the order of entries is that of the batches, fixed by build.
type tarball struct {
	root string
	meta releaseMeta
	zw   *chunkGzip
	tw   *tar.Writer
	memo *gzMemo // chunks of large files compressed before
	dirs map[string]bool
	buf  []byte // for copying files
	err  error
}

func newTarball(w io.Writer, meta releaseMeta, memo *gzMemo) *tarball {
	t := &tarball{root: strings.TrimSuffix(TarballName(meta.ID), ".tar.gz"), meta: meta,
		zw: newChunkGzip(w, nil), memo: memo, dirs: map[string]bool{}}
	t.tw = tar.NewWriter(t.zw)
	t.err = t.tw.WriteHeader(t.header(t.root+"/", 0o755, 0, tar.TypeDir))
	return t
}

func (t *tarball) header(name string, mode int64, size int64, typ byte) *tar.Header {
	return &tar.Header{Typeflag: typ, Name: name, Mode: mode, Size: size, ModTime: t.meta.Time}
}

// addAll packs a batch of files, and of blobs by path, in path order.
func (t *tarball) addAll(files []File, blobs map[string]blob) {
	fs := slices.Clone(files)
	for p := range blobs {
		fs = append(fs, File{Path: p})
	}
	sortFiles(fs)
	for _, f := range fs {
		if b, ok := blobs[f.Path]; ok {
			t.addBlob(f.Path, b)
		} else {
			t.add(f)
		}
	}
}

// add packs one file, with the directories it needs.
func (t *tarball) add(f File) {
	t.addBlob(f.Path, blob{data: f.Data, size: int64(len(f.Data))})
}

// addBlob packs one file, with the directories it needs. The contents of
// a file of a megabyte or more (the database) start and end a gzip
// member, so that they are cut into the same chunks as in the file's own
// .gz, and the memo gives those chunks compressed.
func (t *tarball) addBlob(name string, b blob) {
	if t.err != nil || name == DBGzFile {
		return
	}
	f := File{Path: name}
	var parents []string
	for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
		parents = append(parents, d)
	}
	for i := len(parents) - 1; i >= 0 && t.err == nil; i-- {
		if !t.dirs[parents[i]] {
			t.dirs[parents[i]] = true
			t.err = t.tw.WriteHeader(t.header(t.root+"/"+parents[i]+"/", 0o755, 0, tar.TypeDir))
		}
	}
	if t.err == nil {
		t.err = t.tw.WriteHeader(t.header(t.root+"/"+f.Path, 0o644, b.size, tar.TypeReg))
	}
	large := b.size >= gzipChunk
	if large {
		t.zw.cut()
		t.zw.memo = t.memo
	}
	if t.err == nil {
		t.err = t.copy(b)
	}
	if large {
		t.zw.cut()
		t.zw.memo = nil
	}
}

// copy writes a blob's contents into the current entry: bytes in memory
// in one write, a file through a buffer of the tarball's, made once (a
// buffer per file cost a megabyte each for thousands of pages).
func (t *tarball) copy(b blob) error {
	if b.path == "" {
		_, err := t.tw.Write(b.data)
		return err
	}
	if t.buf == nil {
		t.buf = make([]byte, gzipChunk)
	}
	r, err := b.open()
	if err != nil {
		return err
	}
	defer r.Close()
	_, err = io.CopyBuffer(t.tw, r, t.buf)
	return err
}

// close ends the archive and writes the rest of it out.
func (t *tarball) close() error {
	if t.err != nil {
		return t.err
	}
	if err := t.tw.Close(); err != nil {
		return err
	}
	return t.zw.Close()
}

func newManifest(meta releaseMeta, files []ManifestEntry) Manifest {
	m := Manifest{Release: meta.ID, Created: meta.created(), Files: []ManifestEntry{}}
	for _, f := range files {
		m.Files = append(m.Files, f)
		m.Bytes += f.Bytes
	}
	m.Content = contentDigest(m.Files)
	return m
}

// contentDigest hashes what a release says, not when or under which id:
// the API files except index.json (which names the release), the JSON
// Schemas and the database migrations, as sorted "sha256  path" lines.
// Every fact in the database is also in the API, so the database, its
// gzip copy, the tarball and the data package (which carry the id and
// date) are left out. Two builds whose digests agree publish nothing new.
func contentDigest(files []ManifestEntry) string {
	var lines []ManifestEntry
	for _, f := range files {
		if f.Path != apiDir+"index.json" && (strings.HasPrefix(f.Path, apiDir) || strings.HasPrefix(f.Path, "schemas/")) {
			lines = append(lines, f)
		}
	}
	ms, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err) // a constant pattern
	}
	for _, name := range ms {
		data, err := migrationFS.ReadFile(name)
		if err != nil {
			panic(err) // embedded at build time
		}
		lines = append(lines, ManifestEntry{Path: name, SHA256: sha256hex(data)})
	}
	return sha256hex(sha256sums(lines))
}

// releaseReadme is the release's README.md: what is there and how to check
// and query it.
func releaseReadme(meta releaseMeta, ds *dataset) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s release %s\n\n%s\n\n", meta.Name, meta.ID, meta.Description)
	b.WriteString("## Sources\n\n")
	for _, d := range ds.docs {
		f := d.doc.Front
		if doi := NormalizeDOI(f.DOI); doi != "" {
			fmt.Fprintf(&b, "- %s. https://doi.org/%s\n", f.Title, doi)
		} else {
			fmt.Fprintf(&b, "- %s\n", f.Title)
		}
	}
	fmt.Fprintf(&b, `
## Files

- index.html and site/: the dataset as web pages (open index.html in a browser).
- %[1]s: SQLite database (%[2]s is the same, gzipped). Tables, views and
  full-text search are described in datapackage.json.
- api/v1/: the static JSON API; start at api/v1/index.json.
- parquet/: every table but meta as Parquet (DuckDB, Spark, BigQuery, pandas).
- schemas/: JSON Schemas (draft 2020-12) for every JSON file.
- %[3]s: everything above (but %[2]s) in one archive.
- manifest.json and %[4]s: every file with its size and SHA-256.
- CHANGES.md and changes.json: what changed since the previous release.

%[6]s
%[7]s
## Check it

    sha256sum -c %[4]s

## Ask it

    sqlite3 %[1]s "SELECT sentence_id, sentence, doi FROM entity_sentences WHERE entity_name = '%[5]s'"
`, DBFile, DBGzFile, TarballName(meta.ID), SumsFile, strings.ReplaceAll(exampleEntity(ds), "'", "''"), doiSection(ds), licenseSection(meta, ds))
	return []byte(b.String())
}

// doiCount is the DOI coverage of a release, as measured.
type doiCount struct {
	refs, withDOI int
	bySource      map[string]int // of the references with a DOI
	byStatus      map[string]int // of those without
}

func countDOIs(ds *dataset) doiCount {
	c := doiCount{bySource: map[string]int{}, byStatus: map[string]int{}}
	for _, d := range ds.docs {
		for _, r := range d.refs {
			c.refs++
			if r.DOI != "" {
				c.withDOI++
				c.bySource[r.Source]++
			} else {
				c.byStatus[r.Status]++
			}
		}
	}
	return c
}

// summary is one sentence: how many references have a DOI, by source.
func (c doiCount) summary() string {
	var parts []string
	for _, s := range []struct{ key, text string }{
		{enrich.SourceDeposited, "from the reviews' reference lists as deposited with Crossref"},
		{enrich.SourceSearch, "matched by Crossref search"},
		{enrich.SourcePrinted, "printed in the reference lists"},
		{enrich.SourceCurated, "curated (read beside the title on a public page)"},
	} {
		if n := c.bySource[s.key]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s.text))
		}
	}
	out := fmt.Sprintf("%d of %d references have a DOI", c.withDOI, c.refs)
	if len(parts) > 0 {
		out += ": " + strings.Join(parts, ", ")
	}
	return out + "."
}

// doiSection is the README's account of the DOIs, as measured in this
// release: how many, from which source, and why the rest have none.
func doiSection(ds *dataset) string {
	c := countDOIs(ds)
	var b strings.Builder
	fmt.Fprintf(&b, "## DOIs\n\n%s", c.summary())
	var rest []string
	for _, s := range []struct{ key, text string }{
		{enrich.Unresolved, "unresolved (no cached Crossref answer and no curated evidence)"},
		{enrich.NotFound, "not found (no record close enough, or the record seen shows no DOI)"},
		{enrich.Ambiguous, "ambiguous"},
		{enrich.Error, "failed lookups"},
	} {
		if n := c.byStatus[s.key]; n > 0 {
			rest = append(rest, fmt.Sprintf("%d %s", n, s.text))
		}
	}
	if len(rest) > 0 {
		fmt.Fprintf(&b, " Without one: %s.", strings.Join(rest, ", "))
	}
	b.WriteString(`

Each reference says where its DOI came from and what every source answered
(refs.doi_source and ref_doi_evidence; doi_source and doi_evidence in
api/v1/references/); the view doi_coverage counts them per document. When
sources disagree the stronger one is published and the other is listed in
ref_discrepancies (field doi-<source>).
`)
	return b.String()
}

// exampleEntity names the most-mentioned gene (else entity) of the
// release, for the README's example query.
func exampleEntity(ds *dataset) string {
	var best *entityData
	better := func(a, b *entityData) bool {
		if ag, bg := a.Type == normalize.Gene, b.Type == normalize.Gene; ag != bg {
			return ag
		}
		return len(a.Occ) > len(b.Occ)
	}
	for _, e := range ds.entities { // by id: ties keep the first
		if best == nil || better(e, best) {
			best = e
		}
	}
	if best == nil {
		return "ABCB1"
	}
	return best.Name
}
