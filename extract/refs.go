package extract

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"
)

func (b *builder) references(ctx context.Context, blocks []Block) {
	entries := b.splitEntries(blocks)
	refs := make([]Reference, len(entries))
	errs := make([]error, len(entries))
	// References parse independently, and parsing them is a quarter of
	// reading a PDF: spread them over the cores, each result in its slot,
	// so the output does not depend on the order they finish in.
	workers := min(runtime.GOMAXPROCS(0), (len(entries)+31)/32)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k, i := 0, w; i < len(entries); k, i = k+1, i+workers {
				if k%32 == 0 && ctx.Err() != nil {
					return // the caller reports the cancellation
				}
				refs[i], errs[i] = ParseReference(entries[i].text)
			}
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		return
	}
	for i, e := range entries {
		r := refs[i]
		r.N = e.n
		if e.src >= 0 {
			r.Src = [2]int{e.src, e.src + utf8.RuneCountInString(e.text)}
		}
		if errs[i] != nil {
			b.diag(Warning, "reference-unparsed", "reference "+strconv.Itoa(e.n), errs[i].Error())
		}
		b.doc.References = append(b.doc.References, r)
	}
}

// checkReferences reports references that no citation points to.
func (b *builder) checkReferences() {
	cited := map[int]bool{}
	for _, c := range b.doc.Citations {
		for _, n := range c.Refs {
			cited[n] = true
		}
	}
	for _, r := range b.doc.References {
		if !cited[r.N] {
			b.diag(Info, "reference-uncited", "reference "+strconv.Itoa(r.N), "no citation in the body points to this reference")
		}
	}
}
