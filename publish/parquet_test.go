package publish

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// The tables every release must carry as Parquet.
var parquetRequired = []string{
	"documents", "sections", "paragraphs", "sentences", "refs", "citations", "citation_refs",
	"entities", "identifiers", "mentions", "abbreviations",
	"mechanisms", "mechanism_patterns", "mechanism_sections",
}

// pqFile is a Parquet file read back with parquet-go.
type pqFile struct {
	file *parquet.File
	cols []string
	rows [][]any // nil, int64, float64 or string
}

func readParquet(t testing.TB, name string, data []byte) pqFile {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := pqFile{file: f}
	for _, fd := range f.Schema().Fields() {
		out.cols = append(out.cols, fd.Name())
	}
	buf := make([]parquet.Row, 100)
	for _, rg := range f.RowGroups() {
		rows := rg.Rows()
		for {
			n, err := rows.ReadRows(buf)
			for _, r := range buf[:n] {
				vals := make([]any, len(out.cols))
				for _, v := range r {
					switch {
					case v.IsNull():
					case v.Kind() == parquet.Int64:
						vals[v.Column()] = v.Int64()
					case v.Kind() == parquet.Double:
						vals[v.Column()] = v.Double()
					case v.Kind() == parquet.ByteArray:
						vals[v.Column()] = string(v.ByteArray())
					default:
						t.Fatalf("%s: value of kind %s", name, v.Kind())
					}
				}
				out.rows = append(out.rows, vals)
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		rows.Close()
	}
	return out
}

type sqlColumn struct {
	name, typ string
	notNull   bool
	pk        int
}

func sqlColumns(t testing.TB, db *sql.DB, table string) []sqlColumn {
	t.Helper()
	rows, err := db.Query(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []sqlColumn
	for rows.Next() {
		var c sqlColumn
		if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.pk); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// The Parquet files say what the database says: one per table (but
// meta), the same columns in the same order with the mapped types, and
// every row, in primary key order, field by field.
func TestParquetMatchesDatabase(t *testing.T) {
	rel := build(t)
	db := openDB(t, rel)
	tables := queryStrings(t, db, `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE '%\_fts' ESCAPE '\'
		AND name NOT LIKE '%\_fts\_%' ESCAPE '\' AND name <> 'meta' ORDER BY name`)
	for _, r := range parquetRequired {
		if !slices.Contains(tables, r) {
			t.Errorf("table %s is not in the database", r)
		}
	}
	var files []string
	for _, f := range rel.Files {
		if strings.HasPrefix(f.Path, parquetDir) {
			files = append(files, strings.TrimSuffix(strings.TrimPrefix(f.Path, parquetDir), ".parquet"))
		}
	}
	if !slices.Equal(files, tables) {
		t.Fatalf("Parquet files for %v, want one per table: %v", files, tables)
	}
	nulls := 0
	for _, table := range tables {
		t.Run(table, func(t *testing.T) {
			pf := readParquet(t, table, rel.File(parquetDir+table+".parquet"))
			cols := sqlColumns(t, db, table)
			fields := pf.file.Schema().Fields()
			if len(fields) != len(cols) {
				t.Fatalf("%d columns, database has %d", len(fields), len(cols))
			}
			var pk []string
			for i, c := range cols {
				f := fields[i]
				want := map[string]parquet.Kind{"INTEGER": parquet.Int64, "REAL": parquet.Double, "TEXT": parquet.ByteArray}[c.typ]
				if f.Name() != c.name || f.Type().Kind() != want {
					t.Errorf("column %d: %s %s, want %s %s", i, f.Name(), f.Type().Kind(), c.name, want)
				}
				lt := f.Type().LogicalType()
				str := false
				if lt != nil {
					_, str = lt.Value.(*format.StringType)
				}
				if str != (want == parquet.ByteArray) {
					t.Errorf("%s: logical type %v", c.name, lt)
				}
				// STRICT tables keep NULL out of primary keys.
				if f.Optional() == (c.notNull || c.pk > 0) {
					t.Errorf("%s: optional %v, database NOT NULL %v, key %v", c.name, f.Optional(), c.notNull, c.pk > 0)
				}
				if c.pk > 0 {
					pk = append(pk, "")
				}
			}
			for _, c := range cols {
				if c.pk > 0 {
					pk[c.pk-1] = `"` + c.name + `"`
				}
			}
			if len(pk) == 0 {
				pk = []string{"rowid"}
			}
			var count int64
			if err := db.QueryRow(`SELECT count(*) FROM "` + table + `"`).Scan(&count); err != nil {
				t.Fatal(err)
			}
			if pf.file.NumRows() != count || int64(len(pf.rows)) != count {
				t.Fatalf("%d rows (footer %d), database has %d", len(pf.rows), pf.file.NumRows(), count)
			}
			rows, err := db.Query(`SELECT * FROM "` + table + `" ORDER BY ` + strings.Join(pk, ", "))
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for i := 0; rows.Next(); i++ {
				want := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for j := range want {
					ptrs[j] = &want[j]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				for j, w := range want {
					if b, ok := w.([]byte); ok {
						w = string(b)
					}
					if w == nil {
						nulls++
					}
					if got := pf.rows[i][j]; got != w {
						t.Fatalf("row %d, %s: %#v, database has %#v", i, cols[j].name, got, w)
					}
				}
			}
		})
	}
	if nulls == 0 {
		t.Error("no NULL anywhere: nullable columns went untested")
	}
}

// The footer carries nothing that varies: a fixed created_by, no
// key-value metadata; every column chunk is zstd-compressed.
func TestParquetFooter(t *testing.T) {
	rel := build(t)
	n := 0
	for _, f := range rel.Files {
		if !strings.HasPrefix(f.Path, parquetDir) {
			continue
		}
		n++
		pf, err := parquet.OpenFile(bytes.NewReader(f.Data), int64(len(f.Data)))
		if err != nil {
			t.Fatal(err)
		}
		md := pf.Metadata()
		if md.CreatedBy != parquetCreatedBy || len(md.KeyValueMetadata) != 0 {
			t.Errorf("%s: created_by %q, key-value metadata %v", f.Path, md.CreatedBy, md.KeyValueMetadata)
		}
		// Full row groups and one partial; none for an empty table (the
		// file still has the schema).
		if want := (int(md.NumRows) + parquetRowGroup - 1) / parquetRowGroup; len(md.RowGroups) != want {
			t.Errorf("%s: %d row groups for %d rows, want %d", f.Path, len(md.RowGroups), md.NumRows, want)
		}
		for i, rg := range md.RowGroups {
			if i < len(md.RowGroups)-1 && rg.NumRows != parquetRowGroup {
				t.Errorf("%s: row group %d has %d rows, want %d", f.Path, i, rg.NumRows, parquetRowGroup)
			}
		}
		for _, rg := range md.RowGroups {
			for _, c := range rg.Columns {
				if c.MetaData.Codec != format.Zstd {
					t.Errorf("%s %v: codec %v", f.Path, c.MetaData.PathInSchema, c.MetaData.Codec)
				}
			}
		}
	}
	if n < len(parquetRequired) {
		t.Errorf("%d Parquet files", n)
	}
}

// parquetCreatedBy names the version go.mod requires.
func TestParquetCreatedByVersion(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	path, version, ok := strings.Cut(parquetCreatedBy, " version ")
	if !ok || !strings.Contains(string(mod), "\t"+path+" v"+version+"\n") {
		t.Errorf("go.mod does not require %s v%s", path, version)
	}
}

// Two builds give the same Parquet bytes, even under another release id
// and date: nothing of the clock or the release reaches them.
func TestParquetDeterministic(t *testing.T) {
	a := buildFresh(t, fixture(t))
	later := fixtureTime.Add(400 * 24 * time.Hour)
	b, err := Build(context.Background(), []Input{fixture(t)}, Options{Release: ReleaseDate(later), Time: later, Mechanisms: vocab(t)})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range a.Files {
		if strings.HasPrefix(f.Path, parquetDir) {
			n++
			if !bytes.Equal(f.Data, b.File(f.Path)) {
				t.Errorf("%s differs between two builds", f.Path)
			}
		}
	}
	if n == 0 {
		t.Fatal("no Parquet files")
	}
	if bytes.Equal(a.File(DBFile), b.File(DBFile)) {
		t.Error("the databases are identical: the test does not show the release date is kept out")
	}
}

// The Parquet files repeat the database, so the content digest (what
// decides whether a release is new) leaves them out.
func TestParquetNotInContentDigest(t *testing.T) {
	rel := build(t)
	m, err := parseManifest(rel.File(ManifestFile), rel.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var without, changed []ManifestEntry
	for _, e := range m.Files {
		if strings.HasPrefix(e.Path, parquetDir) {
			changed = append(changed, ManifestEntry{Path: e.Path, Bytes: e.Bytes + 1, SHA256: strings.Repeat("0", 64)})
			continue
		}
		without = append(without, e)
		changed = append(changed, e)
	}
	if len(without) == len(m.Files) {
		t.Fatal("the manifest lists no Parquet file")
	}
	if d := contentDigest(without); d != m.Content {
		t.Errorf("digest without the Parquet files %s, manifest says %s", d, m.Content)
	}
	if d := contentDigest(changed); d != m.Content {
		t.Errorf("changing a Parquet file changed the digest")
	}
}

// Each Parquet file is a tabular resource of the data package with the
// schema of its table's SQLite resource.
func TestParquetDataPackage(t *testing.T) {
	rel := build(t)
	var dp DataPackage
	readJSONBytes(t, rel.File(PackageFile), &dp)
	byName := map[string]DPResource{}
	byPath := map[string][]DPResource{}
	for _, r := range dp.Resources {
		byName[r.Name] = r
		byPath[r.Path] = append(byPath[r.Path], r)
	}
	for _, f := range rel.Files {
		if !strings.HasPrefix(f.Path, parquetDir) {
			continue
		}
		rs := byPath[f.Path]
		if len(rs) != 1 {
			t.Errorf("%s: %d resources", f.Path, len(rs))
			continue
		}
		r := rs[0]
		table := strings.TrimSuffix(strings.TrimPrefix(f.Path, parquetDir), ".parquet")
		if r.Name != "parquet-"+strings.ReplaceAll(table, "_", "-") || r.Type != "table" || r.Format != "parquet" ||
			r.Mediatype != "application/vnd.apache.parquet" || r.Title != table || r.Dialect != nil {
			t.Errorf("%s: %+v", f.Path, r)
		}
		if r.Hash != "sha256:"+sha256hex(f.Data) || r.Bytes != int64(len(f.Data)) {
			t.Errorf("%s: hash or size wrong", f.Path)
		}
		sq, ok := byName["table-"+strings.ReplaceAll(table, "_", "-")]
		if !ok || r.Schema == nil || sq.Schema == nil {
			t.Fatalf("%s: no schema, or no SQLite resource", f.Path)
		}
		if !reflect.DeepEqual(r.Schema.Fields, sq.Schema.Fields) || !slices.Equal(r.Schema.PrimaryKey, sq.Schema.PrimaryKey) {
			t.Errorf("%s: schema differs from the table's", f.Path)
		}
		if len(r.Schema.ForeignKeys) != len(sq.Schema.ForeignKeys) {
			t.Errorf("%s: %d foreign keys, table has %d", f.Path, len(r.Schema.ForeignKeys), len(sq.Schema.ForeignKeys))
		}
		for _, fk := range r.Schema.ForeignKeys {
			if p := byName[fk.Reference.Resource]; p.Format != "parquet" {
				t.Errorf("%s: foreign key to %s, not to a Parquet resource", f.Path, fk.Reference.Resource)
			}
		}
	}
	// The data package says the same on disk: decode it strictly.
	dec := json.NewDecoder(bytes.NewReader(rel.File(PackageFile)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&DataPackage{}); err != nil {
		t.Error(err)
	}
}

func TestParquetColumns(t *testing.T) {
	tbl := func(typ string, notNull bool, pk ...string) tableInfo {
		return tableInfo{Name: "t", Columns: []columnInfo{{Name: "c", Type: typ, NotNull: notNull}}, PK: pk}
	}
	for _, tc := range []struct {
		name     string
		t        tableInfo
		strict   bool
		kind     parquet.Kind
		required bool
		err      bool
	}{
		{"integer", tbl("INTEGER", true), true, parquet.Int64, true, false},
		{"int", tbl("INT", false), true, parquet.Int64, false, false},
		{"real", tbl("REAL", false), true, parquet.Double, false, false},
		{"text", tbl("TEXT", true), true, parquet.ByteArray, true, false},
		{"text lower case", tbl("text", false), true, parquet.ByteArray, false, false},
		{"strict key", tbl("TEXT", false, "c"), true, parquet.ByteArray, true, false},
		{"ordinary key may be NULL", tbl("TEXT", false, "c"), false, parquet.ByteArray, false, false},
		{"blob", tbl("BLOB", true), true, 0, false, true},
		{"any", tbl("ANY", true), true, 0, false, true},
		{"no type", tbl("", false), false, 0, false, true},
		{"no columns", tableInfo{Name: "t"}, true, 0, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cols, err := parquetColumns(tc.t, tc.strict)
			if (err != nil) != tc.err {
				t.Fatalf("error %v, want error %v", err, tc.err)
			}
			if err != nil {
				return
			}
			if c := cols[0]; c.kind != tc.kind || c.required != tc.required {
				t.Errorf("%s required %v, want %s required %v", c.kind, c.required, tc.kind, tc.required)
			}
		})
	}
}

func TestParquetValue(t *testing.T) {
	opt := func(k parquet.Kind) pqColumn { return pqColumn{name: "c", kind: k} }
	req := func(k parquet.Kind) pqColumn { return pqColumn{name: "c", kind: k, required: true} }
	for _, tc := range []struct {
		name string
		col  pqColumn
		in   any
		want parquet.Value
		err  bool
	}{
		{"int", req(parquet.Int64), int64(-3), parquet.Int64Value(-3), false},
		{"real", req(parquet.Double), 0.25, parquet.DoubleValue(0.25), false},
		{"integer in a REAL column", req(parquet.Double), int64(2), parquet.DoubleValue(2), false},
		{"text", req(parquet.ByteArray), "β-catenin", parquet.ByteArrayValue([]byte("β-catenin")), false},
		{"text as bytes", req(parquet.ByteArray), []byte("x"), parquet.ByteArrayValue([]byte("x")), false},
		{"null", opt(parquet.ByteArray), nil, parquet.NullValue(), false},
		{"null in a required column", req(parquet.Int64), nil, parquet.Value{}, true},
		{"not UTF-8", req(parquet.ByteArray), "\xff", parquet.Value{}, true},
		{"text in an INTEGER column", req(parquet.Int64), "1", parquet.Value{}, true},
		{"number in a TEXT column", req(parquet.ByteArray), int64(1), parquet.Value{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parquetValue(tc.col, tc.in)
			if (err != nil) != tc.err {
				t.Fatalf("error %v, want error %v", err, tc.err)
			}
			if err == nil && !parquet.DeepEqual(got, tc.want) {
				t.Errorf("%v, want %v", got, tc.want)
			}
		})
	}
}

// The schema keeps the table's column order (parquet.Group would sort
// the names) and prints like any parquet-go schema.
func TestParquetSchemaOrder(t *testing.T) {
	s := parquetSchema("t", []pqColumn{{"zeta", parquet.Int64, true}, {"alpha", parquet.ByteArray, false}, {"mid", parquet.Double, true}})
	var names []string
	for _, f := range s.Fields() {
		names = append(names, f.Name())
	}
	if !slices.Equal(names, []string{"zeta", "alpha", "mid"}) {
		t.Errorf("columns %v", names)
	}
	want := "message t {\n\trequired int64 zeta (INT(64,true));\n\toptional binary alpha (STRING);\n\trequired double mid;\n}"
	if got := s.String(); got != want {
		t.Errorf("schema\n%s\nwant\n%s", got, want)
	}
}

// BenchmarkParquet times writing every table's Parquet copy from the
// serialized database (deserialize, query, encode, compress).
func BenchmarkParquet(b *testing.B) {
	ds, err := newDataset([]Input{fixture(b)}, vocab(b), TextAuto)
	if err != nil {
		b.Fatal(err)
	}
	meta := releaseMeta{Meta: DefaultMeta, ID: "2024-10-01", Time: fixtureTime}
	db, tables, _, err := buildDB(context.Background(), ds, meta)
	if err != nil {
		b.Fatal(err)
	}
	var size int
	for b.Loop() {
		fs, err := buildParquet(context.Background(), db, tables)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range fs {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(size), "bytes")
}

// A table larger than a row group is cut into full row groups and a
// last partial one, its rows in key order across them.
func TestParquetRowGroups(t *testing.T) {
	ctx := context.Background()
	conn := memDB(t, "CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
	n := 2*parquetRowGroup + 100
	// Inserted backwards: the file must follow the key, not the order of
	// insertion.
	if _, err := conn.ExecContext(ctx, `WITH RECURSIVE c(x) AS (SELECT ? UNION ALL SELECT x - 1 FROM c WHERE x > 1)
		INSERT INTO big SELECT x, 'row ' || x FROM c`, n); err != nil {
		t.Fatal(err)
	}
	tables, err := describeTables(ctx, conn)
	if err != nil || len(tables) != 1 {
		t.Fatalf("tables %v, %v", tables, err)
	}
	data, err := tableParquet(ctx, conn, tables[0], true)
	if err != nil {
		t.Fatal(err)
	}
	pf := readParquet(t, "big", data)
	var sizes []int64
	for _, rg := range pf.file.RowGroups() {
		sizes = append(sizes, rg.NumRows())
	}
	if want := []int64{parquetRowGroup, parquetRowGroup, 100}; !slices.Equal(sizes, want) {
		t.Errorf("row groups of %v rows, want %v", sizes, want)
	}
	if len(pf.rows) != n {
		t.Fatalf("%d rows, want %d", len(pf.rows), n)
	}
	for _, i := range []int{0, parquetRowGroup - 1, parquetRowGroup, n - 1} {
		if r := pf.rows[i]; r[0] != int64(i+1) || r[1] != "row "+strconv.Itoa(i+1) {
			t.Errorf("row %d = %v", i, r)
		}
	}
}
