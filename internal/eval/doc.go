// Package eval measures extraction against the real-article corpus
// (../shared/corpus): each article's gold.json, read from its publisher's
// JATS by an independent script, against the Document that extract makes
// from the PDF, from pdftotext's plain text, or from the JATS itself.
//
// In: an extract.Document and a Gold. Out: a Score with the figures that
// the corpus README defines: references found, field accuracy and
// citation-link precision and recall; Sum adds articles up the way the
// README does (found and fields weighted by references, links averaged
// over articles).
//
// The rules are the README's, written down once here so that `make eval`,
// the corpus floor test and anyone comparing tools get the same numbers.
package eval
