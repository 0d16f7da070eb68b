package publish

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkBuild times a whole release of the seed review in memory:
// database, API, schemas, data package, tarball, checksums.
func BenchmarkBuild(b *testing.B) {
	in, opts := fixture(b), options(b)
	var rows int
	var load float64
	for b.Loop() {
		rel, err := Build(context.Background(), []Input{in}, opts)
		if err != nil {
			b.Fatal(err)
		}
		rows, load = rel.Stats.DB.Rows, load+rel.Stats.DB.Load.Seconds()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/load, "rows/s")
}

// BenchmarkDatabase times the database alone: load, index, VACUUM, serialize.
func BenchmarkDatabase(b *testing.B) {
	ds, err := newDataset([]Input{fixture(b)}, vocab(b), TextAuto)
	if err != nil {
		b.Fatal(err)
	}
	meta := releaseMeta{Meta: DefaultMeta, ID: "2024-10-01", Time: fixtureTime}
	for b.Loop() {
		if _, _, _, err := buildDB(context.Background(), ds, meta); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPublish adds writing the release to disk (staged, each file
// synced, renamed into place) and latest.json.
func BenchmarkPublish(b *testing.B) {
	in, opts := fixture(b), options(b)
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		d := &Dist{Dir: filepath.Join(dir, strconv.Itoa(i))}
		if _, err := d.Publish(context.Background(), []Input{in}, PublishOptions{Time: opts.Time, Mechanisms: opts.Mechanisms}); err != nil {
			b.Fatal(err)
		}
	}
}
