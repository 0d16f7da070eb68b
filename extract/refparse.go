package extract

import (
	"errors"

	"github.com/chemores/chemores/internal/textutil"

	"golang.org/x/text/unicode/norm"

	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/lazyre"
)

// ErrReference is wrapped by ParseReference when fields are missing.
var ErrReference = errors.New("reference not fully parsed")

// ParseReference parses one reference entry (without its number) into
// fields. It knows the name forms of nameForms and the tails of tails:
// Vancouver as NLM, Spandidos, BMC and JCO print it, Nature, Springer,
// APA and Harvard (Frontiers, Elsevier, Copernicus, SciELO), IEEE
// (Hindawi) and F1000. Each name form is tried and the parse that finds
// most fields wins, so no style has to be declared. DOIs, PMIDs and
// PMCIDs are kept wherever they are printed. When fields are missing it
// returns what it found and an error wrapping ErrReference that names
// them.
func ParseReference(raw string) (Reference, error) {
	raw = strings.Join(strings.Fields(raw), " ")
	var ids Reference
	s := ids.takeIdentifiers(refText(raw))
	var best Reference
	bestScore := -1
	p := &parse{s: s, splits: map[[2]string][2]string{}}
	for i, form := range nameForms {
		p.authors[i], p.named[i] = scanAuthors(s, form)
	}
	anyNamed := p.named[0] || p.named[1] || p.named[2]
	for _, tl := range tailsOf(s) {
		for i, form := range nameForms {
			if anyNamed && !p.named[i] {
				continue // a form that reads no names loses to one that does
			}
			r := ids
			score := r.parseBody(p, tl, form, i)
			if score > bestScore {
				best, bestScore = r, score
			}
		}
	}
	best.Raw = CleanText(raw)
	best.FirstPage, best.LastPage = splitPages(best.Pages)
	if best.Authors == nil {
		best.Authors = []Person{}
	}
	var missing []string
	if len(best.Authors) == 0 {
		missing = append(missing, "authors")
	}
	if best.Title == "" {
		missing = append(missing, "title")
	}
	if best.Journal == "" {
		missing = append(missing, "journal")
	}
	if best.Year == 0 {
		missing = append(missing, "year")
	}
	if best.Volume == "" && best.Pages == "" {
		missing = append(missing, "volume and pages")
	}
	if len(missing) > 0 {
		return best, fmt.Errorf("%w: no %s found in %q", ErrReference, strings.Join(missing, ", "), textutil.Abbreviate(best.Raw, 80))
	}
	return best, nil
}

// refText prepares an entry for the patterns: composed characters
// ("ş", not "s" and a cedilla), one kind of hyphen (PDFs set DOIs and
// double names with U+2011), no emphasis around numbers ("*20*, 101",
// as MDPI sets volumes), and URLs rejoined where a layout spaced them
// ("https ://doi. org/").
func refText(s string) string {
	if strings.ContainsFunc(s, textutil.IsInvisible) {
		// Zero-width spaces that let a URL break ("https\u200b://").
		s = strings.Map(func(r rune) rune {
			if textutil.IsInvisible(r) {
				return -1
			}
			return r
		}, s)
	}
	s = norm.NFC.String(s)
	s = hyphens.Replace(s)
	if strings.Contains(s, "ı") {
		s = dotlessI.Replace(s) // "Ramı́rez" as converters write "Ramírez"
	}
	if strings.Contains(s, "*") {
		s = emphNumber().ReplaceAllString(s, "$1")
		s = emphPunct().ReplaceAllString(s, "*$1$2")
	}
	if strings.Contains(s, "://") || strings.Contains(s, " :/") {
		s = spacedURL().ReplaceAllString(s, "$1://")
	}
	return s
}

var (
	dotlessI   = strings.NewReplacer("ı\u0301", "í", "ı\u0300", "ì", "ı\u0302", "î", "ı\u0308", "ï")
	hyphens    = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2012", "-")
	emphNumber = lazyre.New(`\*+(\d[\d\s\-–,()]*?)\*+`)
	// "*Animal Biotechnology.* 2006": the period ends the field, outside
	// the italics, where the tails look for it.
	emphPunct = lazyre.New(`([.,;:])\*(\s|$)`)
	spacedURL = lazyre.New(`(?i)\b(https?)\s*:\s*//`)
)

// parseBody fills authors, year, title and journal from the head that a
// tail left, reading names of one form, and scores the result: how much
// of a reference it explains.
func (r *Reference) parseBody(p *parse, tl tailMatch, form nameForm, fi int) int {
	r.Volume, r.Issue, r.Pages, r.Year = tl.volume, tl.issue, tl.pages, tl.year
	head := tl.head
	score := 0
	if tl.kind != "" {
		score += 2
	}
	rest := head
	a, ok := p.authors[fi], p.named[fi]
	if ok && a.end <= len(head) {
		// The names were read once on the whole entry; every tail's
		// head starts with them.
		a.rest = strings.TrimLeft(head[a.end:], " .,:;")
	} else if ok {
		a, ok = scanAuthors(head, form)
	}
	if ok {
		r.Authors, r.EtAl, rest = a.people, a.etAl, a.rest
		score += 3
	} else if m := collective().FindStringSubmatch(head); m != nil && form == formVancouver {
		// An organization as author, tried once (with the first form).
		r.Authors = []Person{{Family: CleanText(m[1])}}
		rest = head[len(m[0]):]
		score++
	}
	if y, after, ok := yearAfterAuthors(rest); ok {
		if r.Year == 0 || r.Year == y {
			r.Year = y
			rest = after
			score++
		}
	}
	r.Title, r.Journal = p.split(rest, tl.commas)
	if r.Journal == "" && (r.Volume != "" || r.Pages != "") && journalLike(r.Title) {
		// Styles that print no titles (Bioinformation): what stands before
		// a volume and pages, in title case, is the journal.
		r.Title, r.Journal = "", journalName(r.Title)
	}
	if r.Year == 0 {
		r.Year = lastYear(head)
	}
	if r.Title != "" {
		score += 2
		if utf8.RuneCountInString(r.Title) > 400 || letters(r.Title) < 2 {
			score -= 3
		}
	}
	if r.Journal != "" {
		score += 2
		if utf8.RuneCountInString(r.Journal) > 150 || letters(r.Journal) < 2 {
			score -= 3 // "2006" is not a journal
		}
	}
	if r.Year > 0 {
		score++
	}
	return score
}

// parse is what one entry's readings share: the names read by each form
// from the start of the entry, and the title–journal splits made so far
// (several readings leave the same text between names and tail).
type parse struct {
	s       string
	authors [3]authorScan
	named   [3]bool
	splits  map[[2]string][2]string
}

func (p *parse) split(rest string, commas bool) (string, string) {
	key := [2]string{rest, "."}
	if commas {
		key[1] = ","
	}
	if tj, ok := p.splits[key]; ok {
		return tj[0], tj[1]
	}
	t, j := splitTitleJournal(rest, commas)
	p.splits[key] = [2]string{t, j}
	return t, j
}

// yearAfter matches the year that author–year styles print right after
// the authors: "(2005).", "(2005a)", "(2005, March 3).", "2009 " (Royal
// Society), "2020a. " (SciELO), ", 2010. " (Harvard), "(n.d.)".
var yearAfter = lazyre.New(`^[,.]?\s*(?:\(((?:1[5-9]|20)\d{2})[a-z]?(?:[,/][^)]{0,30})?\)|((?:1[5-9]|20)\d{2})[a-z]?(?:\s|[.,:;]\s*))[.,:]?\s*`)

func yearAfterAuthors(s string) (int, string, bool) {
	m := yearAfter().FindStringSubmatchIndex(s)
	if m == nil {
		return 0, s, false
	}
	y := sub(s, m, 1)
	if y == "" {
		y = sub(s, m, 2)
	}
	n, _ := strconv.Atoi(y)
	return n, s[m[1]:], true
}

var anyYear = lazyre.New(`\b((?:1[5-9]|20)\d{2})[a-z]?\b`)

// lastYear is the last plausible year printed in s, for entries whose
// year sits where no pattern expects it.
func lastYear(s string) int {
	ms := anyYear().FindAllStringSubmatch(s, -1)
	if len(ms) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(ms[len(ms)-1][1])
	return n
}

func sub(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// splitTitleJournal splits "Title. Journal", "“Title,” Journal" (IEEE),
// "Title. *Journal*" (italics marked) and, for comma-separated styles
// (Copernicus), "Title, Journal".
func splitTitleJournal(rest string, commas bool) (string, string) {
	rest = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(rest), ","))
	if rest == "" {
		return "", ""
	}
	if t, j, ok := quotedTitle(rest); ok {
		return t, j
	}
	if t, j, ok := inBook(rest); ok {
		return t, j
	}
	if ms := italic().FindAllStringSubmatchIndex(rest, -1); len(ms) > 0 {
		m := ms[len(ms)-1]
		if t := strings.TrimSpace(rest[m[1]:]); (t == "" || t == "." || t == ",") && m[0] > 0 {
			return cleanTitle(rest[:m[0]]), journalName(rest[m[2]:m[3]])
		}
	}
	if m := bookAfterTitle().FindStringIndex(rest); m != nil && m[0] > 0 {
		// A book or a thesis: what follows the title is its edition,
		// degree or publisher, not a journal.
		return bookTitle(rest), ""
	}
	if cut := journalStart(rest); cut > 0 {
		return cleanTitle(rest[:cut]), journalName(rest[cut:])
	}
	if commas {
		if i := strings.LastIndex(rest, ", "); i > 0 && journalLike(rest[i+2:]) {
			return cleanTitle(rest[:i]), journalName(rest[i+2:])
		}
	}
	return bookTitle(rest), ""
}

// inChapter finds where a chapter's title gives way to its book's: "…
// title. In Book; Editors, Eds.; …", "…, in: Book (eds …)".
var inChapter = lazyre.New(`(?:[.,]\s+In:?|\.\s+in:)\s+(?:\*)?\p{Lu}`)

// inBook splits a chapter into its title and the book's title, which
// ends where editors, publisher or series begin.
func inBook(s string) (string, string, bool) {
	m := inChapter().FindStringIndex(s)
	if m == nil {
		return "", "", false
	}
	title := s[:m[0]]
	book := s[m[0]+1:]
	book = strings.TrimSpace(book)
	book = strings.TrimPrefix(strings.TrimPrefix(book, "In"), "in")
	book = strings.TrimLeft(book, ": ")
	if m := editorsFirst().FindStringIndex(book); m != nil {
		book = book[m[1]:] // NLM: "In: Anastas PT, Warner JC, editors. Book."
	}
	if i := bookEnd().FindStringIndex(book); i != nil {
		book = book[:i[0]]
	}
	return cleanTitle(title), journalName(book), true
}

// editorsFirst: the editors printed before the book's title, as NLM
// ("Anastas PT, Warner JC, editors.") and APA ("F. Loizides & B.
// Scmidt (Eds.),") print them.
var editorsFirst = lazyre.New(`^(?:[^.;]{2,200}?,?\s+(?:editors?|eds?)\.\s+|[^;()]{2,200}?\((?:[Ee]ds?|[Ee]ditors?)\.?\),?\s+)`)

var bookEnd = lazyre.New(`\s*(?:;|\(eds?\b|\(Eds?\b|,\s*(?:eds?\.|Eds?\.|edited by)|\.\s+(?:Ed|Eds)\.|\.\s+\p{Lu}[\p{L} ]+:\s)`)

// bookTitle is a title with no journal after it: a book's, a thesis's,
// a report's. It ends where the edition, the kind of thesis, or place
// and publisher begin ("Title; CRC Press: London, UK", "Title. 5a ed.
// Brasília; 2012", "Title. Brussels: IDF; 2017", "Title. M.V.Sc.
// Thesis (…)").
func bookTitle(s string) string {
	if i := strings.Index(s, "; "); i > 0 && strings.Contains(s[i:], ": ") {
		s = s[:i]
	}
	if m := bookAfterTitle().FindStringIndex(s); m != nil && m[0] > 0 {
		s = s[:m[0]]
	}
	return cleanTitle(s)
}

var bookAfterTitle = lazyre.New(`\.\s+(?:` +
	// an edition: "2nd ed.", "5a ed.", "3rd Edn"
	`\d+(?:st|nd|rd|th|a|ª|e)?\s+(?:[Ee]d|[Ee]dn|[Ee]dition)\b|` +
	// a thesis: "Ph.D. Thesis", "M.V.Sc. Thesis", "MSc thesis", "Dissertation"
	`(?:[\p{L}.]{1,12}\s+)?(?:[Tt]hesis|[Dd]issertation|[Tt]ese|[Dd]isserta[çc][ãa]o)\b|` +
	// place and publisher: "Brussels: IDF; 2017", "Arlington, VA: ADA; 2010"
	`\p{Lu}[\p{L}. ]{1,30}(?:,\s*\p{Lu}[\p{L}. ]{1,20})?:\s+[^.;:]{2,80};\s*(?:1[5-9]|20)\d{2})`)

// quotedTitle reads IEEE's “Title,” Journal (the comma inside the
// quotes) and the same with straight quotes.
func quotedTitle(s string) (string, string, bool) {
	var closeQ string
	switch {
	case strings.HasPrefix(s, "“"):
		closeQ = "”"
	case strings.HasPrefix(s, `"`):
		closeQ = `"`
	default:
		return "", "", false
	}
	body := s[len(closeQ):]
	if closeQ == "”" {
		body = s[len("“"):]
	}
	i := strings.Index(body, closeQ)
	if i < 0 {
		return "", "", false
	}
	title := cleanTitle(strings.TrimRight(body[:i], ",. "))
	j := strings.TrimSpace(body[i+len(closeQ):])
	j = strings.TrimLeft(j, ",. ")
	j = strings.TrimPrefix(j, "in ")
	j = strings.TrimPrefix(j, "In ")
	// A book chapter: "in Book Title, Ed. Name, chapter 15, ..." keeps
	// the book title only.
	if k := strings.Index(j, ", "); k > 0 {
		j = j[:k]
	}
	return title, journalName(j), true
}

// journalLike: a short run of capitalized words or abbreviations.
func journalLike(s string) bool {
	words := strings.Fields(strings.TrimRight(s, ". "))
	if len(words) == 0 || len(words) > 10 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !journalStopWords[w] {
			return false
		}
	}
	return true
}

var journalStopWords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "in": true, "on": true, "&": true, "de": true}

// journalName keeps the final period of a dotted abbreviation ("Nat.
// Rev. Cancer", "N. Engl. J. Med.") and drops the one that only ends the
// field in NLM style ("Nat Rev Cancer.").
func journalName(j string) string {
	j = CleanText(strings.TrimSpace(j))
	j = strings.TrimRight(j, ", ")
	t := strings.TrimRight(j, ". ")
	if strings.Contains(t, ". ") && strings.HasSuffix(j, ".") && !titleEnd(t) {
		return t + "."
	}
	return t
}

var italic = lazyre.New(`\*([^*]+)\*`)

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
			return dottedJournal(s, i+2)
		}
	}
	return -1
}

// dottedJournal moves the start of a journal left over the words of its
// dotted abbreviation that the title's test took for a title's end
// ("… a review. Pharmacogn. Rev.", "… vineyard. Environ. Sci. Pollut.
// Res."): a capitalized word with its period, itself after a period.
func dottedJournal(s string, cut int) int {
	for cut > 2 {
		head := strings.TrimRight(s[:cut], " ")
		w := head[strings.LastIndexByte(head, ' ')+1:]
		if !strings.HasSuffix(w, ".") || len(w) > 14 || !startsUpperOrDigit(w) || strings.Count(w, ".") > 2 {
			return cut
		}
		before := strings.TrimRight(head[:len(head)-len(w)], " ")
		if !strings.HasSuffix(before, ".") {
			return cut
		}
		cut = len(before) + 1
		for cut < len(s) && s[cut] == ' ' {
			cut++
		}
	}
	return cut
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
	for _, w := range strings.Fields(`Acad Acids Adv Agric Am Anal Anesth Ann Annu Appl Arch Assoc
		Bacteriol Biochem Biochim Bioinform Biol Biomed Biomater Biophys Biotechnol Bot Br Bull Can
		Cardiol Chem Chin Clin Commun Comput Crit Curr Dermatol Dev Dis Discov Drug Ecol Endocrinol
		Eng Engl Entomol Environ Epidemiol Eur Evol Exp Front Gastroenterol Genet Genom Gynecol Hematol Hepatol Immunol
		Infect Inst Int Investig Jpn Lett Mater Med Metab Methods Microbiol Mol Nanotechnol Nat Natl
		Neurol Neurosci Nucl Nutr Obstet Oncol Ophthalmol Opin Orthop Otolaryngol Pathol Pediatr
		Pharm Pharmacol Pharmacother Physiol Phys Phytochem Proc Psychiatr Radiol Rep Res Rev Rheumatol Sci
		Soc Struct Surg Syst Technol Ther Toxicol Transl Trans Univ Urol Virol Vet Zool EMBO FEBS
		FASEB JAMA BMJ BMC PLoS PNAS`) {
		journalWords[w] = true
	}
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
