// Package wait bounds how long an HTTP client waits on a server: Policy
// decides retries for go-retryablehttp and honours Retry-After, on any
// answer it retries, up to a cap beyond which it stops with TooLongError;
// Transport gives each attempt a time-out for the answer's headers and
// for silence inside its body. A caller adds the total deadline with
// its context.
package wait

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// ErrTooLong marks a server that asked to wait longer than allowed.
var ErrTooLong = errors.New("server asks to wait too long")

// TooLongError is a Retry-After over the cap.
type TooLongError struct {
	Status string // of the answer that asked: "503 Service Unavailable"
	Asked  string // the header as sent
	Wait   time.Duration
	Max    time.Duration
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("the server answered HTTP %s and asks to wait %s (Retry-After: %s), longer than the %s allowed",
		e.Status, e.Wait.Round(time.Second), e.Asked, e.Max)
}

func (e *TooLongError) Is(target error) bool { return target == ErrTooLong }

// Policy retries what may pass (network errors, time-outs, 429, 5xx)
// and waits between attempts: what Retry-After asks, whatever the
// status, or else an exponential time with full jitter.
type Policy struct {
	Max  time.Duration    // the longest Retry-After obeyed
	Unit time.Duration    // what one Retry-After second means: a second, except in tests
	Now  func() time.Time // the clock for Retry-After dates; nil is time.Now
}

// After reads Retry-After, as seconds or as an HTTP date.
func (p Policy) After(resp *http.Response) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
		unit := p.Unit
		if unit <= 0 {
			unit = time.Second
		}
		if n > int64(year/unit) { // beyond any cap; no overflow
			n = int64(year / unit)
		}
		return time.Duration(n) * unit, true
	}
	if t, err := http.ParseTime(v); err == nil {
		now := time.Now
		if p.Now != nil {
			now = p.Now
		}
		return min(max(t.Sub(now()), 0), year), true
	}
	return 0, false
}

// year bounds what After reads: longer is beyond any cap anyway.
const year = 365 * 24 * time.Hour

// CheckRetry is retryablehttp.DefaultRetryPolicy, except that an answer
// it would retry whose Retry-After is over the cap stops the request
// with a TooLongError naming the wait.
func (p Policy) CheckRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	retry, cerr := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	if !retry || err != nil || resp == nil {
		return retry, cerr
	}
	if d, ok := p.After(resp); ok && d > p.Max {
		return false, &TooLongError{Status: resp.Status, Asked: resp.Header.Get("Retry-After"), Wait: d, Max: p.Max}
	}
	return retry, cerr
}

// Backoff waits what Retry-After asks (CheckRetry has refused anything
// over the cap), or else lo·2^attempt at most hi, with full jitter, so
// that clients that failed together do not come back together.
func (p Policy) Backoff(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
	if d, ok := p.After(resp); ok {
		return min(d, p.Max)
	}
	ceil := lo << min(attempt, 16)
	if ceil > hi || ceil <= 0 {
		ceil = hi
	}
	if ceil <= lo {
		return lo
	}
	return lo + rand.N(ceil-lo)
}

// TimeoutError is an attempt the server let run out of time. It is not
// a context error: a time-out is the server's failure, to retry and to
// count, while a cancelled context is the caller's wish to stop.
type TimeoutError struct {
	What  string // "no answer", "no data"
	After time.Duration
}

func (e *TimeoutError) Error() string { return fmt.Sprintf("%s within %s", e.What, e.After) }

// Timeout makes it a net.Error time-out, which retry policies retry.
func (e *TimeoutError) Timeout() bool   { return true }
func (e *TimeoutError) Temporary() bool { return true }

// Transport bounds each attempt: Header is the time the server has to
// send the answer's headers (connecting included), Stall the longest
// silence inside the body. A large download may take as long as it
// needs while data flows.
type Transport struct {
	Base   http.RoundTripper // nil is http.DefaultTransport
	Header time.Duration
	Stall  time.Duration
}

func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	ctx, cancel := context.WithCancelCause(req.Context())
	timer := time.AfterFunc(t.Header, func() { cancel(&TimeoutError{What: "no answer", After: t.Header}) })
	resp, err := base.RoundTrip(req.WithContext(ctx))
	timer.Stop()
	if err == nil && ctx.Err() != nil {
		resp.Body.Close()
		err = ctx.Err()
	}
	if err != nil {
		cause := context.Cause(ctx)
		cancel(nil)
		var te *TimeoutError
		if errors.As(cause, &te) {
			return nil, te
		}
		return nil, err
	}
	b := &stallBody{body: resp.Body, ctx: ctx, cancel: cancel, stall: t.Stall}
	b.timer = time.AfterFunc(t.Stall, func() { cancel(&TimeoutError{What: "no data", After: t.Stall}) })
	b.timer.Stop() // runs only while a read waits
	resp.Body = b
	return resp, nil
}

// stallBody fails a read that waits longer than stall for data.
type stallBody struct {
	body   io.ReadCloser
	ctx    context.Context
	cancel context.CancelCauseFunc
	stall  time.Duration
	timer  *time.Timer
}

func (b *stallBody) Read(p []byte) (int, error) {
	b.timer.Reset(b.stall)
	n, err := b.body.Read(p)
	b.timer.Stop()
	if err != nil && err != io.EOF {
		var te *TimeoutError
		if errors.As(context.Cause(b.ctx), &te) {
			err = te
		}
	}
	return n, err
}

func (b *stallBody) Close() error {
	b.timer.Stop()
	b.cancel(nil)
	return b.body.Close()
}
