package enrich

import (
	"encoding/json"
	"fmt"
	"strings"
)

// citResult is ECitMatch's answer for one citation line.
type citResult struct {
	PMID      string // digits, or ""
	Ambiguous bool   // several articles fit
}

// parseCitMatch reads ECitMatch's plain-text answer: the query line
// echoed with the PMID (or NOT_FOUND, AMBIGUOUS ...) after the key.
func parseCitMatch(text string) (citResult, error) {
	var res citResult
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) < 7 {
			return res, fmt.Errorf("%w: ECitMatch line has %d fields, want 7: %q", ErrDecode, len(f), abbreviate(line, 80))
		}
		v := strings.TrimSpace(f[6])
		switch {
		case isDigits(v) && len(v) <= 10:
			res.PMID = v
		case strings.Contains(strings.ToUpper(v), "AMBIGUOUS"):
			res.Ambiguous = true
		}
		return res, nil
	}
	return res, fmt.Errorf("%w: empty ECitMatch answer", ErrDecode)
}

// summaryDOI reads the DOI of pmid from an ESummary JSON answer, or "".
func summaryDOI(data []byte, pmid string) (string, error) {
	var s struct {
		Result map[string]json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		return "", fmt.Errorf("%w: esummary: %v", ErrDecode, err)
	}
	raw, ok := s.Result[pmid]
	if !ok {
		return "", fmt.Errorf("%w: esummary has no record for PMID %s", ErrDecode, pmid)
	}
	var rec struct {
		ArticleIDs []struct {
			IDType string `json:"idtype"`
			Value  string `json:"value"`
		} `json:"articleids"`
	}
	if err := json.Unmarshal(raw, &rec); err != nil {
		return "", fmt.Errorf("%w: esummary record %s: %v", ErrDecode, pmid, err)
	}
	for _, id := range rec.ArticleIDs {
		if id.IDType == "doi" && strings.HasPrefix(id.Value, "10.") {
			return strings.ToLower(strings.TrimSpace(id.Value)), nil
		}
	}
	return "", nil
}

func abbreviate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}
