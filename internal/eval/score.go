package eval

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/chemores/chemores/extract"
)

// Fields are the reference fields scored, in report order.
var Fields = []string{"authors", "title", "journal", "year", "volume", "first_page", "last_page", "doi"}

// Score is one article's figures.
type Score struct {
	Refs    int // gold references
	Found   int // aligned with an extracted one
	Fields  int // gold fields scored
	Right   int // of those, extracted right
	ByField map[string][2]int

	// Citation links: counts per reference, extracted against gold.
	LinksGold, LinksGot, LinksRight int

	// Misses lists, for a report, the gold references not found and the
	// fields got wrong ("12 title").
	Misses []string
}

// FoundRate is the share of gold references aligned.
func (s Score) FoundRate() float64 { return ratio(s.Found, s.Refs) }

// FieldRate is the share of gold fields extracted right.
func (s Score) FieldRate() float64 { return ratio(s.Right, s.Fields) }

// Precision of the citation links; an article that cites nothing
// extracted has precision 0 when the gold cites anything.
func (s Score) Precision() float64 { return ratio(s.LinksRight, s.LinksGot) }

// Recall of the citation links.
func (s Score) Recall() float64 { return ratio(s.LinksRight, s.LinksGold) }

// HasLinks says whether the gold cites anything, so the article counts
// in the link means.
func (s Score) HasLinks() bool { return s.LinksGold > 0 }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Compare scores a Document against its gold. A nil doc (extraction
// failed) scores zero on everything the gold gives.
func Compare(doc *extract.Document, g *Gold) Score {
	s := Score{Refs: len(g.References), ByField: map[string][2]int{}}
	var got []extract.Reference
	if doc != nil {
		got = doc.References
	}
	pairs := align(got, g.References)
	toGold := map[int]int{} // extracted n -> gold n
	for i, j := range pairs {
		want := &g.References[i]
		var x *extract.Reference
		if j >= 0 {
			x = &got[j]
			s.Found++
			toGold[x.N] = want.N
		} else {
			s.Misses = append(s.Misses, strconv.Itoa(want.N)+" not found")
		}
		for _, f := range Fields {
			ok, scored := fieldRight(f, x, want)
			if !scored {
				continue
			}
			c := s.ByField[f]
			c[1]++
			s.Fields++
			if ok {
				c[0]++
				s.Right++
			} else if x != nil {
				s.Misses = append(s.Misses, fmt.Sprintf("%d %s: got %q, want %q", want.N, f, gotField(f, x), wantField(f, want)))
			}
			s.ByField[f] = c
		}
	}
	gl, _ := g.links()
	for _, c := range gl {
		s.LinksGold += c
	}
	if doc != nil {
		got := map[int]int{}
		for n, c := range citedCounts(doc) {
			s.LinksGot += c
			if gn, ok := toGold[n]; ok {
				got[gn] += c
			}
		}
		for n, c := range got {
			s.LinksRight += min(c, gl[n])
		}
	}
	return s
}

// fieldRight says whether x has field f of want right, and whether the
// field is scored at all (the gold gives it). x nil: not found, wrong.
func fieldRight(f string, x *extract.Reference, want *GoldRef) (ok, scored bool) {
	var w string
	switch f {
	case "authors":
		if len(want.Authors) == 0 || len(want.Authors) == 1 && etAl(want.Authors[0].Family) {
			return false, false
		}
		return x != nil && authorsMatch(x, want.Authors), true
	case "title":
		w = want.Title
	case "journal":
		w = want.Journal
	case "year":
		w = yearOf(want.Year)
	case "volume":
		w = want.Volume
	case "first_page":
		w = want.FirstPage
	case "last_page":
		w = want.LastPage
	case "doi":
		w = want.DOI
	}
	if compact(w) == "" {
		return false, false
	}
	if x == nil {
		return false, true
	}
	switch f {
	case "title":
		return titleMatch(x.Title, w), true
	case "journal":
		return journalMatch(x.Journal, w), true
	case "year":
		return x.Year > 0 && strconv.Itoa(x.Year) == w, true
	case "volume":
		return compact(x.Volume) == compact(unlabel(w)), true
	case "first_page":
		return compact(x.FirstPage) == compact(unlabel(w)), true
	case "last_page":
		return lastPageMatch(x.LastPage, unlabel(w)), true
	default: // doi
		return normDOI(x.DOI) == normDOI(w), true
	}
}

// authorsMatch compares family names in order. A list cut short by
// "et al." on either side is compared as far as the shorter goes.
func authorsMatch(x *extract.Reference, want []GoldAuthor) bool {
	var w []string
	cut := x.EtAl
	for _, a := range want {
		if etAl(a.Family) {
			cut = true
			break
		}
		w = append(w, fold(a.Family))
	}
	var g []string
	for _, a := range x.Authors {
		g = append(g, fold(a.Family))
	}
	if len(g) == 0 || len(w) == 0 {
		return false
	}
	if !cut && len(g) != len(w) {
		return false
	}
	for i := 0; i < min(len(g), len(w)); i++ {
		if g[i] != w[i] {
			return false
		}
	}
	return true
}

// Sum is the corpus's figures over articles.
type Sum struct {
	Articles, Documents int
	Refs, Found         int
	Fields, Right       int
	linkArticles        int
	p, r                float64
	ByField             map[string][2]int
}

// Add adds an article's score; ok says whether extraction gave a
// Document.
func (t *Sum) Add(s Score, ok bool) {
	t.Articles++
	if ok {
		t.Documents++
	}
	t.Refs += s.Refs
	t.Found += s.Found
	t.Fields += s.Fields
	t.Right += s.Right
	if t.ByField == nil {
		t.ByField = map[string][2]int{}
	}
	for f, c := range s.ByField {
		a := t.ByField[f]
		t.ByField[f] = [2]int{a[0] + c[0], a[1] + c[1]}
	}
	if s.HasLinks() {
		t.linkArticles++
		t.p += s.Precision()
		t.r += s.Recall()
	}
}

// FoundRate is references found, weighted by references.
func (t Sum) FoundRate() float64 { return ratio(t.Found, t.Refs) }

// FieldRate is field accuracy, weighted by fields.
func (t Sum) FieldRate() float64 { return ratio(t.Right, t.Fields) }

// Precision is the mean link precision over articles whose gold cites.
func (t Sum) Precision() float64 { return mean(t.p, t.linkArticles) }

// Recall is the mean link recall over articles whose gold cites.
func (t Sum) Recall() float64 { return mean(t.r, t.linkArticles) }

func mean(total float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return total / float64(n)
}

// FieldNames returns ByField's keys in report order.
func (t Sum) FieldNames() []string {
	var out []string
	for _, f := range Fields {
		if _, ok := t.ByField[f]; ok {
			out = append(out, f)
		}
	}
	return out
}

// AddUnscored counts an article that has no gold: it only tells whether
// extraction gave a Document.
func (t *Sum) AddUnscored(ok bool) {
	t.Articles++
	if ok {
		t.Documents++
	}
}

// gotField and wantField print a field for a miss report.
func gotField(f string, x *extract.Reference) string {
	switch f {
	case "authors":
		var names []string
		for _, a := range x.Authors {
			names = append(names, a.Family)
		}
		if x.EtAl {
			names = append(names, "et al.")
		}
		return strings.Join(names, "; ")
	case "title":
		return x.Title
	case "journal":
		return x.Journal
	case "year":
		return strconv.Itoa(x.Year)
	case "volume":
		return x.Volume
	case "first_page":
		return x.FirstPage
	case "last_page":
		return x.LastPage
	}
	return x.DOI
}

func wantField(f string, w *GoldRef) string {
	switch f {
	case "authors":
		var names []string
		for _, a := range w.Authors {
			names = append(names, a.Family)
		}
		return strings.Join(names, "; ")
	case "title":
		return w.Title
	case "journal":
		return w.Journal
	case "year":
		return w.Year
	case "volume":
		return w.Volume
	case "first_page":
		return w.FirstPage
	case "last_page":
		return w.LastPage
	}
	return w.DOI
}

// lastPageMatch compares last pages. Many JATS files keep the last page
// as printed, shortened ("279-82" gives lpage 82), where extract writes
// it whole (282): the whole page ending in the printed digits is the
// same page. A supplement's suffix (".e3" of "1298-301.e3") is left
// out of the comparison.
func lastPageMatch(got, want string) bool {
	g, w := compact(got), compact(want)
	if g == w {
		return true
	}
	if i := strings.IndexByte(got, '.'); i > 0 {
		g = compact(got[:i])
	}
	return g == w || len(w) < len(g) && isDigits(w) && isDigits(g) && strings.HasSuffix(g, w)
}

// unlabel drops the label some JATS files keep inside a volume or page
// element ("Volume 124", "p. 613"), and the issue and colon one keeps in
// its volume ("58(2):"): the number is the field.
func unlabel(s string) string {
	t := strings.TrimSpace(s)
	if i := strings.IndexByte(t, '('); i > 0 && strings.HasSuffix(strings.TrimRight(t, ": "), ")") {
		t = strings.TrimSpace(t[:i])
	}
	for _, p := range []string{"Volume ", "Vol. ", "vol. ", "pp. ", "p. ", "P. "} {
		if strings.HasPrefix(t, p) {
			return strings.TrimSpace(t[len(p):])
		}
	}
	return t
}
