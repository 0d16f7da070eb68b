package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"github.com/chemores/chemores/internal/eval"
)

// timing runs `chemores extract` and `pdftotext` on each article's PDF
// as whole processes, best of three each, and prints the median ratio:
// the speed target is extract within 2× pdftotext.
func timing(ctx context.Context, w io.Writer, bin string, arts []eval.Article) error {
	tmp, err := os.MkdirTemp("", "chemores-eval-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "out")
	var ratios []float64
	fmt.Fprintf(w, "\n%-38s %10s %10s %6s\n", "article", "extract", "pdftotext", "ratio")
	for _, a := range arts {
		pdf := filepath.Join(a.Dir, "article.pdf")
		x, err := best(ctx, bin, "extract", "-q", pdf, "-o", out+".json")
		if err != nil {
			// A document the extractor refuses still costs its time.
			fmt.Fprintf(w, "%-38s extract failed: %v\n", a.Name, err)
		}
		p, err := best(ctx, "pdftotext", "-q", pdf, out+".txt")
		if err != nil {
			return err
		}
		r := x.Seconds() / p.Seconds()
		ratios = append(ratios, r)
		fmt.Fprintf(w, "%-38s %8.0fms %8.0fms %6.2f\n", a.Name, ms(x), ms(p), r)
	}
	sort.Float64s(ratios)
	fmt.Fprintf(w, "speed: extract / pdftotext, whole process, median over %d PDFs: %.2f×\n", len(ratios), median(ratios))
	return nil
}

func best(ctx context.Context, name string, args ...string) (time.Duration, error) {
	var b time.Duration
	var last error
	for range 3 {
		start := time.Now()
		cmd := exec.CommandContext(ctx, name, args...)
		err := cmd.Run()
		d := time.Since(start)
		if err != nil {
			last = err
		}
		if b == 0 || d < b {
			b = d
		}
	}
	return b, last
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(s []float64) float64 {
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
