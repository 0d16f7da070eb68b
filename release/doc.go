// Package release is the format of a chemores release and what reads it:
// the file names, manifest.json, SHA256SUMS and latest.json, the JSON
// Schemas of the API; Pull, which downloads a release and checks every
// file before installing it; Verify, which re-checks an installed one;
// and Server, which serves a directory of releases and their browse
// pages. It imports no stage: a program that only downloads and checks
// releases links neither SQLite, Parquet nor the NER of normalize.
//
// In: a directory of releases, or a URL where one is served. Out:
// verified releases on disk, reports of what does not check out, HTTP
// answers with content types and cache headers.
//
// Pull resumes interrupted downloads, skips files already verified,
// refuses unsafe paths and files over the size cap, and installs a
// release by renaming a staging directory; publishes and pulls into one
// directory take turns on a lock (Lock).
package release
