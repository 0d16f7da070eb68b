package publish

import (
	"fmt"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/internal/diag"
	"github.com/chemores/chemores/normalize"
)

// Input is what the earlier stages produced for one document. Ann and
// Links are nil when that stage's output is missing: the document is
// published with what there is, and a diagnostic says what is missing.
type Input struct {
	Doc   *extract.Document
	Ann   *normalize.Annotations
	Links *enrich.Links
	// License is the document's licence from its sidecar; nil: the one
	// the source states (JATS), else unknown.
	License *DocLicense
}

// Stages, as recorded with each diagnostic.
const (
	StageExtract   = "extract"
	StageNormalize = "normalize"
	StageEnrich    = "enrich"
	StagePublish   = "publish"
)

// Diagnostic is a data problem kept with the release: the stage's own
// diagnostics and those publish finds while checking the stages' outputs
// against each other.
type Diagnostic struct {
	Document string `json:"document,omitempty"`
	Stage    string `json:"stage"`
	Level    string `json:"level"`
	Code     string `json:"code"`
	Where    string `json:"where"`
	Message  string `json:"message"`
}

// DOI statuses as published: enrich's statuses, plus "printed" for a DOI
// that the reference list printed and no lookup confirmed.
const statusPrinted = "printed"

var knownStatus = map[string]bool{
	enrich.Matched: true, enrich.Ambiguous: true, enrich.NotFound: true,
	enrich.Error: true, enrich.Unresolved: true, statusPrinted: true,
}

func (d *docData) warn(code, where, format string, a ...any) {
	d.diags = append(d.diags, Diagnostic{Document: d.id, Stage: StagePublish, Level: diag.Warning,
		Code: code, Where: where, Message: fmt.Sprintf(format, a...)})
}

func (d *docData) info(code, where, format string, a ...any) {
	d.diags = append(d.diags, Diagnostic{Document: d.id, Stage: StagePublish, Level: diag.Info,
		Code: code, Where: where, Message: fmt.Sprintf(format, a...)})
}

func stageDiags(doc, stage string, in []diag.Diagnostic) []Diagnostic {
	out := make([]Diagnostic, 0, len(in))
	for _, d := range in {
		out = append(out, Diagnostic{Document: doc, Stage: stage, Level: d.Level, Code: d.Code, Where: d.Where, Message: d.Message})
	}
	return out
}

// checkPair refuses stage outputs that belong to another document: that
// is a wiring mistake, not a data problem.
func checkPair(in Input) error {
	if in.Doc == nil {
		return fmt.Errorf("%w: input without a document", diag.ErrInput)
	}
	if !validDocID(in.Doc.ID) {
		return fmt.Errorf("%w: document id %q cannot be a file name (want letters, digits, '.', '_', '-')", diag.ErrInput, in.Doc.ID)
	}
	if in.Ann != nil && in.Ann.Document != in.Doc.ID {
		return fmt.Errorf("%w: annotations are for document %q, not %q", diag.ErrInput, in.Ann.Document, in.Doc.ID)
	}
	if in.Links != nil && in.Links.Document != in.Doc.ID {
		return fmt.Errorf("%w: links are for document %q, not %q", diag.ErrInput, in.Links.Document, in.Doc.ID)
	}
	return nil
}
