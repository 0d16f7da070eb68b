package publish

import (
	"runtime"
)

// gzipChunk is the size of the pieces compressed in parallel. Deflate
// looks back 32 KB, so cutting every megabyte costs almost nothing.
const gzipChunk = 1 << 20

// chunkGzip compresses a stream in fixed-size chunks on all cores and
// joins them as consecutive gzip members, which every gzip reader (gzip
// -d, tar, Go, Python, zlib's gzread) reads as one stream. Where the
// chunks are cut depends only on the bytes written, so the output is
// deterministic. Memory is bounded: a few raw chunks in flight, and the
// compressed ones until Bytes.
type chunkGzip struct {
	buf  []byte
	outs []chan gzResult // one per chunk, in order
	sem  chan struct{}
}

type gzResult struct {
	data []byte
	err  error
}

func newChunkGzip() *chunkGzip {
	return &chunkGzip{sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

func (z *chunkGzip) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), gzipChunk-len(z.buf))
		z.buf = append(z.buf, p[:k]...)
		p = p[k:]
		if len(z.buf) == gzipChunk {
			z.dispatch()
		}
	}
	return n, nil
}

func (z *chunkGzip) dispatch() {
	chunk := z.buf
	z.buf = make([]byte, 0, gzipChunk)
	out := make(chan gzResult, 1)
	z.outs = append(z.outs, out)
	z.sem <- struct{}{}
	go func() {
		defer func() { <-z.sem }()
		data, err := gzipBytes(chunk)
		out <- gzResult{data, err}
	}()
}

// Bytes compresses what is left and returns the whole stream.
func (z *chunkGzip) Bytes() ([]byte, error) {
	if len(z.buf) > 0 || len(z.outs) == 0 {
		z.dispatch()
	}
	var all []byte
	var firstErr error
	for _, out := range z.outs {
		r := <-out
		if r.err != nil && firstErr == nil {
			firstErr = r.err
		}
		all = append(all, r.data...)
	}
	return all, firstErr
}

// gzipParallel compresses data as chunkGzip does.
func gzipParallel(data []byte) ([]byte, error) {
	z := newChunkGzip()
	z.Write(data)
	return z.Bytes()
}
