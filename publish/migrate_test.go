package publish

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// memDB opens an in-memory database on one connection and runs the
// statements in it.
func memDB(t testing.TB, stmts ...string) *sql.Conn {
	t.Helper()
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(); db.Close() })
	for _, q := range stmts {
		if _, err := c.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return c
}

func userVersion(t *testing.T, c *sql.Conn) int {
	var v int
	if err := c.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrate(t *testing.T) {
	ctx := context.Background()
	c := memDB(t)
	n, err := migrate(ctx, c)
	if err != nil || n != SchemaVersion || userVersion(t, c) != SchemaVersion {
		t.Fatalf("fresh: applied %d, err %v, version %d", n, err, userVersion(t, c))
	}
	if n, err := migrate(ctx, c); err != nil || n != 0 {
		t.Errorf("again: applied %d, err %v", n, err)
	}

	// A database at version 1 gets only the later migrations.
	c = memDB(t)
	m := migrations()
	if _, err := c.ExecContext(ctx, m[0].SQL+"; PRAGMA user_version = 1"); err != nil {
		t.Fatal(err)
	}
	if n, err := migrate(ctx, c); err != nil || n != SchemaVersion-1 {
		t.Errorf("from 1: applied %d, err %v", n, err)
	}
	var views int
	c.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'view'").Scan(&views)
	if views == 0 {
		t.Error("views missing after upgrading")
	}

	// A database from a newer program is refused, not damaged.
	c = memDB(t)
	c.ExecContext(ctx, "PRAGMA user_version = 99")
	if _, err := migrate(ctx, c); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("newer database: %v", err)
	}

	// A failing migration leaves the version where it was.
	c = memDB(t)
	c.ExecContext(ctx, "CREATE TABLE documents (x)")
	if _, err := migrate(ctx, c); err == nil || userVersion(t, c) != 0 {
		t.Errorf("failed migration: err %v, version %d", err, userVersion(t, c))
	}
}

func TestTablesDescribed(t *testing.T) {
	rel := build(t)
	db := openDB(t, rel)
	for _, name := range queryStrings(t, db, `SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')
		AND name NOT LIKE 'sqlite%' AND name NOT LIKE '%fts%'`) {
		if tableComments[name] == "" {
			t.Errorf("%s has no description for the data package", name)
		}
		if !strings.Contains(string(rel.File(PackageFile)), `"table": "`+name+`"`) {
			t.Errorf("%s is not a resource of the data package", name)
		}
	}
}
