package main

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the org.Hs.eg.db database

	"github.com/chemores/chemores/internal/atomic"
	"github.com/chemores/chemores/internal/diag"
	"github.com/chemores/chemores/internal/readfile"
	"github.com/chemores/chemores/normalize"
)

func lexiconCmd() command {
	return command{
		name:  "lexicon",
		brief: "Build the gene lexicon from Bioconductor's org.Hs.eg.db.",
		args:  "--db org.Hs.eg.sqlite [--package NAME_VERSION] [-o genes.tsv]",
		summary: `Build the gene lexicon from Bioconductor's org.Hs.eg.db SQLite database
(Debian package r-bioc-org.hs.eg.db; "make lexicon" fetches it): human
protein-coding and ncRNA genes from NCBI Gene with their official symbol,
full name, type and aliases. Writes OUT (atomically) or standard output.`,
		run: lexiconMain,
	}
}

type lexiconOptions struct {
	db, pkg, out string
	types        []string
}

func lexiconMain(ctx context.Context, e *env, args []string) error {
	o := lexiconOptions{types: []string{"protein-coding", "ncRNA"}}
	fs := newFlags(lexiconCmd(), e)
	fs.StringVar(&o.db, "db", "", "path of org.Hs.eg.sqlite")
	fs.StringVar(&o.pkg, "package", "", "the Debian package and version it came from, for the header")
	fs.StringVar(&o.out, "o", "", "write the lexicon here instead of standard output")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || o.db == "" {
		return usagef("usage: chemores lexicon -db org.Hs.eg.sqlite [-o genes.tsv]")
	}
	if o.out, err = checkOutput("-o", o.out); err != nil {
		return err
	}
	return runLexicon(ctx, e, o)
}

func runLexicon(ctx context.Context, e *env, o lexiconOptions) error {
	// SQLite would wait on a FIFO as long as it has no writer.
	f, err := readfile.OpenRegular(o.db)
	if err != nil {
		return fmt.Errorf("%w: %v", diag.ErrInput, err)
	}
	f.Close()
	db, err := sql.Open("sqlite3", "file:"+o.db+"?mode=ro&immutable=1")
	if err != nil {
		return fmt.Errorf("open %s: %w", o.db, err)
	}
	defer db.Close()
	genes, meta, err := readGenes(ctx, db, o.types)
	if err != nil {
		return fmt.Errorf("%s: %w", o.db, err)
	}
	src := normalize.GeneSource{
		Source: fmt.Sprintf("NCBI Gene (%s %s) via Bioconductor org.Hs.eg.db (schema %s)",
			meta["EGSOURCENAME"], meta["EGSOURCEDATE"], meta["DBSCHEMAVERSION"]),
		License: "Artistic-2.0 (org.Hs.eg.db, Bioconductor); NCBI Gene data are in the public domain",
		Notes: []string{
			"built by: chemores lexicon (make lexicon); do not edit by hand",
			"genes: Homo sapiens (taxon " + meta["TAXID"] + "), types " + strings.Join(o.types, ", "),
			"columns: id = NCBI Gene ID; aliases = other symbols and aliases; english = names that are also English words",
		},
	}
	if o.pkg != "" {
		src.Notes = append(src.Notes, "package: Debian "+o.pkg)
	}
	data := normalize.FormatGenes(src, genes)
	if o.out == "" {
		_, err = e.stdout.Write(data)
		return err
	}
	if err := atomic.WriteFile(o.out, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", o.out, err)
	}
	fmt.Fprintf(e.stderr, "%s: %d genes\n", o.out, len(genes))
	return nil
}

func readGenes(ctx context.Context, db *sql.DB, types []string) ([]normalize.GeneRecord, map[string]string, error) {
	meta := map[string]string{}
	rs, err := db.QueryContext(ctx, `SELECT name, value FROM metadata`)
	if err != nil {
		return nil, nil, fmt.Errorf("read metadata: %w", err)
	}
	for rs.Next() {
		var k, v string
		if err := rs.Scan(&k, &v); err != nil {
			rs.Close()
			return nil, nil, err
		}
		meta[k] = v
	}
	rs.Close()
	want := map[string]bool{}
	for _, t := range types {
		want[t] = true
	}
	rows, err := db.QueryContext(ctx, `
		SELECT g._id, g.gene_id, i.symbol, i.gene_name, t.gene_type
		FROM genes g JOIN gene_info i USING (_id) JOIN genetype t USING (_id)`)
	if err != nil {
		return nil, nil, fmt.Errorf("read genes: %w", err)
	}
	byRow := map[int64]*normalize.GeneRecord{}
	for rows.Next() {
		var row int64
		var id, sym, name, typ string
		if err := rows.Scan(&row, &id, &sym, &name, &typ); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if !want[typ] {
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("gene id %q: %w", id, err)
		}
		byRow[row] = &normalize.GeneRecord{ID: n, Symbol: sym, Name: name, Type: typ}
	}
	rows.Close()
	as, err := db.QueryContext(ctx, `SELECT _id, alias_symbol FROM alias`)
	if err != nil {
		return nil, nil, fmt.Errorf("read aliases: %w", err)
	}
	for as.Next() {
		var row int64
		var a string
		if err := as.Scan(&row, &a); err != nil {
			as.Close()
			return nil, nil, err
		}
		if g := byRow[row]; g != nil && a != g.Symbol {
			g.Aliases = append(g.Aliases, a)
		}
	}
	as.Close()
	if len(byRow) == 0 {
		return nil, nil, fmt.Errorf("%w: no genes of types %v", diag.ErrInput, types)
	}
	out := make([]normalize.GeneRecord, 0, len(byRow))
	for _, g := range byRow {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, meta, ctx.Err()
}
