package extract

import (
	"context"
	"strconv"
	"unicode/utf8"
)

func (b *builder) references(ctx context.Context, blocks []Block) {
	for i, e := range b.splitEntries(blocks) {
		if i%64 == 0 && ctx.Err() != nil {
			return // the caller reports the cancellation
		}
		r, err := ParseReference(e.text)
		r.N = e.n
		if e.src >= 0 {
			r.Src = [2]int{e.src, e.src + utf8.RuneCountInString(e.text)}
		}
		if err != nil {
			b.diag(Warning, "reference-unparsed", "reference "+strconv.Itoa(e.n), err.Error())
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
