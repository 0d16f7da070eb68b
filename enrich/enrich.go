package enrich

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/chemores/chemores/extract"
	"golang.org/x/sync/errgroup"
)

// RefreshHint is how to fill the cache; it ends every unresolved reason.
const RefreshHint = "run `make refresh CHEMORES_MAILTO=you@example.org` with network access"

// Options control a run.
type Options struct {
	// Workers is how many references are resolved at once (3); the
	// client's limits hold whatever this is.
	Workers int
	// Progress, if set, is called after each reference.
	Progress func(done, total int)
	// Curated is the document's curated evidence (seeds/evidence), or nil.
	Curated *Curated
}

// Enrich finds the DOI of each reference of doc, from src. Offline, a
// reference whose responses are not cached comes out unresolved. It
// returns an error only when the run cannot go on (cancelled, or too
// many requests failing); problems with single references are statuses.
func Enrich(ctx context.Context, doc *extract.Document, src *Source, opt Options) (*Links, error) {
	refs := doc.References
	out := &Links{Schema: SchemaVersion, Document: doc.ID, References: make([]Link, len(refs))}
	dep, err := readDeposit(ctx, doc, src)
	if err != nil {
		return nil, fmt.Errorf("deposited reference list: %w", err)
	}
	out.Deposit = dep.info
	workers := opt.Workers
	if workers <= 0 {
		workers = 3
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	var mu sync.Mutex
	done := 0
	for i, r := range refs {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			var l Link
			if d := dep.byRef[r.N]; d != nil && d.ok {
				l = d.link(r) // no search: the deposited DOI's record agrees
			} else {
				var err error
				if l, err = resolve(gctx, src, r); err != nil {
					return fmt.Errorf("reference %d: %w", r.N, err)
				}
				l = dep.annotate(l)
			}
			out.References[i] = mergeCurated(l, opt.Curated.Row(r.N), r)
			if opt.Progress != nil {
				mu.Lock()
				done++
				opt.Progress(done, len(refs))
				mu.Unlock()
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// fatal errors end the run instead of marking one reference.
func fatal(err error) bool {
	return errors.Is(err, ErrTooManyErrors) || errors.Is(err, ErrWaitTooLong) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func resolve(ctx context.Context, src *Source, r extract.Reference) (Link, error) {
	q := Query(r)
	if q == "" {
		return finish(Link{N: r.N, Status: NotFound, Reason: "the reference has no text to search for"}, evidence{}), nil
	}
	e, err := src.search(ctx, q)
	switch {
	case errors.Is(err, ErrNotCached):
		return finish(Link{N: r.N, Status: Unresolved, Reason: "no cached Crossref response for this reference; " + RefreshHint}, evidence{}), nil
	case err != nil && fatal(err):
		return Link{}, err
	case err != nil:
		return failed(r.N, "Crossref search failed: "+err.Error()), nil
	case e.Status != 200:
		return failed(r.N, fmt.Sprintf("Crossref search answered HTTP %d", e.Status)), nil
	}
	works, err := DecodeWorks(e.body())
	if err != nil {
		return failed(r.N, "Crossref search answer: "+err.Error()), nil
	}
	ev := evidence{ref: r, works: works}

	if r.DOI != "" {
		w, status, err := src.work(ctx, r.DOI)
		switch {
		case err != nil && fatal(err):
			return Link{}, err
		case err != nil:
			ev.printed = "unchecked"
		case status == 404:
			ev.printed = "unregistered"
		default:
			ev.printed = "registered"
			ev.works = append(ev.works, w)
		}
	}

	if err := secondOpinion(ctx, src, &ev); err != nil {
		return Link{}, err
	}
	return decide(ev), nil
}

// secondOpinion asks PubMed: ECitMatch for a PMID, ESummary for its DOI,
// and Crossref for that DOI's record when the search did not bring it.
func secondOpinion(ctx context.Context, src *Source, ev *evidence) error {
	line := citMatch(ev.ref)
	if line == "" {
		ev.ncbiNote = "PubMed not asked: the reference lacks journal, year, volume, first page or author"
		return nil
	}
	skip := func(err error) error {
		if fatal(err) {
			return err
		}
		if errors.Is(err, ErrNotCached) {
			ev.ncbiNote = "PubMed not checked (not in the cache)"
		} else {
			ev.ncbiNote = "PubMed not checked: " + err.Error()
		}
		return nil
	}
	e, err := src.citMatch(ctx, line)
	if err != nil {
		return skip(err)
	}
	if e.Status != 200 {
		return skip(fmt.Errorf("ECitMatch answered HTTP %d", e.Status))
	}
	res, err := parseCitMatch(string(e.body()))
	if err != nil {
		return skip(err)
	}
	ev.ncbiAmbiguous = res.Ambiguous
	if res.PMID == "" {
		if !res.Ambiguous {
			ev.ncbiNote = "PubMed finds no article"
		}
		return nil
	}
	ev.pmid = res.PMID
	e, err = src.summary(ctx, res.PMID)
	if err != nil {
		return skip(err)
	}
	if e.Status != 200 {
		return skip(fmt.Errorf("ESummary answered HTTP %d", e.Status))
	}
	doi, err := summaryDOI(e.body(), res.PMID)
	if err != nil {
		return skip(err)
	}
	ev.pmidDOI = doi
	if doi == "" || slices.ContainsFunc(ev.works, func(w Work) bool { return strings.EqualFold(w.DOI, doi) }) {
		return nil
	}
	w, status, err := src.work(ctx, doi)
	if err != nil {
		return skip(err)
	}
	if status == 200 {
		ev.works = append(ev.works, w)
	}
	return nil
}

// work looks one DOI up; status is 200 or 404.
func (s *Source) work(ctx context.Context, doi string) (Work, int, error) {
	e, err := s.lookup(ctx, doi)
	if err != nil {
		return Work{}, 0, err
	}
	if e.Status != 200 {
		return Work{}, e.Status, nil
	}
	w, err := DecodeWork(e.body())
	if err != nil {
		return Work{}, 0, err
	}
	return w, 200, nil
}

func failed(n int, reason string) Link {
	return finish(Link{N: n, Status: Error, Reason: reason}, evidence{})
}

// Coverage tallies the references with a DOI by its source.
func (l *Links) Coverage() map[string]int {
	m := map[string]int{}
	for _, r := range l.References {
		if r.DOI != "" {
			m[r.Source]++
		}
	}
	return m
}

// Count tallies the links by status.
func (l *Links) Count() map[string]int {
	m := map[string]int{}
	for _, r := range l.References {
		m[r.Status]++
	}
	return m
}
