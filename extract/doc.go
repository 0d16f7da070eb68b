// Package extract is the first stage of the pipeline: it turns a review
// article, as text (plain, or the markdown-flavoured text that PDF
// converters emit), as PDF or as JATS XML, into a Document.
//
// In: the bytes of one source file. Out: a Document (see document.go)
// holding the front matter, the section tree, paragraphs rejoined across
// page and column breaks with markup turned into Unicode text and a map
// back to source offsets, figures and their calls, in-text citation
// groups linked to reference numbers, the reference list parsed into
// fields, and diagnostics for data problems. The Document is plain data,
// serialized as JSON; later stages read it and never change it.
//
// The text and PDF paths produce Blocks (paragraph-sized runs of text in
// reading order) and share one structure builder, Build, so the parsers
// for headings, citations and references exist once. Text is cut into
// blocks here (TextBlocks); a PDF is read and laid out by the package
// extract/pdf, which knows nothing of articles.
//
// References are parsed in any of the common styles (see ParseReference)
// from numbered or author–year lists, and callouts linked to them:
// numbers in brackets, parentheses or superscripts, or names and years.
// An article whose reference list cannot be found still gives its text
// and structure, with a warning.
//
// JATS states the structure those parsers guess, so it is read from
// the XML tree directly (jats*.go), with the builder's shared pieces:
// section ids, figure calls, funding, diagnostics, and the reference
// parser for references printed as plain text.
package extract
