package publish

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/chemores/chemores/internal/diag"
)

// build makes a release of the inputs; without inputs, of the fixture,
// built once and shared (tests only read it).
func build(t testing.TB, inputs ...Input) *Release {
	t.Helper()
	if len(inputs) == 0 {
		fixtureRelease.Do(func() { fixtureRelease.rel = buildFresh(t, fixture(t)) })
		return fixtureRelease.rel
	}
	return buildFresh(t, inputs...)
}

var fixtureRelease struct {
	sync.Once
	rel *Release
}

func buildFresh(t testing.TB, inputs ...Input) *Release {
	t.Helper()
	rel, err := Build(context.Background(), inputs, options(t))
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

// openDB opens a release's database from a temporary file.
func openDB(t testing.TB, rel *Release) *sql.DB {
	t.Helper()
	p := filepath.Join(t.TempDir(), DBFile)
	if err := os.WriteFile(p, rel.File(DBFile), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+p+"?mode=ro&_fk=1")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryStrings(t testing.TB, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, v := range vals {
			parts = append(parts, v.String)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// The fixtures must point at real text: every span holds what it says.
func TestFixtureOffsets(t *testing.T) {
	in := fixture(t)
	text := map[string][]rune{}
	for _, p := range in.Doc.Paragraphs {
		text[p.ID] = []rune(p.Text)
	}
	span := func(p string, s, e int) string { return string(text[p][s:e]) }
	for _, s := range in.Ann.Sentences {
		if got := span(s.Paragraph, s.Start, s.End); got != s.Text {
			t.Errorf("sentence %s: span reads %q", s.ID, got)
		}
	}
	for _, m := range in.Ann.Mentions {
		if got := span(m.Paragraph, m.Start, m.End); got != m.Text {
			t.Errorf("mention %s: span reads %q, want %q", m.ID, got, m.Text)
		}
	}
	for _, c := range in.Doc.Citations {
		if got := span(c.Paragraph, c.Start, c.End); got != c.Text {
			t.Errorf("citation %s: span reads %q, want %q", c.ID, got, c.Text)
		}
	}
	if len(in.Links.References) >= len(in.Doc.References) {
		t.Errorf("the enrich fixture should leave some references without a link")
	}
}

// Same inputs, same bytes: every file, the database included. Building
// twice in one process also reshuffles Go's map iteration order.
func TestBuildDeterministic(t *testing.T) {
	a, b := buildFresh(t, fixture(t)), buildFresh(t, fixture(t))
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Errorf("%s differs between two builds", a.Files[i].Path)
		}
	}
	if !slices.IsSortedFunc(a.Files, func(x, y File) int { return strings.Compare(x.Path, y.Path) }) {
		t.Error("files are not sorted")
	}
}

// Every JSON file of the release matches its schema, and every file
// under api/ has one.
func TestReleaseMatchesSchemas(t *testing.T) {
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []*Release{build(t), buildWithout(t, true, true)} {
		for _, f := range rel.Files {
			if strings.HasPrefix(f.Path, apiDir) && !v.Covered(f.Path) {
				t.Errorf("%s: no schema describes it", f.Path)
			}
			if err := v.Validate(f.Path, f.Data); err != nil {
				t.Error(err)
			}
		}
	}
}

// The validator must reject what the schemas forbid.
func TestSchemasReject(t *testing.T) {
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	rel := build(t)
	p := apiDir + "entities/gene/NCBIGene-5243.json"
	good := string(rel.File(p))
	for name, bad := range map[string]string{
		"unknown field":  strings.Replace(good, `"forms":`, `"extra":1,"forms":`, 1),
		"missing field":  strings.Replace(good, `"type":"gene",`, ``, 1),
		"bad doi status": strings.Replace(good, `"doi_status":"matched"`, `"doi_status":"found"`, 1),
	} {
		if bad == good {
			t.Fatalf("%s: the edit did not apply", name)
		}
		if err := v.Validate(p, []byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func buildWithout(t testing.TB, ann, links bool) *Release {
	in := fixture(t)
	if ann {
		in.Ann = nil
	}
	if links {
		in.Links = nil
	}
	return build(t, in)
}

func TestMissingStages(t *testing.T) {
	tests := []struct {
		name       string
		ann, links bool
		codes      []string
	}{
		{"no normalize", true, false, []string{"normalize-missing"}},
		{"no enrich", false, true, []string{"enrich-missing"}},
		{"neither", true, true, []string{"normalize-missing", "enrich-missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rel := buildWithout(t, tt.ann, tt.links)
			db := openDB(t, rel)
			for _, c := range tt.codes {
				if n := queryStrings(t, db, "SELECT count(*) FROM diagnostics WHERE code = ?", c); n[0] != "1" {
					t.Errorf("diagnostic %s: %s rows", c, n[0])
				}
			}
			got := queryStrings(t, db, "SELECT count(*), count(normalize_schema), count(enrich_schema) FROM documents")[0]
			want := "1|" + map[bool]string{true: "0", false: "1"}[tt.ann] + "|" + map[bool]string{true: "0", false: "1"}[tt.links]
			if got != want {
				t.Errorf("documents: %s, want %s", got, want)
			}
			if n := queryStrings(t, db, "SELECT count(*) FROM paragraphs")[0]; n == "0" {
				t.Error("no paragraphs published")
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Input) []Input
	}{
		{"annotations of another document", func(in *Input) []Input { in.Ann.Document = "other"; return []Input{*in} }},
		{"links of another document", func(in *Input) []Input { in.Links.Document = "other"; return []Input{*in} }},
		{"unsafe id", func(in *Input) []Input {
			in.Doc.ID, in.Ann, in.Links = "../x", nil, nil
			return []Input{*in}
		}},
		{"twice", func(in *Input) []Input { return []Input{*in, *in} }},
		{"none", func(in *Input) []Input { return nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := fixture(t)
			_, err := Build(context.Background(), tt.edit(&in), options(t))
			if !errors.Is(err, diag.ErrInput) {
				t.Fatalf("err = %v, want ErrInput", err)
			}
		})
	}
}

// Rows that point at nothing are dropped or cut loose with a diagnostic;
// the database's foreign keys hold either way (the build checks them).
func TestDanglingInput(t *testing.T) {
	in := fixture(t)
	m := in.Ann.Mentions
	m[0].Paragraph = "p999"                  // dropped
	m[1].Entity = "NCBIGene:0"               // kept, unresolved
	m[2].Sentence = "p1.s99"                 // kept, no sentence
	in.Ann.Sentences[0].End = 1 << 20        // dropped
	in.Doc.Citations[0].Refs = []int{99999}  // reference dropped from the group
	in.Links.References[0].N = 99999         // link dropped
	in.Links.References[1].Status = "weird"  // unresolved
	in.Links.References[2].Score = 7         // clamped
	in.Doc.Paragraphs[3].Section = "nowhere" // kept without a section
	in.Ann.Abbreviations[0].Entity = "nope"  // kept without entity
	rel := build(t, in)
	db := openDB(t, rel)
	codes := queryStrings(t, db, "SELECT DISTINCT code FROM diagnostics WHERE stage = 'publish' ORDER BY code")
	for _, c := range []string{"abbreviation-entity-unknown", "citation-unknown-reference", "link-score-invalid", "link-status-unknown",
		"link-unknown-reference", "mention-entity-unknown", "mention-sentence", "mention-span", "paragraph-section-unknown", "sentence-span"} {
		if !slices.Contains(codes, c) {
			t.Errorf("no %s diagnostic (have %v)", c, codes)
		}
	}
	if got := queryStrings(t, db, "SELECT count(*) FROM mentions WHERE id = ?", m[0].ID)[0]; got != "0" {
		t.Errorf("mention in a missing paragraph kept")
	}
}

// The ABCB1 question, asked of the database and of the API, gets the
// same answer.
func TestEntitySentencesDBMatchesAPI(t *testing.T) {
	rel := build(t)
	db := openDB(t, rel)
	fromDB := queryStrings(t, db, `SELECT sentence_id, coalesce(doi, '') FROM entity_sentences
		WHERE entity_name = 'ABCB1' AND reference_n IS NOT NULL ORDER BY sentence_id, reference_n`)
	var e Entity
	readJSONBytes(t, rel.File(apiDir+"entities/gene/NCBIGene-5243.json"), &e)
	var fromAPI []string
	seen := map[string]bool{}
	for _, m := range e.Mentions {
		if m.Sentence == nil || seen[m.Sentence.ID] {
			continue
		}
		seen[m.Sentence.ID] = true
		for _, r := range m.References {
			fromAPI = append(fromAPI, m.Sentence.ID+"|"+r.DOI)
		}
	}
	slices.Sort(fromAPI)
	slices.Sort(fromDB)
	if !slices.Equal(fromDB, fromAPI) || len(fromDB) == 0 {
		t.Errorf("database: %v\napi: %v", fromDB, fromAPI)
	}
	if !slices.ContainsFunc(fromDB, func(s string) bool { return strings.HasSuffix(s, "|10.1084/jem.20191388") }) {
		t.Errorf("the MDR1 sentence's matched DOI is missing: %v", fromDB)
	}
}

// The sentence_citations view and the Go code apply the same rule.
func TestSentenceCitationsView(t *testing.T) {
	in := fixture(t)
	ds, err := newDataset([]Input{in}, vocab(t), TextAuto)
	if err != nil {
		t.Fatal(err)
	}
	d := ds.docs[0]
	var fromGo []string
	for si, cs := range d.sentCites {
		for _, ci := range cs {
			fromGo = append(fromGo, d.sents[si].ID+"|"+d.cites[ci].ID)
		}
	}
	db := openDB(t, build(t, fixture(t)))
	fromDB := queryStrings(t, db, "SELECT sentence_id, citation_id FROM sentence_citations")
	slices.Sort(fromGo)
	slices.Sort(fromDB)
	if !slices.Equal(fromGo, fromDB) || len(fromGo) == 0 {
		t.Errorf("go: %v\nsql: %v", fromGo, fromDB)
	}
}

func TestDatabase(t *testing.T) {
	db := openDB(t, build(t))
	tests := []struct {
		name, q, want string
	}{
		{"schema version", "PRAGMA user_version", "6"},
		{"search in one line", `SELECT count(*) > 0 FROM sentences_fts WHERE sentences_fts MATCH '"P-gp"' AND document_id IS NOT NULL AND id LIKE 'p%.s%'`, "1"},
		{"entry alias", "SELECT count(*) FROM reference_entries WHERE entry_id = 'ref-' || document_id || '-' || n", "125"},
		{"licence", "SELECT license || ' ' || full_text FROM documents", "unknown 1"},
		{"DOIs by source", "SELECT group_concat(doi_source || '=' || refs, ',') FROM (SELECT doi_source, refs FROM doi_coverage ORDER BY doi_source)", "none=121,search=4"},
		{"DOI evidence", "SELECT count(*) FROM ref_doi_evidence WHERE agrees = 1 AND source = 'search'", "3"},
		{"application id", "PRAGMA application_id", "1128811858"},
		{"no free pages after VACUUM", "PRAGMA freelist_count", "0"},
		{"foreign keys hold", "SELECT count(*) FROM pragma_foreign_key_check", "0"},
		{"full-text search", `SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '"P-glycoprotein"'`, "1"},
		{"paragraph search", `SELECT count(*) > 0 FROM paragraphs_fts WHERE paragraphs_fts MATCH 'efflux'`, "1"},
		{"mechanism entities", "SELECT count(*) FROM mechanism_entities WHERE mechanism = 'reduced-drug-uptake' AND entity_name = 'SLC31A1' AND claims >= 3", "1"},
		{"drug resistance", "SELECT count(DISTINCT agent) > 0 FROM drug_resistance WHERE drug_name = 'cisplatin' AND effect = 'resistance'", "1"},
		{"inferred scope", "SELECT count(*) > 0 FROM sentence_support WHERE scope = 'inferred'", "1"},
		{"mechanism references", "SELECT count(*) > 0 FROM mechanism_references WHERE mechanism = 'dormancy'", "1"},
		{"reference sentences", "SELECT count(*) FROM reference_sentences WHERE n = 121 AND sentence LIKE '%MDR1%'", "1"},
		{"meta", "SELECT value FROM meta WHERE key = 'release'", "2024-10-01"},
		{"forms", "SELECT group_concat(form, ',') FROM (SELECT form FROM entity_forms WHERE entity_id = 'NCBIGene:5243' ORDER BY form)", "ABCB1,MDR1,P-glycoprotein,P-gp"},
	}
	for _, tt := range tests {
		if got := queryStrings(t, db, tt.q); len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s: %v, want %s", tt.name, got, tt.want)
		}
	}
	// Queries for the common questions use the indexes, not full scans.
	plan := strings.Join(queryStrings(t, db, "EXPLAIN QUERY PLAN SELECT * FROM mentions WHERE entity_id = 'NCBIGene:5243'"), "\n")
	if !strings.Contains(plan, "mentions_entity") {
		t.Errorf("mentions by entity do not use the index:\n%s", plan)
	}
}

// The published file opens in the sqlite3 shell users have, and the
// one-line question works there.
func TestSQLiteShell(t *testing.T) {
	sh, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("no sqlite3 shell")
	}
	p := filepath.Join(t.TempDir(), DBFile)
	os.WriteFile(p, build(t).File(DBFile), 0o644)
	out, err := exec.Command(sh, p, "SELECT sentence_id, doi FROM entity_sentences WHERE entity_name = 'ABCB1' AND doi IS NOT NULL;").CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !strings.Contains(string(out), "10.1084/jem.20191388") {
		t.Errorf("shell answer: %s", out)
	}
}

func TestMechanismsTied(t *testing.T) {
	rel := build(t)
	var m MechanismFile
	readJSONBytes(t, rel.File(apiDir+"mechanisms/increased-efflux.json"), &m)
	if len(m.Sections) == 0 || len(m.Entities) == 0 || len(m.References) == 0 {
		t.Fatalf("increased-efflux: %d sections, %d entities, %d references", len(m.Sections), len(m.Entities), len(m.References))
	}
	// Entities are tied by claims, each tie with its sentences.
	tied := map[string]MechEntity{}
	for _, e := range m.Entities {
		tied[e.Name] = e
	}
	for _, name := range []string{"ABCB1", "ABCC1", "ABCG2"} {
		if e, ok := tied[name]; !ok || len(e.Sentences) == 0 || e.Mentions < len(e.Sentences) {
			t.Errorf("%s under efflux: %+v", name, e)
		}
	}
	// A numbered section's mechanism covers its run-in subsections.
	var d MechanismFile
	readJSONBytes(t, rel.File(apiDir+"mechanisms/dormancy.json"), &d)
	var ids []string
	for _, s := range d.Sections {
		ids = append(ids, s.ID)
	}
	if strings.Join(ids, " ") != "s4 s4.r1 s4.r2 s4.r3" {
		t.Errorf("dormancy sections: %v", ids)
	}
	// Mechanisms no section names are listed, empty.
	var none MechanismFile
	readJSONBytes(t, rel.File(apiDir+"mechanisms/autophagy.json"), &none)
	if len(none.Sections)+len(none.References) != 0 {
		t.Errorf("autophagy: %+v", none)
	}
}

// Offsets in the document file are code points, like the inputs.
func TestDocumentOffsets(t *testing.T) {
	rel := build(t)
	var doc Document
	readJSONBytes(t, rel.File(apiDir+"documents/"+fixtureDoc+".json"), &doc)
	n := 0
	for _, p := range doc.Paragraphs {
		r := []rune(p.Text)
		for _, m := range p.Mentions {
			if string(r[m.Start:m.End]) != m.Text {
				t.Errorf("%s %s: %q", p.ID, m.ID, string(r[m.Start:m.End]))
			}
			n++
		}
		if utf8.RuneCountInString(p.Text) != len(r) {
			t.Fatal("impossible")
		}
	}
	if n == 0 {
		t.Error("no mentions in the document file")
	}
}
