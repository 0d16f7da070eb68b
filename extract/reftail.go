package extract

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// tailMatch is the end of an entry read as volume, issue, pages and
// year, and the head before it (authors, title, source).
type tailMatch struct {
	kind                 string // the style's name; "" when no tail matched
	head                 string
	volume, issue, pages string
	year                 int
	commas               bool // the style separates title and source with a comma
}

// Pieces of the tail patterns. Pages: "844–851", "e104321", "132S-75S",
// "A64", "eaaf7444", "30-48 e14", "81-89.e10".
const (
	tYear  = `((?:1[5-9]|20)\d{2})[a-z]?`
	tVol   = `(\d{1,5}[A-Za-z]?)`
	tIssue = `(?:\s*\((?P<issue>[^()]{1,25})\))?`
	tPages = `([A-Za-z]{0,4}\d{1,7}[A-Za-z]?(?:\s*[-–—‐‑−]\s*[A-Za-z]{0,4}\d{1,7}[A-Za-z]?)?(?:(?:\s|\.)e\d{1,4})?)`
	// Months in English, and as Portuguese and Spanish NLM-style lists
	// abbreviate them ("2013 abr;", "2014 fev;", "2015 set;").
	tMonths = `(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December|Spring|Summer|Fall|Autumn|Winter|[Jj]an|[Ff]ev|[Mm]ar|[Aa]br|[Mm]ai|[Jj]un|[Jj]ul|[Aa]go|[Ss]et|[Oo]ut|[Nn]ov|[Dd]ez|[Ee]ne|[Ff]eb|[Mm]ay|[Ss]ep|[Oo]ct|[Dd]ic)\.?(?:\s*[-–/]\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December|[a-z]{3})\.?)?(?:\s+\d{1,2})?)`
)

// tailStyle is one style's end of entry. Groups are named by field.
type tailStyle struct {
	kind   string
	re     *regexp.Regexp
	commas bool
}

func tailRe(expr string) *regexp.Regexp {
	r := strings.NewReplacer("YEAR", tYear, "VOL", tVol, "ISSUE", tIssue, "PAGES", tPages, "MONTHS", tMonths)
	return regexp.MustCompile(r.Replace(expr))
}

// tails, each named for the styles that print it. All are anchored at
// the end of the entry once identifiers are gone; ParseReference tries
// every one that matches.
var tails = sync.OnceValue(func() []tailStyle {
	return []tailStyle{
		// IEEE, Hindawi: "…, vol. 82, no. 11, pp. 844–851, 2004." and
		// "vol. 2014, Article ID 672590, 7 pages, 2014."
		{kind: "ieee", re: tailRe(`(?i),?\s*vol\.\s*(?P<volume>\d+[A-Za-z]?)(?:,\s*no\.\s*(?P<issue>[^,]{1,20}))?(?:,\s*(?:pp?\.\s*(?P<pages>PAGES)|article\s+(?:id|no\.?)\s*(?P<pages2>[\w-]+)(?:,\s*\d+\s+pages)?))?(?:,\s*MONTHS)?,\s*(?:MONTHS\s+)?(?P<year>YEAR)\.?$`)},
		// BMC (and JTMO): "Am J Surg 1989, 158:515-9." "Clin Ther 2000, 151(4):247-251."
		{kind: "bmc", re: tailRe(`\s(?P<year>YEAR),\s*(?P<volume>VOL)(?:ISSUE)?\s*:\s*(?P<pages>PAGES)\.?$`)},
		// Spandidos, JCO: "72: 409-436, 2022." "13:714-726, 2013."
		{kind: "spandidos", re: tailRe(`\s(?P<volume>VOL)(?:ISSUE)?\s*:\s*(?P<pages>[^,]{1,40}),\s*(?P<year>YEAR)\.?$`)},
		// ACS, MDPI: "Biotechnol. Adv. 2002, 20, 101–153."
		{kind: "acs", re: tailRe(`\s(?P<year>YEAR),\s*(?P<volume>VOL)(?:ISSUE)?,\s*(?P<pages>PAGES)\.?$`)},
		// Chapters and books: "…; Volume 124, pp. 201–230." "2012. p. 676-82."
		// "pp. 377–409. Cambridge, UK: Cambridge University Press." (Royal Society)
		{kind: "chapter", re: tailRe(`[;,.]\s*(?:(?:Volume|Vol\.)\s*(?P<volume>\w+),\s*)?pp?\.\s*(?P<pages>PAGES)(?:\.\s+[^.:]{2,60}:\s*[^.:]{2,80})?\.?$`)},
		// Bioinformation, no titles: "Animal Biotechnology. 2006 17: 111-124"
		{kind: "journal-year-volume", re: tailRe(`[.,]\s+(?P<year>YEAR)\s+(?P<volume>VOL)(?:ISSUE)?\s*:\s*(?P<pages>PAGES)\.?$`)},
		// Nature: "Nature 486, 537-540 (2012)."
		{kind: "nature", re: tailRe(`\s(?P<volume>VOL)(?:ISSUE)?,\s*(?P<pages>PAGES)\s*\((?P<year>YEAR)\)\.?$`)},
		// Vancouver/NLM, F1000, Jaypee: "2020;12(3):45-67." "2006; 57(2): 143–154."
		// "2021 Mar 3;12:e45." "2012 July-Sept;1(3):406-413." "2020;12." "2020."
		{kind: "nlm", re: tailRe(`(?:[.,]\s*|\s)(?P<year>YEAR)(?:\s+MONTHS)?\s*;\s*(?P<volume>VOL)?(?:ISSUE)?(?:\s*:\s*(?P<pages>PAGES))?\.?$`)},
		{kind: "nlm-year", re: tailRe(`\.\s+(?P<year>YEAR)(?:\s+MONTHS)?\.?$`)},
		// Copernicus: "J. Food Lipids, 14, 170–188, 2007."
		{kind: "copernicus", re: tailRe(`,\s*(?P<volume>VOL)(?:ISSUE)?,\s*(?P<pages>PAGES),\s*(?P<year>YEAR)\.?$`), commas: true},
		// APA: "Journal, 12(3), 45–67." (the year after the authors)
		{kind: "apa", re: tailRe(`,\s*(?P<volume>VOL)(?:ISSUE)?,\s*(?P<pages>PAGES)\.?$`), commas: true},
		// Harvard with colon, SciELO: "Land Use Policy, 90: e104321."
		{kind: "harvard-colon", re: tailRe(`,\s*(?P<volume>VOL)(?:ISSUE)?\s*:\s*(?P<pages>PAGES)\.?$`), commas: true},
		// Frontiers, Royal Society, Elsevier: "J. Agric. Food Chem. 53, 1841–1856."
		{kind: "frontiers", re: tailRe(`\s(?P<volume>VOL)(?:ISSUE)?,\s*(?P<pages>PAGES)\.?$`)},
		// Springer: "Cell 144(5):646–674" (the year after the authors)
		{kind: "springer", re: tailRe(`\s(?P<volume>VOL)(?:ISSUE)?\s*:\s*(?P<pages>PAGES)\.?$`)},
		// Pages alone after the source (the year after the authors):
		// "Asian Pac. J. Trop. Med. 682–686."
		{kind: "pages", re: tailRe(`[\s,]\s*(?P<pages>[A-Za-z]{0,3}\d{1,7}\s*[-–]\s*[A-Za-z]{0,3}\d{1,7})\.?$`)},
		// A volume alone after the source: "Journal 12." or "Journal, 12."
		{kind: "volume", re: tailRe(`[\s,]\s*(?P<volume>\d{1,4})(?:ISSUE)?\.?$`)},
		// A year that ends a book or report: "Publisher, City, 2009."
		{kind: "year", re: tailRe(`[,.;]\s*(?P<year>YEAR)\.?$`), commas: true},
	}
})

// tailWindow bounds how far from its end an entry's tail may start: the
// longest ("…, pp. 377–409. Cambridge, UK: Cambridge University Press.")
// are under half of it.
const tailWindow = 320

// tailsOf returns every reading of the entry's end, and the reading with
// no tail at all.
func tailsOf(s string) []tailMatch {
	s = strings.TrimSpace(s)
	out := make([]tailMatch, 0, 4)
	// A tail is short: matching the patterns against the end of a long
	// entry only spares them a scan from its start.
	from := 0
	if len(s) > tailWindow {
		from = len(s) - tailWindow
		for from < len(s) && !utf8.RuneStart(s[from]) {
			from++
		}
	}
	for _, t := range tails() {
		m := t.re.FindStringSubmatchIndex(s[from:])
		if m == nil {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += from
			}
		}
		tm := tailMatch{kind: t.kind, head: strings.TrimSpace(s[:m[0]]), commas: t.commas}
		for i, name := range t.re.SubexpNames() {
			v := strings.TrimSpace(sub(s, m, i))
			if v == "" {
				continue
			}
			switch name {
			case "volume":
				tm.volume = v
			case "issue":
				tm.issue = v
			case "pages", "pages2":
				tm.pages = strings.TrimRight(v, ".")
			case "year":
				tm.year, _ = strconv.Atoi(v[:4])
			}
		}
		if t.kind == "nlm" || t.kind == "nlm-year" {
			// "Title. Journal. 2020;…": the period before the year ends the
			// journal.
			tm.head += "."
		}
		out = append(out, tm)
	}
	return append(out, tailMatch{head: s, commas: true})
}
