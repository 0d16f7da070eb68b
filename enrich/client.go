package enrich

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"

	"github.com/chemores/chemores/internal/wait"
)

// Default endpoints; tests and mirrors replace them.
const (
	CrossrefURL = "https://api.crossref.org"
	NCBIURL     = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
	ProjectURL  = "https://github.com/chemores/chemores"
)

// Request classes: each has its own rate.
type class int

const (
	classSearch class = iota // Crossref list and search queries
	classLookup              // Crossref single-DOI lookups
	classNCBI                // NCBI E-utilities
)

// Config sets how the client talks to Crossref and NCBI. Zero fields
// take the polite defaults (see DefaultConfig).
type Config struct {
	CrossrefURL string
	NCBIURL     string
	Mailto      string // required: identifies us in the User-Agent and to NCBI
	Version     string // chemores version for the User-Agent
	ProjectURL  string

	SearchRate float64 // Crossref search requests per second (3)
	LookupRate float64 // Crossref single-DOI requests per second (10)
	NCBIRate   float64 // NCBI requests per second (3, without an API key)
	InFlight   int     // concurrent requests per service (3)
	// Gap is added to each interval the rates allow, so that jitter on
	// the way never puts one request too many in a server's one-second
	// window.
	Gap time.Duration

	Timeout      time.Duration // per attempt, body included (30s)
	Deadline     time.Duration // per request, every attempt and wait included (5m)
	Retries      int           // retries after the first attempt (5)
	RetryWaitMin time.Duration // back-off floor (1s)
	RetryWaitMax time.Duration // back-off ceiling (30s)
	// RetryAfterUnit is what one unit of Retry-After means: a second,
	// except in tests.
	RetryAfterUnit time.Duration
	// MaxRetryAfter is the longest Retry-After obeyed, whatever the
	// status; a server asking for more stops the run (2m).
	MaxRetryAfter time.Duration
	// MaxErrors is how many requests may fail in a row (after their
	// retries) before the run stops (5).
	MaxErrors int

	// Transport replaces the network (tests, benchmarks).
	Transport http.RoundTripper
	// Now is the clock Retry-After dates are read against; nil is
	// time.Now.
	Now func() time.Time
}

// DefaultConfig returns the polite defaults.
func DefaultConfig() Config {
	return Config{
		CrossrefURL:    CrossrefURL,
		NCBIURL:        NCBIURL,
		ProjectURL:     ProjectURL,
		Version:        "dev",
		SearchRate:     3,
		LookupRate:     10,
		NCBIRate:       3,
		InFlight:       3,
		Gap:            7 * time.Millisecond,
		Timeout:        30 * time.Second,
		Deadline:       5 * time.Minute,
		Retries:        5,
		RetryWaitMin:   time.Second,
		RetryWaitMax:   30 * time.Second,
		RetryAfterUnit: time.Second,
		MaxRetryAfter:  2 * time.Minute,
		MaxErrors:      5,
	}
}

// ErrNoMailto is returned when an online run has no contact address.
var ErrNoMailto = errors.New("no contact address: Crossref and NCBI ask every client to identify itself; set --mailto or CHEMORES_MAILTO")

// ErrTooManyErrors stops a run whose requests keep failing.
var ErrTooManyErrors = errors.New("too many failed requests in a row")

// ErrWaitTooLong stops a run whose server asks, with Retry-After, for a
// wait longer than MaxRetryAfter: the message names the wait.
var ErrWaitTooLong = wait.ErrTooLong

// Client fetches from Crossref and NCBI politely: a token bucket per
// request class, a bound on requests in flight, retries with back-off
// that honour Retry-After, and a stop when failures pile up.
type Client struct {
	cfg     Config
	http    *retryablehttp.Client
	limits  [3]*rate.Limiter
	windows [3]*window
	slots   [2]chan struct{} // Crossref, NCBI
	agent   string
	policy  wait.Policy
	failing atomic.Int32 // failures in a row
	stats   Stats
}

// Stats counts what a client sent and got.
type Stats struct {
	Requests  atomic.Int64 // attempts sent, retries included
	TooMany   atomic.Int64 // 429 answers
	Retries   atomic.Int64
	Failures  atomic.Int64 // requests that failed after their retries
	Responses atomic.Int64 // requests that got an answer
}

// NewClient checks cfg and builds a client.
func NewClient(cfg Config) (*Client, error) {
	d := DefaultConfig()
	if cfg.Mailto == "" {
		return nil, ErrNoMailto
	}
	def := func(v *float64, dv float64) {
		if *v <= 0 {
			*v = dv
		}
	}
	def(&cfg.SearchRate, d.SearchRate)
	def(&cfg.LookupRate, d.LookupRate)
	def(&cfg.NCBIRate, d.NCBIRate)
	defd := func(v *time.Duration, dv time.Duration) {
		if *v <= 0 {
			*v = dv
		}
	}
	defd(&cfg.Timeout, d.Timeout)
	defd(&cfg.Deadline, d.Deadline)
	defd(&cfg.RetryWaitMin, d.RetryWaitMin)
	defd(&cfg.RetryWaitMax, d.RetryWaitMax)
	defd(&cfg.RetryAfterUnit, d.RetryAfterUnit)
	defd(&cfg.MaxRetryAfter, d.MaxRetryAfter)
	if cfg.Gap < 0 {
		cfg.Gap = 0
	}
	if cfg.InFlight <= 0 {
		cfg.InFlight = d.InFlight
	}
	if cfg.Retries < 0 {
		cfg.Retries = 0
	}
	if cfg.MaxErrors <= 0 {
		cfg.MaxErrors = d.MaxErrors
	}
	if cfg.CrossrefURL == "" {
		cfg.CrossrefURL = d.CrossrefURL
	}
	if cfg.NCBIURL == "" {
		cfg.NCBIURL = d.NCBIURL
	}
	if cfg.ProjectURL == "" {
		cfg.ProjectURL = d.ProjectURL
	}
	if cfg.Version == "" {
		cfg.Version = d.Version
	}
	c := &Client{cfg: cfg, policy: wait.Policy{Max: cfg.MaxRetryAfter, Unit: cfg.RetryAfterUnit, Now: cfg.Now}}
	c.agent = fmt.Sprintf("chemores/%s (%s; mailto:%s)", cfg.Version, cfg.ProjectURL, cfg.Mailto)
	for i, r := range []float64{cfg.SearchRate, cfg.LookupRate, cfg.NCBIRate} {
		every := time.Duration(float64(time.Second)/r) + cfg.Gap
		c.limits[i] = rate.NewLimiter(rate.Every(every), 1)
		c.windows[i] = newWindow(r, cfg.Gap)
	}
	for i := range c.slots {
		c.slots[i] = make(chan struct{}, cfg.InFlight)
	}
	base := cfg.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	rc := retryablehttp.NewClient()
	rc.Logger = nil
	rc.HTTPClient = &http.Client{Timeout: cfg.Timeout, Transport: &politeTransport{c: c, base: base}}
	rc.RetryMax = cfg.Retries
	rc.RetryWaitMin = cfg.RetryWaitMin
	rc.RetryWaitMax = cfg.RetryWaitMax
	rc.CheckRetry = c.checkRetry
	rc.Backoff = c.policy.Backoff
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	rc.RequestLogHook = func(_ retryablehttp.Logger, _ *http.Request, attempt int) {
		if attempt > 0 {
			c.stats.Retries.Add(1)
		}
	}
	c.http = rc
	return c, nil
}

// Stats returns the client's counters.
func (c *Client) Stats() *Stats { return &c.stats }

// UserAgent is what the client calls itself.
func (c *Client) UserAgent() string { return c.agent }

type classKey struct{}

// politeTransport takes a free slot, then the class's token, then a
// place in its window before each attempt, retries included, and frees
// the slot when the body is closed. The slot comes first: a token taken
// while waiting for a slot would be spent in a burst when slots free up.
type politeTransport struct {
	c    *Client
	base http.RoundTripper
}

func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	cl, _ := ctx.Value(classKey{}).(class)
	slot := t.c.slots[0]
	if cl == classNCBI {
		slot = t.c.slots[1]
	}
	select {
	case slot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := t.c.limits[cl].Wait(ctx); err != nil {
		<-slot
		return nil, err
	}
	if err := t.c.windows[cl].wait(ctx); err != nil {
		<-slot
		return nil, err
	}
	t.c.stats.Requests.Add(1)
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		<-slot
		return nil, err
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		t.c.stats.TooMany.Add(1)
	}
	resp.Body = &releaser{ReadCloser: resp.Body, release: func() { <-slot }}
	return resp, nil
}

type releaser struct {
	io.ReadCloser
	once    sync.Once
	release func()
}

func (r *releaser) Close() error {
	err := r.ReadCloser.Close()
	r.once.Do(r.release)
	return err
}

// checkRetry retries what may pass: network errors and time-outs, 429,
// 5xx, and bodies cut short or not the answer promised (errBody); an
// answer of the wrong kind (errAnswer) is final. A Retry-After over the
// cap, on any status, stops (wait.Policy).
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if errors.Is(err, errAnswer) {
		return false, nil
	}
	return c.policy.CheckRetry(ctx, resp, err)
}

// maxBody bounds a response: a page of five works is tens of kilobytes.
const maxBody = 8 << 20

// errBody marks an answer whose body broke off or is not the answer
// promised (a Crossref "status": "error", an HTML page): worth another
// try, never cached.
var errBody = errors.New("bad response body")

// errAnswer marks a status that is no answer to the request (a 404 to a
// search): final, never cached.
var errAnswer = errors.New("not an answer")

// get fetches one URL and returns the status and the whole body. check,
// if set, says whether the answer is a well-formed one; otherwise 200
// and 404 are answers (a 200 must be JSON if wantJSON). Anything else,
// after the retries, is an error whose text holds neither the contact
// address nor a context error: a request that timed out is one failure
// toward MaxErrors, not the end of the run.
func (c *Client) get(ctx context.Context, cl class, url string, wantJSON bool, check func(status int, body []byte) error) (int, []byte, error) {
	rctx, cancel := context.WithTimeout(context.WithValue(ctx, classKey{}, cl), c.cfg.Deadline)
	defer cancel()
	req, err := retryablehttp.NewRequestWithContext(rctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("User-Agent", c.agent)
	if wantJSON {
		req.Header.Set("Accept", "application/json")
	}
	var body []byte
	req.SetResponseHandler(func(resp *http.Response) error {
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound {
			return nil // no answer; the status says so after the retries
		}
		b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
		if err != nil {
			return fmt.Errorf("%w: %v", errBody, err)
		}
		if len(b) > maxBody {
			return fmt.Errorf("%w: over %d bytes", errBody, maxBody)
		}
		switch {
		case check != nil:
			err = check(resp.StatusCode, b)
		case resp.StatusCode == http.StatusOK && wantJSON && !json.Valid(b):
			err = fmt.Errorf("%w: not valid JSON (%d bytes)", errBody, len(b))
		}
		if err != nil {
			return err
		}
		body = b
		return nil
	})
	resp, err := c.http.Do(req)
	if err == nil && resp != nil && resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound {
		err = fmt.Errorf("HTTP %s", resp.Status)
	}
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		if ctx.Err() != nil {
			return 0, nil, ctx.Err()
		}
		if errors.Is(err, wait.ErrTooLong) {
			return 0, nil, fmt.Errorf("GET %s: %w", redact(url), err)
		}
		c.stats.Failures.Add(1)
		msg := c.describe(err, rctx)
		if n := c.failing.Add(1); int(n) >= c.cfg.MaxErrors {
			return 0, nil, fmt.Errorf("%w (%d; last: GET %s: %s)", ErrTooManyErrors, n, redact(url), msg)
		}
		return 0, nil, fmt.Errorf("GET %s: %s", redact(url), msg)
	}
	c.failing.Store(0)
	c.stats.Responses.Add(1)
	return resp.StatusCode, bytes.Clone(body), nil
}

// describe says why a request failed, in words that hold no URL (the
// net/http errors repeat it, contact address included) and no context
// error.
func (c *Client) describe(err error, rctx context.Context) string {
	if rctx.Err() != nil {
		return fmt.Sprintf("no answer after %s of attempts and waits (the deadline of one request)", c.cfg.Deadline)
	}
	var ue *neturl.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Sprintf("no answer within %s (the time-out of one attempt)", c.cfg.Timeout)
		}
		err = ue.Err
	}
	msg := err.Error()
	for _, s := range []string{c.cfg.Mailto, neturl.QueryEscape(c.cfg.Mailto)} {
		msg = strings.ReplaceAll(msg, s, "[contact]")
	}
	return msg
}
