package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestMain runs the real main when the test binary is started as a
// child (CHEMORES_RUN_MAIN=1), so that signals can be sent to it.
func TestMain(m *testing.M) {
	if os.Getenv("CHEMORES_RUN_MAIN") == "1" {
		os.Args = append([]string{"chemores"}, strings.Fields(os.Getenv("CHEMORES_ARGS"))...)
		main()
		os.Exit(exitOK)
	}
	os.Exit(m.Run())
}

func mkfifo(t *testing.T, path string) string {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip(err)
	}
	return path
}

// An -o that names a device, FIFO, directory or dangling link is a usage
// error: one line, exit code 2, and the thing at the path untouched.
func TestOutputRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := mkfifo(t, filepath.Join(dir, "fifo"))
	devlink := filepath.Join(dir, "null")
	os.Symlink(os.DevNull, devlink)
	dangling := filepath.Join(dir, "dangling")
	os.Symlink("nowhere", dangling)
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	for _, out := range []string{fifo, devlink, dangling, sub} {
		before, _ := os.Lstat(out)
		for _, args := range [][]string{
			{"extract", seed, "-o", out},
			{"normalize", "x.json", "-o", out},
			{"enrich", "x.json", "-o", out},
			{"lexicon", "-db", "x.sqlite", "-o", out},
			{"normalize", "-train", out, "x.json"},
		} {
			e, stdout, errb := testEnv()
			code := run(context.Background(), args, e)
			msg := errb.String()
			if code != exitUsage || strings.Count(strings.TrimSpace(msg), "\n") != 0 || !strings.Contains(msg, "only regular files") {
				t.Errorf("%q: exit %d, stderr %q; want %d and one line", args, code, msg, exitUsage)
			}
			if stdout.Len() != 0 {
				t.Errorf("%q: wrote to stdout", args)
			}
		}
		after, err := os.Lstat(out)
		if err != nil || after.Mode() != before.Mode() {
			t.Errorf("%s: was %v, now %v (%v)", out, before.Mode(), after.Mode(), err)
		}
	}
	if ents, _ := os.ReadDir(sub); len(ents) != 0 {
		t.Errorf("something was written into the directory: %v", ents)
	}
}

// -o - writes to standard output; -o through a link replaces the file
// the link leads to and keeps the link.
func TestOutputStdoutAndLink(t *testing.T) {
	e, stdout, errb := testEnv()
	if code := run(context.Background(), []string{"extract", "-q", seed, "-o", "-"}, e); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if !strings.Contains(stdout.String(), `"references"`) {
		t.Errorf("no document on stdout: %.100q", stdout)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`a file named "-" was written`)
	}

	dir := t.TempDir()
	real, link := filepath.Join(dir, "real.json"), filepath.Join(dir, "link.json")
	os.WriteFile(real, []byte("old"), 0o644)
	os.Symlink("real.json", link)
	e, _, errb = testEnv()
	if code := run(context.Background(), []string{"extract", "-q", seed, "-o", link}, e); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}
	if data, _ := os.ReadFile(real); !strings.Contains(string(data), `"references"`) {
		t.Errorf("the link's target holds %.40q", data)
	}
}

// Inputs that are not regular files or pipes are refused before they are
// opened; a pipe is read up to the limit plus one byte and refused.
func TestInputNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := mkfifo(t, filepath.Join(dir, "endless"))
	var sent atomic.Int64
	go func() { // what /dev/zero behind a pipe sends, up to 256 MB
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		chunk := make([]byte, 1<<20)
		for sent.Load() < 256<<20 {
			n, err := w.Write(chunk)
			sent.Add(int64(n))
			if err != nil {
				return // the reader is gone
			}
		}
	}()
	doc := filepath.Join(testdata, "extract", "10.3892_or.2024.8816.json")
	silent := mkfifo(t, filepath.Join(dir, "silent")) // never a writer
	out := filepath.Join(dir, "out.json")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"extract", os.DevNull, "-o", out}, "is a character device: not a regular file or a pipe"},
		{[]string{"extract", dir, "-o", out}, "is a directory"},
		{[]string{"extract", fifo, "-o", out}, "more than 64 MB: over the 64 MB limit"},
		{[]string{"normalize", os.DevNull, "-o", out}, "is a character device"},
		{[]string{"enrich", os.DevNull, "-o", out}, "is a character device"},
		{[]string{"publish", "--dist", dir, "--mechanisms", os.DevNull, doc}, "is a character device"},
		// Files read as streams are opened without waiting on a writer.
		{[]string{"enrich", doc, "--cache", silent, "-o", out}, "is a FIFO"},
		{[]string{"normalize", doc, "-lexicons", "../../seeds/lexicons", "-model", silent, "-o", out}, "is a FIFO"},
	}
	for _, tt := range tests {
		e, _, errb := testEnv()
		code := run(context.Background(), tt.args, e)
		if code != exitBadInput || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("%q: exit %d, %q; want %d and %q", tt.args, code, errb, exitBadInput, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%q: output written", tt.args)
		}
	}
	// What the pipe took: the limit and one byte, plus what the writer
	// had in flight (a chunk and the pipe's buffer).
	if n := sent.Load(); n > 64<<20+3<<20 {
		t.Errorf("%d MB read from an endless pipe, want the 64 MB limit and a little", n>>20)
	}
}

// SIGTERM and SIGINT end a run that waits on a pipe at once, with the
// shell's exit code for the signal, and nothing is written.
func TestSignalEndsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		dir := t.TempDir()
		fifo := mkfifo(t, filepath.Join(dir, "in.txt"))
		out := filepath.Join(dir, "out.json")
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "CHEMORES_RUN_MAIN=1", "CHEMORES_ARGS=extract "+fifo+" -o "+out)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Opening the FIFO for writing without waiting succeeds only once
		// the child has it open for reading: then its handlers are set, and
		// it waits for data that never comes.
		var w *os.File
		for deadline := time.Now().Add(20 * time.Second); w == nil; {
			f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
			if err == nil {
				w = f
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("the child never opened the FIFO: %v", err)
			}
			time.Sleep(10 * time.Millisecond)
		}
		sent := time.Now()
		cmd.Process.Signal(tt.sig)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: still running 10 s after the signal", tt.sig)
		}
		took := time.Since(sent)
		w.Close()
		if code := cmd.ProcessState.ExitCode(); code != tt.code || !strings.Contains(stderr.String(), "interrupted by") {
			t.Errorf("%v: exit %d, stderr %q; want %d", tt.sig, code, stderr.String(), tt.code)
		}
		if took > 2*time.Second {
			t.Errorf("%v: the run took %s to end", tt.sig, took)
		}
		t.Logf("%v: ended %s after the signal", tt.sig, took.Round(time.Millisecond))
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("%v: files written: %v", tt.sig, ents)
		}
	}
}
