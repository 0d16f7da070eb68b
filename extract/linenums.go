package extract

import "strings"

// blankLineNumbers blanks the line numbers of a manuscript or preprint
// that a converter wrote at the start of each line ("12  Cancer cells
// pump…"). It overwrites them with spaces, so that every offset into
// the text still points where it did in the source. Numbers are taken
// for line numbers only when they count up line by line (resetting at
// most at a page) over runs of ten lines or more, and such runs hold
// most of the text's lines, from its first quarter on. A numbered
// reference list's labels also count up, but come at an article's end,
// and begin right under its heading.
func blankLineNumbers(text string) string {
	lines := strings.SplitAfter(text, "\n")
	type num struct {
		line, n, end int // end: byte offset in the line after the number
		rank         int // how many non-blank lines come before
		underRefs    bool
		page         int
	}
	var nums []num
	nonBlank, prev, page := 0, "", 0
	for i, l := range lines {
		page += strings.Count(l, "\f")
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n, end, ok := leadingNumber(l); ok {
			nums = append(nums, num{i, n, end, nonBlank, referencesHeading(prev), page})
		}
		nonBlank++
		prev = l
	}
	// Runs of numbers that go up by one to three from one numbered line
	// to the next (a converter may skip a number with an empty line), or
	// start again on the next page.
	next := func(a, b num) bool {
		if b.page == a.page+1 {
			return b.n <= 3
		}
		return b.page == a.page && b.n > a.n && b.n-a.n <= 3 && b.line-a.line <= 3
	}
	inRun := make([]bool, len(nums))
	covered, early := 0, false
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && next(nums[j-1], nums[j]) {
			j++
		}
		if j-i >= 10 && !nums[i].underRefs {
			for k := i; k < j; k++ {
				inRun[k] = true
			}
			covered += j - i
			early = early || 4*nums[i].rank < nonBlank
		}
		i = j
	}
	if !early || 5*covered < 3*nonBlank {
		return text
	}
	for k, m := range nums {
		if inRun[k] {
			l := lines[m.line]
			start := strings.IndexFunc(l, isDigit)
			lines[m.line] = l[:start] + strings.Repeat(" ", m.end-start) + l[m.end:]
		}
	}
	return strings.Join(lines, "")
}

// leadingNumber reads a number of one to five digits at the start of a
// line (after spaces and a form feed) that white space or the line's
// end follows.
func leadingNumber(l string) (n, end int, ok bool) {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\f' || l[i] == '\t') {
		i++
	}
	start := i
	for i < len(l) && isDigit(rune(l[i])) && i-start < 6 {
		n = n*10 + int(l[i]-'0')
		i++
	}
	if i == start || i-start > 5 {
		return 0, 0, false
	}
	if i < len(l) && l[i] != ' ' && l[i] != '\t' && l[i] != '\n' && l[i] != '\r' {
		return 0, 0, false
	}
	return n, i, true
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
