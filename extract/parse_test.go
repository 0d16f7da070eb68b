package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseBadInput(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"empty", "", "empty file"},
		{"binary", "\x7fELF\x02\x01\x01\x00\x00\x00", "binary data"},
		{"not utf-8", "Title\n\nCaf\xe9 au lait\n", "invalid byte 0xe9 at line 3"},
		{"controls", strings.Repeat("\x01\x02\x03", 50), "binary data"},
		{"no references", "Title\n\n1. Introduction\n\nSome text (1).\n", "no reference list"},
		{"references heading only", "Title\n\nReferences\n\nNothing numbered here.\n", "no reference list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(context.Background(), "in.txt", []byte(tt.data))
			if doc != nil || !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse = %v, %v; want ErrInput mentioning %q", doc, err, tt.want)
			}
		})
	}
}

// A file named .pdf that is not one gets the PDF reader's answer.
func TestParseMisnamedPDF(t *testing.T) {
	_, err := Parse(context.Background(), "paper.pdf", []byte("<!DOCTYPE html><html><body>Sign in</body></html>"))
	if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), "not a PDF") {
		t.Fatalf("err = %v, want ErrInput saying it is not a PDF", err)
	}
}

func TestParseCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Parse(ctx, "x.txt", []byte("T\n\n1. Intro\n\nA.\n\nReferences\n\n1. Doe J: T. *J* 1: 2-3, 2020.\n"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestDocumentID(t *testing.T) {
	if got := DocumentID("seeds/10.3892_or.2024.8816.txt"); got != "10.3892_or.2024.8816" {
		t.Errorf("DocumentID = %q", got)
	}
}

// A long text whose extraction is cancelled (Ctrl-C) ends with the
// cancellation, soon, not with a Document.
func TestParseCanceledMidway(t *testing.T) {
	var b strings.Builder
	b.WriteString("A long review of drug resistance\n\n1. Introduction\n\n")
	for i := 0; b.Len() < 12<<20; i++ {
		fmt.Fprintf(&b, "Cells resist cisplatin through efflux pumps and repair (%d).\n\n", i%50+1)
	}
	b.WriteString("References\n\n")
	for i := 1; i <= 50; i++ {
		fmt.Fprintf(&b, "%d. Doe J: Title %d. J Test 1: 2-3, 2020.\n", i, i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	doc, err := Parse(ctx, "long.txt", []byte(b.String()))
	if !errors.Is(err, context.Canceled) || doc != nil {
		t.Fatalf("Parse = %v, %v; want context.Canceled and no Document", doc != nil, err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("returned %s after the start, cancelled at 100 ms", d)
	}
}

// A list of 10,000 entries keeps its last one (numbers of five digits).
func TestParseTenThousandReferences(t *testing.T) {
	var b strings.Builder
	b.WriteString("A very long review\n\n1. Introduction\n\nMany works (1-3) and the last (10000).\n\nReferences\n\n")
	for i := 1; i <= 10000; i++ {
		fmt.Fprintf(&b, "%d. Doe J, Roe K: Title number %d. J Test 1: 2-3, 2020.\n", i, i)
	}
	doc, err := Parse(context.Background(), "long.txt", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	refs := doc.References
	if len(refs) != 10000 || refs[9999].N != 10000 || refs[9999].Title != "Title number 10000" || refs[9998].Title != "Title number 9999" {
		t.Fatalf("%d references, last %+v", len(refs), refs[len(refs)-1])
	}
	if n := len(doc.Citations); n != 2 || doc.Citations[1].Refs[0] != 10000 {
		t.Errorf("citations: %+v", doc.Citations)
	}
}
