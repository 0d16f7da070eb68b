// Package publish is the last stage: it turns the outputs of extract,
// normalize and enrich into a release users download, verify, query and
// browse. The release format and its consumers (pull, verify, serve) are
// package release, which links neither SQLite, Parquet nor NER.
//
// In: one Input per document (an extract.Document, and the
// normalize.Annotations and enrich.Links for it when those stages ran),
// the curated vocabulary of resistance mechanisms
// (seeds/lexicons/mechanisms.tsv), a release id and time.
//
// Out (Build, in memory; Dist.Publish, streamed to dist/<release>/):
//
//   - chemores.sqlite: every table of the dataset, with foreign keys,
//     indexes for the common questions, views (entity_sentences,
//     reference_sentences, mechanism_entities, ...), FTS5 over paragraph
//     and sentence text; schema versioned by embedded migrations
//     (PRAGMA user_version); VACUUMed and byte-identical across builds.
//     chemores.sqlite.gz is the same, gzipped with a fixed header.
//   - api/v1/: the static JSON API (index.json with a schema.org Dataset
//     record, documents/, references.json and references/, entities.json
//     and entities/<type>/, mechanisms.json and mechanisms/, search.json,
//     and the resistance claims: claims.json with claims/entities/<type>/,
//     claims/drugs/ and claims/mechanisms/).
//   - parquet/<table>.parquet: every table but meta, for engines that do
//     not read SQLite (DuckDB, Spark, BigQuery, pandas).
//   - schemas/: a JSON Schema (draft 2020-12) for every JSON file.
//   - index.html and site/: the browse pages (home page with counts,
//     licences, citation and checksums; mechanisms, entities, references,
//     documents; an offline search over entities and sentences), plain
//     HTML and CSS with one small script, from the same checked dataset.
//   - datapackage.json (Frictionless Data Package v2, sha256 hashes, one
//     tabular resource per table and view), CHANGES.md and changes.json
//     against the previous release, README.md, a deterministic tarball,
//     manifest.json (with the content digest) and SHA256SUMS.
//
// Publish checks the stage outputs against each other before loading:
// a row that points at nothing is dropped or cut loose with a diagnostic
// (stored in the diagnostics table and the document file), so that the
// database's foreign keys always hold. Missing normalize or enrich output
// is published as what there is, with a diagnostic.
//
// Ids double as file names and survive adding documents: entities are
// CURIEs (NCBIGene:5243 -> entities/gene/NCBIGene-5243.json); a cited work
// with a DOI is "doi-<escaped DOI>" whatever review cites it, one without
// is "ref-<document>-<n>".
//
// A release is made into a sink. Build's keeps the files in memory, for
// tests and callers that want the bytes. Dist.Publish's writes each file
// into the staging directory as soon as it is made and lets go of it:
// the API is encoded file by file in path order, the tarball and the
// compressed database are written as they are compressed, and the
// database is built in its own file with a bounded page cache. Memory
// then holds the corpus being published and the work in flight, not the
// release; both ways give the same bytes.
//
// Releases are immutable: Dist.Publish stages a release under a hidden
// name and renames it into place, refuses to overwrite an id with other
// content (a same-day change gets a patch letter, 2026-11-26b, created
// after the release it follows), and does nothing when the content is
// already published.
//
// Each document's licence (a sidecar beside its source, or what JATS
// states) goes into the API, the database, the data package, the README
// and the pages; Options.Text leaves the documents' text out of a release
// (ids, offsets, entities and claims stay) where a licence forbids it.
package publish
