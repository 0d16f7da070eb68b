// Command peakmem measures the peak memory of `chemores extract` on large
// inputs, as whole processes (the kernel's maximum resident set size of
// the child), and prints it against the input's size.
//
//	go run ./tools/peakmem [-bin bin/chemores] [-text-mb 60] [FILE ...]
//
// Besides the FILEs (the largest corpus PDF, say), it writes a text of
// -text-mb megabytes made of the seed review's body repeated, followed
// by its reference list, and measures that too: issue 16 asks for extract
// to stay under four times its input.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "peakmem:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("peakmem", flag.ContinueOnError)
	bin := fs.String("bin", "bin/chemores", "the chemores binary")
	textMB := fs.Int("text-mb", 60, "size of the generated text in MB (0: none)")
	seed := fs.String("seed", "seeds/10.3892_or.2024.8816.txt", "the review whose body the text repeats")
	if err := fs.Parse(args); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "chemores-peakmem-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	inputs := fs.Args()
	if *textMB > 0 {
		path := filepath.Join(tmp, "long.txt")
		if err := longText(*seed, path, *textMB<<20); err != nil {
			return err
		}
		inputs = append(inputs, path)
	}
	fmt.Printf("%-60s %10s %10s %7s\n", "input", "size", "peak RSS", "ratio")
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil {
			return err
		}
		peak, err := peakRSS(ctx, *bin, "extract", "-q", in, "-o", filepath.Join(tmp, "out.json"))
		if err != nil {
			return fmt.Errorf("%s: %w", in, err)
		}
		fmt.Printf("%-60s %8.1fMB %8.1fMB %6.1f×\n", filepath.Base(in), mb(fi.Size()), mb(peak), float64(peak)/float64(fi.Size()))
	}
	return nil
}

// longText repeats the seed's text before its reference list until the
// file reaches size bytes, then writes the list once.
func longText(seed, path string, size int) error {
	data, err := os.ReadFile(seed)
	if err != nil {
		return err
	}
	i := bytes.LastIndex(data, []byte("\nReferences\n"))
	if i < 0 {
		return errors.New(seed + ": no References heading")
	}
	body, refs := data[:i], data[i:]
	var b strings.Builder
	b.Grow(size + len(refs))
	for b.Len() < size {
		b.Write(body)
		b.WriteString("\n\n")
	}
	b.Write(refs)
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// peakRSS runs the command and returns the child's peak resident set
// size in bytes (Linux reports ru_maxrss in kilobytes).
func peakRSS(ctx context.Context, name string, args ...string) (int64, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, err
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, errors.New("no resource usage on this system")
	}
	return ru.Maxrss << 10, nil
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }
