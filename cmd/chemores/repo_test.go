package main

import (
	"os"
	"strings"
	"testing"
)

// TestLicenseAndCitation: the code's licence and the citation metadata
// are there and agree (CITATION.cff names the licence LICENSE holds).
func TestLicenseAndCitation(t *testing.T) {
	lic, err := os.ReadFile("../../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lic), "Apache License\n                           Version 2.0, January 2004") {
		t.Error("LICENSE is not the Apache License 2.0")
	}
	cff, err := os.ReadFile("../../CITATION.cff")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, line := range strings.Split(string(cff), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "#") {
			keys[k] = strings.TrimSpace(v)
		}
	}
	for _, k := range []string{"cff-version", "message", "title", "authors", "type"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("CITATION.cff lacks %s", k)
		}
	}
	if keys["cff-version"] != "1.2.0" || keys["license"] != "Apache-2.0" {
		t.Errorf("CITATION.cff: cff-version %q, license %q", keys["cff-version"], keys["license"])
	}
	if strings.Contains(string(cff), "\t") {
		t.Error("CITATION.cff holds a tab, which YAML does not allow for indenting")
	}
}
