// Command pdfgen typesets an article written as text (the markdown-
// flavoured text of seeds/: *italics*, ^{superscripts}, _{subscripts},
// $math$, blank lines between paragraphs) into a PDF laid out like a
// journal's: the PDF fixtures of the extract stage's tests.
//
// In: one text file. Out: one PDF (written atomically). Two layouts:
// "two-column" (A4, title block across both columns, running headers
// with the journal and page number, justified and hyphenated text, bold
// run-in headings, figure boxes with captions at the top, in a column
// and at the bottom of pages, the reference list in two columns) and
// "one-column" (A4, ragged right, whole lines drawn as strings, spaced
// paragraphs, a page footer). Fonts are DejaVu TrueType (Debian's
// fonts-dejavu-core); the output is byte-identical for the same input.
//
// Usage:
//
//	go run ./internal/pdfgen -layout two-column -journal "JOURNAL 1: 2, 2024" \
//	    -short "AUTHOR et al: SHORT TITLE" -o out.pdf in.txt
package main
