package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseLicense(t *testing.T) {
	tests := []struct {
		name, in string
		err      string // a word of the error; "" for none
	}{
		{"known", `{"license": "CC-BY-4.0", "url": "https://creativecommons.org/licenses/by/4.0/", "redistribute_text": "yes", "source": "https://example.org/article", "checked": "2026-12-07"}`, ""},
		{"unknown", `{"license": "unknown", "redistribute_text": "unknown", "source": "https://example.org/record"}`, ""},
		{"all rights reserved", `{"license": "LicenseRef-publisher", "redistribute_text": "no", "source": "https://example.org/terms"}`, ""},
		{"no source", `{"license": "unknown", "redistribute_text": "unknown", "source": " "}`, "source"},
		{"bad answer", `{"license": "CC-BY-4.0", "redistribute_text": "maybe", "source": "x"}`, "redistribute_text"},
		{"bad id", `{"license": "CC BY", "redistribute_text": "yes", "source": "x"}`, "SPDX"},
		{"bad url", `{"license": "CC-BY-4.0", "url": "javascript:alert(1)", "redistribute_text": "yes", "source": "x"}`, "url"},
		{"bad date", `{"license": "CC-BY-4.0", "redistribute_text": "yes", "source": "x", "checked": "yesterday"}`, "checked"},
		{"unknown field", `{"license": "CC-BY-4.0", "redistribute_text": "yes", "source": "x", "licence": "typo"}`, "unknown field"},
		{"two values", `{"license": "unknown", "redistribute_text": "unknown", "source": "x"} {}`, "more than one"},
		{"not JSON", `license: CC-BY`, "invalid"},
	}
	for _, tt := range tests {
		_, err := ParseLicense([]byte(tt.in))
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want one about %q", tt.name, err, tt.err)
		}
	}
}

// TestSeedLicenses: every sidecar committed beside the seeds parses and
// says where its licence was looked for.
func TestSeedLicenses(t *testing.T) {
	paths, _ := filepath.Glob("../seeds/*.license.json")
	if len(paths) == 0 {
		t.Fatal("no licence sidecar in seeds/")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		l, err := ParseLicense(data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !strings.HasPrefix(l.Source, "https://") && !strings.HasPrefix(l.Source, "http://") {
			t.Errorf("%s: source %q is not the page the licence was looked for on", p, l.Source)
		}
		src := strings.TrimSuffix(p, ".license.json")
		if m, _ := filepath.Glob(src + ".*"); len(m) < 2 {
			t.Errorf("%s: no source document beside it", p)
		}
	}
}

func TestLicenseFromText(t *testing.T) {
	tests := []struct{ in, id, redist, url string }{
		{"http://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0", RedistYes, "https://creativecommons.org/licenses/by/4.0/"},
		{"https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode", "CC-BY-NC-ND-4.0", RedistYes, "https://creativecommons.org/licenses/by-nc-nd/4.0/"},
		{"https://creativecommons.org/licenses/by-nc-sa/3.0", "CC-BY-NC-SA-3.0", RedistYes, "https://creativecommons.org/licenses/by-nc-sa/3.0/"},
		{"https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0", RedistYes, "https://creativecommons.org/publicdomain/zero/1.0/"},
		{"https://publisher.example/terms", LicenseUnknown, RedistUnknown, "https://publisher.example/terms"},
		{"This article is free to read.", LicenseUnknown, RedistUnknown, ""},
	}
	for _, tt := range tests {
		l := licenseFromText(tt.in)
		if l.License != tt.id || l.Redistribute != tt.redist || l.URL != tt.url || l.Source != "jats" {
			t.Errorf("%q: %+v, want %s, %s, %s", tt.in, l, tt.id, tt.redist, tt.url)
		}
	}
}

func TestIncludeText(t *testing.T) {
	no := DocLicense{License: "LicenseRef-x", Redistribute: RedistNo}
	unknown := DocLicense{License: LicenseUnknown, Redistribute: RedistUnknown}
	for _, tt := range []struct {
		policy string
		l      DocLicense
		want   bool
	}{
		{TextAuto, no, false}, {"", no, false}, {TextAuto, unknown, true},
		{TextInclude, no, true}, {TextOmit, unknown, false},
	} {
		if got := includeText(tt.policy, tt.l); got != tt.want {
			t.Errorf("%q with redistribution %s: %v", tt.policy, tt.l.Redistribute, got)
		}
	}
}

func FuzzParseLicense(f *testing.F) {
	f.Add([]byte(`{"license": "CC-BY-4.0", "redistribute_text": "yes", "source": "https://example.org/"}`))
	f.Add([]byte(`{"license": "unknown", "redistribute_text": "unknown", "source": "x", "checked": "2026-01-01"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseLicense(data)
		if err != nil {
			return
		}
		if !licenseIDRe().MatchString(l.License) || strings.TrimSpace(l.Source) == "" {
			t.Fatalf("accepted %+v", l)
		}
	})
}
