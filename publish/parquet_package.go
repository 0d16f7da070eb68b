package publish

import "strings"

// parquetResources lists the Parquet copies in datapackage.json: one
// tabular resource per file, with the Table Schema of the table's SQLite
// resource (among res), foreign keys pointing at the Parquet copy of the
// parent table.
func parquetResources(res []DPResource, tables []tableInfo, sum map[string]ManifestEntry) []DPResource {
	name := func(table string) string { return "parquet-" + strings.ReplaceAll(table, "_", "-") }
	copied := map[string]bool{} // names of the SQLite resources of copied tables
	for _, t := range tables {
		if _, ok := sum[parquetPath(t)]; ok {
			copied["table-"+strings.ReplaceAll(t.Name, "_", "-")] = true
		}
	}
	var out []DPResource
	for _, r := range res {
		if r.Dialect == nil || r.Schema == nil || !copied[r.Name] {
			continue
		}
		p := parquetDir + r.Dialect.Table + ".parquet"
		e := sum[p]
		ts := *r.Schema
		ts.ForeignKeys = nil
		for _, fk := range r.Schema.ForeignKeys {
			if copied[fk.Reference.Resource] {
				fk.Reference.Resource = "parquet-" + strings.TrimPrefix(fk.Reference.Resource, "table-")
			}
			ts.ForeignKeys = append(ts.ForeignKeys, fk)
		}
		out = append(out, DPResource{Name: name(r.Dialect.Table), Type: "table", Path: p, Title: r.Title,
			Description: r.Description, Format: parquetFormat, Mediatype: parquetMediatype,
			Bytes: e.Bytes, Hash: "sha256:" + e.SHA256, Schema: &ts})
	}
	return out
}
