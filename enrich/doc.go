// Package enrich is the third stage: it finds the DOI of each reference.
//
// In: an extract.Document's references and a Source of HTTP responses:
// a Cache (JSON Lines, committed under seeds/cache/) and, online only, a
// Client for Crossref and NCBI. Out: Links (see links.go), one per
// reference: a status (matched, ambiguous, not_found, error, unresolved),
// the DOI and PMID, a confidence score, the fields that agreed and
// disagreed, discrepancies between the printed reference and the record,
// and the candidates considered.
//
// Per reference: a Crossref query.bibliographic search (5 rows); the
// printed DOI, if any, looked up and verified like any candidate; every
// candidate re-scored on title, first author, year, volume, first page or
// article number and journal; records that cannot be the cited work
// (errata and other update-to notices, preprints, datasets, peer reviews,
// components, comments and replies, a different number in the title) set
// aside; a match needs enough agreeing fields and a margin over the
// runner-up. PubMed gives a second opinion: ECitMatch finds a PMID,
// ESummary its DOI; agreement raises the score, disagreement makes the
// result ambiguous, and a DOI the search missed is looked up and scored.
//
// Offline by default: a response missing from the cache leaves the
// reference unresolved. Online, the Client keeps Crossref's and NCBI's
// limits (token buckets, requests in flight, Retry-After on any status
// up to a cap, back-off with jitter, a time-out per attempt and a
// deadline per request, a stop when failures pile up) and the Source
// records exactly the responses used, so that the rewritten cache is
// pruned. Only well-formed answers are used and cached (checkAnswer):
// an error under HTTP 200, an HTML page or a truncated body is retried,
// and ReadCache leaves out such entries stored by older versions.
package enrich
