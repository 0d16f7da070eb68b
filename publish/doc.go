// Package publish is the last stage: it loads the Document, Annotations
// and Links of every source into SQLite and writes a release: the
// database, a versioned static JSON API, checksums, a Frictionless data
// package and a change log against the previous release. It also holds
// the client side: pulling a release and verifying it.
package publish
