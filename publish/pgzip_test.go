package publish

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"os/exec"
	"testing"
)

// gzipParallel compresses data in one stream through a chunkGzip.
func gzipParallel(data []byte) ([]byte, error) {
	var b bytes.Buffer
	z := newChunkGzip(&b, nil)
	z.Write(data)
	if err := z.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func TestChunkGzipRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	text := make([]byte, 3*gzipChunk+12345)
	for i := range text {
		text[i] = "acgt ,.\n"[rng.IntN(8)]
	}
	for _, data := range [][]byte{nil, []byte("x"), text[:gzipChunk], text} {
		gz, err := gzipParallel(data)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz)) // multistream by default
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%d bytes: round trip gave %d bytes, %v", len(data), len(got), err)
		}
		again, _ := gzipParallel(data)
		if !bytes.Equal(gz, again) {
			t.Fatalf("%d bytes: two compressions differ", len(data))
		}
		// What users run.
		if gzipCmd, err := exec.LookPath("gzip"); err == nil {
			cmd := exec.Command(gzipCmd, "-dc")
			cmd.Stdin = bytes.NewReader(gz)
			out, err := cmd.Output()
			if err != nil || !bytes.Equal(out, data) {
				t.Fatalf("%d bytes: gzip -dc gave %d bytes, %v", len(data), len(out), err)
			}
		}
	}
}

// A file written between two cuts is compressed into the same members as
// alone, so the tarball can reuse the database's compressed chunks; the
// memo changes no byte of the output.
func TestChunkGzipMemo(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	data := make([]byte, 3*gzipChunk+777)
	for i := range data {
		data[i] = "acgt ,.\n"[rng.IntN(8)]
	}
	memo := newGzMemo()
	var alone bytes.Buffer
	z := newChunkGzip(&alone, memo)
	z.Write(data)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if len(memo.m) != 4 {
		t.Fatalf("memo holds %d chunks, want 4", len(memo.m))
	}
	packed := func(memo *gzMemo) []byte {
		var b bytes.Buffer
		z := newChunkGzip(&b, nil)
		z.Write([]byte("header, "))
		z.cut()
		z.memo = memo
		z.Write(data)
		z.cut()
		z.memo = nil
		z.Write([]byte(", trailer"))
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	with, without := packed(memo), packed(nil)
	if !bytes.Equal(with, without) {
		t.Fatal("the memo changed the output")
	}
	if !bytes.Contains(with, alone.Bytes()) {
		t.Fatal("the file between cuts is not in the same members as alone")
	}
	zr, err := gzip.NewReader(bytes.NewReader(with))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	want := append(append([]byte("header, "), data...), ", trailer"...)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("round trip gave %d bytes, %v; want %d", len(got), err, len(want))
	}
}

// The compressed stream reaches its writer while it is written, not only
// at Close: a large file never waits whole in memory.
func TestChunkGzipStreams(t *testing.T) {
	var b bytes.Buffer
	z := newChunkGzip(&b, nil)
	chunk := bytes.Repeat([]byte("chemoresistance "), gzipChunk/16)
	n := 2*cap(z.sem) + 2 // past the most that may wait
	for range n {
		z.Write(chunk)
	}
	if b.Len() == 0 {
		t.Fatalf("nothing written after %d chunks", n)
	}
	if len(z.outs) > 2*cap(z.sem) {
		t.Errorf("%d members wait, want at most %d", len(z.outs), 2*cap(z.sem))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || len(got) != n*len(chunk) {
		t.Fatalf("round trip gave %d bytes, %v; want %d", len(got), err, n*len(chunk))
	}
}
