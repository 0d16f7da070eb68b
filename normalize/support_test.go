package normalize

import (
	"reflect"
	"testing"

	"github.com/chemores/chemores/extract"
)

func TestCitationScope(t *testing.T) {
	sents := []Sentence{
		{ID: "p1.s1", Paragraph: "p1", Start: 0, End: 10},
		{ID: "p1.s2", Paragraph: "p1", Start: 11, End: 20},
		{ID: "p1.s3", Paragraph: "p1", Start: 21, End: 30}, // two callouts
		{ID: "p1.s4", Paragraph: "p1", Start: 31, End: 40}, // after the last callout
		{ID: "p2.s1", Paragraph: "p2", Start: 0, End: 10},  // a new paragraph: p1's callouts do not reach it
		{ID: "p2.s2", Paragraph: "p2", Start: 11, End: 20},
	}
	cites := []extract.Citation{
		{ID: "c2", Paragraph: "p1", Start: 27, End: 29},
		{ID: "c1", Paragraph: "p1", Start: 24, End: 26},
		{ID: "c3", Paragraph: "p2", Start: 15, End: 18},
	}
	want := []Support{
		{"p1.s1", "c1", ScopeInferred},
		{"p1.s2", "c1", ScopeInferred},
		{"p1.s3", "c1", ScopeDirect},
		{"p1.s3", "c2", ScopeDirect},
		{"p2.s1", "c3", ScopeInferred},
		{"p2.s2", "c3", ScopeDirect},
	}
	if got := CitationScope(sents, cites); !reflect.DeepEqual(got, want) {
		t.Errorf("CitationScope:\n got %v\nwant %v", got, want)
	}
	if got := CitationScope(sents, nil); len(got) != 0 {
		t.Errorf("no citations: got %v", got)
	}
}
