package lexcheck

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Columns is the tab-separated header line every lexicon carries.
const Columns = "id\tname\tidentifiers\tsynonyms\tnote"

// shortForm is the length (in runes) below which surface forms are
// compared case-sensitively.
const shortForm = 5

// Spec says what a particular lexicon file must look like.
type Spec struct {
	Name       string // value of the "# name:" header line
	MinEntries int
}

// The two curated lexicons and their agreed minimum sizes.
var (
	Chemicals = Spec{Name: "chemicals", MinEntries: 150}
	Diseases  = Spec{Name: "diseases", MinEntries: 100}
)

// Entry is one row of a lexicon.
type Entry struct {
	Line        int
	ID          string
	Name        string
	Identifiers []string
	Synonyms    []string
	Note        string
}

// Surfaces returns the name followed by the synonyms.
func (e Entry) Surfaces() []string {
	return append([]string{e.Name}, e.Synonyms...)
}

// Lexicon is a parsed lexicon file.
type Lexicon struct {
	Name    string
	Source  string
	License string
	Notes   []string // the other "# " header lines, without the "# " prefix
	Entries []Entry
}

// Kind names the rule a Problem breaks.
type Kind string

// The rules.
const (
	KindEncoding  Kind = "encoding"
	KindHeader    Kind = "header"
	KindColumns   Kind = "columns"
	KindField     Kind = "field"
	KindCURIE     Kind = "curie"
	KindPrimary   Kind = "primary"
	KindUnchecked Kind = "unchecked"
	KindDuplicate Kind = "duplicate-id"
	KindSynonym   Kind = "duplicate-synonym"
	KindOrder     Kind = "order"
	KindCount     Kind = "count"
)

// Problem is one rule violation. Line is 1-based; 0 means the whole file.
type Problem struct {
	Line int
	Kind Kind
	Msg  string
}

func (p Problem) String() string {
	return fmt.Sprintf("line %d: %s: %s", p.Line, p.Kind, p.Msg)
}

// curieRE holds one pattern per identifier scheme.
var curieRE = map[string]*regexp.Regexp{
	"MESH":             regexp.MustCompile(`^MESH:[DC]\d{6,9}$`),
	"CHEBI":            regexp.MustCompile(`^CHEBI:[1-9]\d*$`),
	"PUBCHEM.COMPOUND": regexp.MustCompile(`^PUBCHEM\.COMPOUND:[1-9]\d*$`),
	"DOID":             regexp.MustCompile(`^DOID:\d{1,7}$`),
}

// ValidCURIE reports whether s is a well-formed identifier of a known scheme.
func ValidCURIE(s string) bool {
	prefix, _, ok := strings.Cut(s, ":")
	re := curieRE[prefix]
	return ok && re != nil && re.MatchString(s)
}

// Check parses data as a lexicon and validates it against spec. It keeps
// going after a problem so that one run reports all of them.
func Check(data []byte, spec Spec) (*Lexicon, []Problem) {
	var c checker
	lex := c.parse(data, spec)
	c.rows(lex)
	c.unique(lex)
	c.order(lex)
	if len(lex.Entries) < spec.MinEntries {
		c.add(0, KindCount, "%d entries, want at least %d", len(lex.Entries), spec.MinEntries)
	}
	return lex, c.problems
}

type checker struct{ problems []Problem }

func (c *checker) add(line int, k Kind, format string, args ...any) {
	c.problems = append(c.problems, Problem{Line: line, Kind: k, Msg: fmt.Sprintf(format, args...)})
}

// parse reads the header and splits rows into entries; rows with the wrong
// number of columns are reported and skipped.
func (c *checker) parse(data []byte, spec Spec) *Lexicon {
	lex := &Lexicon{}
	if !utf8.Valid(data) {
		c.add(0, KindEncoding, "file is not valid UTF-8")
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n, inHeader, sawColumns := 0, true, false
	for sc.Scan() {
		n++
		line := sc.Text()
		if inHeader && strings.HasPrefix(line, "#") {
			c.headerLine(lex, n, line)
			continue
		}
		if inHeader {
			inHeader = false
			if line != Columns {
				c.add(n, KindHeader, "column line is %q, want %q", line, Columns)
				if strings.Count(line, "\t") != 4 || strings.HasPrefix(line, "id\t") {
					continue // a mangled column line, not data
				}
			} else {
				sawColumns = true
				continue
			}
		}
		c.row(lex, n, line)
	}
	if err := sc.Err(); err != nil {
		c.add(n, KindEncoding, "read: %v", err)
	}
	switch {
	case lex.Name == "":
		c.add(1, KindHeader, `first line must be "# name: %s"`, spec.Name)
	case lex.Name != spec.Name:
		c.add(1, KindHeader, "name is %q, want %q", lex.Name, spec.Name)
	}
	if lex.Source == "" {
		c.add(0, KindHeader, `missing "# source: ..." line`)
	}
	if lex.License == "" {
		c.add(0, KindHeader, `missing "# license: ..." line`)
	}
	if !sawColumns && inHeader {
		c.add(n, KindHeader, "missing column line %q", Columns)
	}
	return lex
}

func (c *checker) headerLine(lex *Lexicon, n int, line string) {
	text, ok := strings.CutPrefix(line, "# ")
	if !ok {
		c.add(n, KindHeader, `header lines start with "# "`)
		return
	}
	key, val, _ := strings.Cut(text, ": ")
	val = strings.TrimSpace(val)
	switch key {
	case "name":
		if n != 1 {
			c.add(n, KindHeader, `"# name:" must be the first line`)
		}
		lex.Name = val
	case "source":
		lex.Source = val
	case "license":
		lex.License = val
	default:
		lex.Notes = append(lex.Notes, text)
	}
	if n == 1 && key != "name" {
		c.add(n, KindHeader, `first line must be "# name: ..."`)
	}
}

func (c *checker) row(lex *Lexicon, n int, line string) {
	f := strings.Split(line, "\t")
	if len(f) != 5 {
		c.add(n, KindColumns, "%d columns, want 5", len(f))
		return
	}
	for i, v := range f {
		if v != strings.TrimSpace(v) {
			c.add(n, KindField, "column %d has leading or trailing space", i+1)
		}
	}
	lex.Entries = append(lex.Entries, Entry{
		Line:        n,
		ID:          f[0],
		Name:        f[1],
		Identifiers: c.list(n, "identifiers", f[2]),
		Synonyms:    c.list(n, "synonyms", f[3]),
		Note:        f[4],
	})
}

// list splits a '|'-separated column; empty items are a problem.
func (c *checker) list(n int, col, s string) []string {
	if s == "" {
		return nil
	}
	items := strings.Split(s, "|")
	for _, it := range items {
		if strings.TrimSpace(it) == "" {
			c.add(n, KindField, "empty item in %s", col)
		} else if it != strings.TrimSpace(it) {
			c.add(n, KindField, "%s item %q has leading or trailing space", col, it)
		}
	}
	return items
}

// rows checks each entry on its own.
func (c *checker) rows(lex *Lexicon) {
	for _, e := range lex.Entries {
		if e.Name == "" {
			c.add(e.Line, KindField, "empty name")
		}
		for _, id := range e.Identifiers {
			if !ValidCURIE(id) {
				c.add(e.Line, KindCURIE, "malformed identifier %q", id)
			}
		}
		switch {
		case e.ID == "" && len(e.Identifiers) > 0:
			c.add(e.Line, KindPrimary, "empty id but identifiers %v", e.Identifiers)
		case e.ID == "" && !strings.Contains(e.Note, "unchecked"):
			c.add(e.Line, KindUnchecked, "entry without identifiers must say \"unchecked\" in its note")
		case e.ID != "":
			if !ValidCURIE(e.ID) {
				c.add(e.Line, KindCURIE, "malformed id %q", e.ID)
			}
			if !slices.Contains(e.Identifiers, e.ID) {
				c.add(e.Line, KindPrimary, "id %s not among identifiers", e.ID)
			}
		}
		seenID := map[string]bool{}
		for _, id := range e.Identifiers {
			if seenID[id] {
				c.add(e.Line, KindDuplicate, "identifier %s listed twice", id)
			}
			seenID[id] = true
		}
		seen := map[string]string{}
		for _, s := range e.Surfaces() {
			k := SurfaceKey(s)
			if prev, ok := seen[k]; ok {
				c.add(e.Line, KindSynonym, "%q repeats %q within the entry", s, prev)
			}
			seen[k] = s
		}
	}
}

// unique checks identifiers and surface forms across entries.
func (c *checker) unique(lex *Lexicon) {
	ids := map[string]Entry{}
	surf := map[string]Entry{}
	for _, e := range lex.Entries {
		for _, id := range e.Identifiers {
			if prev, ok := ids[id]; ok {
				c.add(e.Line, KindDuplicate, "identifier %s also used by %q (line %d)", id, prev.Name, prev.Line)
				continue
			}
			ids[id] = e
		}
		for _, s := range e.Surfaces() {
			k := SurfaceKey(s)
			prev, ok := surf[k]
			if !ok {
				surf[k] = e
				continue
			}
			if prev.Line == e.Line {
				continue // reported by rows
			}
			if !FlagsAmbiguous(prev, s) || !FlagsAmbiguous(e, s) {
				c.add(e.Line, KindSynonym, "%q also names %q (line %d) and is not flagged ambiguous in both notes", s, prev.Name, prev.Line)
			}
		}
	}
}

// order checks rows are sorted by name.
func (c *checker) order(lex *Lexicon) {
	for i := 1; i < len(lex.Entries); i++ {
		a, b := lex.Entries[i-1], lex.Entries[i]
		if !NameLess(a.Name, b.Name) {
			c.add(b.Line, KindOrder, "%q sorts before %q (line %d)", b.Name, a.Name, a.Line)
		}
	}
}

// NameLess is the row order: case-insensitive, ties in byte order. Equal
// names are not less, so a repeated name is reported as out of order.
func NameLess(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la != lb {
		return la < lb
	}
	return a < b
}

// SurfaceKey is the form under which two surface forms count as the same:
// lower case for forms of shortForm runes or more, exact otherwise.
func SurfaceKey(s string) string {
	if utf8.RuneCountInString(s) >= shortForm {
		return strings.ToLower(s)
	}
	return s
}

// FlagsAmbiguous reports whether e's note flags surface s as ambiguous:
// the note has an "ambiguous" clause that names s.
func FlagsAmbiguous(e Entry, s string) bool {
	_, after, ok := strings.Cut(e.Note, "ambiguous")
	return ok && strings.Contains(after, s)
}
