package normalize

import (
	"fmt"
	"strings"
)

// Family is the entity type of gene families and protein complexes:
// "AKT", "GST", "NF-κB", "ABC transporters".
const Family = "family"

// FamilyColumns are the columns of the families lexicon.
var FamilyColumns = []string{"id", "name", "identifiers", "members", "synonyms", "note"}

// addFamilies reads the families lexicon. Members are official gene
// symbols, so the genes lexicon must be loaded first; a member it does
// not know is an error, which catches typos and renamed genes.
func (lx *Lexicon) addFamilies(body []byte) (int, error) {
	symbols := map[string]string{}
	for _, e := range lx.entities {
		if e.typ == Gene {
			symbols[e.name] = e.id
		}
	}
	n := 0
	err := rows(body, FamilyColumns, func(line int, f []string) error {
		name := strings.TrimSpace(f[1])
		if name == "" {
			return fmt.Errorf("%w: empty name", ErrLexicon)
		}
		id := strings.TrimSpace(f[0])
		if id == "" {
			id = "chemores:" + slug(name)
		}
		ids, err := curies(f[2])
		if err != nil {
			return err
		}
		if _, dup := lx.byID[id]; dup {
			return fmt.Errorf("%w: duplicate id %s", ErrLexicon, id)
		}
		var members []string
		for _, m := range splitList(f[3]) {
			g, ok := symbols[m]
			if !ok {
				return fmt.Errorf("%w: member %q is not a gene symbol of the genes lexicon", ErrLexicon, m)
			}
			members = append(members, g)
		}
		if len(members) == 0 {
			return fmt.Errorf("%w: family %s has no members", ErrLexicon, name)
		}
		e := lx.addEntity(lexEntity{id: id, typ: Family, name: name, ids: ids, members: members})
		lx.addName(name, e, kindName, curatedFlags(name))
		for _, s := range splitList(f[4]) {
			lx.addName(s, e, kindName, curatedFlags(s))
		}
		n++
		return nil
	})
	return n, err
}
