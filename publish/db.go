package publish

import (
	"context"
	"database/sql"
	"fmt"
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
	for _, p := range []string{
		"PRAGMA page_size = 4096",
		"PRAGMA foreign_keys = ON",
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
	var ok string
	if err := conn.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil {
		return err
	}
	if ok != "ok" {
		return fmt.Errorf("integrity check: %s", ok)
	}
	return nil
}

// loader inserts rows through cached prepared statements. The first
// error sticks and later inserts do nothing, which keeps load readable.
type loader struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	rows  int
	err   error
}

// insert adds one row; cols is the column list, "a, b, c".
func (l *loader) insert(table, cols string, args ...any) {
	if l.err != nil {
		return
	}
	key := table + "(" + cols + ")"
	st := l.stmts[key]
	if st == nil {
		q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, cols, strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", "))
		if st, l.err = l.tx.PrepareContext(l.ctx, q); l.err != nil {
			l.err = fmt.Errorf("%s: %w", q, l.err)
			return
		}
		l.stmts[key] = st
	}
	if _, err := st.ExecContext(l.ctx, args...); err != nil {
		l.err = fmt.Errorf("insert into %s %v: %w", table, args, err)
		return
	}
	l.rows++
}

func (l *loader) close() {
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
