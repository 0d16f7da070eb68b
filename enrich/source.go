package enrich

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// ErrNotCached is returned offline for a response the cache lacks.
var ErrNotCached = errors.New("not in the cache")

// Source answers requests from the cache and, online, from the network.
// It remembers every entry a run used, so that the cache written after
// the run holds exactly those: entries no longer used are pruned.
type Source struct {
	cache   *Cache
	client  *Client // nil: offline
	refresh bool    // ask the network even for cached entries

	mu      sync.Mutex
	used    map[string]Entry
	fetched int
}

// NewSource returns a source over cache; client nil means offline.
// With refresh, every response is fetched again.
func NewSource(cache *Cache, client *Client, refresh bool) *Source {
	if cache == nil {
		cache = NewCache()
	}
	return &Source{cache: cache, client: client, refresh: refresh && client != nil, used: map[string]Entry{}}
}

// Online reports whether the source may use the network.
func (s *Source) Online() bool { return s.client != nil }

// Used returns the entries this run used: the pruned cache.
func (s *Source) Used() *Cache {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := NewCache()
	for _, e := range s.used {
		c.Put(e)
	}
	return c
}

// Merged returns the old cache with this run's entries added: what to
// keep when a run stops early and pruning would lose good entries.
func (s *Source) Merged() *Cache {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := NewCache()
	for _, k := range s.cache.Keys() {
		e, _ := s.cache.Get(k)
		c.Put(e)
	}
	for _, e := range s.used {
		c.Put(e)
	}
	return c
}

// Dropped counts entries of the cache read that were not well-formed
// answers and were left out (Cache.Dropped).
func (s *Source) Dropped() int { return s.cache.Dropped() }

// Unused counts cached entries this run did not use.
func (s *Source) Unused() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, k := range s.cache.Keys() {
		if _, ok := s.used[k]; !ok {
			n++
		}
	}
	return n
}

// Fetched counts responses fetched from the network in this run.
func (s *Source) Fetched() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fetched
}

// get returns the response for key, from the cache or, online, from u.
func (s *Source) get(ctx context.Context, key string, cl class, u string, wantJSON bool) (Entry, error) {
	if !s.refresh {
		s.mu.Lock()
		e, ok := s.used[key]
		if !ok {
			e, ok = s.cache.Get(key)
		}
		if ok {
			s.used[key] = e
		}
		s.mu.Unlock()
		if ok {
			return e, nil
		}
	} else {
		s.mu.Lock()
		e, ok := s.used[key] // asked again within this run
		s.mu.Unlock()
		if ok {
			return e, nil
		}
	}
	if s.client == nil {
		return Entry{}, ErrNotCached
	}
	status, body, err := s.client.get(ctx, cl, u, wantJSON, checkAnswer(key))
	if err != nil {
		return Entry{}, err
	}
	e := newEntry(key, u, status, body)
	s.mu.Lock()
	s.used[key] = e
	s.fetched++
	s.mu.Unlock()
	return e, nil
}

// selectFields trims Crossref's answer to what matching reads.
const selectFields = "DOI,type,title,subtitle,container-title,short-container-title,ISSN,author,issued,published-print,published-online,volume,issue,page,article-number,update-to,relation,score"

// rows is how many candidates a search asks for.
const rows = 5

func (s *Source) search(ctx context.Context, query string) (Entry, error) {
	v := url.Values{"query.bibliographic": {query}, "rows": {strconv.Itoa(rows)}, "select": {selectFields}}
	return s.get(ctx, keySearch+query, classSearch, s.crossref()+"/works?"+v.Encode(), true)
}

func (s *Source) lookup(ctx context.Context, doi string) (Entry, error) {
	doi = strings.ToLower(doi)
	segs := strings.Split(doi, "/")
	for i := range segs {
		segs[i] = url.PathEscape(segs[i])
	}
	return s.get(ctx, keyLookup+doi, classLookup, s.crossref()+"/works/"+strings.Join(segs, "/"), true)
}

// records asks for the records of several DOIs in one request: the same
// filter given several times is an OR (Crossref REST API, "Multiple
// filters"). The key lists the DOIs in the order given.
func (s *Source) records(ctx context.Context, dois []string) (Entry, error) {
	fs := make([]string, len(dois))
	for i, d := range dois {
		fs[i] = "doi:" + d
	}
	v := url.Values{"filter": {strings.Join(fs, ",")}, "rows": {strconv.Itoa(len(dois))}, "select": {selectFields}}
	return s.get(ctx, keySearch+strings.Join(fs, ","), classSearch, s.crossref()+"/works?"+v.Encode(), true)
}

func (s *Source) citMatch(ctx context.Context, line string) (Entry, error) {
	v := url.Values{"db": {"pubmed"}, "retmode": {"xml"}, "bdata": {line}}
	return s.get(ctx, keyCitMatch+line, classNCBI, s.ncbi()+"/ecitmatch.cgi?"+s.ncbiParams(v), false)
}

func (s *Source) summary(ctx context.Context, pmid string) (Entry, error) {
	v := url.Values{"db": {"pubmed"}, "retmode": {"json"}, "id": {pmid}}
	return s.get(ctx, keySummary+pmid, classNCBI, s.ncbi()+"/esummary.fcgi?"+s.ncbiParams(v), true)
}

func (s *Source) crossref() string {
	if s.client == nil {
		return CrossrefURL
	}
	return strings.TrimRight(s.client.cfg.CrossrefURL, "/")
}

func (s *Source) ncbi() string {
	if s.client == nil {
		return NCBIURL
	}
	return strings.TrimRight(s.client.cfg.NCBIURL, "/")
}

// ncbiParams adds the tool and email parameters NCBI asks for.
func (s *Source) ncbiParams(v url.Values) string {
	v.Set("tool", "chemores")
	if s.client != nil {
		v.Set("email", s.client.cfg.Mailto)
	}
	return v.Encode()
}

// redact removes contact details from a URL kept in the cache or shown
// in a message.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	if q.Has("email") || q.Has("mailto") || q.Has("api_key") {
		q.Del("email")
		q.Del("mailto")
		q.Del("api_key")
		u.RawQuery = q.Encode()
	}
	return u.String()
}
