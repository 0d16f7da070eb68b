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
func buildDB(ctx context.Context, ds *dataset, meta releaseMeta) (out []byte, tables []tableInfo, st DBStats, err error) {
	t0 := time.Now()
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, nil, st, err
	}
	defer db.Close()
	// One connection: each :memory: connection is its own database.
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, st, err
	}
	defer conn.Close()
	// Foreign keys are checked once, after the load (checkDB runs
	// foreign_key_check), not on every insert: on a 200-review corpus the
	// per-row checks were a third of the load.
	for _, p := range []string{
		"PRAGMA page_size = 4096",
		"PRAGMA foreign_keys = OFF",
		fmt.Sprintf("PRAGMA application_id = %d", applicationID),
	} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return nil, nil, st, fmt.Errorf("%s: %w", p, err)
		}
	}
	if _, err := migrate(ctx, conn); err != nil {
		return nil, nil, st, err
	}
	t1 := time.Now()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, st, err
	}
	l := &loader{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	load(l, ds, meta)
	l.close()
	if l.err != nil {
		tx.Rollback()
		return nil, nil, st, fmt.Errorf("load: %w", l.err)
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, st, fmt.Errorf("load: %w", err)
	}
	st.Rows, st.Load = l.rows, time.Since(t1)
	for _, q := range []string{
		"INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('rebuild')",
		"INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild')",
		"INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('optimize')",
		"INSERT INTO sentences_fts (sentences_fts) VALUES ('optimize')",
		"ANALYZE",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, nil, st, fmt.Errorf("%s: %w", q, err)
		}
	}
	if err := checkDB(ctx, conn); err != nil {
		return nil, nil, st, err
	}
	if tables, err = describeTables(ctx, conn); err != nil {
		return nil, nil, st, err
	}
	if _, err := conn.ExecContext(ctx, "VACUUM"); err != nil {
		return nil, nil, st, fmt.Errorf("vacuum: %w", err)
	}
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		out, err = c.Serialize("main")
		return err
	})
	if err != nil {
		return nil, nil, st, fmt.Errorf("serialize: %w", err)
	}
	st.Bytes, st.Total = len(out), time.Since(t0)
	return out, tables, st, nil
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
