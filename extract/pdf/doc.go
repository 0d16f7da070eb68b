// Package pdf reads the text of a PDF and lays it out: words, lines,
// columns, reading order, headers and footers, hyphenation, superscripts
// and italics are rebuilt from the positions of the glyphs that
// ledongthuc/pdf's objects give (with its own content-stream, font and
// ToUnicode readers where the library's fall short).
//
// In: the bytes of a PDF. Out: a Layout, the blocks of text (paragraphs,
// headings, captions, list entries) in reading order with the font size
// and line indents the structure builder needs, and diagnostics for
// pages that could not be read. Files that cannot be used are
// diag.ErrInput errors that say why. extract turns the blocks into a
// Document with the same builder as text sources; nothing here knows
// about references or citations.
package pdf
