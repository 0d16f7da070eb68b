package eval

import (
	"sort"
	"strconv"
	"strings"

	"github.com/chemores/chemores/extract"
)

// minPair is the least evidence that aligns two references: a title that
// matches alone, or first author and year with a page or the number.
const minPair = 1.5

// pairScore weighs the evidence that an extracted reference is a gold
// one: DOI, title (or, where the gold has no title, the extracted title
// inside the gold's raw text), first author, year, first page and, very
// lightly, the number.
func pairScore(x *refKey, g *refKey) float64 {
	s := 0.0
	if x.doi != "" && x.doi == g.doi {
		s += 3
	}
	if len(x.raw) > 10 && x.raw == g.raw {
		s += 3 // the same printed text: a reference that is only a URL or a name
	}
	switch {
	case len(g.title) > 0 && len(x.title) > 0:
		d := dice(x.title, g.title)
		switch {
		case d >= 0.85:
			s += 2
		case d >= 0.5:
			s += 2 * (d - 0.5) / 0.35
		}
	case len(g.title) == 0 && len(x.title) >= 3 && strings.Contains(g.raw, strings.Join(x.title, " ")):
		s += 2
	}
	switch {
	case x.author != "" && x.author == g.author:
		s++
	case x.author != "" && g.author == "" && strings.Contains(g.head, x.author):
		s++
	}
	if x.year != "" && (x.year == g.year || g.year == "" && strings.Contains(g.raw, x.year)) {
		s += 0.5
	}
	if x.page != "" && x.page == g.page {
		s += 0.5
	}
	if x.n == g.n {
		s += 0.25
	}
	return s
}

// refKey is a reference folded for alignment.
type refKey struct {
	n      int
	doi    string
	title  []string
	author string
	year   string
	page   string
	raw    string // folded raw text
	head   string // its first 60 bytes, where the first author is
}

func goldKey(r *GoldRef) *refKey {
	k := &refKey{n: r.N, doi: normDOI(r.DOI), title: strings.Fields(fold(r.Title)),
		year: yearOf(r.Year), page: compact(r.FirstPage), raw: fold(r.Raw)}
	if len(r.Authors) > 0 && !etAl(r.Authors[0].Family) {
		k.author = fold(r.Authors[0].Family)
	}
	k.head = k.raw[:min(len(k.raw), 60)]
	return k
}

func extractedKey(r *extract.Reference) *refKey {
	k := &refKey{n: r.N, doi: normDOI(r.DOI), title: strings.Fields(fold(r.Title)),
		page: compact(r.FirstPage), raw: fold(r.Raw)}
	if r.Year > 0 {
		k.year = strconv.Itoa(r.Year)
	}
	if len(r.Authors) > 0 {
		k.author = fold(r.Authors[0].Family)
	}
	k.head = k.raw[:min(len(k.raw), 60)]
	return k
}

// align pairs extracted references with gold ones, one to one, best
// evidence first. It returns, for each gold index, the extracted index
// (or -1).
func align(got []extract.Reference, want []GoldRef) []int {
	gk := make([]*refKey, len(want))
	for i := range want {
		gk[i] = goldKey(&want[i])
	}
	xk := make([]*refKey, len(got))
	for i := range got {
		xk[i] = extractedKey(&got[i])
	}
	type pair struct {
		g, x int
		s    float64
	}
	var pairs []pair
	for i, g := range gk {
		for j, x := range xk {
			if s := pairScore(x, g); s >= minPair {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		pa, pb := pairs[a], pairs[b]
		if pa.s != pb.s {
			return pa.s > pb.s
		}
		if da, db := abs(pa.g-pa.x), abs(pb.g-pb.x); da != db {
			return da < db
		}
		if pa.g != pb.g {
			return pa.g < pb.g
		}
		return pa.x < pb.x
	})
	out := make([]int, len(want))
	for i := range out {
		out[i] = -1
	}
	used := make([]bool, len(got))
	for _, p := range pairs {
		if out[p.g] < 0 && !used[p.x] {
			out[p.g] = p.x
			used[p.x] = true
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func etAl(family string) bool { return fold(family) == "et al" }

// normDOI folds a DOI as printed ("https://doi.org/10.1/X.", "doi:10.1/x")
// to its lower-case bare form.
func normDOI(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "doi "} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimRight(strings.TrimSpace(s), ".,;")
}

// yearOf keeps the four digits of a year ("2010a" is 2010).
func yearOf(s string) string {
	for i := 0; i+4 <= len(s); i++ {
		if isDigits(s[i : i+4]) {
			return s[i : i+4]
		}
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
