package publish

import (
	"bytes"
	"crypto/sha256"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
)

// gzipChunk is the size of the pieces compressed in parallel. Deflate
// looks back 32 KB, so cutting every megabyte costs almost nothing.
const gzipChunk = 1 << 20

// gzipLevel is klauspost/compress's level 5: on a 200-review corpus it
// gives output up to 1% smaller than the standard library's level 4 in
// 60% of the time (BENCHMARKS.md, "publish"), and compression is the
// largest share of the CPU a large release costs.
const gzipLevel = 5

// gzipWriters and chunkBufs are reused: a compressor's tables and a
// chunk are a megabyte or more each, and allocating them for every chunk
// made a fifth of a large build's garbage.
var (
	gzipWriters = sync.Pool{New: func() any {
		zw, err := gzip.NewWriterLevel(nil, gzipLevel)
		if err != nil {
			panic(err) // gzipLevel is a valid level
		}
		return zw
	}}
	chunkBufs = sync.Pool{New: func() any { return new([gzipChunk]byte) }}
)

// gzipBytes compresses with a fixed header: no file name, no time, so the
// same input always gives the same bytes.
func gzipBytes(data []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&b)
	// MTIME 0 means "no time" (RFC 1952); klauspost's writer turns the
	// zero time.Time into a date in 2042 unless told.
	zw.ModTime = time.Unix(0, 0)
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// chunkGzip compresses a stream in chunks on all cores and writes them,
// in order, to w as consecutive gzip members, which every gzip reader
// (gzip -d, tar, Go, Python, zlib's gzread) reads as one stream. Where
// members end depends only on the bytes written and the calls to cut, so
// the output is deterministic. Memory is bounded: a few chunks in flight,
// raw and compressed.
type chunkGzip struct {
	w    io.Writer
	buf  []byte
	outs []chan gzResult // members not yet written, in order
	sem  chan struct{}
	n    int     // members dispatched
	memo *gzMemo // where chunks are looked up and kept; nil: nowhere
	err  error   // the first error; everything after it is dropped
}

type gzResult struct {
	data []byte
	err  error
}

func newChunkGzip(w io.Writer, memo *gzMemo) *chunkGzip {
	return &chunkGzip{w: w, memo: memo, sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

func (z *chunkGzip) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if z.buf == nil {
			z.buf = chunkBufs.Get().(*[gzipChunk]byte)[:0]
		}
		k := min(len(p), gzipChunk-len(z.buf))
		z.buf = append(z.buf, p[:k]...)
		p = p[k:]
		if len(z.buf) == gzipChunk {
			z.dispatch()
		}
	}
	return n, z.err
}

// cut ends the current member, so that what is written next starts a
// chunk of its own. A file written between two cuts is compressed in the
// same chunks wherever it is written, which is what lets the memo work.
func (z *chunkGzip) cut() {
	if len(z.buf) > 0 {
		z.dispatch()
	}
}

func (z *chunkGzip) dispatch() {
	chunk := z.buf
	z.buf = nil
	out := make(chan gzResult, 1)
	z.outs = append(z.outs, out)
	z.n++
	memo := z.memo
	var key [sha256.Size]byte
	if memo != nil {
		key = sha256.Sum256(chunk)
		if data, ok := memo.get(key); ok {
			recycle(chunk)
			out <- gzResult{data: data}
			z.drain(2 * cap(z.sem))
			return
		}
	}
	z.sem <- struct{}{}
	go func() {
		defer func() { <-z.sem }()
		data, err := gzipBytes(chunk)
		recycle(chunk)
		if err == nil && memo != nil {
			memo.put(key, data)
		}
		out <- gzResult{data, err}
	}()
	// Write out what is done; wait only when too much is pending.
	z.drain(2 * cap(z.sem))
}

// recycle returns a chunk's buffer to the pool.
func recycle(chunk []byte) {
	if cap(chunk) == gzipChunk {
		chunkBufs.Put((*[gzipChunk]byte)(chunk[:gzipChunk]))
	}
}

// drain writes finished members in order, and waits for the oldest
// until no more than keep are pending.
func (z *chunkGzip) drain(keep int) {
	for len(z.outs) > 0 {
		var r gzResult
		if len(z.outs) > keep {
			r = <-z.outs[0]
		} else {
			select {
			case r = <-z.outs[0]:
			default:
				return
			}
		}
		z.outs = z.outs[1:]
		if z.err == nil {
			z.err = r.err
		}
		if z.err == nil {
			_, z.err = z.w.Write(r.data)
		}
	}
}

// Close compresses what is left and writes everything out; it does not
// close w. An empty stream is one empty member, a valid gzip file.
func (z *chunkGzip) Close() error {
	if len(z.buf) > 0 || z.n == 0 {
		z.dispatch()
	}
	z.drain(0)
	return z.err
}

// gzMemo keeps compressed chunks by the SHA-256 of their input. A
// release compresses its database twice, once alone and once in the
// tarball; with the memo the second time costs a hash per megabyte.
type gzMemo struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte][]byte
}

func newGzMemo() *gzMemo { return &gzMemo{m: map[[sha256.Size]byte][]byte{}} }

func (m *gzMemo) get(k [sha256.Size]byte) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.m[k]
	return data, ok
}

func (m *gzMemo) put(k [sha256.Size]byte, data []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[k] = data
}
