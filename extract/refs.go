package extract

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// entryStart matches the number that opens a reference entry: "12. ",
// "[12] ", "12) ", "12 ".
var entryStart = regexp.MustCompile(`^\s*\[?(\d{1,4})(?:[.)\]]\s*|\s+)(\S)`)

func entryNumber(line string) (int, bool) {
	m := entryStart.FindStringSubmatch(line)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// entry is a reference's raw text before parsing.
type entry struct {
	n    int
	text string
	src  int
}

// splitEntries cuts the reference-list blocks into entries. A line opens
// a new entry when it starts with the next number (a few missing numbers
// are tolerated and reported); any other line continues the current one,
// as when a page break or a wrapped PDF line split it.
func (b *builder) splitEntries(blocks []Block) []entry {
	var out []entry
	for _, blk := range blocks {
		for _, line := range blk.Lines() {
			text := strings.TrimSpace(line.Text)
			n, ok := entryNumber(text)
			prev := 0
			if len(out) > 0 {
				prev = out[len(out)-1].n
			}
			if ok && n > prev && n <= prev+5 {
				for missing := prev + 1; missing < n; missing++ {
					b.diag(Warning, "reference-missing", "reference "+strconv.Itoa(missing), "number skipped in the reference list")
				}
				loc := entryStart.FindStringSubmatchIndex(text)
				body := text[loc[4]:]
				src := line.Src
				if src >= 0 {
					src += utf8.RuneCountInString(line.Text[:strings.Index(line.Text, text)+loc[4]])
				}
				out = append(out, entry{n: n, text: body, src: src})
				continue
			}
			if len(out) == 0 {
				continue // material before the first entry
			}
			last := &out[len(out)-1]
			if strings.HasSuffix(last.text, "-") && startsLower(text) {
				last.text += text
			} else {
				last.text += " " + text
			}
		}
	}
	return out
}

func (b *builder) references(blocks []Block) {
	for _, e := range b.splitEntries(blocks) {
		r, err := ParseReference(e.text)
		r.N = e.n
		if e.src >= 0 {
			r.Src = [2]int{e.src, e.src + utf8.RuneCountInString(e.text)}
		}
		if err != nil {
			b.diag(Warning, "reference-unparsed", "reference "+strconv.Itoa(e.n), err.Error())
		}
		b.doc.References = append(b.doc.References, r)
	}
}

// checkReferences reports references that no citation points to.
func (b *builder) checkReferences() {
	cited := map[int]bool{}
	for _, c := range b.doc.Citations {
		for _, n := range c.Refs {
			cited[n] = true
		}
	}
	for _, r := range b.doc.References {
		if !cited[r.N] {
			b.diag(Info, "reference-uncited", "reference "+strconv.Itoa(r.N), "no citation in the body points to this reference")
		}
	}
}

// ErrReference is wrapped by ParseReference when fields are missing.
var ErrReference = errors.New("reference not fully parsed")

var (
	refDOI  = regexp.MustCompile(`(?i)(?:\bdoi\s*[:.]?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s"<>]+)`)
	refPMID = regexp.MustCompile(`(?i)\bPMID\s*:?\s*(\d{1,9})\b`)
	refPMC  = regexp.MustCompile(`(?i)\bPMCID\s*:?\s*PMC\d+\b`)
	refURL  = regexp.MustCompile(`(?i)(?:available (?:from|at)\s*:?\s*)?https?://\S+`)
	refSeen = regexp.MustCompile(`(?i)[\[(]?(?:accessed|cited)(?: on)?\s*[^\])]*[\])]?\.?`)
	epub    = regexp.MustCompile(`(?i)\s*[\[(]?\s*(?:epub ahead of print|online ahead of print|in press)\s*[\])]?\.?`)

	// Tails, matched at the end of the entry once identifiers are gone.
	// Spandidos/Vancouver: "72: 409-436, 2022." "21: 3233, 2020."
	tailColon = regexp.MustCompile(`\s(\d+[A-Za-z]?)(?:\s*\(([^()]{1,20})\))?\s*:\s*([^,]{1,40}),\s*((?:1[89]|20)\d{2})[a-z]?\.?$`)
	// NLM/PMC: "2020;12(3):45-67." "2021 Mar 3;12:e45." "2020;12." "2020."
	tailNLM = regexp.MustCompile(`\.\s+((?:1[89]|20)\d{2})[a-z]?(?:\s+[A-Z][a-z]{2}(?:[-/][A-Z][a-z]{2})?(?:\s+\d{1,2})?)?\s*(?:;\s*(\d+[A-Za-z]?)?(?:\s*\(([^()]{1,20})\))?(?:\s*:\s*([^\s;]{1,40}))?)?\.?$`)
	// Nature: "Nature 486, 537-540 (2012)." "Sci. Rep. 10, 7598 (2020)."
	tailNature = regexp.MustCompile(`\s(\d+[A-Za-z]?)(?:\s*\(([^()]{1,20})\))?,\s*([^\s,()]{1,40})\s*\(((?:1[89]|20)\d{2})\)\.?$`)
	// Springer: "J Abbrev 12(3):45-67" with the year after the authors.
	tailSpringer = regexp.MustCompile(`\s(\d+[A-Za-z]?)(?:\s*\(([^()]{1,20})\))?\s*:\s*([^\s,;]{1,40})\.?$`)
	yearParen    = regexp.MustCompile(`\(((?:1[89]|20)\d{2})[a-z]?\)\.?\s+`)
)

// ParseReference parses one reference entry (without its number) into
// fields. It understands Vancouver as Spandidos and NLM print it
// ("Surname AB, Surname C and Surname D: Title. *J Abbrev* 12: 34-56,
// 2020." and "Surname AB, Surname C. Title. J Abbrev. 2020;12(3):34-56."),
// Nature ("Surname, A. B. & Surname, C. Title. J. Abbrev. 12, 34-56
// (2020).") and Springer ("Surname AB, Surname C (2020) Title. J Abbrev
// 12:34-56"). When fields are missing it returns what it found and an
// error wrapping ErrReference that names them.
func ParseReference(raw string) (Reference, error) {
	var r Reference
	raw = strings.Join(strings.Fields(raw), " ")
	r.Raw = CleanText(raw)
	s := raw
	// The identifier patterns are slow to try; most entries have none, and
	// a substring test says so cheaply.
	lower := strings.ToLower(s)
	if strings.Contains(s, "10.") {
		if m := refDOI.FindStringSubmatchIndex(s); m != nil {
			r.DOI = trimDOI(s[m[2]:m[3]])
			s = s[:m[0]] + s[m[1]:]
		}
	}
	if strings.Contains(lower, "pmid") {
		if m := refPMID.FindStringSubmatchIndex(s); m != nil {
			r.PMID = s[m[2]:m[3]]
			s = s[:m[0]] + s[m[1]:]
		}
	}
	if strings.Contains(lower, "pmc") {
		s = refPMC.ReplaceAllString(s, "")
	}
	if strings.Contains(lower, "http") {
		s = refURL.ReplaceAllString(s, "")
	}
	if strings.Contains(lower, "accessed") || strings.Contains(lower, "cited") {
		s = refSeen.ReplaceAllString(s, "")
	}
	if strings.Contains(lower, "print") || strings.Contains(lower, "in press") {
		s = epub.ReplaceAllString(s, "")
	}
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, " .;,")
	s = strings.TrimSpace(s) + "."

	head, ok := r.tail(s)
	authors, rest := splitAuthors(head, r.Year)
	r.Authors, r.EtAl = parseAuthors(authors)
	r.Title, r.Journal = splitTitleJournal(rest)
	if r.Year == 0 {
		if m := yearParen.FindStringSubmatch(head); m != nil {
			r.Year, _ = strconv.Atoi(m[1])
		}
	}
	r.FirstPage, r.LastPage = splitPages(r.Pages)

	var missing []string
	if len(r.Authors) == 0 {
		missing = append(missing, "authors")
	}
	if r.Title == "" {
		missing = append(missing, "title")
	}
	if r.Journal == "" {
		missing = append(missing, "journal")
	}
	if r.Year == 0 {
		missing = append(missing, "year")
	}
	if !ok && r.Volume == "" && r.Pages == "" {
		missing = append(missing, "volume and pages")
	}
	if r.Authors == nil {
		r.Authors = []Person{}
	}
	if len(missing) > 0 {
		return r, fmt.Errorf("%w: no %s found in %q", ErrReference, strings.Join(missing, ", "), abbreviate(r.Raw, 80))
	}
	return r, nil
}

func abbreviate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

// tail takes volume, issue, pages and year from the end of the entry
// and returns what precedes them (authors, title, journal).
func (r *Reference) tail(s string) (string, bool) {
	if m := tailColon.FindStringSubmatchIndex(s); m != nil {
		r.Volume, r.Issue, r.Pages = sub(s, m, 1), sub(s, m, 2), strings.TrimSpace(sub(s, m, 3))
		r.Year, _ = strconv.Atoi(sub(s, m, 4))
		return s[:m[0]], true
	}
	if m := tailNature.FindStringSubmatchIndex(s); m != nil {
		r.Volume, r.Issue, r.Pages = sub(s, m, 1), sub(s, m, 2), sub(s, m, 3)
		r.Year, _ = strconv.Atoi(sub(s, m, 4))
		return s[:m[0]], true
	}
	if m := tailNLM.FindStringSubmatchIndex(s); m != nil {
		r.Year, _ = strconv.Atoi(sub(s, m, 1))
		r.Volume, r.Issue, r.Pages = sub(s, m, 2), sub(s, m, 3), strings.TrimRight(sub(s, m, 4), ".")
		return s[:m[0]+1], true
	}
	if m := tailSpringer.FindStringSubmatchIndex(s); m != nil {
		r.Volume, r.Issue, r.Pages = sub(s, m, 1), sub(s, m, 2), strings.TrimRight(sub(s, m, 3), ".")
		return s[:m[0]], true
	}
	return s, false
}

func sub(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// splitAuthors cuts the author list off the front of head: at the first
// ": " when what precedes it is a list of names (Spandidos), at a
// parenthesized year (Springer, APA), else at the first ". " that ends a
// list of names (NLM, Nature).
func splitAuthors(head string, year int) (string, string) {
	if i := strings.Index(head, ": "); i > 0 && isAuthorList(head[:i]) {
		return head[:i], head[i+2:]
	}
	if m := yearParen.FindStringSubmatchIndex(head); m != nil && isAuthorList(strings.TrimRight(head[:m[0]], " ,.")) {
		return strings.TrimRight(head[:m[0]], " ,"), head[m[1]:]
	}
	// The list ends at the first ". " after a name whose initials end it,
	// or after "et al.".
	for i := 0; i < len(head); i++ {
		if head[i] != '.' || i+1 >= len(head) || head[i+1] != ' ' {
			continue
		}
		cand := head[:i+1]
		if isAuthorList(cand) && !nextIsInitial(head[i+2:]) {
			return cand, head[i+2:]
		}
	}
	return "", head
}

// nextIsInitial: in "Smith, J. A. & Doe, B. Title", the period after
// "J." does not end the list.
func nextIsInitial(s string) bool {
	rs := []rune(s)
	if len(rs) >= 2 && unicode.IsUpper(rs[0]) && (rs[1] == '.' || rs[1] == '-') {
		return true
	}
	return strings.HasPrefix(s, "& ") || strings.HasPrefix(s, "and ") || strings.HasPrefix(s, "et al")
}

// splitTitleJournal splits "Title. *Journal*" (or "Title. Journal") at
// the journal: the last italic span when the source marks one, else the
// text after the title's last sentence end.
func splitTitleJournal(rest string) (string, string) {
	rest = strings.TrimSpace(rest)
	if ms := italic.FindAllStringSubmatchIndex(rest, -1); len(ms) > 0 {
		m := ms[len(ms)-1]
		if t := strings.TrimSpace(rest[m[1]:]); t == "" || t == "." {
			return cleanTitle(rest[:m[0]]), CleanText(strings.TrimRight(rest[m[2]:m[3]], ". "))
		}
	}
	cut := journalStart(rest)
	if cut <= 0 {
		return cleanTitle(rest), ""
	}
	return cleanTitle(rest[:cut]), journalName(rest[cut:])
}

// journalName keeps the final period of a dotted abbreviation ("Nat.
// Rev. Cancer", "N. Engl. J. Med.") and drops the one that only ends the
// field in NLM style ("Nat Rev Cancer.").
func journalName(j string) string {
	j = CleanText(strings.TrimSpace(j))
	t := strings.TrimRight(j, ". ")
	if strings.Contains(t, ". ") && strings.HasSuffix(j, ".") && !titleEnd(t) {
		return t + "."
	}
	return t
}

var italic = regexp.MustCompile(`\*([^*]+)\*`)

func cleanTitle(t string) string {
	t = CleanText(t)
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(t), "."))
	return t
}

// journalStart finds where the journal begins in "Title. J Abbrev" or
// "Title. Trends Pharmacol. Sci.": after the rightmost sentence end that
// closes the title. Titles are in sentence case, so the title's last
// word is usually lower case, a symbol or an acronym; a capitalized
// short word or a known abbreviation before a period belongs to the
// journal's abbreviated name.
func journalStart(s string) int {
	for i := len(s) - 3; i > 0; i-- {
		c := s[i]
		if (c != '.' && c != '?' && c != '!') || s[i+1] != ' ' {
			continue
		}
		if c != '.' || titleEnd(s[:i]) {
			return i + 2
		}
	}
	return -1
}

// titleEnd reports whether the word ending s can end a title.
func titleEnd(s string) bool {
	w := s[strings.LastIndexByte(s, ' ')+1:]
	w = strings.TrimLeft(w, "(\"'")
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return true // lower case, digits, Greek: a title's last word
	}
	if isAllCapsWord(w) && utf8.RuneCountInString(w) > 1 {
		return !journalWords[w] // an acronym ("AML", "HIF-1"), unless a journal's ("EMBO")
	}
	if journalWords[w] || utf8.RuneCountInString(w) <= 4 {
		return false
	}
	return true
}

// journalWords are words of abbreviated journal titles (ISO 4 / NLM
// style) that also appear with a period: "Nat.", "Pharmacol.", "Sci.".
var journalWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`Acad Acids Adv Am Anal Anesth Ann Annu Appl Arch Assoc
		Bacteriol Biochem Biochim Bioinform Biol Biomed Biomater Biophys Biotechnol Br Bull Can
		Cardiol Chem Chin Clin Commun Comput Crit Curr Dermatol Dev Dis Discov Drug Ecol Endocrinol
		Eng Engl Environ Epidemiol Eur Exp Front Gastroenterol Genet Genom Gynecol Hematol Hepatol Immunol
		Infect Inst Int Investig Jpn Lett Mater Med Metab Methods Microbiol Mol Nanotechnol Nat Natl
		Neurol Neurosci Nucl Nutr Obstet Oncol Ophthalmol Opin Orthop Otolaryngol Pathol Pediatr
		Pharm Pharmacol Pharmacother Physiol Phys Proc Psychiatr Radiol Rep Res Rev Rheumatol Sci
		Soc Struct Surg Syst Technol Ther Toxicol Transl Trans Univ Urol Virol Vet Zool EMBO FEBS
		FASEB JAMA BMJ BMC PLoS PNAS`) {
		journalWords[w] = true
	}
}
