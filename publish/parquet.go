package publish

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// Parquet copies of the database's tables, parquet/<table>.parquet, so
// that DuckDB, Spark, BigQuery and pandas read a release without SQLite.
// They are read back from the database bytes the release publishes, so
// they cannot say anything the database does not.

const (
	parquetDir       = "parquet/"
	parquetFormat    = "parquet"
	parquetMediatype = "application/vnd.apache.parquet"
	// parquetCreatedBy names the writer in each file's footer. It is
	// fixed here rather than read from the binary's build information,
	// so the bytes do not depend on how the program was built; a test
	// keeps it in step with go.mod.
	parquetCreatedBy = "github.com/parquet-go/parquet-go version 0.32.0"
	// parquetBatch rows are handed to the writer at a time.
	parquetBatch = 1024
	// parquetRowGroup rows make a row group. The writer holds a row group
	// in memory until it is flushed, so this bounds what a large table
	// costs; it is a multiple of parquetBatch.
	parquetRowGroup = 64 * parquetBatch
)

// parquetSkipped are the tables without a Parquet copy, and why. Views
// are left out too (they are joins of the tables, which any engine can
// run; copying them would repeat the data), and so is the full-text
// index, which only SQLite can read.
var parquetSkipped = map[string]string{
	"meta": "the release's own key-value metadata (id, date, schema versions), not data about the documents",
}

// parquetPath is where a table's Parquet copy lives in a release, or ""
// when it has none.
func parquetPath(t tableInfo) string {
	if t.View || parquetSkipped[t.Name] != "" {
		return ""
	}
	return parquetDir + t.Name + ".parquet"
}

// buildParquet writes a Parquet file for each table that has a copy,
// reading the serialized database db.
func buildParquet(ctx context.Context, db []byte, tables []tableInfo) ([]File, error) {
	h, conn, err := openBytes(ctx, db)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	defer conn.Close()
	return writeParquet(ctx, conn, tables)
}

// writeParquet writes a Parquet file for each table that has a copy,
// reading the database on conn. Rows are in primary key order (rowid for
// tables keyed by it); row groups of parquetRowGroup rows; zstd; no key-value
// metadata and a fixed created_by, so the same rows always give the same
// bytes.
func writeParquet(ctx context.Context, conn *sql.Conn, tables []tableInfo) ([]File, error) {
	strict, err := strictTables(ctx, conn)
	if err != nil {
		return nil, err
	}
	var out []File
	for _, t := range tables {
		p := parquetPath(t)
		if p == "" {
			continue
		}
		data, err := tableParquet(ctx, conn, t, strict[t.Name])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Name, err)
		}
		out = append(out, File{Path: p, Data: data})
	}
	return out, nil
}

// pqColumn is one column of a table as Parquet sees it.
type pqColumn struct {
	name     string
	kind     parquet.Kind // Int64, Double or ByteArray (a UTF-8 string)
	required bool
}

// parquetColumns maps a table's columns to Parquet: the one place that
// decides types. INTEGER -> INT64, REAL -> DOUBLE, TEXT -> BYTE_ARRAY
// with the String logical type; a column that may hold NULL is optional.
// Any other declared type is an error, to be decided when it appears.
func parquetColumns(t tableInfo, strict bool) ([]pqColumn, error) {
	pk := map[string]bool{}
	for _, c := range t.PK {
		pk[c] = true
	}
	var cols []pqColumn
	for _, c := range t.Columns {
		col := pqColumn{name: c.Name, required: c.NotNull}
		// SQLite lets NULL into a primary key column of an ordinary
		// table, but not of a STRICT one.
		if strict && pk[c.Name] {
			col.required = true
		}
		switch strings.ToUpper(c.Type) {
		case "INTEGER", "INT":
			col.kind = parquet.Int64
		case "REAL":
			col.kind = parquet.Double
		case "TEXT":
			col.kind = parquet.ByteArray
		default:
			return nil, fmt.Errorf("column %s: no Parquet type for SQLite type %q", c.Name, c.Type)
		}
		cols = append(cols, col)
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("no columns")
	}
	return cols, nil
}

// parquetSchema is the file schema of the columns, in table order.
func parquetSchema(name string, cols []pqColumn) *parquet.Schema {
	g := make(pqGroup, len(cols))
	for i, c := range cols {
		var n parquet.Node
		switch c.kind {
		case parquet.Int64:
			n = parquet.Leaf(parquet.Int64Type)
		case parquet.Double:
			n = parquet.Leaf(parquet.DoubleType)
		default:
			n = parquet.String()
		}
		if !c.required {
			n = parquet.Optional(n)
		}
		g[i] = pqField{Node: n, name: c.name, index: i}
	}
	return parquet.NewSchema(name, g)
}

// strictTables says which tables are STRICT.
func strictTables(ctx context.Context, conn *sql.Conn) (map[string]bool, error) {
	rows, err := conn.QueryContext(ctx, `SELECT name, strict FROM pragma_table_list WHERE schema = 'main'`)
	if err != nil {
		return nil, fmt.Errorf("table list: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var name string
		var strict bool
		if err := rows.Scan(&name, &strict); err != nil {
			return nil, fmt.Errorf("table list: %w", err)
		}
		out[name] = strict
	}
	return out, rows.Err()
}

func tableParquet(ctx context.Context, conn *sql.Conn, t tableInfo, strict bool) ([]byte, error) {
	cols, err := parquetColumns(t, strict)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	w := parquet.NewWriter(&b, parquetSchema(t.Name, cols),
		&parquet.WriterConfig{CreatedBy: parquetCreatedBy},
		parquet.Compression(&parquet.Zstd),
		// Version 1 data pages: every reader has them (pyarrow still
		// writes them by default); version 2 gains nothing at this size.
		parquet.DataPageVersion(1))

	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = quoteIdent(c.name)
	}
	order := "rowid"
	if len(t.PK) > 0 {
		pks := make([]string, len(t.PK))
		for i, c := range t.PK {
			pks[i] = quoteIdent(c)
		}
		order = strings.Join(pks, ", ")
	}
	q := "SELECT " + strings.Join(names, ", ") + " FROM " + quoteIdent(t.Name) + " ORDER BY " + order
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", q, err)
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	batch := make([]parquet.Row, 0, parquetBatch)
	flush := func() error {
		_, err := w.WriteRows(batch)
		batch = batch[:0]
		return err
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		n++
		row := make(parquet.Row, len(cols))
		for i, c := range cols {
			v, err := parquetValue(c, vals[i])
			if err != nil {
				return nil, fmt.Errorf("row %d: column %s: %w", n, c.name, err)
			}
			def := 0 // definition level: 1 for a value of an optional column
			if !c.required && !v.IsNull() {
				def = 1
			}
			row[i] = v.Level(0, def, i)
		}
		if batch = append(batch, row); len(batch) == parquetBatch {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		if n%parquetRowGroup == 0 {
			if err := w.Flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// parquetValue converts what database/sql scanned (nil, int64, float64,
// string or []byte) to the column's kind; STRICT tables guarantee the
// type, so a mismatch is a bug worth stopping for.
func parquetValue(c pqColumn, v any) (parquet.Value, error) {
	if v == nil {
		if c.required {
			return parquet.Value{}, fmt.Errorf("NULL in a required column")
		}
		return parquet.NullValue(), nil
	}
	switch c.kind {
	case parquet.Int64:
		if x, ok := v.(int64); ok {
			return parquet.Int64Value(x), nil
		}
	case parquet.Double:
		switch x := v.(type) {
		case float64:
			return parquet.DoubleValue(x), nil
		case int64: // a REAL column of an ordinary table may hold an integer
			return parquet.DoubleValue(float64(x)), nil
		}
	case parquet.ByteArray:
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case []byte:
			s = string(x)
		default:
			return parquet.Value{}, fmt.Errorf("%T in a TEXT column", v)
		}
		if !utf8.ValidString(s) {
			return parquet.Value{}, fmt.Errorf("text is not UTF-8")
		}
		return parquet.ByteArrayValue([]byte(s)), nil
	}
	return parquet.Value{}, fmt.Errorf("%T in a %s column", v, c.kind)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// pqGroup is a Parquet group whose fields keep the table's column order
// (parquet.Group, a map, sorts them by name).
type pqGroup []parquet.Field

func (g pqGroup) ID() int                     { return 0 }
func (g pqGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g pqGroup) Optional() bool              { return false }
func (g pqGroup) Repeated() bool              { return false }
func (g pqGroup) Required() bool              { return true }
func (g pqGroup) Leaf() bool                  { return false }
func (g pqGroup) Fields() []parquet.Field     { return g }
func (g pqGroup) Encoding() encoding.Encoding { return nil }
func (g pqGroup) Compression() compress.Codec { return nil }
func (g pqGroup) GoType() reflect.Type        { return g.goType() }
func (g pqGroup) String() string              { return printNode(g) }

// pqField is one column of a pqGroup.
type pqField struct {
	parquet.Node
	name  string
	index int
}

func (f pqField) Name() string { return f.name }

// Value returns the field of a struct of g's GoType, by position.
func (f pqField) Value(base reflect.Value) reflect.Value { return base.Field(f.index) }

func (g pqGroup) goType() reflect.Type {
	fs := make([]reflect.StructField, len(g))
	for i, f := range g {
		fs[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: f.GoType(), Tag: reflect.StructTag(`parquet:` + strconv.Quote(f.Name()))}
	}
	return reflect.StructOf(fs)
}

func printNode(n parquet.Node) string {
	var b strings.Builder
	parquet.PrintSchema(&b, "", n)
	return b.String()
}
