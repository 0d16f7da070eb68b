package extract

import (
	"context"
	"fmt"
)

// parsePDF will lay out a PDF's text runs into blocks for Build.
func parsePDF(ctx context.Context, data []byte, src Source) (*Document, error) {
	return nil, fmt.Errorf("%w: PDF input is not supported yet", ErrInput)
}
