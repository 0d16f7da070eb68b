package enrich

import (
	"context"
	"sync"
	"time"
)

// window is a sliding-log limiter: at most n departures in any span of
// per. The token bucket spaces requests evenly, but it hands out a token
// before the request leaves; a goroutine delayed between the two can
// leave right behind the next one, and a strict server counting
// arrivals in a rolling second then sees one too many. The window is
// checked at the moment of departure, against the departures themselves.
type window struct {
	mu    sync.Mutex
	n     int
	per   time.Duration
	sent  []time.Time // the last n departures, oldest first
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

// newWindow allows rate requests a second, counted over a window of
// max(1, ⌊rate⌋) requests, each interval lengthened by gap.
func newWindow(rate float64, gap time.Duration) *window {
	n := max(1, int(rate))
	per := time.Duration(float64(n)/rate*float64(time.Second)) + time.Duration(n)*gap
	return &window{n: n, per: per, now: time.Now, sleep: sleepCtx}
}

// wait blocks until a request may leave, and records it as sent.
func (w *window) wait(ctx context.Context) error {
	for {
		w.mu.Lock()
		now := w.now()
		if len(w.sent) < w.n {
			w.sent = append(w.sent, now)
			w.mu.Unlock()
			return nil
		}
		d := w.sent[0].Add(w.per).Sub(now)
		if d <= 0 {
			w.sent = append(w.sent[1:], now)
			w.mu.Unlock()
			return nil
		}
		w.mu.Unlock()
		if err := w.sleep(ctx, d); err != nil {
			return err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
