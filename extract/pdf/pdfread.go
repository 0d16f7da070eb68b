package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	gomath "math"
	"sync"

	"github.com/ledongthuc/pdf"
)

// glyph is one character code drawn on a page, in points from the
// bottom-left corner of the page as displayed (y grows upwards).
type glyph struct {
	s    string  // Unicode text, usually one code point
	x, y float64 // origin on the baseline
	w    float64 // advance width
	size float64 // font size after all transforms
	font *pdfFont
	seq  int // drawing order: breaks ties in sorts
}

type box struct{ x0, y0, x1, y1 float64 }

func (b box) w() float64 { return b.x1 - b.x0 }
func (b box) h() float64 { return b.y1 - b.y0 }

func (b box) contains(x, y float64) bool {
	return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1
}

// pageText is what a page holds for the layout: glyphs, and the boxes of
// images and painted rectangles (figures, framed boxes).
type pageText struct {
	n       int
	w, h    float64
	glyphs  []glyph
	figures []box
	images  int // images drawn, inline ones included
}

// Limits against files built to exhaust memory or time; real articles
// stay far below them.
const (
	maxPages       = 2000
	maxOpsPerPage  = 2_000_000
	maxGlyphsPage  = 200_000
	maxGlyphsDoc   = 2_000_000 // a 400-page book; glyphs and their layout take about 300 bytes each
	maxStreamBytes = 32 << 20  // decoded content of one stream
	maxFormDepth   = 8
)

// errLimit is raised (as a panic inside the interpreter callback, the
// only way to stop pdf.Interpret) when a page passes a limit.
type errLimit struct{ msg string }

func (e errLimit) Error() string { return e.msg }

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m×n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// gstate is the part of the graphics state that text placement needs.
type gstate struct {
	ctm                  matrix
	tc, tw, th, tl, rise float64
	font                 *pdfFont
	size                 float64
}

type fontCache struct {
	mu sync.Mutex
	m  map[string]*pdfFont
}

func newFontCache() *fontCache { return &fontCache{m: map[string]*pdfFont{}} }

// get returns the font of a font dictionary, loading it once. Pages are
// read in parallel; a font two pages load at once is loaded twice, to
// the same result, rather than holding the lock while it loads.
func (c *fontCache) get(key string, load func() *pdfFont) *pdfFont {
	c.mu.Lock()
	f, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return f
	}
	f = load()
	c.mu.Lock()
	defer c.mu.Unlock()
	if g, ok := c.m[key]; ok {
		return g
	}
	c.m[key] = f
	return f
}

// interp runs a page's content streams and records glyphs and figures.
type interp struct {
	page     *pageText
	fonts    *fontCache
	res      pdf.Value
	g        gstate
	saved    []gstate
	tm, tlm  matrix
	ops      int
	path     []box
	depth    int
	codes    []code
	fallback *pdfFont
	byName   map[string]*pdfFont // fonts of the current resources, by name
	args     []operand
}

// readPage extracts the glyphs of page n.
func readPage(p pdf.Page, n int, fonts *fontCache) (*pageText, error) {
	media := pageBox(p)
	rot := ((int(inherited(p.V, "Rotate").Int64()) % 360) + 360) % 360 / 90 * 90
	pt := &pageText{n: n, w: media.w(), h: media.h()}
	base := matrix{1, 0, 0, 1, -media.x0, -media.y0}
	switch rot {
	case 90:
		base = matrix{0, -1, 1, 0, -media.y0, media.x1}
		pt.w, pt.h = pt.h, pt.w
	case 180:
		base = matrix{-1, 0, 0, -1, media.x1, media.y1}
	case 270:
		base = matrix{0, 1, -1, 0, media.y1, -media.x0}
		pt.w, pt.h = pt.h, pt.w
	}
	in := &interp{
		page:     pt,
		fonts:    fonts,
		res:      inherited(p.V, "Resources"),
		g:        gstate{ctm: base, th: 1},
		fallback: &pdfFont{name: "unknown", scale: 0.001, vscale: 1, codeLen: 1, dw: 500},
		byName:   map[string]*pdfFont{},
	}
	contents := p.V.Key("Contents")
	streams := []pdf.Value{contents}
	if contents.Kind() == pdf.Array {
		streams = streams[:0]
		for i := 0; i < contents.Len() && i < 10000; i++ {
			streams = append(streams, contents.Index(i))
		}
	}
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		if err := in.run(s); err != nil {
			return pt, err
		}
	}
	if g := pt.glyphs; cap(g) > 2*len(g)+4096 {
		// A page of drawings: give back the room run made for text,
		// since the document's pages are all kept until the layout.
		pt.glyphs = append([]glyph(nil), g...)
	}
	return pt, nil
}

// run interprets one content stream, stopping at a limit.
func (in *interp) run(s pdf.Value) error {
	rd := s.Reader()
	data, err := readLimited(rd, maxStreamBytes, 4*s.Key("Length").Int64())
	rd.Close()
	if data == nil && err != nil {
		if err == errTooLarge {
			return errLimit{fmt.Sprintf("a content stream inflates to more than %d MB", maxStreamBytes>>20)}
		}
		return fmt.Errorf("content stream unreadable: %v", err)
	}
	// Room for a glyph per three bytes of content (what a kerned TJ
	// array costs, "(A)-20(B)"), up to the page's limit: growing the
	// slice by appends was a tenth of a whole run, copying.
	g := in.page.glyphs
	if want := min(len(g)+len(data)/3, maxGlyphsPage+1); cap(g) < want {
		in.page.glyphs = append(make([]glyph, 0, want), g...)
	}
	lx := contentLexer{d: data}
	args := in.args[:0]
	for {
		o, op, ok := lx.next()
		if !ok {
			break
		}
		if op == "" {
			if len(args) < 64 {
				args = append(args, o)
			}
			continue
		}
		if err := in.op(op, args); err != nil {
			return err
		}
		args = args[:0]
	}
	in.args = args
	if err != nil {
		return fmt.Errorf("content stream read in part: %v", err)
	}
	return nil
}

var errTooLarge = errors.New("stream too large")

// readLimited reads at most limit bytes; hint is the size to expect.
func readLimited(r io.Reader, limit, hint int64) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(int(min(max(hint, 512), limit)))
	n, err := io.Copy(&b, io.LimitReader(r, limit+1))
	if n > limit {
		return nil, errTooLarge
	}
	return b.Bytes(), err
}

func (in *interp) op(op string, args []operand) error {
	in.ops++
	if in.ops > maxOpsPerPage {
		return errLimit{fmt.Sprintf("more than %d drawing operations", maxOpsPerPage)}
	}
	n := len(args)
	num := func(i int) float64 {
		if i < n {
			return args[i].num
		}
		return 0
	}
	str := func(i int) string {
		if i < n {
			return args[i].s
		}
		return ""
	}
	switch op {
	case "q":
		if len(in.saved) < 1<<12 {
			in.saved = append(in.saved, in.g)
		}
	case "Q":
		if k := len(in.saved); k > 0 {
			in.g = in.saved[k-1]
			in.saved = in.saved[:k-1]
		}
	case "cm":
		if n == 6 {
			in.g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(in.g.ctm)
		}
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tc":
		in.g.tc = num(0)
	case "Tw":
		in.g.tw = num(0)
	case "Tz":
		in.g.th = num(0) / 100
	case "TL":
		in.g.tl = num(0)
	case "Ts":
		in.g.rise = num(0)
	case "Tf":
		if n == 2 {
			in.g.font = in.font(str(0))
			in.g.size = num(1)
		}
	case "Td":
		in.move(num(0), num(1))
	case "TD":
		in.g.tl = -num(1)
		in.move(num(0), num(1))
	case "Tm":
		if n == 6 {
			in.tm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
			in.tlm = in.tm
		}
	case "T*":
		in.move(0, -in.g.tl)
	case "Tj":
		return in.show(str(0))
	case "'":
		in.move(0, -in.g.tl)
		return in.show(str(0))
	case "\"":
		if n == 3 {
			in.g.tw, in.g.tc = num(0), num(1)
			in.move(0, -in.g.tl)
			return in.show(str(2))
		}
	case "TJ":
		if n == 0 {
			return nil
		}
		for _, x := range args[0].arr {
			switch x.kind {
			case opString:
				if err := in.show(x.s); err != nil {
					return err
				}
			case opNum:
				in.advance(-x.num / 1000 * in.g.size * in.g.th)
			}
		}
	case "re":
		if n == 4 {
			in.rect(num(0), num(1), num(2), num(3))
		}
	case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
		in.page.figures = append(in.page.figures, in.path...)
		in.path = in.path[:0]
	case "n":
		in.path = in.path[:0] // a clipping path, not drawn
	case "Do":
		return in.xobject(str(0))
	case "ID":
		in.page.images++
	}
	return nil
}

func (in *interp) move(tx, ty float64) {
	in.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(in.tlm)
	in.tm = in.tlm
}

func (in *interp) advance(tx float64) {
	in.tm[4] += tx * in.tm[0]
	in.tm[5] += tx * in.tm[1]
}

// font resolves a font resource. ledongthuc/pdf reads an object from
// the file each time it is looked up, and producers select the font
// before every string, so names are cached per resource dictionary.
func (in *interp) font(name string) *pdfFont {
	if f, ok := in.byName[name]; ok {
		return f
	}
	f := in.loadFont(name)
	in.byName[name] = f
	return f
}

func (in *interp) loadFont(name string) *pdfFont {
	v := in.res.Key("Font").Key(name)
	if v.Kind() != pdf.Dict {
		return in.fallback
	}
	return in.fonts.get(v.String(), func() *pdfFont { return loadFont(v) })
}

// show places the glyphs of a shown string and advances the text matrix.
func (in *interp) show(raw string) error {
	f := in.g.font
	if f == nil {
		f = in.fallback
	}
	g := &in.g
	in.codes = f.codes(raw, in.codes)
	for _, c := range in.codes {
		s := f.text(c)
		// The glyph covers its width; character and word spacing (Tc,
		// Tw) move the next one but are not part of it: a producer that
		// sets Tc and pulls each glyph back with TJ (iText, justifying)
		// draws words with no gap inside that the advance alone hides.
		w := f.width(c, s) * g.size * g.th
		tx := f.width(c, s)*g.size + g.tc
		if c.n == 1 && c.c == 32 {
			tx += g.tw
		}
		tx *= g.th
		m := in.tm.mul(g.ctm)
		upright := m[0] > 0 && m[3] > 0 && gomath.Abs(m[1]) < 0.05*m[0] && gomath.Abs(m[2]) < 0.05*m[3]
		if s != "" && upright && !f.vertical {
			x, y := m.apply(0, g.rise)
			size := g.size * gomath.Hypot(m[2], m[3]) * f.vscale
			if size > 0.5 && size < 400 {
				if len(in.page.glyphs) >= maxGlyphsPage {
					return errLimit{fmt.Sprintf("more than %d characters", maxGlyphsPage)}
				}
				in.page.glyphs = append(in.page.glyphs, glyph{
					s: s, x: x, y: y, w: w * gomath.Hypot(m[0], m[1]), size: gomath.Abs(size), font: f,
					seq: len(in.page.glyphs),
				})
			}
		}
		in.advance(tx)
	}
	return nil
}

// rect adds a rectangle to the current path, in page coordinates.
func (in *interp) rect(x, y, w, h float64) {
	if len(in.path) > 1<<12 {
		return
	}
	in.path = append(in.path, in.bbox(x, y, x+w, y+h))
}

// bbox transforms a user-space rectangle to a page box.
func (in *interp) bbox(x0, y0, x1, y1 float64) box {
	m := in.g.ctm
	b := box{gomath.Inf(1), gomath.Inf(1), gomath.Inf(-1), gomath.Inf(-1)}
	for _, p := range [][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		x, y := m.apply(p[0], p[1])
		b.x0, b.y0 = min(b.x0, x), min(b.y0, y)
		b.x1, b.y1 = max(b.x1, x), max(b.y1, y)
	}
	return b
}

// xobject draws an image (recorded as a figure box) or runs a form.
func (in *interp) xobject(name string) error {
	x := in.res.Key("XObject").Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		in.page.images++
		in.page.figures = append(in.page.figures, in.bbox(0, 0, 1, 1))
	case "Form":
		if in.depth >= maxFormDepth || x.Kind() != pdf.Stream {
			return nil
		}
		saveG, saveRes, saveTM, saveTLM, saveNames := in.g, in.res, in.tm, in.tlm, in.byName
		if m := x.Key("Matrix"); m.Len() == 6 {
			var fm matrix
			for i := range fm {
				fm[i] = m.Index(i).Float64()
			}
			in.g.ctm = fm.mul(in.g.ctm)
		}
		if r := x.Key("Resources"); r.Kind() == pdf.Dict {
			in.res = r
			in.byName = map[string]*pdfFont{}
		}
		in.depth++
		err := in.run(x)
		in.depth--
		in.g, in.res, in.tm, in.tlm, in.byName = saveG, saveRes, saveTM, saveTLM, saveNames
		var l errLimit
		if errors.As(err, &l) {
			return l
		}
	}
	return nil
}

// inherited looks a page attribute up the page tree.
func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && v.Kind() == pdf.Dict; i++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// pageBox is the crop box (what viewers show), else the media box, else A4.
func pageBox(p pdf.Page) box {
	for _, k := range []string{"CropBox", "MediaBox"} {
		v := inherited(p.V, k)
		if v.Len() != 4 {
			continue
		}
		b := box{v.Index(0).Float64(), v.Index(1).Float64(), v.Index(2).Float64(), v.Index(3).Float64()}
		if b.x0 > b.x1 {
			b.x0, b.x1 = b.x1, b.x0
		}
		if b.y0 > b.y1 {
			b.y0, b.y1 = b.y1, b.y0
		}
		if b.w() > 10 && b.h() > 10 && b.w() < 20000 && b.h() < 20000 {
			return b
		}
	}
	return box{0, 0, 595.28, 841.89}
}
