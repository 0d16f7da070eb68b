package enrich

import (
	"context"
	"testing"
	"time"
)

// fakeClock advances only when the window sleeps.
type fakeClock struct{ t time.Time }

func (f *fakeClock) now() time.Time { return f.t }
func (f *fakeClock) sleep(_ context.Context, d time.Duration) error {
	f.t = f.t.Add(d)
	return nil
}

func TestWindowSpacing(t *testing.T) {
	tests := []struct {
		rate    float64
		gap     time.Duration
		n       int
		per     time.Duration
		minRate float64
	}{
		{rate: 3, gap: 7 * time.Millisecond, n: 3, per: 1021 * time.Millisecond, minRate: 2.9},
		{rate: 10, gap: 0, n: 10, per: time.Second, minRate: 9.99},
		{rate: 0.5, gap: 0, n: 1, per: 2 * time.Second, minRate: 0.49},
	}
	for _, tt := range tests {
		w := newWindow(tt.rate, tt.gap)
		if w.n != tt.n || w.per != tt.per {
			t.Errorf("newWindow(%v, %v) = %d per %v, want %d per %v", tt.rate, tt.gap, w.n, w.per, tt.n, tt.per)
		}
		clock := &fakeClock{t: time.Unix(0, 0)}
		w.now, w.sleep = clock.now, clock.sleep
		var sent []time.Time
		for range 60 {
			if err := w.wait(context.Background()); err != nil {
				t.Fatal(err)
			}
			sent = append(sent, clock.t)
			clock.t = clock.t.Add(time.Millisecond) // a little work between requests
		}
		for i := tt.n; i < len(sent); i++ {
			if span := sent[i].Sub(sent[i-tt.n]); span < w.per {
				t.Fatalf("rate %v: requests %d and %d only %v apart, window is %d per %v", tt.rate, i-tt.n, i, span, tt.n, w.per)
			}
		}
		// Over whole windows: k·n requests after the first take k·per.
		k := (len(sent) - 1) / tt.n
		achieved := float64(k*tt.n) / sent[k*tt.n].Sub(sent[0]).Seconds()
		if achieved < tt.minRate || achieved > tt.rate {
			t.Errorf("rate %v: sustained %.3f requests/s, want between %v and %v", tt.rate, achieved, tt.minRate, tt.rate)
		}
	}
}

func TestWindowCanceled(t *testing.T) {
	w := newWindow(1, 0)
	ctx, cancel := context.WithCancel(context.Background())
	if err := w.wait(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := w.wait(ctx); err != context.Canceled {
		t.Fatalf("wait after cancel = %v, want context.Canceled", err)
	}
}
