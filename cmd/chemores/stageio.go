package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/chemores/chemores/enrich"
	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/internal/atomic"
	"github.com/chemores/chemores/internal/diag"
	"github.com/chemores/chemores/internal/jsonout"
	"github.com/chemores/chemores/normalize"
	"github.com/chemores/chemores/publish"
)

// Stage I/O shared by the subcommands: stage outputs are read and
// written here, and nowhere else.

// writeStage writes a stage output as JSON, indented with one space and
// a final newline: to the file at path (atomically), or to standard
// output when path is empty. The encoding is streamed (see jsonout), so
// a large document is not held in memory twice.
func writeStage(e *env, path string, v any) error {
	return writeStageWith(atomic.Write, e, path, v)
}

// writeStageWith is writeStage with the function that writes a file.
func writeStageWith(write func(string, os.FileMode, func(io.Writer) error) error, e *env, path string, v any) error {
	var err error
	if path == "" {
		err = jsonout.Write(e.stdout, v)
	} else {
		err = write(path, 0o644, func(w io.Writer) error { return jsonout.Write(w, v) })
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// maxLicenseBytes caps a licence sidecar, a few hundred bytes.
const maxLicenseBytes = 1 << 20

// licensePath is where a document's licence sidecar is: beside its
// source, named like it with .license.json for the extension.
func licensePath(source string) string {
	return strings.TrimSuffix(source, filepath.Ext(source)) + ".license.json"
}

// readLicenses gives each document the licence of its sidecar, when the
// source it was extracted from has one.
func readLicenses(ctx context.Context, inputs []publish.Input) error {
	for i := range inputs {
		in := &inputs[i]
		if in.License != nil || in.Doc.Source.Path == "" {
			continue
		}
		p := licensePath(filepath.FromSlash(in.Doc.Source.Path))
		data, err := readInput(ctx, p, maxLicenseBytes)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		l, err := publish.ParseLicense(data)
		if err != nil {
			return fmt.Errorf("%w: %s: %v", diag.ErrInput, p, err)
		}
		in.License = &l
	}
	return nil
}

// readStages reads one extract output and the normalize and enrich
// outputs of the same name, when they exist.
func readStages(ctx context.Context, build, extractPath string) (publish.Input, error) {
	var in publish.Input
	doc, err := readDocument(ctx, extractPath)
	if err != nil {
		return in, err
	}
	in.Doc = doc
	name := filepath.Base(extractPath)
	ann := new(normalize.Annotations)
	switch err := readStageJSON(ctx, filepath.Join(build, "normalize", name), ann); {
	case err == nil:
		in.Ann = ann
	case !errors.Is(err, fs.ErrNotExist):
		return in, err
	}
	links := new(enrich.Links)
	switch err := readStageJSON(ctx, filepath.Join(build, "enrich", name), links); {
	case err == nil:
		in.Links = links
	case !errors.Is(err, fs.ErrNotExist):
		return in, err
	}
	return in, nil
}

// readDocument reads an extract output (a Document as JSON).
func readDocument(ctx context.Context, path string) (*extract.Document, error) {
	var doc extract.Document
	if err := readStageJSON(ctx, path, &doc); err != nil {
		return nil, err
	}
	if doc.Schema == "" || doc.ID == "" {
		return nil, fmt.Errorf("%s: %w: not an extracted Document (no schema or id: is this \"chemores extract\" output?)", path, diag.ErrInput)
	}
	return &doc, nil
}

// maxStageBytes caps a stage output read into memory.
const maxStageBytes = 512 << 20

// readStageJSON reads a stage output; a missing file's error wraps
// fs.ErrNotExist, so that callers can tell "not built" apart.
func readStageJSON(ctx context.Context, path string, v any) error {
	b, err := readInput(ctx, path, maxStageBytes)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		if t := bytes.TrimLeft(b, " \t\r\n\ufeff"); len(t) > 0 && t[0] != '{' {
			return fmt.Errorf("%w: %s is not JSON: this reads a stage's JSON output; for a source (text, PDF, JATS), run \"chemores extract\" first", diag.ErrInput, path)
		}
		return fmt.Errorf("%w: %s: %v", diag.ErrInput, path, err)
	}
	return nil
}
