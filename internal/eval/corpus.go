package eval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"

	"golang.org/x/sync/errgroup"

	"github.com/chemores/chemores/extract"
)

// Inputs are the ways an article is read, in report order: its PDF, the
// plain text pdftotext makes of the PDF (reading order, and with
// -layout), and its JATS.
var Inputs = []string{"pdf", "pdftotext", "pdftotext-layout", "jats"}

// Article is one folder of the corpus.
type Article struct {
	Name string
	Dir  string
	Gold *Gold // nil when the folder has no gold.json
}

// Articles lists the corpus folders that hold an article.pdf, in name
// order.
func Articles(corpus string) ([]Article, error) {
	pdfs, err := filepath.Glob(filepath.Join(corpus, "*", "article.pdf"))
	if err != nil {
		return nil, err
	}
	if len(pdfs) == 0 {
		return nil, fmt.Errorf("%s: no */article.pdf: not a corpus folder", corpus)
	}
	sort.Strings(pdfs)
	var out []Article
	for _, p := range pdfs {
		dir := filepath.Dir(p)
		a := Article{Name: filepath.Base(dir), Dir: dir}
		gp := filepath.Join(dir, "gold.json")
		if _, err := os.Stat(gp); err == nil {
			if a.Gold, err = LoadGold(gp); err != nil {
				return nil, err
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// Result is one article read one way.
type Result struct {
	Article string
	Input   string
	Doc     *extract.Document
	Err     error // extraction failed (nil Doc)
	Skipped bool  // the article has no such input (no article.xml)
	Score   Score
	Scored  bool // the article has a gold
}

// Run reads every article every way in inputs and scores what it can.
// Results come back in article order, then input order.
func Run(ctx context.Context, arts []Article, inputs []string) ([]Result, error) {
	out := make([]Result, len(arts)*len(inputs))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, a := range arts {
		for j, in := range inputs {
			g.Go(func() error {
				r, err := readArticle(ctx, a, in)
				if err != nil {
					return err
				}
				out[i*len(inputs)+j] = r
				return nil
			})
		}
	}
	return out, g.Wait()
}

// readArticle extracts one article one way. Only a failure of the
// harness (pdftotext missing, a read error) is an error; a Document the
// extractor refuses is a result.
func readArticle(ctx context.Context, a Article, input string) (Result, error) {
	r := Result{Article: a.Name, Input: input}
	var (
		name string
		data []byte
		err  error
	)
	switch input {
	case "pdf":
		name = filepath.Join(a.Dir, "article.pdf")
		data, err = os.ReadFile(name)
	case "pdftotext", "pdftotext-layout":
		name = filepath.Join(a.Dir, "article.txt")
		data, err = pdftotext(ctx, filepath.Join(a.Dir, "article.pdf"), input == "pdftotext-layout")
	case "jats":
		name = filepath.Join(a.Dir, "article.xml")
		data, err = os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			r.Skipped = true
			return r, nil
		}
	default:
		return r, fmt.Errorf("unknown input %q", input)
	}
	if err != nil {
		return r, err
	}
	r.Doc, r.Err = extract.Parse(ctx, name, data)
	if a.Gold != nil {
		r.Score = Compare(r.Doc, a.Gold)
		r.Scored = true
	}
	return r, nil
}

// ErrNoPdftotext says that the plain-text half of the test cannot run.
var ErrNoPdftotext = errors.New("pdftotext not found: install poppler-utils (apt-get install poppler-utils)")

func pdftotext(ctx context.Context, pdf string, layout bool) ([]byte, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, ErrNoPdftotext
	}
	args := []string{"-q", "-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	args = append(args, pdf, "-")
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext %s: %w: %s", pdf, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return out, nil
}

// Totals adds results up per input.
func Totals(results []Result) map[string]*Sum {
	out := map[string]*Sum{}
	for _, r := range results {
		if r.Skipped {
			continue
		}
		t := out[r.Input]
		if t == nil {
			t = &Sum{}
			out[r.Input] = t
		}
		if r.Scored {
			t.Add(r.Score, r.Doc != nil)
		} else {
			t.AddUnscored(r.Doc != nil)
		}
	}
	return out
}

// Parity scores, for every article read both ways, the Document of input
// a against the Document of input b taken as gold: how far the two
// agree on references, their fields and the citation links, with no
// gold at all.
func Parity(results []Result, a, b string) (*Sum, []Result) {
	docs := map[string]map[string]*extract.Document{}
	var order []string
	for _, r := range results {
		if r.Doc == nil {
			continue
		}
		if docs[r.Article] == nil {
			docs[r.Article] = map[string]*extract.Document{}
			order = append(order, r.Article)
		}
		docs[r.Article][r.Input] = r.Doc
	}
	t := &Sum{}
	var per []Result
	for _, name := range order {
		x, y := docs[name][a], docs[name][b]
		if x == nil || y == nil {
			continue
		}
		s := Compare(x, GoldOf(y))
		t.Add(s, true)
		per = append(per, Result{Article: name, Input: a + "~" + b, Doc: x, Score: s, Scored: true})
	}
	return t, per
}
