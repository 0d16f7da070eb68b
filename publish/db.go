package publish

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// applicationID marks the file as a chemores database ("CHMR") for
// tools such as file(1); see PRAGMA application_id.
const applicationID = 0x43484d52

// DBStats says what went into the database and how fast.
type DBStats struct {
	Rows  int           // rows inserted, all tables
	Load  time.Duration // inserting them (for rows per second)
	Total time.Duration // the whole build, VACUUM and serialization included
	Bytes int
}

// buildDB loads the dataset into a fresh in-memory database and returns
// the compacted file's bytes. Nothing touches the disk, and the same
// dataset always gives the same bytes: rows go in in a fixed order, no
// clock is read, and VACUUM rewrites the pages in key order.
func buildDB(ctx context.Context, ds *dataset, meta releaseMeta) ([]byte, []tableInfo, DBStats, error) {
	b, err := loadDB(ctx, ds, meta, "")
	if err != nil {
		return nil, nil, DBStats{}, err
	}
	defer b.close()
	out, err := b.finish(ctx)
	return out.data, b.tables, b.st, err
}

// dbCache bounds the pages SQLite keeps of a database built on disk: a
// large corpus's database then costs page cache, not process memory.
const dbCache = 64 << 20

// dbBuild is a database being built: loadDB fills its tables, finish
// indexes and compacts it. In between its rows are final, and a copy of
// them (snapshot) can be read while finish runs.
type dbBuild struct {
	db     *sql.DB
	conn   *sql.Conn
	path   string // the database file; "" in memory
	t0     time.Time
	st     DBStats
	tables []tableInfo
}

// loadDB makes a database from the migrations, in memory or (path not
// empty) in a new file, and loads the dataset into it. The two give the
// same bytes.
func loadDB(ctx context.Context, ds *dataset, meta releaseMeta, path string) (_ *dbBuild, err error) {
	b := &dbBuild{t0: time.Now(), path: path}
	dsn := ":memory:"
	if path != "" {
		dsn = "file:" + uriPath(path)
	}
	if b.db, err = sql.Open("sqlite3", dsn); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			b.close()
		}
	}()
	// One connection: each :memory: connection is its own database, and
	// the pragmas below hold per connection.
	b.db.SetMaxOpenConns(1)
	if b.conn, err = b.db.Conn(ctx); err != nil {
		return nil, err
	}
	// Foreign keys are checked once, after the load (checkDB runs
	// foreign_key_check), not on every insert: on a 200-review corpus the
	// per-row checks were a third of the load. A file needs no journal
	// and no syncs: a failed build deletes it, and the release is flushed
	// as a whole before it is published.
	pragmas := []string{
		"PRAGMA page_size = 4096",
		"PRAGMA foreign_keys = OFF",
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
	}
	if path != "" {
		pragmas = append(pragmas, "PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF",
			fmt.Sprintf("PRAGMA cache_size = %d", -dbCache/1024))
	}
	for _, p := range pragmas {
		if _, err := b.conn.ExecContext(ctx, p); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	if _, err := migrate(ctx, b.conn); err != nil {
		return nil, err
	}
	t1 := time.Now()
	tx, err := b.conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	l := &loader{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	load(l, ds, meta)
	l.close()
	if l.err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("load: %w", l.err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	b.st.Rows, b.st.Load = l.rows, time.Since(t1)
	if b.tables, err = describeTables(ctx, b.conn); err != nil {
		return nil, err
	}
	return b, nil
}

// uriPath escapes a file path for an SQLite URI filename.
func uriPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(p))
}

// dbSnapshot is a read-only copy of a database on a connection of its
// own; close frees it.
type dbSnapshot struct {
	db   *sql.DB
	conn *sql.Conn
	file string // the copy, when on disk
}

func (s *dbSnapshot) close() {
	s.conn.Close()
	s.db.Close()
	if s.file != "" {
		os.Remove(s.file)
	}
}

// snapshot copies the database as it is now: to a hidden file next to
// it when on disk, else in memory.
func (b *dbBuild) snapshot(ctx context.Context) (*dbSnapshot, error) {
	if b.path == "" {
		data, err := b.serialize()
		if err != nil {
			return nil, err
		}
		db, conn, err := openBytes(ctx, data)
		if err != nil {
			return nil, err
		}
		return &dbSnapshot{db: db, conn: conn}, nil
	}
	file := filepath.Join(filepath.Dir(b.path), "."+filepath.Base(b.path)+".snapshot")
	if err := copyFile(file, b.path); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	db, err := sql.Open("sqlite3", "file:"+uriPath(file)+"?mode=ro&immutable=1")
	if err == nil {
		db.SetMaxOpenConns(1)
		var conn *sql.Conn
		if conn, err = db.Conn(ctx); err == nil {
			return &dbSnapshot{db: db, conn: conn, file: file}, nil
		}
		db.Close()
	}
	os.Remove(file)
	return nil, fmt.Errorf("snapshot: %w", err)
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

// finish indexes the text, analyzes and checks the database, and
// compacts it: into bytes in memory, or in its file, which it closes.
func (b *dbBuild) finish(ctx context.Context) (blob, error) {
	for _, q := range []string{
		"INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('rebuild')",
		"INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')",
		"INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('optimize')",
		"INSERT INTO sentences_fts (sentences_fts) VALUES ('optimize')",
		"ANALYZE",
	} {
		if _, err := b.conn.ExecContext(ctx, q); err != nil {
			return blob{}, fmt.Errorf("%s: %w", q, err)
		}
	}
	if err := checkDB(ctx, b.conn); err != nil {
		return blob{}, err
	}
	if _, err := b.conn.ExecContext(ctx, "VACUUM"); err != nil {
		return blob{}, fmt.Errorf("vacuum: %w", err)
	}
	var out blob
	if b.path == "" {
		data, err := b.serialize()
		if err != nil {
			return blob{}, err
		}
		out = blob{data: data, size: int64(len(data))}
	} else {
		b.close()
		size, err := canonicalHeader(b.path)
		if err != nil {
			return blob{}, err
		}
		out = blob{path: b.path, size: size}
	}
	b.st.Bytes, b.st.Total = int(out.size), time.Since(b.t0)
	return out, nil
}

// canonicalHeader zeroes the fields of a database file's header that
// only a file has (the change counter, and the SQLite version that last
// wrote it with its validity number), as a database serialized from
// memory has them: the same dataset then gives the same bytes either
// way, and whatever SQLite version built it. SQLite reads them as "no
// change yet". It returns the file's size.
func canonicalHeader(path string) (int64, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	for _, off := range []int64{24, 92, 96} {
		if _, err := f.WriteAt(make([]byte, 4), off); err != nil {
			return 0, fmt.Errorf("database header: %w", err)
		}
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), f.Close()
}

func (b *dbBuild) serialize() (out []byte, err error) {
	err = b.conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		out, err = c.Serialize("main")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("serialize: %w", err)
	}
	return out, nil
}

func (b *dbBuild) close() {
	if b.conn != nil {
		b.conn.Close()
		b.conn = nil
	}
	if b.db != nil {
		b.db.Close()
		b.db = nil
	}
}

// openBytes opens a read-only in-memory database holding a copy of data,
// a database file's bytes.
func openBytes(ctx context.Context, data []byte) (_ *sql.DB, _ *sql.Conn, err error) {
	h, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if err != nil {
			h.Close()
		}
	}()
	h.SetMaxOpenConns(1)
	conn, err := h.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		return c.Deserialize(data, "main")
	})
	if err == nil {
		_, err = conn.ExecContext(ctx, "PRAGMA query_only = ON")
	}
	if err != nil {
		conn.Close()
		return nil, nil, fmt.Errorf("deserialize: %w", err)
	}
	return h, conn, nil
}

// checkDB fails the build on a broken foreign key or a damaged file:
// publish checks the inputs so that neither can happen, and this proves it.
func checkDB(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	var bad []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			rows.Close()
			return err
		}
		bad = append(bad, fmt.Sprintf("%s row %d -> %s", table, rowid.Int64, parent))
	}
	rows.Close()
	if len(bad) > 0 {
		return fmt.Errorf("foreign key check failed: %s", strings.Join(bad[:min(len(bad), 5)], "; "))
	}
	return nil
}

// loader inserts rows through cached prepared statements. The first
// error sticks and later inserts do nothing, which keeps load readable.
type loader struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	pend  map[string]*batch
	order []*batch // flushed at close in the order first used
	rows  int
	err   error
}

// batchRows rows go in one INSERT: one call into SQLite instead of 64
// halves the load of a large corpus.
const batchRows = 64

// batch holds rows waiting to be inserted into one table.
type batch struct {
	table, cols string
	width       int // values per row
	n           int
	args        []any
}

// insert adds one row; cols is the column list, "a, b, c". Rows are
// buffered and inserted in batches, in the order given per table.
func (l *loader) insert(table, cols string, args ...any) {
	if l.err != nil {
		return
	}
	key := table + "(" + cols + ")"
	b := l.pend[key]
	if b == nil {
		if l.pend == nil {
			l.pend = map[string]*batch{}
		}
		b = &batch{table: table, cols: cols, width: len(args)}
		l.pend[key] = b
		l.order = append(l.order, b)
	}
	b.args = append(b.args, args...)
	b.n++
	l.rows++
	if b.n == batchRows {
		l.flush(b)
	}
}

func (l *loader) flush(b *batch) {
	if l.err != nil || b.n == 0 {
		return
	}
	st, err := l.stmt(b, b.n)
	if err == nil {
		_, err = st.ExecContext(l.ctx, b.args...)
		if err != nil && l.ctx.Err() == nil {
			err = l.explain(b, err)
		}
	}
	l.err = err
	b.args, b.n = b.args[:0], 0
}

// stmt prepares (once) the INSERT of n rows into b's table. It fails
// when the build is cancelled, or when the schema and the code disagree.
func (l *loader) stmt(b *batch, n int) (*sql.Stmt, error) {
	key := b.table + "(" + b.cols + ")" + strconv.Itoa(n)
	if st := l.stmts[key]; st != nil {
		return st, nil
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", b.width), ", ") + ")"
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES %s", b.table, b.cols, strings.TrimSuffix(strings.Repeat(row+", ", n), ", "))
	st, err := l.tx.PrepareContext(l.ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare %s: %w", q, err)
	}
	l.stmts[key] = st
	return st, nil
}

// explain finds the row of a failed batch that SQLite refuses, so that
// the error names it; the batch rolls back with the transaction anyway.
func (l *loader) explain(b *batch, batchErr error) error {
	one, err := l.stmt(b, 1)
	if err != nil {
		return err
	}
	for i := 0; i < b.n; i++ {
		row := b.args[i*b.width : (i+1)*b.width]
		if _, err := one.ExecContext(l.ctx, row...); err != nil {
			return fmt.Errorf("insert into %s %v: %w", b.table, row, err)
		}
	}
	return fmt.Errorf("insert into %s (%d rows): %w", b.table, b.n, batchErr)
}

// close inserts what is still buffered and frees the statements.
func (l *loader) close() {
	for _, b := range l.order {
		l.flush(b)
	}
	for _, st := range l.stmts {
		st.Close()
	}
}

// null stores "" as NULL: the database says "unknown" where JSON says "".
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
