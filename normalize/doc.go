// Package normalize is the second stage: it finds and normalizes the
// genes, drugs and diseases a review talks about.
//
// In: an extract.Document. Out: Annotations (see annotations.go):
// sentences with offsets, abbreviation definitions, entity mentions with
// document, paragraph, sentence and character offsets, and the entities
// they resolve to with their identifiers (NCBI Gene, MeSH, ChEBI,
// PubChem, Disease Ontology). A mention that cannot be resolved with
// confidence is kept unresolved and reported, never guessed.
package normalize
