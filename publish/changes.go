package publish

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Snapshot is what a release says about its contents, enough to tell the
// next release what changed. It is read back from a published release's
// api/v1/index.json, entities.json and references.json, so it works
// against any earlier v1 release on disk.
type Snapshot struct {
	Release    string
	Created    string // RFC 3339; "" when unknown
	Documents  []DocumentRef
	Entities   []EntityItem
	References []ReferenceItem
}

// ReadSnapshot reads a release's snapshot from its directory (as an fs.FS
// rooted at the release).
func ReadSnapshot(fsys fs.FS) (*Snapshot, error) {
	var idx Index
	var ents EntityList
	var refs ReferenceList
	for _, f := range []struct {
		path string
		v    any
	}{{apiDir + "index.json", &idx}, {apiDir + "entities.json", &ents}, {apiDir + "references.json", &refs}} {
		b, err := fs.ReadFile(fsys, f.path)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, f.v); err != nil {
			return nil, fmt.Errorf("%s: %w", f.path, err)
		}
	}
	return &Snapshot{Release: idx.Release, Created: idx.Created, Documents: idx.Documents, Entities: ents.Items, References: refs.Items}, nil
}

// Changes is changes.json: what this release adds, removes and changes
// compared with the previous one. References are compared per
// reference-list entry, by its permanent id ref-<document>-<n> (the
// work's own id, which becomes doi-<DOI> once a DOI is known, is one of
// the fields compared), DOIs as a set.
type Changes struct {
	Release    string        `json:"release"`
	Previous   *string       `json:"previous"` // null for the first release
	Summary    ChangeSummary `json:"summary"`
	Documents  ChangeSet     `json:"documents"`
	Entities   ChangeSet     `json:"entities"`
	References ChangeSet     `json:"references"`
	DOIs       ChangeSet     `json:"dois"`
}

type ChangeSummary struct {
	Documents  ChangeCount `json:"documents"`
	Entities   ChangeCount `json:"entities"`
	References ChangeCount `json:"references"`
	DOIs       ChangeCount `json:"dois"`
}

type ChangeCount struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Changed int `json:"changed"`
}

type ChangeSet struct {
	Added   []ChangeItem `json:"added"`
	Removed []ChangeItem `json:"removed"`
	Changed []ChangeItem `json:"changed"`
}

// ChangeItem is one thing that appeared, disappeared or changed.
type ChangeItem struct {
	Key    string        `json:"key"`   // entity id, reference entry id ("ref-<document>-<n>"), DOI, document id
	Label  string        `json:"label"` // name or title
	Fields []FieldChange `json:"fields,omitempty"`
}

type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

type keyed struct {
	label  string
	fields map[string]string
}

func diffSnapshots(prev, cur *Snapshot) *Changes {
	c := &Changes{Release: cur.Release}
	if prev == nil {
		prev = &Snapshot{}
	} else {
		p := prev.Release
		c.Previous = &p
	}
	c.Documents = diffKeyed(docKeys(prev), docKeys(cur))
	c.Entities = diffKeyed(entityKeys(prev), entityKeys(cur))
	c.References = diffKeyed(refKeys(prev), refKeys(cur))
	c.DOIs = diffKeyed(doiKeys(prev), doiKeys(cur))
	count := func(s ChangeSet) ChangeCount { return ChangeCount{len(s.Added), len(s.Removed), len(s.Changed)} }
	c.Summary = ChangeSummary{count(c.Documents), count(c.Entities), count(c.References), count(c.DOIs)}
	return c
}

func diffKeyed(old, cur map[string]keyed) ChangeSet {
	s := ChangeSet{Added: []ChangeItem{}, Removed: []ChangeItem{}, Changed: []ChangeItem{}}
	for k, v := range cur {
		o, ok := old[k]
		if !ok {
			s.Added = append(s.Added, ChangeItem{Key: k, Label: v.label})
			continue
		}
		var fc []FieldChange
		for f, nv := range v.fields {
			if ov := o.fields[f]; ov != nv {
				fc = append(fc, FieldChange{f, ov, nv})
			}
		}
		if len(fc) > 0 {
			slices.SortFunc(fc, func(a, b FieldChange) int { return strings.Compare(a.Field, b.Field) })
			s.Changed = append(s.Changed, ChangeItem{Key: k, Label: v.label, Fields: fc})
		}
	}
	for k, v := range old {
		if _, ok := cur[k]; !ok {
			s.Removed = append(s.Removed, ChangeItem{Key: k, Label: v.label})
		}
	}
	for _, l := range []*[]ChangeItem{&s.Added, &s.Removed, &s.Changed} {
		slices.SortFunc(*l, func(a, b ChangeItem) int { return cmp.Compare(sortKey(a.Key), sortKey(b.Key)) })
	}
	return s
}

// sortKey orders "ref-doc-9" before "ref-doc-10".
func sortKey(k string) string {
	if i := strings.LastIndexByte(k, '-'); strings.HasPrefix(k, "ref-") && i > 0 {
		return fmt.Sprintf("%s-%012s", k[:i], k[i+1:])
	}
	return k
}

func docKeys(s *Snapshot) map[string]keyed {
	out := map[string]keyed{}
	for _, d := range s.Documents {
		out[d.ID] = keyed{d.Title, map[string]string{"title": d.Title, "doi": d.DOI}}
	}
	return out
}

func entityKeys(s *Snapshot) map[string]keyed {
	out := map[string]keyed{}
	for _, e := range s.Entities {
		var ids []string
		for _, id := range e.Identifiers {
			ids = append(ids, id.Scheme+":"+id.ID)
		}
		out[e.ID] = keyed{e.Type + " " + e.Name, map[string]string{
			"type": e.Type, "name": e.Name, "full_name": e.FullName,
			"identifiers": strings.Join(ids, " "), "mentions": strconv.Itoa(e.Mentions),
		}}
	}
	return out
}

func refKeys(s *Snapshot) map[string]keyed {
	out := map[string]keyed{}
	for _, r := range s.References {
		year := ""
		if r.Year != nil {
			year = strconv.Itoa(*r.Year)
		}
		for _, c := range r.CitedIn {
			out[entryID(c.Document, c.N)] = keyed{r.Title, map[string]string{
				"id": r.ID, "title": r.Title, "journal": r.Journal, "year": year,
				"doi": r.DOI, "doi_status": r.DOIStatus, "doi_source": r.DOISource,
			}}
		}
	}
	return out
}

func doiKeys(s *Snapshot) map[string]keyed {
	out := map[string]keyed{}
	for _, r := range s.References {
		if r.DOI != "" {
			out[r.DOI] = keyed{r.Title, nil}
		}
	}
	return out
}

// Markdown renders CHANGES.md.
func (c *Changes) Markdown() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Changes in release %s\n\n", c.Release)
	if c.Previous == nil {
		b.WriteString("First release: everything in it is new.\n\n")
	} else {
		fmt.Fprintf(&b, "Compared with release %s.\n\n", *c.Previous)
	}
	b.WriteString("|            | added | removed | changed |\n|------------|------:|--------:|--------:|\n")
	for _, r := range []struct {
		name string
		c    ChangeCount
	}{{"documents", c.Summary.Documents}, {"entities", c.Summary.Entities}, {"references", c.Summary.References}, {"DOIs", c.Summary.DOIs}} {
		fmt.Fprintf(&b, "| %-10s | %5d | %7d | %7d |\n", r.name, r.c.Added, r.c.Removed, r.c.Changed)
	}
	for _, s := range []struct {
		title string
		set   ChangeSet
	}{{"Documents", c.Documents}, {"Entities", c.Entities}, {"References", c.References}, {"DOIs", c.DOIs}} {
		if len(s.set.Added)+len(s.set.Removed)+len(s.set.Changed) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n", s.title)
		mdList(&b, "Added", s.set.Added)
		mdList(&b, "Removed", s.set.Removed)
		mdList(&b, "Changed", s.set.Changed)
	}
	return []byte(b.String())
}

// mdListMax keeps CHANGES.md readable; changes.json has every item.
const mdListMax = 50

func mdList(b *strings.Builder, title string, items []ChangeItem) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### %s (%d)\n\n", title, len(items))
	for i, it := range items {
		if i == mdListMax {
			fmt.Fprintf(b, "- ... and %d more (see changes.json)\n", len(items)-i)
			break
		}
		fmt.Fprintf(b, "- %s: %s", it.Key, mdEscape(it.Label))
		for _, f := range it.Fields {
			fmt.Fprintf(b, "; %s: %q -> %q", f.Field, f.Old, f.New)
		}
		b.WriteString("\n")
	}
}

func mdEscape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`).Replace(s)
}
