package enrich

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
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
}

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
// be noticed, not silently refetched.
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
