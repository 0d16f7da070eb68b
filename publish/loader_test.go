package publish

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
)

// Rows are inserted in batches; a refused row is still named in the
// error, and every row given is loaded in order.
func TestLoaderBatches(t *testing.T) {
	ctx := context.Background()
	db := memDB(t, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
	load := func(ids ...int) error {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		l := &loader{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
		for _, id := range ids {
			l.insert("t", "id, name", id, "n"+strings.Repeat("x", id%3))
		}
		l.close()
		if l.err != nil {
			tx.Rollback()
			return l.err
		}
		return tx.Commit()
	}
	var ids []int
	for i := 1; i <= batchRows*2+5; i++ { // two full batches and a partial one
		ids = append(ids, i)
	}
	if err := load(ids...); err != nil {
		t.Fatal(err)
	}
	var n, sum int
	if err := db.QueryRowContext(ctx, "SELECT count(*), sum(id) FROM t").Scan(&n, &sum); err != nil || n != len(ids) || sum != len(ids)*(len(ids)+1)/2 {
		t.Fatalf("%d rows (sum %d), %v; want %d", n, sum, err, len(ids))
	}
	err := load(1000, 1001, 7, 1002) // 7 is taken
	if err == nil || !strings.Contains(err.Error(), "insert into t [7 nx]") {
		t.Fatalf("err = %v, want the refused row named", err)
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM t WHERE id >= 1000").Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows of the failed load remain", n)
	}
}

// A build cancelled in the middle of the load (another part of the
// release failed) ends the load with the context's error; it used to
// panic when the next statement could not be prepared.
func TestLoaderCancelled(t *testing.T) {
	db := memDB(t, "CREATE TABLE t (id INTEGER PRIMARY KEY)")
	ctx, cancel := context.WithCancel(context.Background())
	tx, err := db.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	l := &loader{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
	for i := 1; i <= batchRows; i++ { // one full batch: prepared and run
		l.insert("t", "id", i)
	}
	if l.err != nil {
		t.Fatal(l.err)
	}
	cancel()
	l.insert("t", "id", batchRows+1) // a partial batch: a new statement
	l.close()
	if !errors.Is(l.err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", l.err)
	}
}
