package lazyre

import (
	"sync"
	"testing"
)

func TestNew(t *testing.T) {
	re := New(`^(\d+)-(\d+)$`)
	var wg sync.WaitGroup
	got := make([]string, 8)
	for i := range got {
		wg.Go(func() { got[i] = re().FindStringSubmatch("12-34")[2] })
	}
	wg.Wait()
	for _, g := range got {
		if g != "34" {
			t.Fatalf("match %q, want 34", g)
		}
	}
	if re() != re() {
		t.Error("compiled twice: two different *Regexp")
	}
}

func TestNewPanicsOnUse(t *testing.T) {
	re := New(`(`) // no panic here: nothing is compiled yet
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic on first use")
		}
	}()
	re()
}
