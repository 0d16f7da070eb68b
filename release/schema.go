package release

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed schemas/*.schema.json
var schemaFS embed.FS

// schemaDir is where a release carries its JSON Schemas.
const schemaDir = "schemas/"

// fileKindTable says which schema describes which files. Patterns are
// relative to the release root; {x} stands for one path segment.
var fileKindTable = []FileKind{
	{APIDir + "index.json", schemaDir + "index.schema.json"},
	{APIDir + "documents/{id}.json", schemaDir + "document.schema.json"},
	{APIDir + "references.json", schemaDir + "references.schema.json"},
	{APIDir + "references/{id}.json", schemaDir + "reference.schema.json"},
	{APIDir + "entities.json", schemaDir + "entities.schema.json"},
	{APIDir + "entities/{type}/{file}.json", schemaDir + "entity.schema.json"},
	{APIDir + "mechanisms.json", schemaDir + "mechanisms.schema.json"},
	{APIDir + "mechanisms/{slug}.json", schemaDir + "mechanism.schema.json"},
	{APIDir + "search.json", schemaDir + "search.schema.json"},
	{APIDir + "claims.json", schemaDir + "claims.schema.json"},
	{APIDir + "claims/entities/{type}/{file}.json", schemaDir + "claimset.schema.json"},
	{APIDir + "claims/drugs/{file}.json", schemaDir + "claimset.schema.json"},
	{APIDir + "claims/mechanisms/{slug}.json", schemaDir + "claimset.schema.json"},
	{ManifestFile, schemaDir + "manifest.schema.json"},
	{ChangesFile, schemaDir + "changes.schema.json"},
	{PackageFile, schemaDir + "datapackage.schema.json"},
	{"../" + LatestFile, schemaDir + "latest.schema.json"},
}

// FileKinds says which JSON Schema describes which files of a release.
func FileKinds() []FileKind { return append([]FileKind(nil), fileKindTable...) }

// SchemaFiles are the JSON Schemas as release files.
func SchemaFiles() []File {
	ents, err := fs.ReadDir(schemaFS, "schemas")
	if err != nil {
		panic(err)
	}
	var out []File
	for _, e := range ents {
		b, err := schemaFS.ReadFile("schemas/" + e.Name())
		if err != nil {
			panic(err)
		}
		out = append(out, File{schemaDir + e.Name(), b})
	}
	return out
}

// schemaFor returns the schema for a release file, or "" if none applies.
func schemaFor(p string) string {
	for _, k := range fileKindTable {
		if matchPattern(k.Pattern, p) {
			return k.Schema
		}
	}
	return ""
}

func matchPattern(pattern, p string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(p, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		pre, rest, ok := strings.Cut(ps[i], "{")
		if !ok {
			if ps[i] != xs[i] {
				return false
			}
			continue
		}
		_, suf, _ := strings.Cut(rest, "}")
		x := xs[i]
		if len(x) <= len(pre)+len(suf) || !strings.HasPrefix(x, pre) || !strings.HasSuffix(x, suf) {
			return false
		}
	}
	return true
}

// schemaBase is the URL the schemas are compiled under; only their
// relative references ("common.schema.json#/$defs/doi") matter.
const schemaBase = "https://chemores.invalid/"

// Validator checks release files against the release's JSON Schemas.
type Validator struct {
	schemas map[string]*jsonschema.Schema // by release path of the schema
}

// NewValidator compiles the embedded schemas (draft 2020-12).
func NewValidator() (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	for _, f := range SchemaFiles() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(f.Data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		if err := c.AddResource(schemaBase+f.Path, doc); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	v := &Validator{schemas: map[string]*jsonschema.Schema{}}
	for _, k := range fileKindTable {
		s, err := c.Compile(schemaBase + k.Schema)
		if err != nil {
			return nil, fmt.Errorf("compile %s: %w", k.Schema, err)
		}
		v.schemas[k.Schema] = s
	}
	return v, nil
}

// Validate checks one file, named by its path relative to the release
// root ("../latest.json" for dist/latest.json). Files no schema covers
// pass.
func (v *Validator) Validate(p string, data []byte) error {
	name := schemaFor(p)
	if name == "" || path.Ext(p) != ".json" {
		return nil
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: not JSON: %w", p, err)
	}
	if err := v.schemas[name].Validate(inst); err != nil {
		return fmt.Errorf("%s does not match %s: %w", p, name, err)
	}
	return nil
}

// Covered reports whether a schema describes the file at p.
func (v *Validator) Covered(p string) bool { return schemaFor(p) != "" }
