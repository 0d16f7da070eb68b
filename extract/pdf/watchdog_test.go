package pdf

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chemores/chemores/internal/diag"
)

// A PDF that takes longer than timeout to read is reported, not
// waited for: with the limit at a nanosecond, even a good file is.
func TestReadWatchdog(t *testing.T) {
	data, err := os.ReadFile("../testdata/pdf/10.3892_or.2024.8816.pdf")
	if err != nil {
		t.Fatal(err)
	}
	old := timeout
	timeout = time.Nanosecond
	defer func() { timeout = old }()
	_, err = Read(context.Background(), data)
	if !errors.Is(err, diag.ErrInput) || !strings.Contains(err.Error(), "reading the PDF took over") {
		t.Fatalf("err = %v, want the watchdog's ErrInput", err)
	}
}
