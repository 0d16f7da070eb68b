package wait

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

func answer(status int, retryAfter string) *http.Response {
	r := &http.Response{StatusCode: status, Status: strconv.Itoa(status) + " " + http.StatusText(status), Header: http.Header{}}
	if retryAfter != "" {
		r.Header.Set("Retry-After", retryAfter)
	}
	return r
}

func TestAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p := Policy{Max: 2 * time.Minute, Unit: time.Second, Now: func() time.Time { return now }}
	tests := []struct {
		header string
		want   time.Duration
		ok     bool
	}{
		{"", 0, false},
		{"7", 7 * time.Second, true},
		{" 0 ", 0, true},
		{"-3", 0, false},
		{"soon", 0, false},
		{"100000", 100000 * time.Second, true},
		{"99999999999999999999", 0, false}, // not an int64
		{"9223372036854775807", 365 * 24 * time.Hour, true},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tt := range tests {
		got, ok := p.After(answer(503, tt.header))
		if got != tt.want || ok != tt.ok {
			t.Errorf("Retry-After %q: %s %v, want %s %v", tt.header, got, ok, tt.want, tt.ok)
		}
	}
}

// Retry-After is honoured on any answer that is retried, up to the cap;
// over the cap the request stops with an error naming the wait.
func TestCheckRetry(t *testing.T) {
	p := Policy{Max: 2 * time.Minute, Unit: time.Second}
	ctx := context.Background()
	tests := []struct {
		resp  *http.Response
		retry bool
		err   string
	}{
		{answer(503, "100000"), false, "HTTP 503 Service Unavailable and asks to wait 27h46m40s (Retry-After: 100000), longer than the 2m0s allowed"},
		{answer(429, "100000"), false, "asks to wait 27h46m40s"},
		{answer(502, "121"), false, "asks to wait 2m1s"},
		{answer(503, "120"), true, ""},
		{answer(500, ""), true, ""},
		{answer(429, ""), true, ""},
		{answer(200, "100000"), false, ""}, // not retried: nothing to wait for
		{answer(404, "100000"), false, ""},
	}
	for _, tt := range tests {
		retry, err := p.CheckRetry(ctx, tt.resp, nil)
		if retry != tt.retry || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s Retry-After %q: retry %v, %v; want %v %q", tt.resp.Status, tt.resp.Header.Get("Retry-After"), retry, err, tt.retry, tt.err)
		}
		if err != nil && !errors.Is(err, ErrTooLong) {
			t.Errorf("%v is not ErrTooLong", err)
		}
	}
}

func TestBackoff(t *testing.T) {
	p := Policy{Max: time.Minute, Unit: time.Millisecond}
	for _, status := range []int{429, 500, 502, 503, 504} {
		if got := p.Backoff(time.Second, 30*time.Second, 0, answer(status, "7")); got != 7*time.Millisecond {
			t.Errorf("%d: waits %s, want the 7 ms Retry-After asks", status, got)
		}
	}
	for attempt := range 8 {
		got := p.Backoff(10*time.Millisecond, 300*time.Millisecond, attempt, answer(500, ""))
		ceil := min(10*time.Millisecond<<attempt, 300*time.Millisecond)
		if got < 10*time.Millisecond || got > ceil {
			t.Errorf("attempt %d: waits %s, want within [10ms, %s]", attempt, got, ceil)
		}
	}
}

// A server that accepts and never answers, or stops sending in the
// middle of a body, fails the attempt with a TimeoutError that is no
// context error; one that keeps sending, however slowly, is waited for.
func TestTransport(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/silent":
			<-release
		case "/stall":
			w.Write([]byte("half"))
			w.(http.Flusher).Flush()
			<-release
		case "/slow":
			for range 5 {
				w.Write([]byte("x"))
				w.(http.Flusher).Flush()
				time.Sleep(20 * time.Millisecond)
			}
		}
	}))
	defer srv.Close()
	defer close(release)
	c := &http.Client{Transport: &Transport{Header: 100 * time.Millisecond, Stall: 300 * time.Millisecond}}

	start := time.Now()
	_, err := c.Get(srv.URL + "/silent")
	var te *TimeoutError
	if !errors.As(err, &te) || te.What != "no answer" || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		t.Errorf("silent server: %v, want a TimeoutError", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("silent server: gave up after %s", d)
	}

	resp, err := c.Get(srv.URL + "/stall")
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "half" || !errors.As(err, &te) || te.What != "no data" || errors.Is(err, context.Canceled) {
		t.Errorf("stalled body: %q, %v; want half and a TimeoutError", b, err)
	}

	resp, err = c.Get(srv.URL + "/slow")
	if err != nil {
		t.Fatal(err)
	}
	b, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "xxxxx" || err != nil {
		t.Errorf("slow body: %q, %v", b, err)
	}
}

// With retryablehttp: a huge Retry-After on a 503 stops after one
// request instead of sleeping.
func TestRetryablehttp(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Retry-After", "100000")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	p := Policy{Max: 2 * time.Minute}
	c := retryablehttp.NewClient()
	c.Logger, c.CheckRetry, c.Backoff = nil, p.CheckRetry, p.Backoff
	start := time.Now()
	_, err := c.Get(srv.URL)
	if !errors.Is(err, ErrTooLong) || !strings.Contains(err.Error(), "27h46m40s") {
		t.Errorf("err = %v, want the wait named", err)
	}
	if n.Load() != 1 || time.Since(start) > 5*time.Second {
		t.Errorf("%d requests in %s", n.Load(), time.Since(start))
	}
}

// Retry-After comes from the server: whatever it holds, the wait read is
// never negative nor past a year, and nothing panics.
func FuzzAfter(f *testing.F) {
	for _, s := range []string{"7", "-1", "100000", "9223372036854775807", "Wed, 21 Oct 2015 07:28:00 GMT", "soon", " 3 "} {
		f.Add(s)
	}
	p := Policy{Max: time.Minute, Unit: time.Second, Now: func() time.Time { return time.Unix(0, 0) }}
	f.Fuzz(func(t *testing.T, v string) {
		r := &http.Response{Header: http.Header{"Retry-After": {v}}}
		d, ok := p.After(r)
		if d < 0 || (!ok && d != 0) {
			t.Fatalf("After(%q) = %s, %v", v, d, ok)
		}
		if d > 365*24*time.Hour {
			t.Fatalf("After(%q) = %s, more than a year", v, d)
		}
		if b := p.Backoff(time.Millisecond, time.Second, 3, r); b < 0 || b > time.Minute {
			t.Fatalf("Backoff with %q = %s", v, b)
		}
	})
}
