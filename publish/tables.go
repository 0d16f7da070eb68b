package publish

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// tableInfo describes a table or view of the database for the data
// package: read from SQLite itself, so it cannot drift from the schema.
type tableInfo struct {
	Name    string
	View    bool
	Comment string
	Columns []columnInfo
	PK      []string
	FKs     []fkInfo
}

type columnInfo struct {
	Name    string
	Type    string // declared SQL type
	NotNull bool
}

type fkInfo struct {
	Table  string
	From   []string
	To     []string
	Parent string
}

// describeTables lists the user-facing tables and views (not SQLite's own
// and not the full-text index's shadow tables), by name.
func describeTables(ctx context.Context, conn *sql.Conn) ([]tableInfo, error) {
	rows, err := conn.QueryContext(ctx, `SELECT name, type, sql FROM sqlite_schema
		WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
		  AND name NOT LIKE '%\_fts' ESCAPE '\' AND name NOT LIKE '%\_fts\_%' ESCAPE '\'
		ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var out []tableInfo
	for rows.Next() {
		var t tableInfo
		var typ, ddl string
		if err := rows.Scan(&t.Name, &typ, &ddl); err != nil {
			rows.Close()
			return nil, err
		}
		t.View = typ == "view"
		t.Comment = tableComments[t.Name]
		out = append(out, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := describeTable(ctx, conn, &out[i]); err != nil {
			return nil, fmt.Errorf("describe %s: %w", out[i].Name, err)
		}
	}
	return out, nil
}

func describeTable(ctx context.Context, conn *sql.Conn, t *tableInfo) error {
	// Table names come from sqlite_schema, not from users; quote anyway.
	q := strings.ReplaceAll(t.Name, `"`, `""`)
	rows, err := conn.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info("`+q+`") ORDER BY cid`)
	if err != nil {
		return err
	}
	type pkcol struct {
		name string
		pos  int
	}
	var pks []pkcol
	for rows.Next() {
		var c columnInfo
		var nn, pk int
		if err := rows.Scan(&c.Name, &c.Type, &nn, &pk); err != nil {
			rows.Close()
			return err
		}
		c.NotNull = nn != 0
		t.Columns = append(t.Columns, c)
		if pk > 0 {
			pks = append(pks, pkcol{c.Name, pk})
		}
	}
	rows.Close()
	t.PK = make([]string, len(pks))
	for _, p := range pks {
		t.PK[p.pos-1] = p.name
	}
	if t.View {
		return nil
	}
	rows, err = conn.QueryContext(ctx, `SELECT id, "table", "from", "to" FROM pragma_foreign_key_list("`+q+`") ORDER BY id, seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	last := -1
	for rows.Next() {
		var id int
		var parent, from string
		var to sql.NullString
		if err := rows.Scan(&id, &parent, &from, &to); err != nil {
			return err
		}
		if id != last {
			t.FKs = append(t.FKs, fkInfo{Table: t.Name, Parent: parent})
			last = id
		}
		fk := &t.FKs[len(t.FKs)-1]
		fk.From = append(fk.From, from)
		fk.To = append(fk.To, to.String)
	}
	return rows.Err()
}

// tableComments describe each table and view in the data package.
var tableComments = map[string]string{
	"meta":                 "Release metadata: dataset name, release id, creation time, schema versions.",
	"documents":            "The source review articles.",
	"keywords":             "Keywords of each document, in printed order.",
	"authors":              "Authors of each document, in byline order.",
	"affiliations":         "Numbered affiliations of each document.",
	"author_affiliations":  "Which author belongs to which affiliation.",
	"funding":              "Funders and grant numbers, one row per grant.",
	"sections":             "Section tree (numbered and run-in headings), in pre-order.",
	"paragraphs":           "Paragraph text, rejoined across page breaks.",
	"sentences":            "Sentences with code point offsets into their paragraph.",
	"figures":              "Figures and tables with captions.",
	"figure_calls":         "Calls such as (Fig. 3) in the text.",
	"refs":                 "Reference-list entries with the DOI published for each, its status, score and source.",
	"ref_authors":          "Authors of each reference, as printed.",
	"ref_discrepancies":    "Fields where a matched record differs from the printed reference.",
	"ref_candidates":       "Records considered when looking up a reference's DOI, best first.",
	"ref_doi_evidence":     "Each source's answer for a reference's DOI (deposited list, search, PubMed, printed, curated) and whether it agrees with the DOI published.",
	"citations":            "In-text citation groups such as (34,36-38), with offsets.",
	"citation_refs":        "The reference numbers each citation group cites.",
	"entities":             "Genes, chemicals and diseases, merged across documents.",
	"identifiers":          "Identifiers of each entity in named schemes.",
	"entity_forms":         "Names the text uses for each entity.",
	"mentions":             "Occurrences of entity names, with offsets, sentence and entity.",
	"mention_candidates":   "Entities considered for an ambiguous mention.",
	"abbreviations":        "Abbreviations the document defines.",
	"lexicons":             "Lexicons (and versions) the normalize stage used.",
	"diagnostics":          "Data problems found by each stage.",
	"mechanisms":           "Curated vocabulary of resistance mechanisms.",
	"mechanism_patterns":   "Phrases that name each mechanism in section titles.",
	"mechanism_sections":   "Sections (and their subsections) whose titles name a mechanism.",
	"sentence_citations":   "View: the citation groups inside each sentence.",
	"sentence_references":  "View: the references each sentence cites, with DOIs.",
	"entity_sentences":     "View: sentences that mention an entity, with the references they cite and their DOIs.",
	"reference_sentences":  "View: the sentences that cite a reference.",
	"mechanism_paragraphs": "View: the paragraphs under each mechanism.",
	"mechanism_entities":   "View: entities tied to each mechanism by claims (as agent or drug), with counts of claims and sentences.",
	"mechanism_references": "View: references cited under each mechanism, with counts.",
	"doi_coverage":         "View: references of each document with a DOI, by the DOI's source (none: without one).",
	"family_members":       "The member genes of each family entity (AKT, GST, NF-κB, ABC transporters).",
	"sentence_support":     "The citation groups backing each sentence: direct (the callout is in it) or inferred (a later callout of the paragraph closes a run of sentences without one).",
	"claims":               "Resistance claims: one relation (agent, relation, drugs, cancer, mechanism) stated by one sentence, with how each field was decided.",
	"claim_drugs":          "The drugs (or drug classes) each claim is about.",
	"claim_references":     "View: the references backing each claim's sentence, with scope and DOI.",
	"drug_resistance":      "View: for each drug, the claims about it: agents, relations, effects, mechanisms, cancers, sentences and DOIs.",
	"mechanism_evidence":   "View: for each mechanism, its claims with their agents, sentences and DOIs.",
	"reference_entries":    "View: every reference-list entry by its permanent id (ref-<document>-<n>) with the id of the work it cites (doi-<DOI> once a DOI is known).",
}
