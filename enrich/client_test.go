package enrich

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// oneRef is a one-reference document for fault tests.
func oneRef(t *testing.T) ([]*entry, *fakeServer) {
	corpus := loadCorpus(t)[:1]
	return corpus, newFakeServer(t, corpus)
}

// TestFaults injects one kind of fault into the first answers and checks
// the client rides it out: the reference still resolves.
func TestFaults(t *testing.T) {
	cases := []struct {
		name  string
		times int // the first n Crossref searches fail this way
		fault func(w http.ResponseWriter)
	}{
		{"429 with Retry-After", 2, func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusTooManyRequests)
		}},
		{"500", 3, func(w http.ResponseWriter) { http.Error(w, "oops", http.StatusInternalServerError) }},
		{"502 with Retry-After", 1, func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusBadGateway)
		}},
		{"503 with Retry-After", 1, func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
		}},
		{"time-out", 1, func(w http.ResponseWriter) { time.Sleep(300 * time.Millisecond) }},
		{"truncated body", 2, func(w http.ResponseWriter) {
			w.Header().Set("Content-Length", "5000")
			fmt.Fprint(w, `{"status":"ok","message-type":"work-list","message":{"items":[{"DOI":`)
		}},
		{"invalid JSON", 1, func(w http.ResponseWriter) { fmt.Fprint(w, `{"status":"ok", "message": <html>`) }},
		{"status error under 200", 2, func(w http.ResponseWriter) {
			fmt.Fprint(w, `{"status":"error","message-type":"validation-failure","message":[{"type":"x","message":"busy"}]}`)
		}},
		{"HTML under 200", 1, func(w http.ResponseWriter) { fmt.Fprint(w, "<!DOCTYPE html><html><body>Bad gateway</body></html>") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			corpus, srv := oneRef(t)
			var n atomic.Int32
			srv.fault = func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path != "/works" || n.Add(1) > int32(c.times) {
					return false
				}
				c.fault(w)
				return true
			}
			cfg := testConfig(srv.URL)
			cfg.Timeout = 100 * time.Millisecond
			client, err := NewClient(cfg)
			if err != nil {
				t.Fatal(err)
			}
			links, err := Enrich(context.Background(), corpusDoc(corpus), NewSource(nil, client, false), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if l := links.References[0]; l.Status != Matched || l.DOI != strings.ToLower(corpus[0].DOI) {
				t.Errorf("got %s %q (%s), want matched %s", l.Status, l.DOI, l.Reason, corpus[0].DOI)
			}
			if got := client.Stats().Retries.Load(); got < int64(c.times) {
				t.Errorf("%d retries, want at least %d", got, c.times)
			}
		})
	}
}

// TestFaultsPersist: a server that keeps failing gives an error status
// per reference, then stops the run once failures pile up.
func TestFaultsPersist(t *testing.T) {
	corpus := loadCorpus(t)[:12]
	srv := newFakeServer(t, corpus)
	srv.fault = func(w http.ResponseWriter, r *http.Request) bool {
		http.Error(w, "down", http.StatusBadGateway)
		return true
	}
	cfg := testConfig(srv.URL)
	cfg.Retries = 1
	cfg.MaxErrors = 4
	client, _ := NewClient(cfg)
	_, err := Enrich(context.Background(), corpusDoc(corpus), NewSource(nil, client, false), Options{Workers: 1})
	if !errors.Is(err, ErrTooManyErrors) {
		t.Fatalf("got %v, want ErrTooManyErrors", err)
	}
	if got := srv.requests.Load(); got > int64(cfg.MaxErrors*(cfg.Retries+1)) {
		t.Errorf("%d requests to a failing server, want at most %d", got, cfg.MaxErrors*(cfg.Retries+1))
	}

	// Below the limit, a failure is that reference's status.
	cfg.MaxErrors = 100
	client, _ = NewClient(cfg)
	links, err := Enrich(context.Background(), corpusDoc(corpus[:1]), NewSource(nil, client, false), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l := links.References[0]; l.Status != Error || !strings.Contains(l.Reason, "502") {
		t.Errorf("got %s (%s), want error naming the 502", l.Status, l.Reason)
	}
}

// A Retry-After over the cap stops the run at once, whatever the
// status, with a message naming the wait; it is not slept through.
func TestRetryAfterTooLong(t *testing.T) {
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusBadGateway} {
		corpus, srv := oneRef(t)
		srv.fault = func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("Retry-After", "100000")
			w.WriteHeader(status)
			return true
		}
		cfg := testConfig(srv.URL)
		cfg.RetryAfterUnit = time.Second
		client, _ := NewClient(cfg)
		start := time.Now()
		// Bounded, so that a client that sleeps fails the test instead
		// of hanging it.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := Enrich(ctx, corpusDoc(corpus), NewSource(nil, client, false), Options{})
		cancel()
		if !errors.Is(err, ErrWaitTooLong) || !strings.Contains(err.Error(), "asks to wait 27h46m40s") {
			t.Errorf("%d: err = %v, want the run stopped naming the wait", status, err)
		}
		if n := srv.requests.Load(); n != 1 || time.Since(start) > 2*time.Second {
			t.Errorf("%d: %d requests in %s, want 1 and no wait", status, n, time.Since(start))
		}
	}
}

// A request that times out is one failure toward MaxErrors, not the end
// of the run, and no message shows the contact address.
func TestTimeoutCountsAsError(t *testing.T) {
	corpus := loadCorpus(t)[:6]
	srv := newFakeServer(t, corpus)
	hang := make(chan struct{})
	defer close(hang)
	srv.fault = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/ecitmatch.cgi" || strings.Contains(r.URL.RawQuery, "Siegel") {
			select { // longer than the time-out
			case <-hang:
			case <-time.After(2 * time.Second):
			}
			return true
		}
		return false
	}
	cfg := testConfig(srv.URL)
	cfg.Timeout = 50 * time.Millisecond
	cfg.Retries = 0
	cfg.MaxErrors = 100
	client, _ := NewClient(cfg)
	links, err := Enrich(context.Background(), corpusDoc(corpus), NewSource(nil, client, false), Options{})
	if err != nil {
		t.Fatalf("the run ended: %v", err)
	}
	out, _ := json.Marshal(links)
	if strings.Contains(string(out), "example.org") {
		t.Errorf("the contact address shows in the results: %s", out)
	}
	if l := links.References[0]; l.Status != Error || !strings.Contains(l.Reason, "no answer within 50ms") {
		t.Errorf("reference 1: %s (%s), want an error naming the time-out", l.Status, l.Reason)
	}
	if n := client.Stats().Failures.Load(); n < 2 {
		t.Errorf("%d failures counted, want the search and the PubMed requests", n)
	}

	// Past MaxErrors, time-outs stop the run like other failures, and
	// the message still hides the address.
	srv.mu.Lock()
	srv.fault = func(w http.ResponseWriter, r *http.Request) bool {
		select {
		case <-hang:
		case <-time.After(2 * time.Second):
		}
		return true
	}
	srv.mu.Unlock()
	cfg.MaxErrors = 2
	client, _ = NewClient(cfg)
	_, err = Enrich(context.Background(), corpusDoc(corpus), NewSource(nil, client, false), Options{Workers: 1})
	if !errors.Is(err, ErrTooManyErrors) || strings.Contains(err.Error(), "example.org") {
		t.Errorf("err = %v, want ErrTooManyErrors without the address", err)
	}
}

// One request gives up at its deadline, however politely the server
// keeps asking to come back.
func TestDeadline(t *testing.T) {
	corpus, srv := oneRef(t)
	srv.fault = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	}
	cfg := testConfig(srv.URL)
	cfg.Retries = 1000
	cfg.Deadline = 200 * time.Millisecond
	client, _ := NewClient(cfg)
	start := time.Now()
	links, err := Enrich(context.Background(), corpusDoc(corpus), NewSource(nil, client, false), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l := links.References[0]; l.Status != Error || !strings.Contains(l.Reason, "the deadline of one request") {
		t.Errorf("got %s (%s), want an error naming the deadline", l.Status, l.Reason)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestCancel(t *testing.T) {
	corpus := loadCorpus(t)
	srv := newFakeServer(t, corpus)
	srv.fault = func(w http.ResponseWriter, r *http.Request) bool {
		time.Sleep(20 * time.Millisecond)
		return false
	}
	client, _ := NewClient(testConfig(srv.URL))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := Enrich(ctx, corpusDoc(corpus), NewSource(nil, client, false), Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("cancel took %s", d)
	}
}

func TestIdentity(t *testing.T) {
	if _, err := NewClient(Config{}); !errors.Is(err, ErrNoMailto) {
		t.Errorf("no mailto: got %v, want ErrNoMailto", err)
	}
	corpus, srv := oneRef(t)
	cfg := testConfig(srv.URL)
	cfg.Version = "1.2.3"
	client, _ := NewClient(cfg)
	src := NewSource(nil, client, false)
	if _, err := Enrich(context.Background(), corpusDoc(corpus), src, Options{}); err != nil {
		t.Fatal(err)
	}
	ua := regexp.MustCompile(`^chemores/1\.2\.3 \(https://\S+; mailto:test@example\.org\)$`)
	for a := range srv.agents {
		if !ua.MatchString(a) {
			t.Errorf("User-Agent %q", a)
		}
	}
	if len(srv.ncbiArgs) == 0 {
		t.Fatal("NCBI not asked")
	}
	for _, q := range srv.ncbiArgs {
		if q.Get("tool") != "chemores" || q.Get("email") != "test@example.org" {
			t.Errorf("NCBI request without tool and email: %v", q)
		}
	}
	// The cache keeps no contact details.
	for _, k := range src.Used().Keys() {
		e, _ := src.Used().Get(k)
		if strings.Contains(e.URL, "example.org") {
			t.Errorf("cached URL keeps the address: %s", e.URL)
		}
	}
}

// TestRateLimit sends through a limiter scaled up (50 searches a second,
// 3 in flight) to a slow server and checks the spacing and concurrency
// the server sees.
func TestRateLimit(t *testing.T) {
	var mu sync.Mutex
	var stamps []time.Time
	var inflight, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inflight.Add(1)
		defer inflight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		mu.Lock()
		stamps = append(stamps, time.Now())
		mu.Unlock()
		time.Sleep(70 * time.Millisecond)
		fmt.Fprint(w, `{"status":"ok","message-type":"work-list","message":{"items":[]}}`)
	}))
	defer srv.Close()
	cfg := testConfig(srv.URL)
	cfg.SearchRate = 50
	cfg.Gap = 0
	client, _ := NewClient(cfg)
	const n = 40
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if _, _, err := client.get(context.Background(), classSearch, fmt.Sprintf("%s/works?q=%d", srv.URL, i), true, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	sort.Slice(stamps, func(i, j int) bool { return stamps[i].Before(stamps[j]) })
	// Scheduling on a busy machine can delay any one request, which
	// may bring it close to the next; it can never make the whole run
	// faster than the limit. The spacing itself is checked on a fake
	// clock (TestWindowSpacing).
	interval := time.Second / 50
	if span, least := stamps[len(stamps)-1].Sub(stamps[0]), time.Duration(n-1)*interval*9/10; span < least {
		t.Errorf("%d requests within %s, want at least %s at 50/s", n, span, least)
	}
	if p := peak.Load(); p > 3 {
		t.Errorf("%d requests in flight, want at most 3", p)
	}
	span := stamps[len(stamps)-1].Sub(stamps[0])
	t.Logf("%d requests in %s: %.1f/s (limit 50/s, 70 ms each, peak %d in flight)", n, span, float64(n-1)/span.Seconds(), peak.Load())
}
