package enrich

import (
	"slices"
	"strconv"
	"strings"

	"github.com/chemores/chemores/extract"

	"github.com/chemores/chemores/internal/lazyre"
)

// Fields compared between a reference and a record.
const (
	FieldTitle   = "title"
	FieldAuthor  = "author"
	FieldYear    = "year"
	FieldVolume  = "volume"
	FieldPage    = "page"
	FieldJournal = "journal"
	FieldDOI     = "doi"
)

// weights of the fields in a candidate's score; a field missing on either
// side drops out and the rest are rescaled.
var weights = map[string]float64{
	FieldTitle:   0.40,
	FieldAuthor:  0.15,
	FieldYear:    0.13,
	FieldVolume:  0.10,
	FieldPage:    0.12,
	FieldJournal: 0.10,
}

// scored is one candidate compared with the reference.
type scored struct {
	work      Work
	score     float64
	titleSim  float64
	agreed    []string
	disagreed []string
	// reject says why the record cannot be the cited work (an erratum,
	// a preprint, a dataset ...), or is empty.
	reject string
	// diffs are the disagreeing fields with both values.
	diffs []Discrepancy
	// onlineYear is set when the printed year is the record's online
	// year only, or one off: not an error in the reference.
	yearNote string
}

// compare scores one record against the reference.
func compare(r extract.Reference, w Work) scored {
	s := scored{work: w}
	vals := map[string]float64{}
	diff := func(field, printed, registered string) {
		s.disagreed = append(s.disagreed, field)
		s.diffs = append(s.diffs, Discrepancy{Field: field, Printed: printed, Registered: registered})
		vals[field] = 0
	}
	agree := func(field string) {
		s.agreed = append(s.agreed, field)
		vals[field] = 1
	}

	// Title, and the numbers inside it ("Cancer statistics, 2022").
	if rt, wt := r.Title, w.title(); rt != "" && wt != "" {
		sim := similarity(rt, wt)
		if len(w.Title) > 0 {
			sim = max(sim, similarity(rt, w.Title[0]))
		}
		s.titleSim = sim
		vals[FieldTitle] = sim
		switch {
		case sim >= 0.9:
			s.agreed = append(s.agreed, FieldTitle)
		case sim < 0.75:
			s.disagreed = append(s.disagreed, FieldTitle)
		}
		if sim < 1 && sim >= 0.75 {
			s.diffs = append(s.diffs, Discrepancy{Field: FieldTitle, Printed: rt, Registered: wt})
		}
		if pn, wn := numbers(fold(rt)), numbers(fold(wt)); !slices.Equal(pn, wn) && !slices.Equal(pn, numbers(fold(w.Title[0]))) {
			s.reject = "the numbers in the title differ (" + strings.Join(pn, " ") + " printed, " + strings.Join(wn, " ") + " registered)"
		}
	}

	// A reference whose title could not be parsed out: how much of the
	// record's title its raw text holds.
	if r.Title == "" && r.Raw != "" && len(w.Title) > 0 {
		s.titleSim = containment(w.Title[0], r.Raw)
		vals[FieldTitle] = s.titleSim
		if s.titleSim >= 0.9 {
			s.agreed = append(s.agreed, FieldTitle)
		} else if s.titleSim < 0.75 {
			s.disagreed = append(s.disagreed, FieldTitle)
		}
	}

	// First author's family name.
	if len(r.Authors) > 0 && len(w.Author) > 0 {
		if sameAuthor(r.Authors[0], w.Author) {
			agree(FieldAuthor)
		} else {
			diff(FieldAuthor, r.Authors[0].Family, authorName(w.Author[0]))
		}
	}

	// Year: print or online year agree; one off is the usual online vs
	// issue gap and neither agrees nor disagrees.
	if ys := w.years(); r.Year != 0 && len(ys) > 0 {
		switch {
		case slices.Contains(ys, r.Year):
			agree(FieldYear)
			if r.Year != w.year() {
				s.yearNote = "printed year " + strconv.Itoa(r.Year) + " is the online year; issue year " + strconv.Itoa(w.year())
			}
		case offByOne(r.Year, ys) && yearsUnsettled(w):
			// An online-first record without its issue year yet, or
			// with online and print years apart: plausibly the gap.
			vals[FieldYear] = 0.5
			s.yearNote = "printed year " + strconv.Itoa(r.Year) + " is one off the record's " + strconv.Itoa(w.year())
		default:
			diff(FieldYear, strconv.Itoa(r.Year), strconv.Itoa(w.year()))
		}
	}

	if r.Volume != "" && w.Volume != "" {
		if strings.EqualFold(strings.TrimSpace(r.Volume), strings.TrimSpace(w.Volume)) {
			agree(FieldVolume)
		} else {
			diff(FieldVolume, r.Volume, w.Volume)
		}
	}

	if fp := pageKey(r.FirstPage); fp != "" {
		if wp := recordPages(w); len(wp) > 0 {
			if slices.Contains(wp, fp) {
				agree(FieldPage)
			} else {
				diff(FieldPage, r.Pages, registeredPages(w))
			}
		}
	}

	if r.Journal != "" && (len(w.ContainerTitle) > 0 || len(w.ShortContainerTitle) > 0) {
		if sameJournal(r.Journal, w) {
			agree(FieldJournal)
		} else {
			diff(FieldJournal, r.Journal, w.journal())
		}
	}

	if s.reject == "" {
		s.reject = notTheWork(r, w)
	}

	var sum, total float64
	for f, v := range vals {
		sum += weights[f] * v
		total += weights[f]
	}
	if total > 0 {
		s.score = sum / total
	}
	// Few fields to compare make a weak case: shrink towards zero.
	if total < 0.6 {
		s.score *= total / 0.6
	}
	if s.reject != "" {
		s.score *= 0.3
	}
	s.score = round3(s.score)
	return s
}

func round3(f float64) float64 {
	return float64(int(f*1000+0.5)) / 1000
}

func offByOne(y int, ys []int) bool {
	for _, v := range ys {
		if v == y-1 || v == y+1 {
			return true
		}
	}
	return false
}

// yearsUnsettled reports whether a record's print year is missing or
// differs from its online year.
func yearsUnsettled(w Work) bool {
	p, o := w.PublishedPrint.Year(), w.PublishedOnline.Year()
	return p == 0 || (o != 0 && o != p)
}

func authorName(a Author) string {
	if a.Family != "" {
		return a.Family
	}
	return a.Name
}

// sameAuthor matches a printed first author against the record's first
// author (or, for records that list a consortium first, the second):
// family names folded, compound names matched on any part
// ("Ray Chaudhuri" and "Chaudhuri", "Esakov Rhoades").
func sameAuthor(p extract.Person, as []Author) bool {
	pt := tokens(p.Family)
	if len(pt) == 0 {
		return false
	}
	for i, a := range as {
		if i == 2 {
			break
		}
		at := tokens(authorName(a))
		if len(at) == 0 {
			continue
		}
		if strings.Join(pt, "") == strings.Join(at, "") {
			return true
		}
		// Compound family names: the last word of either appears in the other.
		if slices.Contains(at, pt[len(pt)-1]) || slices.Contains(pt, at[len(at)-1]) {
			return true
		}
		if a.Family != "" && i == 0 {
			return false // a person listed first who is someone else
		}
	}
	return false
}

var pagePrefix = lazyre.New(`^[A-Za-z]*0*(\d+)$`)

// pageKey reduces a page or article number to compare: "e22976" and
// "22976", "S12" and "12" differ only in a letter that printers drop;
// "0129" is "129".
func pageKey(p string) string {
	p = strings.TrimSpace(p)
	if m := pagePrefix().FindStringSubmatch(p); m != nil {
		return m[1]
	}
	return strings.ToLower(p)
}

// recordPages are the record's first page and article number as keys.
func recordPages(w Work) []string {
	var ps []string
	if w.Page != "" {
		first, _, _ := strings.Cut(w.Page, "-")
		ps = append(ps, pageKey(first))
	}
	if w.ArticleNumber != "" {
		ps = append(ps, pageKey(w.ArticleNumber))
	}
	return ps
}

func registeredPages(w Work) string {
	switch {
	case w.Page != "" && w.ArticleNumber != "":
		return w.Page + " (article " + w.ArticleNumber + ")"
	case w.Page != "":
		return w.Page
	}
	return w.ArticleNumber
}

// journalStop are the words NLM abbreviations leave out.
var journalStop = map[string]bool{
	"of": true, "the": true, "and": true, "a": true, "an": true, "for": true,
	"in": true, "on": true, "de": true, "la": true, "und": true, "fur": true,
}

var parenthetical = lazyre.New(`\([^()]*\)`)

// sameJournal matches a printed journal (usually an NLM abbreviation,
// "J Am Soc Nephrol", "Cancers (Basel)") against the record's container
// titles: every printed word must abbreviate the next title word, and
// every title word must be used.
func sameJournal(printed string, w Work) bool {
	p := journalWords(printed)
	if len(p) == 0 {
		return false
	}
	for _, t := range append(append([]string{}, w.ContainerTitle...), w.ShortContainerTitle...) {
		if abbreviates(p, journalWords(t)) {
			return true
		}
	}
	return false
}

func journalWords(s string) []string {
	s = parenthetical().ReplaceAllString(s, " ")
	var ws []string
	for _, t := range tokens(s) {
		if !journalStop[t] {
			ws = append(ws, t)
		}
	}
	return ws
}

// abbreviates reports whether the printed words abbreviate the full
// words in order. A word abbreviates another when it starts with the
// same letter and its letters appear in order ("natl" in "national").
// One printed word may be left over at the end ("Proc Natl Acad Sci
// USA" for "Proceedings of the National Academy of Sciences").
func abbreviates(p, full []string) bool {
	if len(full) == 0 {
		return false
	}
	if strings.Join(p, "") == strings.Join(full, "") {
		return true
	}
	i := 0
	for _, f := range full {
		if i == len(p) || !abbrev(p[i], f) {
			return false
		}
		i++
	}
	return len(p)-i <= 1 && len(full) >= 3 || i == len(p)
}

func abbrev(a, full string) bool {
	if a == "" || full == "" || a[0] != full[0] || len(a) > len(full) {
		return false
	}
	j := 0
	for i := 0; i < len(full) && j < len(a); i++ {
		if full[i] == a[j] {
			j++
		}
	}
	return j == len(a)
}

// Types of record that are never the cited journal article unless the
// reference is one of them.
var otherTypes = map[string]string{
	"posted-content":  "a preprint (posted-content)",
	"dataset":         "a dataset",
	"component":       "a component of another work",
	"peer-review":     "a peer review",
	"journal-issue":   "a whole journal issue",
	"journal":         "a journal",
	"journal-volume":  "a journal volume",
	"book-series":     "a book series",
	"proceedings":     "a whole proceedings volume",
	"grant":           "a grant",
	"standard-series": "a standard series",
}

// updateTitle catches notices, replies and comments whose record
// carries no update-to or relation: "Correction: ...", "Erratum to ...",
// "Comment on \"...\"", "Reply to ...", "Re: ...". A cited title that
// starts the same way is not held against its record.
var updateTitle = lazyre.New(`(?i)^\W*(?:(?:correction|erratum|corrigendum|retraction|retracted|expression of concern|withdrawn|withdrawal|addendum)\b|(?:comment(?:ary)?|reply|response|rebuttal)\s+(?:to|on)\b|re\s*:|author(?:s'?|'s)? reply\b|faculty opinions recommendation)`)

// commentRelations mark a record as being about another work.
var commentRelations = []string{"is-comment-on", "is-review-of", "is-reply-to", "is-preprint-of", "is-supplement-to"}

// notTheWork says why a record cannot be the cited work, or "".
func notTheWork(r extract.Reference, w Work) string {
	if why, ok := otherTypes[w.Type]; ok && !citesKind(r, w.Type) {
		return "the record is " + why
	}
	if len(w.UpdateTo) > 0 && !updateTitle().MatchString(r.Title) {
		u := w.UpdateTo[0]
		kind := u.Type
		if kind == "" {
			kind = "update"
		}
		return "the record is a " + kind + " of " + u.DOI + " (update-to)"
	}
	if len(w.Title) > 0 && updateTitle().MatchString(w.Title[0]) && !updateTitle().MatchString(r.Title) {
		return "the record is a notice, reply or comment (" + firstWords(w.Title[0], 4) + ")"
	}
	for _, rel := range commentRelations {
		if len(w.Relation[rel]) > 0 && !citesKind(r, w.Type) {
			return "the record " + strings.ReplaceAll(rel, "-", " ") + " " + w.Relation[rel][0].ID
		}
	}
	return ""
}

// preprintServers are journal names that mark a reference as citing a
// preprint or dataset on purpose.
var preprintServers = lazyre.New(`(?i)\b(?:biorxiv|medrxiv|arxiv|chemrxiv|research square|ssrn|preprints|zenodo|figshare|dryad|protein data bank|pdb)\b`)

func citesKind(r extract.Reference, typ string) bool {
	switch typ {
	case "posted-content", "dataset", "component":
		return preprintServers().MatchString(r.Journal) || preprintServers().MatchString(r.Raw)
	}
	return false
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// containment is the share of a title's words found in a text, in
// order-insensitive bag terms.
func containment(title, text string) float64 {
	tw := tokens(title)
	if len(tw) == 0 {
		return 0
	}
	have := map[string]int{}
	for _, t := range tokens(text) {
		have[t]++
	}
	n := 0
	for _, t := range tw {
		if have[t] > 0 {
			have[t]--
			n++
		}
	}
	return float64(n) / float64(len(tw))
}
