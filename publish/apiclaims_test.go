package publish

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Every subject claims.json lists has its file, with as many claims as
// it says, each about that subject; together they hold every claim.
func TestClaimFiles(t *testing.T) {
	rel := build(t)
	var idx ClaimIndex
	readJSONBytes(t, rel.File(apiDir+"claims.json"), &idx)
	var index Index
	readJSONBytes(t, rel.File(apiDir+"index.json"), &index)
	db := openDB(t, rel)
	if n := queryStrings(t, db, "SELECT count(*) FROM claims"); idx.Claims == 0 || n[0] != fmt.Sprint(idx.Claims) || index.Counts.Claims != idx.Claims {
		t.Errorf("claims.json counts %d, index.json %d, the database %v", idx.Claims, index.Counts.Claims, n)
	}
	if len(idx.Entities) == 0 || len(idx.Drugs) == 0 || len(idx.Mechanisms) == 0 {
		t.Fatalf("claims.json: %d entities, %d drugs, %d mechanisms", len(idx.Entities), len(idx.Drugs), len(idx.Mechanisms))
	}
	inMechFiles := map[string]bool{}
	for _, list := range [][]ClaimSubject{idx.Entities, idx.Drugs, idx.Mechanisms} {
		for _, s := range list {
			var set ClaimSet
			readJSONBytes(t, rel.File(apiDir+s.Href), &set)
			if set.Subject != s || len(set.Claims) != s.Claims {
				t.Errorf("%s: subject %+v with %d claims, claims.json says %+v", s.Href, set.Subject, len(set.Claims), s)
			}
			if rel.File(apiDir+s.About) == nil {
				t.Errorf("%s: about %s, which the release does not have", s.Href, s.About)
			}
			for _, c := range set.Claims {
				if !about(c, s) {
					t.Errorf("%s: claim %s is not about %s", s.Href, c.ID, s.ID)
				}
				if s.Kind == ClaimsOfMechanism {
					inMechFiles[c.Document+" "+c.ID] = true
				}
			}
		}
	}
	withMech := queryStrings(t, db, "SELECT document_id || ' ' || id FROM claims WHERE mechanism IS NOT NULL")
	if len(withMech) != len(inMechFiles) {
		t.Errorf("%d claims have a mechanism, the mechanism files hold %d", len(withMech), len(inMechFiles))
	}
}

func about(c APIClaim, s ClaimSubject) bool {
	switch s.Kind {
	case ClaimsOfAgent:
		return c.Agent.Entity != nil && *c.Agent.Entity == s.ID
	case ClaimsOfDrug:
		return slices.ContainsFunc(c.Drugs, func(d ClaimTermAPI) bool { return d.Entity != nil && *d.Entity == s.ID })
	case ClaimsOfMechanism:
		return c.Mechanism != nil && *c.Mechanism == s.ID
	}
	return false
}

// "What confers resistance to cisplatin here, and who says so?" gets the
// same answer from the README's SQL query and from its API file.
func TestCisplatinQuestion(t *testing.T) {
	rel := build(t)
	db := openDB(t, rel)
	fromDB := queryStrings(t, db, `SELECT DISTINCT claim_id || ' ' || agent || ' ' || coalesce(reference_n, '-') FROM drug_resistance
		WHERE drug_name = 'cisplatin' AND effect = 'resistance' AND negated = 0`)
	var set ClaimSet
	readJSONBytes(t, rel.File(apiDir+"claims/drugs/MESH-D002945.json"), &set)
	var fromAPI []string
	for _, c := range set.Claims {
		if c.Effect != "resistance" || c.Negated {
			continue
		}
		if len(c.References) == 0 {
			fromAPI = append(fromAPI, c.ID+" "+c.Agent.Name+" -")
		}
		for _, r := range c.References {
			fromAPI = append(fromAPI, fmt.Sprintf("%s %s %d", c.ID, c.Agent.Name, r.N))
		}
	}
	slices.Sort(fromDB)
	slices.Sort(fromAPI)
	if !slices.Equal(fromDB, fromAPI) || len(fromDB) == 0 {
		t.Errorf("database:\n%s\napi:\n%s", strings.Join(fromDB, "\n"), strings.Join(fromAPI, "\n"))
	}
	if set.Subject.Name != "cisplatin" {
		t.Errorf("subject %+v", set.Subject)
	}
}

// The claims schema rejects what it forbids.
func TestClaimSchemaRejects(t *testing.T) {
	v, err := NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	p := apiDir + "claims/drugs/MESH-D002945.json"
	good := string(build(t).File(p))
	if err := v.Validate(p, []byte(good)); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"unknown relation": strings.Replace(good, `"relation":"inactivates"`, `"relation":"causes"`, 1),
		"missing field":    strings.Replace(good, `"ties_mechanism":true,`, ``, 1),
		"bad subject kind": strings.Replace(good, `"kind":"drug"`, `"kind":"target"`, 1),
		"no claims":        `{"subject":{"kind":"drug","id":"x","type":"chemical","name":"x","claims":1,"href":"claims/drugs/x.json","about":"entities/chemical/x.json"},"claims":[]}`,
	} {
		if bad == good {
			t.Fatalf("%s: the edit did not apply", name)
		}
		if err := v.Validate(p, []byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
