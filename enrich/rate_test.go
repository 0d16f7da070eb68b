package enrich

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// enforcer answers 429 to any request that would make more than limit
// requests in the sliding window before it, as a strict reading of
// Crossref's "3 per second" would.
type enforcer struct {
	mu      sync.Mutex
	window  time.Duration
	limit   int
	seen    []time.Time // accepted requests
	tooMany atomic.Int64
	ok      atomic.Int64
}

func (e *enforcer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	if v, err := strconv.ParseInt(r.Header.Get("X-Sent"), 10, 64); err == nil {
		now = time.Unix(0, v)
	}
	e.mu.Lock()
	recent := 0
	for _, t := range e.seen {
		if now.Sub(t) < e.window {
			recent++
		}
	}
	if recent >= e.limit {
		e.mu.Unlock()
		e.tooMany.Add(1)
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	e.seen = append(e.seen, now)
	e.mu.Unlock()
	e.ok.Add(1)
	time.Sleep(15 * time.Millisecond) // some work, so requests overlap
	fmt.Fprint(w, `{"status":"ok","message-type":"work-list","message":{"items":[]}}`)
}

// TestRateAgainstEnforcingServer runs searches with the default limits
// (3 a second, 3 in flight) against a server that enforces 3 requests
// in any one-second window, and reports the achieved rate and the 429s
// (BENCHMARKS.md quotes it: go test ./enrich -run TestRateAgainstEnforcingServer -v).
func TestRateAgainstEnforcingServer(t *testing.T) {
	if testing.Short() {
		t.Skip("takes about 5 s")
	}
	enf := &enforcer{window: time.Second, limit: 3}
	srv := httptest.NewServer(enf)
	defer srv.Close()
	cfg := DefaultConfig()
	cfg.CrossrefURL = srv.URL
	cfg.Mailto = "test@example.org"
	cfg.RetryAfterUnit = time.Millisecond // a 429 must show in the count, not hide in a wait
	// The server counts requests by when they left the client, stamped
	// below the limiters: the test is about the client's spacing, not
	// about how late a loaded machine schedules the server's handler.
	cfg.Transport = stamper{http.DefaultTransport}
	client, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	const n = 16
	start := time.Now()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if _, _, err := client.get(context.Background(), classSearch, fmt.Sprintf("%s/works?query.bibliographic=q%d", srv.URL, i), true, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	enf.mu.Lock()
	seen := slices.Clone(enf.seen)
	enf.mu.Unlock()
	overall := float64(len(seen)-1) / seen[len(seen)-1].Sub(seen[0]).Seconds()
	// The sustained rate is the median over windows of three intervals:
	// one request that a busy machine sends late lengthens one or two
	// windows, not the median.
	var spans []time.Duration
	for i := 3; i < len(seen); i++ {
		spans = append(spans, seen[i].Sub(seen[i-3]))
	}
	slices.Sort(spans)
	achieved := 3 / spans[len(spans)/2].Seconds()
	t.Logf("%d searches in %s: %.2f requests/s sustained (median), %.2f between first and last, %d answered 429 (limit 3/s in any 1 s window; client %v/s + %v gap, %d in flight)",
		n, time.Since(start).Round(time.Millisecond), achieved, overall, enf.tooMany.Load(), cfg.SearchRate, cfg.Gap, cfg.InFlight)
	if got := enf.tooMany.Load(); got != 0 {
		t.Errorf("%d requests answered 429, want 0", got)
	}
	if achieved < 2.9 {
		t.Errorf("achieved %.2f requests/s, want at least 2.9", achieved)
	}
}

// stamper marks each request with the time it leaves for the server.
type stamper struct{ base http.RoundTripper }

func (s stamper) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Sent", strconv.FormatInt(time.Now().UnixNano(), 10))
	return s.base.RoundTrip(r)
}
