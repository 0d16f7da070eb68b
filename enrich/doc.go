// Package enrich is the third stage: it finds the DOI of each reference.
//
// In: an extract.Document's references; a Source of HTTP responses: a
// Cache (JSON Lines, committed under seeds/cache/) and, online only, a
// Client for Crossref and NCBI; and the document's Curated evidence, if
// any. Out: Links (see links.go), one per reference: a status (matched,
// ambiguous, not_found, error, unresolved), the DOI and PMID, a
// confidence score, the DOI's source, every source's answer, the fields
// that agreed and disagreed, discrepancies between the printed reference
// and the record, and the candidates considered; and what the deposited
// reference list gave.
//
// First the review's own reference list as its publisher deposited it
// with Crossref (deposit.go): one request, each entry paired with a
// parsed reference only when their fields agree, each deposited DOI
// accepted only when its record (fetched in batches) agrees with the
// printed reference; publisher-asserted DOIs weigh more than
// crossref-asserted ones. Then, for each reference the deposit leaves
// open: a Crossref query.bibliographic search (5 rows); the printed DOI,
// if any, looked up and verified like any candidate; every candidate
// re-scored on title, first author, year, volume, first page or article
// number and journal; records that cannot be the cited work (errata and
// other update-to notices, preprints, datasets, peer reviews,
// components, comments and replies, a different number in the title)
// set aside; a match needs enough agreeing fields and a margin over the
// runner-up. PubMed gives a second opinion: ECitMatch finds a PMID,
// ESummary its DOI; agreement raises the score, disagreement makes the
// result ambiguous, and a DOI the search missed is looked up and scored.
// Last, the curated evidence (curated.go, seeds/evidence/<doc>.tsv):
// identifiers a person read beside the title on a public page. Agreeing
// sources raise the score; when they disagree the stronger wins and the
// other's DOI is a doi-<source> discrepancy. Each Link says its DOI's
// source and lists every source's answer (Evidence).
//
// Offline by default: a response missing from the cache leaves the
// reference unresolved unless a curated row gives its DOI. Online, the
// Client keeps Crossref's and NCBI's limits (token buckets, requests in
// flight, Retry-After on any status up to a cap, back-off with jitter, a
// time-out per attempt and a deadline per request, a stop when failures
// pile up) and the Source records exactly the responses used (the
// deposited list included), so that the rewritten cache is pruned. Only
// well-formed answers are used and cached (checkAnswer): an error under
// HTTP 200, an HTML page or a truncated body is retried, and ReadCache
// leaves out such entries stored by older versions.
package enrich
