package enrich

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

const reviewDOI = "10.3892/or.2024.8816"

// depositPlan is how the fake deposit treats each corpus entry.
type depositPlan struct {
	e        *entry
	item     map[string]any // nil: the entry is left out of the deposit
	asserted string         // publisher, crossref or "" (no DOI)
	wrong    string         // the deposited DOI when it is not the entry's
}

// buildDeposit makes a realistic deposited reference list for the
// corpus: publisher-asserted DOIs with structured fields, crossref-
// asserted DOIs with the text only, items without a DOI, one item whose
// DOI is another paper's, one whose DOI is an erratum's, and one entry
// left out so that places shift (the keys still number the entries).
func buildDeposit(corpus []*entry) (map[string]any, []*depositPlan) {
	var plans []*depositPlan
	var items []map[string]any
	wrongDone, erratumDone := false, false
	for i, e := range corpus {
		p := &depositPlan{e: e}
		plans = append(plans, p)
		if i == 6 {
			continue // not deposited
		}
		it := map[string]any{"key": fmt.Sprintf("%s-b%d", reviewDOI, i+1)}
		structured := func() {
			r := e.ref
			if r.Title != "" {
				it["article-title"] = r.Title
			}
			if r.Journal != "" {
				it["journal-title"] = r.Journal
			}
			if len(r.Authors) > 0 {
				it["author"] = r.Authors[0].Family
			}
			if r.Year != 0 {
				it["year"] = fmt.Sprint(r.Year)
			}
			if r.Volume != "" {
				it["volume"] = r.Volume
			}
			if r.FirstPage != "" {
				it["first-page"] = r.FirstPage
			}
		}
		switch {
		case e.DOI == "" || i%5 == 0:
			it["unstructured"] = e.Printed
		case !wrongDone && i+1 < len(corpus) && corpus[i+1].DOI != "":
			// Crossref's matcher picked the next paper.
			wrongDone = true
			p.asserted, p.wrong = "crossref", corpus[i+1].DOI
			it["unstructured"] = e.Printed
			it["DOI"], it["doi-asserted-by"] = p.wrong, "crossref"
		case !erratumDone && slices.Contains(e.Traps, "erratum"):
			erratumDone = true
			p.asserted, p.wrong = "publisher", "10.5555/trap.erratum."+e.ID
			structured()
			it["DOI"], it["doi-asserted-by"] = p.wrong, "publisher"
		case i%5 == 3:
			p.asserted = "crossref"
			it["unstructured"] = e.Printed
			it["DOI"], it["doi-asserted-by"] = e.DOI, "crossref"
		default:
			p.asserted = "publisher"
			structured()
			it["DOI"], it["doi-asserted-by"] = strings.ToUpper(e.DOI), "publisher"
		}
		p.item = it
		items = append(items, it)
	}
	rec := map[string]any{
		"DOI": reviewDOI, "type": "journal-article",
		"title":           []string{"The molecular mechanisms of chemotherapeutic resistance in tumors (Review)"},
		"container-title": []string{"Oncology Reports"},
		"reference-count": len(items), "reference": items,
	}
	return rec, plans
}

// TestDeposit resolves the corpus with the review's deposited list
// served: one request for the list, a few for the deposited DOIs'
// records, searches only for the references the deposit left open, and
// no wrong DOI on the existing traps.
func TestDeposit(t *testing.T) {
	corpus := loadCorpus(t)
	srv := newFakeServer(t, corpus)
	dep, plans := buildDeposit(corpus)
	srv.deposits = map[string]map[string]any{reviewDOI: dep}
	client, err := NewClient(testConfig(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	doc := corpusDoc(corpus)
	doc.Front.DOI = reviewDOI
	src := NewSource(NewCache(), client, false)
	links, err := Enrich(context.Background(), doc, src, Options{})
	if err != nil {
		t.Fatal(err)
	}

	info := links.Deposit
	t.Logf("deposit: %+v", info)
	if info.Status != DepositUsed || info.Items != len(corpus)-1 {
		t.Fatalf("deposit %+v, want used with %d items", info, len(corpus)-1)
	}
	var wantAccepted, wantRejected int
	dois := map[string]bool{}
	for _, p := range plans {
		if p.asserted == "" {
			continue
		}
		dois[strings.ToLower(p.e.DOI)] = true
		if p.wrong != "" {
			dois[strings.ToLower(p.wrong)] = true
			wantRejected++
		} else {
			wantAccepted++
		}
	}
	if info.Accepted != wantAccepted || info.Rejected != wantRejected {
		t.Errorf("accepted %d, rejected %d; want %d and %d", info.Accepted, info.Rejected, wantAccepted, wantRejected)
	}

	// Requests: the list once, its DOIs' records in batches, and a
	// search for each reference the deposit did not settle.
	open := len(corpus) - info.Accepted
	if n := srv.depositHits.Load(); n != 1 {
		t.Errorf("%d requests for the deposited list, want 1", n)
	}
	if n, want := srv.filters.Load(), int64((len(dois)-1)/batch+1); n != want {
		t.Errorf("%d record batches, want %d", n, want)
	}
	if n := srv.searches.Load(); n != int64(open) {
		t.Errorf("%d searches, want %d (one per reference left open)", n, open)
	}

	var wrong, deposited int
	for i, p := range plans {
		l := links.References[i]
		if l.Status == Matched && !strings.EqualFold(l.DOI, p.e.DOI) {
			wrong++
			t.Errorf("%s: WRONG DOI %s, want %q (%s; %s)", p.e.ID, l.DOI, p.e.DOI, l.Source, l.Reason)
		}
		switch {
		case p.asserted != "" && p.wrong == "":
			deposited++
			if l.Source != SourceDeposited || l.Status != Matched {
				t.Errorf("%s: %s from %q, want matched from the deposit (%s)", p.e.ID, l.Status, l.Source, l.Reason)
			}
			if want := p.asserted; !strings.Contains(l.Reason, "asserted by "+want) {
				t.Errorf("%s: reason %q does not say who asserted the DOI", p.e.ID, l.Reason)
			}
			if p.asserted == "crossref" && l.Score > 0.95 {
				t.Errorf("%s: crossref-asserted DOI scores %.3f, want at most 0.95", p.e.ID, l.Score)
			}
		case p.wrong != "":
			if l.Source == SourceDeposited {
				t.Errorf("%s: the wrong deposited DOI %s was taken", p.e.ID, p.wrong)
			}
			if !slices.ContainsFunc(l.Discrepancies, func(d Discrepancy) bool {
				return d.Field == FieldDeposited && strings.EqualFold(d.Printed, p.wrong)
			}) {
				t.Errorf("%s: no %s discrepancy for %s: %+v", p.e.ID, FieldDeposited, p.wrong, l.Discrepancies)
			}
			if !slices.ContainsFunc(l.Evidence, func(e Evidence) bool { return e.Source == SourceDeposited && !e.Agrees }) {
				t.Errorf("%s: the rejected deposited DOI is not in the evidence: %+v", p.e.ID, l.Evidence)
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d wrong DOIs, want 0", wrong)
	}
	t.Logf("%d references, %d settled by the deposit, %d searched; %d record batches; coverage %v", len(corpus), deposited, open, srv.filters.Load(), links.Coverage())

	// Offline from the cache the run wrote: the same links, no request.
	rebuildOffline(t, doc, src, srv, links)
}

// TestDepositPairing: an item pairs only when its fields agree with the
// reference, wherever the item sits; a shifted or foreign item does not
// pair by position.
func TestDepositPairing(t *testing.T) {
	corpus := loadCorpus(t)
	refs := corpusDoc(corpus).References[:6]
	item := func(i int) Deposited {
		r := refs[i]
		d := Deposited{ArticleTitle: flexText(r.Title), Year: flexText(fmt.Sprint(r.Year)), Volume: flexText(r.Volume), FirstPage: flexText(r.FirstPage), DOI: "10.5555/x"}
		if len(r.Authors) > 0 {
			d.Author = flexText(r.Authors[0].Family)
		}
		return d
	}
	// Items in the wrong order, with opaque keys, one foreign.
	items := []Deposited{item(1), item(0), {Unstructured: "Someone A. A different paper altogether. J Other 1: 1-2, 1999.", DOI: "10.5555/y"}, item(3), item(2), item(5)}
	for i := range items {
		items[i].Key = fmt.Sprintf("k%c", 'a'+i)
	}
	d := &deposits{byRef: map[int]*depositResult{}, misfits: map[int][]Deposited{}}
	d.pair(refs, items)
	for _, tc := range []struct{ n, pos int }{{1, 2}, {2, 1}, {3, 5}, {4, 4}, {6, 6}} {
		r := d.byRef[tc.n]
		if r == nil || r.pos != tc.pos {
			t.Errorf("reference %d: paired with %+v, want deposited entry %d", tc.n, r, tc.pos)
		}
	}
	if r := d.byRef[5]; r != nil {
		t.Errorf("reference 5 paired with the foreign entry %+v", r.item)
	}
	if len(d.misfits) != 1 {
		t.Errorf("misfits %+v, want the foreign entry", d.misfits)
	}
}

func FuzzDecodeDeposit(f *testing.F) {
	f.Add([]byte(`{"status":"ok","message-type":"work","message":{"DOI":"10.1/x","reference":[{"key":"b1","DOI":"10.2/y","doi-asserted-by":"publisher","year":2020,"first-page":"12"}]}}`))
	f.Add([]byte(`{"status":"ok","message-type":"work","message":{"DOI":"10.1/x"}}`))
	f.Add([]byte(`{"status":"ok","message-type":"work","message":{"DOI":"10.1/x","reference":[{"year":null,"author":{"x":1}}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, items, err := DecodeDeposit(data)
		if err != nil {
			return
		}
		if !strings.HasPrefix(w.DOI, "10.") {
			t.Fatalf("decoded a work without a DOI: %q", w.DOI)
		}
		for _, it := range items {
			if it.DOI != strings.TrimSpace(it.DOI) {
				t.Fatalf("item DOI %q not trimmed", it.DOI)
			}
		}
	})
}
