package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkExtractJATS reads a synthetic review of 200 references and
// 80 paragraphs citing them (about 120 KB of XML) from bytes to Document.
func BenchmarkExtractJATS(b *testing.B) {
	var body strings.Builder
	for i := 0; i < 80; i++ {
		n := i*5%200 + 1
		fmt.Fprintf(&body, `<p>Paragraph %d on TGF-<italic>β</italic> and H<sub>2</sub>O<sub>2</sub> in tolerant cells, which several studies describe [<xref ref-type="bibr" rid="B%d">%d</xref>], and more of them [<xref ref-type="bibr" rid="B%d">%d</xref>&#x2013;<xref ref-type="bibr" rid="B%d">%d</xref>]; the rest of the paragraph runs on for a while as review paragraphs do, naming ABCB1, NF-κB and cisplatin.</p>`,
			i, n, n, n, n, min(n+3, 200), min(n+3, 200))
	}
	data := article(body.String(), 200)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(context.Background(), "bench.xml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// corpusDir is the shared test corpus of real articles (PDF and JATS of
// each), outside the repository; benchmarks and tests that need it skip
// where it is missing.
const corpusDir = "../../shared/corpus"

// BenchmarkCorpusJATSvsPDF reads one real review, 229 references and 24
// pages, from its JATS and from its PDF: the speed the issue asks about.
func BenchmarkCorpusJATSvsPDF(b *testing.B) {
	dir := filepath.Join(corpusDir, "bmc_jnanobiotech2018_green_review")
	for _, name := range []string{"article.xml", "article.pdf"} {
		b.Run(strings.TrimPrefix(filepath.Ext(name), "."), func(b *testing.B) {
			path := filepath.Join(dir, name)
			data, err := os.ReadFile(path)
			if err != nil {
				b.Skipf("no corpus: %v", err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(context.Background(), path, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
