package release

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseManifest(f *testing.F) {
	f.Add(`{"release":"2026-01-01","files":[{"path":"a/b.json","bytes":1,"sha256":"` + strings.Repeat("a", 64) + `"}]}`)
	f.Add(`{"release":"2026-01-01","files":[{"path":"../x","bytes":1,"sha256":"` + strings.Repeat("a", 64) + `"}]}`)
	f.Add(`{"release":"2026-01-01","files":[{"path":"a\\..\\..\\x","bytes":1,"sha256":"` + strings.Repeat("a", 64) + `"}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		m, err := ParseManifest([]byte(in), "", 1<<20)
		if err != nil {
			return
		}
		base := filepath.Join(os.TempDir(), "dest")
		for _, e := range m.Files {
			p := filepath.Join(base, filepath.FromSlash(e.Path))
			if !strings.HasPrefix(p, base+string(filepath.Separator)) || strings.Contains(e.Path, "..") ||
				strings.ContainsAny(e.Path, `\:`) || e.Bytes > 1<<20 {
				t.Fatalf("accepted %+v", e)
			}
		}
	})
}
