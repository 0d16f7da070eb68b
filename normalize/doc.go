// Package normalize is the second stage: it finds and normalizes the
// genes, drugs and diseases a review talks about.
//
// In: an extract.Document and a Lexicon (NewLexicon over the committed
// files: the gene lexicon built by "chemores lexicon" from NCBI Gene via
// org.Hs.eg.db, curated chemicals and diseases, curated overrides). Out:
// Annotations (see annotations.go): sentences with offsets, abbreviation
// definitions, entity mentions with paragraph, sentence and code point
// offsets, and the entities they resolve to with their identifiers (NCBI
// Gene, MeSH, ChEBI, PubChem, Disease Ontology).
//
// The steps: sentences from the Punkt segmenter that prose wraps (built
// once per process), found again in the paragraph to get offsets; tokens that fold case, Greek letters and
// dashes while keeping source offsets (so "TGF- β", "TGF-β" and "TGFbeta"
// compare equal, and a change into sub- or superscripts ends a name);
// Schwartz & Hearst abbreviation definitions; a longest-match scan over a
// token trie of every lexicon name, with case and shape rules for
// symbols; disambiguation by the document's own definitions, curated
// overrides, context words, then the protein-coding gene. A mention that
// cannot be resolved with confidence is kept unresolved with its
// candidates and reported as a diagnostic, never guessed. An optional
// prose NER model (TrainNER, LoadNER) proposes further candidates.
//
// Then the sentences' resistance claims (claim.go, claims.go, claimcue.go):
// for each sentence that states a resistance relation, its agent, the
// relation, the drugs, the cancer, the mechanism (from the relation, the
// sentence's words, else the section's title) with negation and hedging,
// and the citations backing the sentence by their scope (CitationScope:
// a callout backs its own sentence and, inferred, the ones before it back
// to the previous callout). Claim.TiesMechanism says which claims tie
// their entities to their mechanism.
package normalize
