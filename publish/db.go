package publish

import (
	"context"
	"database/sql"
	"fmt"
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
	b, err := loadDB(ctx, ds, meta)
	if err != nil {
		return nil, nil, DBStats{}, err
	}
	defer b.close()
	out, err := b.finish(ctx)
	return out, b.tables, b.st, err
}

// dbBuild is a database being built: loadDB fills its tables, finish
// indexes and compacts it. In between its rows are final, and a copy of
// them (snapshot) can be read while finish runs.
type dbBuild struct {
	db     *sql.DB
	conn   *sql.Conn
	t0     time.Time
	st     DBStats
	tables []tableInfo
}

// loadDB makes an in-memory database from the migrations and loads the
// dataset into it.
func loadDB(ctx context.Context, ds *dataset, meta releaseMeta) (_ *dbBuild, err error) {
	b := &dbBuild{t0: time.Now()}
	if b.db, err = sql.Open("sqlite3", ":memory:"); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			b.close()
		}
	}()
	// One connection: each :memory: connection is its own database.
	b.db.SetMaxOpenConns(1)
	if b.conn, err = b.db.Conn(ctx); err != nil {
		return nil, err
	}
	// Foreign keys are checked once, after the load (checkDB runs
	// foreign_key_check), not on every insert: on a 200-review corpus the
	// per-row checks were a third of the load.
	for _, p := range []string{
		"PRAGMA page_size = 4096",
		"PRAGMA foreign_keys = OFF",
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
	} {
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

// snapshot opens a read-only copy of the database as it is now, on a
// connection of its own.
func (b *dbBuild) snapshot(ctx context.Context) (*sql.DB, *sql.Conn, error) {
	data, err := b.serialize()
	if err != nil {
		return nil, nil, err
	}
	return openBytes(ctx, data)
}

// finish indexes the text, analyzes and checks the database, compacts it
// and returns its bytes.
func (b *dbBuild) finish(ctx context.Context) ([]byte, error) {
	for _, q := range []string{
		"INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('rebuild')",
		"INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')",
		"INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('optimize')",
		"INSERT INTO sentences_fts (sentences_fts) VALUES ('optimize')",
		"ANALYZE",
	} {
		if _, err := b.conn.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	if err := checkDB(ctx, b.conn); err != nil {
		return nil, err
	}
	if _, err := b.conn.ExecContext(ctx, "VACUUM"); err != nil {
		return nil, fmt.Errorf("vacuum: %w", err)
	}
	out, err := b.serialize()
	if err != nil {
		return nil, err
	}
	b.st.Bytes, b.st.Total = len(out), time.Since(b.t0)
	return out, nil
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
	}
	if b.db != nil {
		b.db.Close()
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
