package publish

import (
	"strconv"
	"strings"
)

// load inserts the dataset, table by table, in a fixed order.
func load(l *loader, ds *dataset, meta releaseMeta) {
	for _, kv := range [][2]string{
		{"dataset", meta.Name},
		{"release", meta.ID},
		{"created", meta.created()},
		{"schema_version", strconv.Itoa(SchemaVersion)},
		{"api_version", APIVersion},
	} {
		l.insert("meta", "key, value", kv[0], kv[1])
	}
	for i, m := range ds.vocab {
		l.insert("mechanisms", "slug, position, name, description", m.Slug, i+1, m.Name, m.Description)
		for j, p := range m.Patterns {
			l.insert("mechanism_patterns", "slug, position, pattern", m.Slug, j+1, p)
		}
	}
	for _, e := range ds.entities {
		l.insert("entities", "id, type, name, full_name, mentions", e.ID, e.Type, e.Name, null(e.FullName), e.Entity.Mentions)
		seen := map[[2]string]bool{}
		for _, id := range e.Identifiers {
			k := [2]string{id.Scheme, id.ID}
			if id.Scheme == "" || id.ID == "" || seen[k] {
				continue
			}
			seen[k] = true
			l.insert("identifiers", "entity_id, scheme, identifier, url", e.ID, id.Scheme, id.ID, null(identifierURL(id.Scheme, id.ID)))
		}
		for _, f := range e.Forms {
			l.insert("entity_forms", "entity_id, form", e.ID, f)
		}
	}
	var para, sent int // rowids, counted across documents
	for _, d := range ds.docs {
		loadFront(l, d)
		for i, s := range d.secs {
			l.insert("sections", "document_id, id, parent_id, position, depth, number, title, kind",
				d.id, s.ID, null(s.Parent), i+1, s.Depth, null(s.Number), s.Title, s.Kind)
		}
		for i, p := range d.paras {
			para++
			l.insert("paragraphs", "rowid, document_id, id, section_id, position, text, src_start, src_end",
				para, d.id, p.ID, null(p.Section), i+1, p.Text, p.Src[0], p.Src[1])
		}
		for i, s := range d.sents {
			sent++
			l.insert("sentences", "rowid, document_id, id, paragraph_id, position, start, end, text",
				sent, d.id, s.ID, s.Paragraph, i+1, s.Start, s.End, s.Text)
		}
		loadFigures(l, d)
		loadRefs(l, d)
		for _, c := range d.cites {
			l.insert("citations", "document_id, id, paragraph_id, start, end, text, style",
				d.id, c.ID, c.Paragraph, c.Start, c.End, c.Text, c.Style)
			for j, n := range c.Refs {
				l.insert("citation_refs", "document_id, citation_id, position, n", d.id, c.ID, j+1, n)
			}
		}
		for _, m := range d.mentions {
			l.insert("mentions", "document_id, id, paragraph_id, sentence_id, start, end, text, type, entity_id, resolved_by, generic",
				d.id, m.ID, m.Paragraph, null(m.Sentence), m.Start, m.End, m.Text, m.Type, null(m.Entity), null(m.ResolvedBy), boolInt(m.Generic))
			for j, c := range m.Candidates {
				l.insert("mention_candidates", "document_id, mention_id, position, entity_id", d.id, m.ID, j+1, c)
			}
		}
		for i, a := range d.abbrevs {
			l.insert("abbreviations", "document_id, position, short, long, paragraph_id, start, end, entity_id",
				d.id, i+1, a.Short, a.Long, a.Paragraph, a.Start, a.End, null(a.Entity))
		}
		if d.ann != nil {
			seen := map[string]bool{}
			for _, lx := range d.ann.Lexicons {
				if lx.Name == "" || seen[lx.Name] {
					continue
				}
				seen[lx.Name] = true
				l.insert("lexicons", "document_id, name, source, license, entries, sha256",
					d.id, lx.Name, null(lx.Source), null(lx.License), lx.Entries, null(lx.SHA256))
			}
		}
		loadClaims(l, d)
		for _, s := range d.secs {
			for _, m := range s.Mechs {
				l.insert("mechanism_sections", "slug, document_id, section_id, pattern, matched_on",
					m.Slug, d.id, s.ID, m.Pattern, m.From)
			}
		}
	}
	loadFamilies(l, ds)
	for _, g := range ds.diags {
		l.insert("diagnostics", "document_id, stage, level, code, location, message",
			null(g.Document), g.Stage, g.Level, g.Code, g.Where, g.Message)
	}
}

func loadFront(l *loader, d *docData) {
	f := d.doc.Front
	var normSchema, enrichSchema string
	if d.ann != nil {
		normSchema = d.ann.Schema
	}
	if d.links != nil {
		enrichSchema = d.links.Schema
	}
	src := d.doc.Source
	l.insert("documents", "id, doi, title, journal, received, accepted, published, abstract, source_path, source_format, source_bytes, source_sha256, extract_schema, normalize_schema, enrich_schema, license, license_url, license_redistribute, license_source, full_text",
		d.id, null(NormalizeDOI(f.DOI)), f.Title, null(f.Journal), null(f.Received), null(f.Accepted), null(f.Published), null(f.Abstract),
		src.Path, src.Format, src.Bytes, src.SHA256, d.doc.Schema, nullIfAbsent(d.ann != nil, normSchema), nullIfAbsent(d.links != nil, enrichSchema),
		d.lic.License, null(d.lic.URL), d.lic.Redistribute, null(d.lic.Source), boolInt(d.text))
	for i, k := range f.Keywords {
		l.insert("keywords", "document_id, position, keyword", d.id, i+1, k)
	}
	labels := map[string]bool{}
	for _, a := range f.Affiliations {
		if labels[a.Label] {
			continue
		}
		labels[a.Label] = true
		l.insert("affiliations", "document_id, label, text", d.id, a.Label, a.Text)
	}
	for i, a := range f.Authors {
		l.insert("authors", "document_id, position, name, given, family, email, corresponding, equal_contribution",
			d.id, i+1, a.Name, null(a.Given), null(a.Family), null(a.Email), boolInt(a.Corresponding), boolInt(a.EqualContrib))
		seen := map[string]bool{}
		for _, lab := range a.Affiliations {
			if labels[lab] && !seen[lab] {
				seen[lab] = true
				l.insert("author_affiliations", "document_id, author_position, affiliation_label", d.id, i+1, lab)
			}
		}
	}
	pos := 0
	for _, fu := range f.Funding {
		grants := fu.Grants
		if len(grants) == 0 {
			grants = []string{""}
		}
		for _, g := range grants {
			pos++
			l.insert("funding", "document_id, position, funder, grant", d.id, pos, fu.Funder, null(g))
		}
	}
}

// nullIfAbsent keeps a stage's schema version, or NULL when the stage's
// output was missing (an empty version from a present stage stays "").
func nullIfAbsent(present bool, v string) any {
	if !present {
		return nil
	}
	return v
}

func loadFigures(l *loader, d *docData) {
	seen := map[string]bool{}
	for _, f := range d.doc.Figures {
		k := f.Kind + "/" + strconv.Itoa(f.N)
		if seen[k] {
			continue
		}
		seen[k] = true
		sec, para := f.Section, f.Paragraph
		if _, ok := d.secIdx[sec]; !ok {
			sec = ""
		}
		if _, ok := d.paraIdx[para]; !ok {
			para = ""
		}
		l.insert("figures", "document_id, kind, n, label, title, caption, section_id, paragraph_id",
			d.id, f.Kind, f.N, f.Label, null(f.Title), f.Caption, null(sec), null(para))
	}
	done := map[string]bool{}
	for _, fc := range d.figCalls {
		for _, n := range fc.Figures {
			k := fc.Paragraph + "/" + strconv.Itoa(fc.Start) + "/" + strconv.Itoa(n)
			if done[k] {
				continue
			}
			done[k] = true
			l.insert("figure_calls", "document_id, paragraph_id, start, end, text, kind, figure_n",
				d.id, fc.Paragraph, fc.Start, fc.End, fc.Text, fc.Kind, n)
		}
	}
}

func loadRefs(l *loader, d *docData) {
	for _, r := range d.refs {
		var reason, agreed, disagreed, sources string
		if k := r.Link; k != nil {
			reason = k.Reason
			agreed, disagreed, sources = strings.Join(k.Agreed, ","), strings.Join(k.Disagreed, ","), strings.Join(k.Sources, ",")
		}
		l.insert("refs", "document_id, n, reference_id, raw, title, journal, volume, issue, pages, first_page, last_page, year, et_al, printed_doi, printed_pmid, doi, pmid, doi_status, doi_score, doi_reason, agreed, disagreed, sources, doi_source",
			d.id, r.N, r.ID, r.Raw, null(r.Title), null(r.Journal), null(r.Volume), null(r.Issue), null(r.Pages), null(r.FirstPage), null(r.LastPage),
			nullInt(r.Year), boolInt(r.EtAl), null(r.Reference.DOI), null(r.Reference.PMID), null(r.DOI), null(r.PMID), r.Status, r.Score,
			null(reason), null(agreed), null(disagreed), null(sources), null(r.Source))
		for j, a := range r.Authors {
			l.insert("ref_authors", "document_id, n, position, family, initials, suffix", d.id, r.N, j+1, a.Family, null(a.Initials), null(a.Suffix))
		}
		if r.Link == nil {
			continue
		}
		for j, x := range r.Link.Discrepancies {
			l.insert("ref_discrepancies", "document_id, n, position, field, printed, registered", d.id, r.N, j+1, x.Field, null(x.Printed), null(x.Registered))
		}
		for j, e := range r.Link.Evidence {
			l.insert("ref_doi_evidence", "document_id, n, position, source, doi, pmid, score, agrees, detail, url",
				d.id, r.N, j+1, e.Source, null(NormalizeDOI(e.DOI)), null(digitsOnly(e.PMID)), clamp01(e.Score), boolInt(e.Agrees), null(e.Detail), null(e.URL))
		}
		for j, c := range r.Link.Candidates {
			l.insert("ref_candidates", "document_id, n, rank, doi, title, type, journal, year, score",
				d.id, r.N, j+1, null(NormalizeDOI(c.DOI)), null(c.Title), null(c.Type), null(c.Journal), nullInt(c.Year), clamp01(c.Score))
		}
	}
}
