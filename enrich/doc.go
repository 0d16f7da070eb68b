// Package enrich is the third stage: it finds the DOI of each reference.
//
// In: an extract.Document's references and a cache of HTTP responses
// (committed under seeds/). Out: Links (see links.go), one per reference:
// a status, the DOI and PMID, a confidence score, the fields that agreed
// and disagreed, and the candidates considered. Offline by default: only
// a refresh asks Crossref and NCBI again.
package enrich
