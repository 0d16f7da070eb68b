// Package lexcheck parses and validates the curated lexicon files in
// seeds/lexicons (chemicals.tsv, diseases.tsv).
//
// In: the bytes of one lexicon file and a Spec (expected name, minimum
// number of entries). Out: the parsed Lexicon and a list of Problems, each
// with a line number and a Kind, so that tests can tell which rule fired.
//
// The file format, agreed with the normalize stage that reads it:
//
//	# name: chemicals
//	# source: ...
//	# license: ...
//	# note: ...            (any number of further "# " lines)
//	id<TAB>name<TAB>identifiers<TAB>synonyms<TAB>note
//	MESH:D004317<TAB>doxorubicin<TAB>MESH:D004317|CHEBI:28748<TAB>adriamycin|DOX<TAB>anthracycline; ambiguous: DOX (...)
//
// Rules checked: the header comments and column line; five columns per
// row; well-formed CURIEs (MESH:[DC] + 6 to 9 digits, CHEBI:n,
// PUBCHEM.COMPOUND:n, DOID:n); the primary id is among the identifiers; an
// entry without identifiers says "unchecked" in its note; no id or
// identifier used by two entries; no surface form (name or synonym) shared
// by two entries unless both notes flag it as ambiguous; rows sorted by
// name, case-insensitively with ties in byte order; a minimum entry count.
//
// Surface forms are compared case-insensitively when they have five or
// more characters and exactly otherwise, mirroring how a matcher treats
// long names and short symbols ("ALL" and "all" are different forms).
package lexcheck
