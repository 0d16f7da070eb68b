package publish

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"os/exec"
	"testing"
)

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
