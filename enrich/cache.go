package enrich

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

// Entry is one cached HTTP response: what a rebuild needs instead of
// the network. Only responses really received are ever stored.
type Entry struct {
	Key    string          `json:"key"`    // the normalized query: source, kind and input
	URL    string          `json:"url"`    // as requested, contact details removed
	Status int             `json:"status"` // 200 or 404
	JSON   json.RawMessage `json:"json,omitempty"`
	Text   string          `json:"text,omitempty"` // a body that is not JSON (ECitMatch)
}

// body is the response body as received (JSON compacted).
func (e Entry) body() []byte {
	if len(e.JSON) > 0 {
		return e.JSON
	}
	return []byte(e.Text)
}

// Cache holds responses by key. The file form is JSON Lines, one entry a
// line, sorted by key, so that diffs stay small and rebuilds identical.
type Cache struct {
	entries map[string]Entry
	dropped int
}

// Dropped counts entries ReadCache left out because they are not
// well-formed answers (errors that older versions stored).
func (c *Cache) Dropped() int { return c.dropped }

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]Entry{}} }

// Len is the number of entries.
func (c *Cache) Len() int { return len(c.entries) }

// Get returns the entry for key.
func (c *Cache) Get(key string) (Entry, bool) {
	e, ok := c.entries[key]
	return e, ok
}

// Put stores an entry, replacing any with the same key.
func (c *Cache) Put(e Entry) { c.entries[e.Key] = e }

// Keys returns the keys, sorted.
func (c *Cache) Keys() []string {
	ks := make([]string, 0, len(c.entries))
	for k := range c.entries {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// maxLine bounds one cache line; a Crossref page of five works is far
// smaller.
const maxLine = 16 << 20

// ReadCache reads the JSON Lines form. A line that does not parse is an
// error naming the line: the cache is committed, and a broken one must
// be noticed, not silently refetched. An entry that parses but is no
// well-formed answer (a Crossref "status": "error" under HTTP 200, an
// HTML error page, a truncated body: what older versions stored) is
// left out and counted in Dropped, so the next online run asks again.
func ReadCache(r io.Reader) (*Cache, error) {
	c := NewCache()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, fmt.Errorf("cache line %d: %w", n, err)
		}
		if e.Key == "" || e.Status == 0 {
			return nil, fmt.Errorf("cache line %d: entry without key or status", n)
		}
		if _, dup := c.entries[e.Key]; dup {
			return nil, fmt.Errorf("cache line %d: duplicate key %q", n, e.Key)
		}
		if checkAnswer(e.Key)(e.Status, e.body()) != nil {
			c.dropped++
			continue
		}
		c.entries[e.Key] = e
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cache line %d: %w", n+1, err)
	}
	return c, nil
}

// Write writes the JSON Lines form, sorted by key.
func (c *Cache) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, k := range c.Keys() {
		if err := enc.Encode(c.entries[k]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// newEntry makes the cache entry for a received response: JSON bodies
// are compacted, other bodies kept as text.
func newEntry(key, url string, status int, body []byte) Entry {
	e := Entry{Key: key, URL: redact(url), Status: status}
	var buf bytes.Buffer
	if len(bytes.TrimSpace(body)) > 0 && json.Compact(&buf, body) == nil {
		e.JSON = buf.Bytes()
	} else {
		e.Text = strings.ToValidUTF8(string(body), "\uFFFD")
	}
	return e
}

// Request kinds: the first words of a cache key.
const (
	keySearch   = "crossref works "
	keyLookup   = "crossref work "
	keyCitMatch = "ncbi ecitmatch "
	keySummary  = "ncbi esummary "
)

// checkAnswer returns the test of a well-formed answer to the request
// behind key: the status the request may get, and a body the decoder of
// its kind reads. A wrong status wraps errAnswer, a bad body errBody.
// Only answers that pass are cached: a fault of the moment must not
// become the committed truth.
func checkAnswer(key string) func(status int, body []byte) error {
	return func(status int, body []byte) error {
		// A 404 to a request for one Crossref work says the DOI is not
		// registered: an answer. Searches and NCBI always answer 200.
		if status == http.StatusNotFound && strings.HasPrefix(key, "crossref ") && !strings.HasPrefix(key, keySearch) {
			return nil
		}
		if status != http.StatusOK {
			return fmt.Errorf("%w: HTTP %d", errAnswer, status)
		}
		if t := bytes.TrimSpace(body); len(t) == 0 || t[0] == '<' {
			return fmt.Errorf("%w: empty or an HTML page (%d bytes)", errBody, len(body))
		}
		var err error
		switch {
		case strings.HasPrefix(key, keySearch):
			_, err = DecodeWorks(body)
		case strings.HasPrefix(key, keyLookup):
			_, err = DecodeWork(body)
		case strings.HasPrefix(key, keyCitMatch):
			_, err = parseCitMatch(string(body))
		case strings.HasPrefix(key, "crossref "):
			err = checkEnvelope(body)
		case strings.HasPrefix(key, keySummary) || json.Valid(body):
			err = checkNCBI(body)
		}
		if err != nil {
			return fmt.Errorf("%w: %v", errBody, err)
		}
		return nil
	}
}

// checkEnvelope accepts any Crossref answer whose status is "ok".
func checkEnvelope(body []byte) error {
	var e envelope
	if err := json.Unmarshal(body, &e); err != nil {
		return err
	}
	if e.Status != "ok" {
		return fmt.Errorf("status %q", e.Status)
	}
	return nil
}

// checkNCBI accepts an E-utilities JSON answer with a result and no
// error.
func checkNCBI(body []byte) error {
	var a struct {
		Error  json.RawMessage `json:"error"`
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(body, &a); err != nil {
		return err
	}
	if len(a.Error) > 0 {
		return fmt.Errorf("error %s", abbreviate(string(a.Error), 80))
	}
	if len(a.Result) == 0 || a.Result[0] != '{' {
		return errors.New("no result")
	}
	return nil
}
