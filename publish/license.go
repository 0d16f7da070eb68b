package publish

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chemores/chemores/internal/lazyre"
)

// DocLicense is the licence of a source document's text and where it was
// found. It comes from a sidecar next to the source
// (seeds/<document>.license.json, read by ParseLicense) or, for JATS,
// from the licence the XML states; without either it is unknown.
type DocLicense struct {
	// License is an SPDX id ("CC-BY-4.0"), "unknown", or
	// "LicenseRef-..." for terms SPDX does not list.
	License string `json:"license"`
	URL     string `json:"url,omitempty"` // the licence's text
	// Redistribute says whether the licence lets the release carry the
	// document's full text: "yes", "no" or "unknown".
	Redistribute string `json:"redistribute_text"`
	Source       string `json:"source"`            // the page the licence was read on (or looked for), or "jats"
	Checked      string `json:"checked,omitempty"` // when, as an ISO 8601 date
	Note         string `json:"note,omitempty"`
}

// Redistribution answers.
const (
	RedistYes     = "yes"
	RedistNo      = "no"
	RedistUnknown = "unknown"
)

// LicenseUnknown is the licence of a document nobody found one for.
const LicenseUnknown = "unknown"

var (
	licenseIDRe = lazyre.New(`^(unknown|[A-Za-z0-9][A-Za-z0-9.+-]{0,63})$`)
	dateRe      = lazyre.New(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// ParseLicense reads a licence sidecar: one JSON object with the fields
// of DocLicense, no others.
func ParseLicense(data []byte) (DocLicense, error) {
	var l DocLicense
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return l, fmt.Errorf("licence sidecar: %w", err)
	}
	if dec.More() {
		return l, fmt.Errorf("licence sidecar: more than one JSON value")
	}
	switch {
	case !licenseIDRe().MatchString(l.License):
		return l, fmt.Errorf("licence sidecar: license %q: want an SPDX id or \"unknown\"", l.License)
	case l.Redistribute != RedistYes && l.Redistribute != RedistNo && l.Redistribute != RedistUnknown:
		return l, fmt.Errorf("licence sidecar: redistribute_text %q: want yes, no or unknown", l.Redistribute)
	case strings.TrimSpace(l.Source) == "":
		return l, fmt.Errorf("licence sidecar: source is empty: say where the licence was found or looked for")
	case l.URL != "" && !strings.HasPrefix(l.URL, "https://") && !strings.HasPrefix(l.URL, "http://"):
		return l, fmt.Errorf("licence sidecar: url %q is not an http(s) URL", l.URL)
	case l.Checked != "" && !dateRe().MatchString(l.Checked):
		return l, fmt.Errorf("licence sidecar: checked %q: want a date such as 2026-12-07", l.Checked)
	}
	return l, nil
}

// ccRe reads a Creative Commons licence URL: its kind and version.
var ccRe = lazyre.New(`creativecommons\.org/(licenses/(by(?:-nc)?(?:-nd|-sa)?)|publicdomain/(zero))/([0-9.]+)`)

// licenseFromText makes a licence of what a source states (JATS's
// <license> URL or text): Creative Commons licences, which all let the
// text be shared, by their SPDX ids; anything else is kept as stated,
// with redistribution unknown.
func licenseFromText(stated string) DocLicense {
	l := DocLicense{License: LicenseUnknown, Redistribute: RedistUnknown, Source: "jats", Note: "as the document states it"}
	m := ccRe().FindStringSubmatch(strings.ToLower(stated))
	if m == nil {
		if strings.HasPrefix(stated, "http://") || strings.HasPrefix(stated, "https://") {
			l.URL = stated
		} else {
			l.Note = "the document states: " + strings.Join(strings.Fields(stated), " ")
		}
		return l
	}
	ver := strings.TrimSuffix(m[4], ".")
	if m[3] == "zero" {
		l.License = "CC0-" + ver
	} else {
		l.License = "CC-" + strings.ToUpper(m[2]) + "-" + ver
	}
	l.URL = "https://" + m[0] + "/"
	l.Redistribute = RedistYes
	return l
}

// documentLicense is a document's licence: the sidecar's, else the one
// the source states, else unknown.
func documentLicense(in Input) DocLicense {
	switch {
	case in.License != nil:
		return *in.License
	case in.Doc.Front.License != "":
		return licenseFromText(in.Doc.Front.License)
	}
	return DocLicense{License: LicenseUnknown, Redistribute: RedistUnknown, Source: "none", Note: "no licence sidecar and none stated in the source"}
}

// Text policies: whether a release carries the documents' full text.
const (
	TextAuto    = "auto"    // include it unless the document's licence says it may not be shared
	TextInclude = "include" // always
	TextOmit    = "omit"    // never: ids, offsets, entities and claims stay
)

// ValidTextPolicy reports whether p is a text policy ("" means auto).
func ValidTextPolicy(p string) bool {
	return p == "" || p == TextAuto || p == TextInclude || p == TextOmit
}

// includeText decides for one document.
func includeText(policy string, l DocLicense) bool {
	switch policy {
	case TextInclude:
		return true
	case TextOmit:
		return false
	}
	return l.Redistribute != RedistNo
}
