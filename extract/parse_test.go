package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
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
