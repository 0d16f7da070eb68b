package enrich

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/chemores/chemores/extract"

	"github.com/chemores/chemores/internal/lazyre"
)

// The review's own reference list, as its publisher deposited it with
// Crossref: GET /works/{review DOI} answers with message.reference[], one
// item per entry, often with the cited work's DOI. A publisher-asserted
// DOI was supplied by the publisher; a crossref-asserted one was matched
// by Crossref. Neither is taken on trust: an item is paired with a
// parsed reference only when their title, author, year and page agree
// (never by position alone), and its DOI is accepted only when the DOI's
// own record agrees with the reference as well as a search result would
// have to. The records come in batches (GET /works?filter=doi:a,doi:b,...),
// so the deposited list costs a few requests, not one per reference; the
// references left open are searched as before.

// Deposited is one item of a work's deposited reference list; the field
// names follow the Crossref REST API JSON format.
type Deposited struct {
	Key          string   `json:"key"`
	DOI          string   `json:"DOI"`
	AssertedBy   string   `json:"doi-asserted-by"` // "publisher" or "crossref"
	Unstructured flexText `json:"unstructured"`
	ArticleTitle flexText `json:"article-title"`
	JournalTitle flexText `json:"journal-title"`
	Author       flexText `json:"author"`
	Year         flexText `json:"year"`
	Volume       flexText `json:"volume"`
	FirstPage    flexText `json:"first-page"`
}

// flexText is a string that a deposit may also give as a number.
type flexText string

func (t *flexText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*t = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = flexText(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want a string or a number, got %.20s", b)
		}
		*t = flexText(n.String())
	}
	return nil
}

// DecodeDeposit decodes a /works/{doi} answer with its reference list.
// A record without a reference list decodes to no items.
func DecodeDeposit(data []byte) (Work, []Deposited, error) {
	msg, err := open(data, "work")
	if err != nil {
		return Work{}, nil, err
	}
	var rec struct {
		Work
		Reference []Deposited `json:"reference"`
	}
	if err := json.Unmarshal(msg, &rec); err != nil {
		return Work{}, nil, fmt.Errorf("%w: work: %v", ErrDecode, err)
	}
	if err := rec.Work.check(); err != nil {
		return Work{}, nil, err
	}
	for i := range rec.Reference {
		rec.Reference[i].DOI = strings.TrimSpace(rec.Reference[i].DOI)
	}
	return rec.Work, rec.Reference, nil
}

// Deposit outcomes, per document (DepositInfo.Status).
const (
	DepositUsed      = "used"       // the list was read
	DepositNone      = "none"       // no DOI, or no reference list deposited
	DepositNotCached = "not_cached" // offline and not in the cache
	DepositError     = "error"      // the request or its answer failed
)

// DepositInfo says what the review's deposited reference list gave.
type DepositInfo struct {
	DOI      string `json:"doi"`    // the review's DOI, "" when the document has none
	Status   string `json:"status"` // used, none, not_cached, error
	Reason   string `json:"reason"`
	Items    int    `json:"items"`    // entries deposited
	WithDOI  int    `json:"with_doi"` // of which with a DOI
	Paired   int    `json:"paired"`   // entries paired with a parsed reference
	Accepted int    `json:"accepted"` // DOIs accepted (their records agree)
	Rejected int    `json:"rejected"` // DOIs whose records do not agree, or are not registered
}

// batch is how many DOIs one filter request asks for.
const batch = 40

// depositResult is what the deposit gave one reference.
type depositResult struct {
	item   Deposited
	pos    int    // 1-based position in the deposited list
	doi    string // lower case
	rec    *Work  // the DOI's record; nil when not registered or not checked
	s      scored // the record compared with the reference
	ok     bool   // accepted
	reason string // why not, when not
}

// deposits is the outcome of reading the deposited list.
type deposits struct {
	info  DepositInfo
	byRef map[int]*depositResult
	// misfits are items that pair with no reference, by the reference
	// at their own position (their key number, else their place).
	misfits map[int][]Deposited
}

// readDeposit fetches and pairs the deposited list; only fatal errors
// are returned, the rest is recorded in the DepositInfo.
func readDeposit(ctx context.Context, doc *extract.Document, src *Source) (*deposits, error) {
	d := &deposits{byRef: map[int]*depositResult{}, misfits: map[int][]Deposited{}}
	doi := strings.ToLower(strings.TrimSpace(doc.Front.DOI))
	d.info.DOI = doi
	if !strings.HasPrefix(doi, "10.") {
		d.info.Status, d.info.Reason, d.info.DOI = DepositNone, "the document has no DOI", ""
		return d, nil
	}
	e, err := src.lookup(ctx, doi)
	switch {
	case errors.Is(err, ErrNotCached):
		d.info.Status, d.info.Reason = DepositNotCached, "the deposited reference list is not in the cache; "+RefreshHint
		return d, nil
	case err != nil && fatal(err):
		return nil, err
	case err != nil:
		d.info.Status, d.info.Reason = DepositError, "Crossref lookup of the review failed: "+err.Error()
		return d, nil
	case e.Status == 404:
		d.info.Status, d.info.Reason = DepositNone, "the review's DOI is not registered with Crossref"
		return d, nil
	case e.Status != 200:
		d.info.Status, d.info.Reason = DepositError, fmt.Sprintf("Crossref lookup of the review answered HTTP %d", e.Status)
		return d, nil
	}
	_, items, err := DecodeDeposit(e.body())
	if err != nil {
		d.info.Status, d.info.Reason = DepositError, "the review's Crossref record: "+err.Error()
		return d, nil
	}
	d.info.Items = len(items)
	if len(items) == 0 {
		d.info.Status, d.info.Reason = DepositNone, "the publisher deposited no reference list"
		return d, nil
	}
	d.info.Status = DepositUsed
	d.pair(doc.References, items)

	// The DOIs' records, in batches.
	var dois []string
	for _, r := range d.byRef {
		if r.doi != "" && !slices.Contains(dois, r.doi) {
			dois = append(dois, r.doi)
		}
	}
	slices.Sort(dois)
	recs := map[string]*Work{}
	failed := map[string]string{}
	for len(dois) > 0 {
		n := min(batch, len(dois))
		chunk := dois[:n]
		dois = dois[n:]
		ws, why, err := fetchRecords(ctx, src, chunk)
		if err != nil {
			return nil, err
		}
		for _, k := range chunk {
			if why != "" {
				failed[k] = why
			}
		}
		for i := range ws {
			recs[strings.ToLower(ws[i].DOI)] = &ws[i]
		}
	}
	refs := map[int]extract.Reference{}
	for _, r := range doc.References {
		refs[r.N] = r
	}
	for n, r := range d.byRef {
		if r.doi == "" {
			continue
		}
		d.info.WithDOI++
		r.judge(refs[n], recs[r.doi], failed[r.doi])
		if r.ok {
			d.info.Accepted++
		} else if failed[r.doi] == "" {
			d.info.Rejected++
		}
	}
	for _, ms := range d.misfits {
		for _, it := range ms {
			if it.DOI != "" {
				d.info.WithDOI++
			}
		}
	}
	d.info.Reason = fmt.Sprintf("%d entries deposited, %d with a DOI; %d paired with the printed references; %d DOIs accepted, %d rejected",
		d.info.Items, d.info.WithDOI, d.info.Paired, d.info.Accepted, d.info.Rejected)
	return d, nil
}

// fetchRecords asks Crossref for the records of some DOIs in one
// request. why is set when the answer could not be used.
func fetchRecords(ctx context.Context, src *Source, dois []string) (ws []Work, why string, err error) {
	e, err := src.records(ctx, dois)
	switch {
	case errors.Is(err, ErrNotCached):
		return nil, "its record is not in the cache", nil
	case err != nil && fatal(err):
		return nil, "", err
	case err != nil:
		return nil, "the lookup of its record failed: " + err.Error(), nil
	case e.Status != 200:
		return nil, fmt.Sprintf("the lookup of its record answered HTTP %d", e.Status), nil
	}
	ws, err = DecodeWorks(e.body())
	if err != nil {
		return nil, "its record: " + err.Error(), nil
	}
	return ws, "", nil
}

// judge decides whether the deposited DOI is the reference's.
func (r *depositResult) judge(ref extract.Reference, rec *Work, failed string) {
	switch {
	case failed != "":
		r.reason = "deposited DOI " + r.doi + " not checked: " + failed
		return
	case rec == nil:
		r.reason = "deposited DOI " + r.doi + " is not registered with Crossref"
		return
	}
	r.rec = rec
	r.s = compare(ref, *rec)
	switch {
	case r.s.reject != "":
		r.reason = fmt.Sprintf("deposited DOI %s cannot be the cited work: %s", r.doi, r.s.reject)
	case r.s.titleSim < 0.75 && ref.Title != "":
		r.reason = fmt.Sprintf("deposited DOI %s is registered for another work (%q)", r.doi, rec.title())
	case !confident(r.s):
		r.reason = fmt.Sprintf("deposited DOI %s: its record agrees on too little (%s; score %.2f)", r.doi, fieldList(r.s.agreed), r.s.score)
	default:
		r.ok = true
	}
}

// score is the confidence in an accepted deposited DOI: the record's
// score, raised when the publisher asserted the DOI, lowered when
// Crossref's own matching did (or no one is named): a publisher knows
// what it cited, a crossref-asserted DOI is one more automatic match.
func (r *depositResult) score() float64 {
	if r.item.AssertedBy == "publisher" {
		return round3(1 - (1-r.s.score)/2)
	}
	return round3(r.s.score * 0.95)
}

// link is the reference's Link from an accepted deposited DOI.
func (r *depositResult) link(ref extract.Reference) Link {
	w, s := *r.rec, r.s
	l := Link{N: ref.N, Status: Matched, DOI: r.doi, Score: r.score(), Source: SourceDeposited,
		Agreed: order(s.agreed), Disagreed: order(s.disagreed), Discrepancies: s.diffs,
		Sources: []string{SourceDeposited},
		Candidates: []Candidate{{DOI: strings.ToLower(w.DOI), Title: w.title(), Type: w.Type,
			Journal: w.journal(), Year: w.year(), Score: s.score}},
	}
	why := []string{fmt.Sprintf("deposited with the review's reference list (entry %d, %s); the record agrees: %s",
		r.pos, r.asserted(), fieldList(s.agreed))}
	if s.yearNote != "" {
		why = append(why, s.yearNote)
	}
	l.Reason = strings.Join(why, "; ")
	l.Evidence = []Evidence{r.evidence(true)}
	addPrinted(&l, evidence{ref: ref}, &s)
	return finish(l, evidence{})
}

func (r *depositResult) asserted() string {
	switch r.item.AssertedBy {
	case "publisher", "crossref":
		return "DOI asserted by " + r.item.AssertedBy
	case "":
		return "DOI asserted by no one named"
	}
	return "DOI asserted by " + strconv.Quote(r.item.AssertedBy)
}

func (r *depositResult) evidence(agrees bool) Evidence {
	e := Evidence{Source: SourceDeposited, DOI: r.doi, Agrees: agrees, Detail: r.asserted()}
	if r.ok {
		e.Score = r.score()
	} else {
		e.Detail += "; " + r.reason
	}
	if r.item.Key != "" {
		e.Detail += "; key " + r.item.Key
	}
	return e
}

// annotate adds what the deposit said about a reference that it did
// not settle: a rejected DOI, or an entry at its place that belongs to
// no reference.
func (d *deposits) annotate(l Link) Link {
	if r := d.byRef[l.N]; r != nil && r.doi != "" && !r.ok {
		agrees := l.DOI != "" && l.DOI == r.doi
		l.Evidence = append(l.Evidence, r.evidence(agrees))
		if !agrees {
			l.Discrepancies = append(l.Discrepancies, Discrepancy{Field: FieldDeposited, Printed: r.doi, Registered: l.DOI})
		}
		l.Reason = joinReason(l.Reason, r.reason)
	} else if r != nil && r.doi == "" && r.reason != "" {
		l.Reason = joinReason(l.Reason, r.reason)
	}
	for _, it := range d.misfits[l.N] {
		l.Discrepancies = append(l.Discrepancies, Discrepancy{Field: "deposited-entry", Printed: "", Registered: depositText(it)})
		l.Reason = joinReason(l.Reason, "the deposited entry at this place matches no printed reference")
	}
	return l
}

func joinReason(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// depositText is an item as one line.
func depositText(it Deposited) string {
	if it.Unstructured != "" {
		return string(it.Unstructured)
	}
	var parts []string
	for _, p := range []flexText{it.Author, it.ArticleTitle, it.JournalTitle, it.Volume, it.FirstPage, it.Year} {
		if p != "" {
			parts = append(parts, string(p))
		}
	}
	if it.DOI != "" {
		parts = append(parts, "doi:"+it.DOI)
	}
	return strings.Join(parts, ", ")
}

// keyNumber is the number a deposit key ends with ("ref12", "b12",
// "2024_or-51-4-08816-b12"): publishers number their entries.
var keyNumberRE = lazyre.New(`(\d{1,4})\D{0,3}$`)

func keyNumber(key string) int {
	m := keyNumberRE().FindStringSubmatch(key)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pair matches items with references. An item is tried against the
// reference its key number names, then the one at its place and the
// places near it, then any reference whose title shares enough words;
// it pairs with the first whose fields agree (see agreeWith).
func (d *deposits) pair(refs []extract.Reference, items []Deposited) {
	byN := map[int]int{}
	for i, r := range refs {
		byN[r.N] = i
	}
	taken := map[int]bool{}
	try := func(it Deposited, n int) bool {
		i, ok := byN[n]
		if !ok || taken[n] {
			return false
		}
		return agreeWith(it, refs[i])
	}
	for pos, it := range items {
		var cands []int
		if k := keyNumber(it.Key); k > 0 {
			cands = append(cands, k)
		}
		for _, delta := range []int{0, -1, 1, -2, 2} {
			cands = append(cands, pos+1+delta)
		}
		n := 0
		for _, c := range cands {
			if try(it, c) {
				n = c
				break
			}
		}
		if n == 0 {
			n = bestByWords(it, refs, taken)
			if n != 0 && !try(it, n) {
				n = 0
			}
		}
		if n == 0 {
			home := pos + 1
			if len(cands) > 0 && cands[0] != pos+1 {
				home = cands[0]
			}
			if _, ok := byN[home]; ok {
				d.misfits[home] = append(d.misfits[home], it)
			}
			continue
		}
		taken[n] = true
		d.info.Paired++
		d.byRef[n] = &depositResult{item: it, pos: pos + 1, doi: strings.ToLower(it.DOI)}
	}
	// A DOI with a comma cannot go in a filter list; it stays unchecked.
	for _, r := range d.byRef {
		if strings.ContainsAny(r.doi, ", ") || !strings.HasPrefix(r.doi, "10.") {
			if r.doi != "" {
				r.reason = "deposited DOI " + strconv.Quote(r.item.DOI) + " cannot be looked up"
			}
			r.doi = ""
		}
	}
}

// bestByWords is the free reference whose title shares the most words
// with the item's title (or text), if it shares at least 60%.
func bestByWords(it Deposited, refs []extract.Reference, taken map[int]bool) int {
	text := string(it.ArticleTitle)
	if text == "" {
		text = string(it.Unstructured)
	}
	if text == "" {
		return 0
	}
	best, bestN := 0.6, 0
	for _, r := range refs {
		if taken[r.N] || r.Title == "" {
			continue
		}
		var c float64
		if it.ArticleTitle != "" {
			c = dice(tokens(r.Title), tokens(text))
		} else {
			c = containment(r.Title, text)
		}
		if c > best {
			best, bestN = c, r.N
		}
	}
	return bestN
}

// agreeWith says whether a deposited item is the printed reference: the
// title agrees (or, without a title to compare, the first author, year
// and volume or page all agree), and at most one of author, year, volume
// and page disagrees.
func agreeWith(it Deposited, r extract.Reference) bool {
	title := 0 // 1 agrees, -1 disagrees, 0 cannot tell
	switch {
	case it.ArticleTitle != "" && r.Title != "":
		switch sim := similarity(string(it.ArticleTitle), r.Title); {
		case sim >= 0.9:
			title = 1
		case sim < 0.75:
			title = -1
		}
	case it.Unstructured != "" && r.Title != "":
		switch c := containment(r.Title, string(it.Unstructured)); {
		case c >= 0.9:
			title = 1
		case c < 0.6:
			title = -1
		}
	case it.Unstructured != "" && r.Raw != "":
		switch sim := similarity(string(it.Unstructured), r.Raw); {
		case sim >= 0.9:
			title = 1
		case sim < 0.6:
			title = -1
		}
	}
	if title < 0 {
		return false
	}
	agree, against := 0, 0
	check := func(ok, known bool) {
		switch {
		case !known:
		case ok:
			agree++
		default:
			against++
		}
	}
	if len(r.Authors) > 0 && it.Author != "" {
		check(strings.Contains(fold(string(it.Author)), fold(r.Authors[0].Family)), true)
	}
	if y := strings.TrimSpace(string(it.Year)); y != "" && r.Year != 0 {
		check(strings.HasPrefix(y, strconv.Itoa(r.Year)), true)
	}
	if v := strings.TrimSpace(string(it.Volume)); v != "" && r.Volume != "" {
		check(strings.EqualFold(v, strings.TrimSpace(r.Volume)), true)
	}
	if p := pageKey(string(it.FirstPage)); p != "" && pageKey(r.FirstPage) != "" {
		check(p == pageKey(r.FirstPage), true)
	}
	if against > 1 {
		return false
	}
	if title > 0 {
		return true
	}
	return against == 0 && agree >= 3
}
