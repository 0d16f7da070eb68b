package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/chemores/chemores/extract"
	"github.com/chemores/chemores/internal/atomic"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pdfgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("pdfgen", flag.ContinueOnError)
	layout := fs.String("layout", "two-column", "page design: two-column or one-column")
	journal := fs.String("journal", "", "journal line of the running header")
	short := fs.String("short", "", "short title of the running header")
	fontDir := fs.String("fonts", "/usr/share/fonts/truetype/dejavu", "directory of the DejaVu TrueType fonts")
	core := fs.Bool("core", false, "use the standard Helvetica font, not embedded (ASCII text only; small files)")
	out := fs.String("o", "", "output PDF")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *out == "" {
		return errors.New("usage: pdfgen [-layout two-column|one-column] [-journal J] [-short S] -o OUT.pdf IN.txt")
	}
	var cfg config
	switch *layout {
	case "two-column":
		cfg = twoColumn
	case "one-column":
		cfg = oneColumn
	default:
		return fmt.Errorf("unknown layout %q", *layout)
	}
	cfg.journal, cfg.short = *journal, *short
	src, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	if *core {
		*fontDir = ""
	}
	data, err := typeset(string(src), cfg, *fontDir)
	if err != nil {
		return err
	}
	return atomic.WriteFile(*out, data, 0o644)
}

// typeset lays the article out and returns the PDF.
func typeset(src string, cfg config, fontDir string) ([]byte, error) {
	// The run-in headings are the extract stage's reading of the text;
	// the typesetter only sets them bold.
	var runIns []string
	if doc, err := extract.Parse(context.Background(), "in.txt", []byte(src)); err == nil {
		var walk func([]*extract.Section)
		walk = func(ss []*extract.Section) {
			for _, s := range ss {
				if s.Kind == extract.KindRunIn {
					runIns = append(runIns, s.Title)
				}
				walk(s.Children)
			}
		}
		walk(doc.Sections)
	}
	a := parseArticle(src, runIns)

	p := fpdf.New("P", "pt", "A4", fontDir)
	p.SetAutoPageBreak(false, 0)
	p.SetCompression(true)
	p.SetCatalogSort(true)
	stamp := time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC)
	p.SetCreationDate(stamp)
	p.SetModificationDate(stamp)
	p.SetProducer("chemores pdfgen (go-pdf/fpdf)", false)
	p.SetTitle(a.title, true)
	f := fonts{text: "DejaVuSerifCondensed", sans: "DejaVuSans"}
	files := map[string]string{"": "", "B": "-Bold", "I": "-Italic", "BI": "-BoldItalic"}
	if !cfg.twoCol {
		f.text = "DejaVuSans"
		files = map[string]string{"": "", "B": "-Bold", "I": "-Oblique", "BI": "-BoldOblique"}
	}
	if fontDir == "" {
		f = fonts{text: "Helvetica", sans: "Helvetica"} // built into every PDF reader
	} else {
		for _, st := range []string{"", "B", "I", "BI"} {
			p.AddUTF8Font(f.text, st, f.text+files[st]+".ttf")
		}
		if f.sans != f.text {
			p.AddUTF8Font(f.sans, "", f.sans+".ttf")
		}
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("fonts (install fonts-dejavu-core or pass -fonts): %w", err)
	}
	d := &doc{t: &ts{pdf: p, f: f, widths: map[string]float64{}}, cfg: cfg}
	d.pw, d.ph = p.GetPageSize()
	d.newPage()
	if cfg.twoCol {
		d.frontTwoColumn(a)
	} else {
		d.frontOneColumn(a)
	}
	d.body(a)
	d.references(a)
	for len(d.pending) > 0 {
		d.newPage()
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// full sets a block across the whole text width (the title block of a
// two-column page) and returns the height used.
func (d *doc) full(words []word, size, lead float64, y float64) float64 {
	w := d.pw - 2*d.cfg.margin
	lines := d.t.breakLinesH(d.t.f.text, words, size, w, 0, false)
	for i, l := range lines {
		l.last = true
		d.t.drawLine(d.t.f.text, l, d.cfg.margin, y+size+float64(i)*lead, size, w, false, d.cfg.whole)
	}
	return float64(len(lines)) * lead
}

func (d *doc) frontTwoColumn(a *article) {
	c := d.cfg
	y := c.top
	y += d.full(rich(a.title, style{bold: true}), 15, 18, y) + 8
	y += d.full(rich(a.byline, style{bold: true}), 9, 11.5, y) + 6
	for _, af := range a.affils {
		y += d.full(rich(af, style{}), c.small, c.smallLead, y) + 2
	}
	y += 4
	for _, dl := range a.dates {
		y += d.full(rich(dl, style{}), c.small, c.smallLead, y) + 4
	}
	y += 4
	d.pdf().SetLineWidth(0.4)
	d.pdf().Line(c.margin, y, d.pw-c.margin, y)
	y += 10
	for i := range d.cols {
		d.cols[i].top = y
	}
	d.y = y
	// First-page notes sit at the foot of the first column.
	notes := d.notesHeight(a.notes)
	if notes > 0 {
		col := d.cols[0]
		top := col.bottom - notes
		d.pdf().Line(col.x, top-4, col.x+60, top-4)
		d.drawNotes(a.notes, col, top)
		d.cols[0].bottom = top - 10
	}
	for i, p := range a.abstract {
		words := rich(p.text, style{})
		if i == 0 && strings.HasPrefix(p.text, "Abstract.") {
			words[0] = word{frag{"Abstract.", style{bold: true}}}
		}
		d.paragraph(words, c.body, c.lead, 0)
	}
	if len(a.contents) > 0 {
		d.y += 6
		col := d.cur()
		var lines []tline
		for _, l := range a.contents {
			lines = append(lines, d.t.breakLinesH(d.t.f.text, rich(l, style{}), c.small, col.w-24, 0, false)...)
		}
		h := float64(len(lines)+1)*c.smallLead + 10
		d.ensure(h)
		col = d.cur()
		d.pdf().SetFillColor(240, 240, 240)
		d.pdf().Rect(col.x, d.y, col.w, h, "F")
		d.y += 5
		d.t.drawLine(d.t.f.text, tline{words: rich("Contents", style{bold: true}), widths: []float64{0}, last: true}, col.x+6, d.y+c.small, c.small, col.w, false, false)
		d.y += c.smallLead
		for _, l := range lines {
			l.last = true
			d.t.drawLine(d.t.f.text, l, col.x+6, d.y+c.small, c.small, col.w, false, false)
			d.y += c.smallLead
		}
		d.y += 5 + c.lead
	}
}

func (d *doc) notesHeight(notes []string) float64 {
	var h float64
	w := d.cols[0].w
	for _, n := range notes {
		h += float64(len(d.t.breakLines(d.t.f.text, rich(n, style{}), d.cfg.small, w, 0)))*d.cfg.smallLead + 4
	}
	return h
}

func (d *doc) drawNotes(notes []string, col column, y float64) {
	for _, n := range notes {
		for _, l := range d.t.breakLines(d.t.f.text, rich(n, style{}), d.cfg.small, col.w, 0) {
			d.t.drawLine(d.t.f.text, l, col.x, y+d.cfg.small, d.cfg.small, col.w, d.cfg.justify, d.cfg.whole)
			y += d.cfg.smallLead
		}
		y += 4
	}
}

func (d *doc) frontOneColumn(a *article) {
	c := d.cfg
	col := d.cur()
	d.paragraph(rich(a.title, style{bold: true}), 16, 20, 0)
	d.y += 6
	d.paragraph(rich(a.byline, style{}), c.body, c.lead, 0)
	d.y += 4
	for _, af := range a.affils {
		d.paragraph(rich(af, style{}), c.small, c.smallLead, 0)
	}
	d.y += 4
	for _, dl := range a.dates {
		d.paragraph(rich(dl, style{}), c.small, c.smallLead, 0)
		d.y += 4
	}
	d.y += 8
	if len(a.abstract) > 0 {
		d.heading("Abstract", c.body+1)
		for _, p := range a.abstract {
			d.paragraph(rich(strings.TrimPrefix(p.text, "Abstract. "), style{}), c.body, c.lead, 0)
			d.y += c.parSkip
		}
	}
	for _, n := range a.notes {
		d.paragraph(rich(n, style{}), c.small, c.smallLead, 0)
		d.y += 5
	}
	d.pdf().SetLineWidth(0.4)
	d.pdf().Line(col.x, d.y+2, col.x+col.w, d.y+2)
	d.y += 12
}

func (d *doc) body(a *article) {
	c := d.cfg
	for _, e := range a.body {
		switch e.kind {
		case elemHeading:
			d.heading(e.text, c.body+0.5)
		case elemCaption:
			d.figure(e.text)
		default:
			words := rich(e.text, style{})
			if e.runIn != "" {
				n := len(strings.Fields(e.runIn))
				for i := 0; i < n && i < len(words); i++ {
					for k := range words[i] {
						words[i][k].st.bold = true
					}
				}
			}
			d.paragraph(words, c.body, c.lead, c.indent)
			d.y += c.parSkip
		}
	}
}

// references sets the list with a hanging indent: the number, then the
// entry's lines aligned after it.
func (d *doc) references(a *article) {
	if len(a.refs) == 0 {
		return
	}
	c := d.cfg
	d.heading(a.refTitle, c.body+0.5)
	t := d.t
	for _, r := range a.refs {
		num, rest, _ := strings.Cut(r, " ")
		words := rich(rest, style{})
		hang := t.width(t.f.text, style{}, c.small, "000. ")
		col := d.cur()
		lines := t.breakLines(t.f.text, words, c.small, col.w-hang, 0)
		for i, l := range lines {
			d.ensure(c.smallLead)
			col = d.cur()
			if i == 0 {
				t.setFont(t.f.text, style{}, c.small)
				t.pdf.Text(col.x, d.y+c.small, num)
			}
			t.drawLine(t.f.text, l, col.x+hang, d.y+c.small, c.small, col.w-hang, c.justify, c.whole)
			d.y += c.smallLead
		}
		d.y += 1
	}
}
