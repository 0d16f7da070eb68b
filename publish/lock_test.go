package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Two publishes into one directory take turns: the second waits for the
// first (and says so) instead of removing its staging directory, and
// both succeed.
func TestPublishConcurrent(t *testing.T) {
	dir := t.TempDir()
	first, second := fixture(t), fixture(t)
	second.Doc.Front.Title += " (corrected)"
	opts := PublishOptions{Time: fixtureTime, Mechanisms: vocab(t)}
	paused, resume := make(chan struct{}), make(chan struct{})
	a := &Dist{Dir: dir, afterFile: func(n int, _ string) error {
		if n == 1 {
			close(paused)
			<-resume
		}
		return nil
	}}
	type result struct {
		res *PublishResult
		err error
	}
	doneA, doneB := make(chan result, 1), make(chan result, 1)
	go func() {
		res, err := a.Publish(context.Background(), []Input{first}, opts)
		doneA <- result{res, err}
	}()
	<-paused // the first is writing its staging directory
	waiting := make(chan string, 1)
	b := &Dist{Dir: dir, Busy: func(holder string) { waiting <- holder }}
	go func() {
		res, err := b.Publish(context.Background(), []Input{second}, opts)
		doneB <- result{res, err}
	}()
	var rb result
	select {
	case holder := <-waiting:
		if !strings.HasPrefix(holder, "pid ") {
			t.Errorf("holder %q, want its pid", holder)
		}
		close(resume)
		rb = <-doneB
	case rb = <-doneB:
		t.Errorf("the second publish ran beside the first")
		close(resume)
	case <-time.After(20 * time.Second):
		t.Fatal("the second publish neither waited nor finished")
	}
	ra := <-doneA
	if ra.err != nil || rb.err != nil {
		t.Fatalf("first: %v; second: %v", ra.err, rb.err)
	}
	if ra.res.ID != "2024-10-01" || rb.res.ID != "2024-10-01b" {
		t.Errorf("released %s and %s, want 2024-10-01 and 2024-10-01b", ra.res.ID, rb.res.ID)
	}
	if _, err := Verify(dir, VerifyOptions{}); err != nil {
		t.Error(err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// Waiting for the lock ends when the context does.
func TestLockWaitCancels(t *testing.T) {
	dir := t.TempDir()
	unlock, err := lockDir(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := lockDir(ctx, dir, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the wait ended", err)
	}
}

// A publish stopped between installing its release and updating
// latest.json: verify names the command that repairs it, the repair
// points latest.json at the new release, and so does the next publish.
func TestPublishStoppedBeforeLatest(t *testing.T) {
	dir := t.TempDir()
	publishTo(t, dir, []Input{fixture(t)}, PublishOptions{})
	changed := fixture(t)
	changed.Doc.Front.Title += " (corrected)"
	stop := func() {
		t.Helper()
		killed := errors.New("killed")
		d := &Dist{Dir: dir, afterCommit: func() error { return killed }}
		if _, err := d.Publish(context.Background(), []Input{changed}, PublishOptions{Time: fixtureTime, Mechanisms: vocab(t)}); !errors.Is(err, killed) {
			t.Fatalf("err = %v", err)
		}
	}
	stop()
	_, err := Verify(dir, VerifyOptions{})
	want := "run `chemores verify --repair " + dir + "` to point it at 2024-10-01b"
	if !errors.Is(err, ErrVerify) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "latest.json points at 2024-10-01 ") {
		t.Fatalf("verify: %v; want %q", err, want)
	}
	id, err := RepairLatest(context.Background(), dir)
	if err != nil || id != "2024-10-01b" {
		t.Fatalf("repair: %s, %v", id, err)
	}
	if _, err := Verify(dir, VerifyOptions{Schemas: true}); err != nil {
		t.Errorf("after the repair: %v", err)
	}

	// The next publish of the same content repairs it as well.
	os.RemoveAll(filepath.Join(dir, "2024-10-01b"))
	stop()
	if res := publishTo(t, dir, []Input{changed}, PublishOptions{}); !res.Unchanged || res.ID != "2024-10-01b" {
		t.Errorf("republish: %+v", res)
	}
	if _, err := Verify(dir, VerifyOptions{}); err != nil {
		t.Errorf("after the next publish: %v", err)
	}

	// A damaged newest release is not made the latest.
	os.Remove(filepath.Join(dir, "2024-10-01b", DBFile))
	if _, err := RepairLatest(context.Background(), dir); !errors.Is(err, ErrVerify) || !strings.Contains(err.Error(), DBFile) {
		t.Errorf("repair over a damaged release: %v", err)
	}
}
