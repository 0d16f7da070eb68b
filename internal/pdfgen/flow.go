package main

import (
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
)

// config is a page design.
type config struct {
	twoCol            bool
	margin            float64 // left and right
	top, bottom       float64 // text area, from the top of the page
	gutter            float64
	body, lead        float64
	small, smallLead  float64 // captions, first-page notes, references
	indent            float64 // first-line indent of paragraphs
	parSkip           float64 // space between paragraphs
	justify, whole    bool
	journal, short    string
	footer            bool
	figureEvery       int // 0: figures where they fall; else cycle top, column, bottom
	references2Column bool
}

var twoColumn = config{
	twoCol: true, margin: 45, top: 54, bottom: 800, gutter: 17,
	body: 9, lead: 11, small: 7.5, smallLead: 9, indent: 9, justify: true,
	figureEvery: 3,
}

var oneColumn = config{
	margin: 72, top: 64, bottom: 780,
	body: 10, lead: 13.5, small: 8.5, smallLead: 11, parSkip: 6, whole: true,
	footer: true,
}

type column struct{ x, w, top, bottom float64 }

type figure struct {
	n       int
	caption string
	where   int // 0 top of a page, 1 top of a column, 2 bottom of a page
}

// doc is the page flow: columns filled top to bottom, floats placed as
// pages and columns open.
type doc struct {
	t       *ts
	cfg     config
	pw, ph  float64
	page    int
	cols    []column
	col     int
	y       float64 // top of the next line in the current column
	pending []figure
	figs    int
}

func (d *doc) pdf() *fpdf.Fpdf { return d.t.pdf }

func (d *doc) newPage() {
	d.pdf().AddPage()
	d.page++
	d.header()
	c := d.cfg
	if c.twoCol {
		w := (d.pw - 2*c.margin - c.gutter) / 2
		d.cols = []column{{c.margin, w, c.top, c.bottom}, {c.margin + w + c.gutter, w, c.top, c.bottom}}
	} else {
		d.cols = []column{{c.margin, d.pw - 2*c.margin, c.top, c.bottom}}
	}
	d.col = 0
	d.placeFloats(true)
	d.y = d.cols[0].top
}

// nextColumn moves to the next column, or to a new page after the last.
func (d *doc) nextColumn() {
	if d.col+1 < len(d.cols) {
		d.col++
		d.placeFloats(false)
		d.y = d.cols[d.col].top
		return
	}
	d.newPage()
}

// ensure moves on when h points do not fit in the current column.
func (d *doc) ensure(h float64) {
	if d.y+h > d.cols[d.col].bottom {
		d.nextColumn()
	}
}

func (d *doc) cur() column { return d.cols[d.col] }

func (d *doc) header() {
	p := d.pdf()
	c := d.cfg
	p.SetFont(d.t.f.sans, "", 7.5)
	y := 34.0
	switch {
	case !c.twoCol:
		p.Text(c.margin, y, c.journal)
		p.Text(d.pw-c.margin-p.GetStringWidth(c.short), y, c.short)
	case d.page == 1:
		p.Text(d.pw-c.margin-p.GetStringWidth(c.journal), y, c.journal)
	case d.page%2 == 0:
		p.Text(c.margin, y, strconv.Itoa(d.page))
		p.Text((d.pw-p.GetStringWidth(c.short))/2, y, c.short)
	default:
		p.Text((d.pw-p.GetStringWidth(c.journal))/2, y, c.journal)
		n := strconv.Itoa(d.page)
		p.Text(d.pw-c.margin-p.GetStringWidth(n), y, n)
	}
	p.SetLineWidth(0.4)
	p.Line(c.margin, y+5, d.pw-c.margin, y+5)
	if c.footer {
		s := "Page " + strconv.Itoa(d.page)
		p.Text((d.pw-p.GetStringWidth(s))/2, d.ph-30, s)
	}
}

// paragraph sets words in the current column, line by line.
func (d *doc) paragraph(words []word, size, lead, indent float64) {
	lines := d.t.breakLines(d.t.f.text, words, size, d.cur().w, indent)
	for _, l := range lines {
		d.ensure(lead)
		col := d.cur()
		d.t.drawLine(d.t.f.text, l, col.x, d.y+size, size, col.w, d.cfg.justify, d.cfg.whole)
		d.y += lead
	}
}

// heading sets a heading, kept with two lines of what follows.
func (d *doc) heading(text string, size float64) {
	words := rich(text, style{bold: true})
	lines := d.t.breakLinesH(d.t.f.text, words, size, d.cur().w, 0, false)
	before := d.cfg.lead * 0.8
	if d.y == d.cur().top {
		before = 0
	}
	d.ensure(before + float64(len(lines)+2)*d.cfg.lead)
	if d.y != d.cur().top {
		d.y += before
	}
	for _, l := range lines {
		l.last = true
		col := d.cur()
		d.t.drawLine(d.t.f.text, l, col.x, d.y+size, size, col.w, false, d.cfg.whole)
		d.y += d.cfg.lead
	}
	d.y += d.cfg.lead * 0.3
}

// figureHeight is the height a figure box and its caption take at a width.
func (d *doc) figureHeight(f figure, w float64) (float64, []tline) {
	lines := d.t.breakLines(d.t.f.text, captionWords(f.caption), d.cfg.small, w, 0)
	box := 110.0
	if w < 300 {
		box = 90
	}
	return box + 6 + float64(len(lines))*d.cfg.smallLead + 10, lines
}

func captionWords(c string) []word {
	label, rest, _ := strings.Cut(c, " ")
	num, rest2, _ := strings.Cut(rest, " ")
	ws := rich(label+" "+num, style{bold: true})
	return append(ws, rich(rest2, style{})...)
}

// drawFigure draws a figure box with a few labels inside (text the
// extractor must leave out) and its caption below.
func (d *doc) drawFigure(f figure, x, y, w float64) float64 {
	h, lines := d.figureHeight(f, w)
	p := d.pdf()
	box := h - 16 - float64(len(lines))*d.cfg.smallLead
	p.SetFillColor(236, 238, 242)
	p.SetDrawColor(90, 90, 90)
	p.SetLineWidth(0.6)
	p.Rect(x, y, w, box, "FD")
	p.SetFillColor(255, 255, 255)
	p.Circle(x+w*0.25, y+box/2, box*0.28, "FD")
	p.Rect(x+w*0.55, y+box*0.25, w*0.3, box*0.5, "FD")
	p.Line(x+w*0.25+box*0.28, y+box/2, x+w*0.55, y+box/2)
	p.SetFont(d.t.f.sans, "", 7)
	labels := strings.Fields(captionTitle(f.caption))
	if len(labels) > 3 {
		labels = labels[:3]
	}
	for i, l := range labels {
		lx := []float64{x + w*0.25 - p.GetStringWidth(l)/2, x + w*0.7 - p.GetStringWidth(l)/2, x + 8}[i]
		ly := []float64{y + box/2 + 2, y + box/2 + 2, y + 12}[i]
		p.Text(lx, ly, l)
	}
	cy := y + box + 6
	for _, l := range lines {
		d.t.drawLine(d.t.f.text, l, x, cy+d.cfg.small, d.cfg.small, w, d.cfg.justify, d.cfg.whole)
		cy += d.cfg.smallLead
	}
	return h
}

// captionTitle is the caption's label and first words, for the labels.
func captionTitle(c string) string {
	_, rest, _ := strings.Cut(c, ". ")
	if i := strings.IndexAny(rest, ":."); i > 0 {
		rest = rest[:i]
	}
	var words []string
	for _, w := range strings.Fields(rest) {
		if len(w) > 3 {
			words = append(words, strings.Trim(w, ",;()"))
		}
	}
	return strings.Join(words, " ")
}

// figure queues a figure met in the text.
func (d *doc) figure(caption string) {
	f := figure{n: d.figs, caption: caption}
	d.figs++
	if d.cfg.figureEvery == 0 {
		h, _ := d.figureHeight(f, d.cur().w)
		d.ensure(h)
		d.y += d.drawFigure(f, d.cur().x, d.y, d.cur().w)
		return
	}
	f.where = f.n % d.cfg.figureEvery
	d.pending = append(d.pending, f)
}

// placeFloats places the queued figures that a new page (or column)
// takes: at most one per position.
func (d *doc) placeFloats(page bool) {
	var keep []figure
	usedTop, usedBottom, usedCol := false, false, false
	for _, f := range d.pending {
		switch {
		case page && f.where == 0 && !usedTop:
			full := d.pw - 2*d.cfg.margin
			h := d.drawFigure(f, d.cfg.margin, d.cols[0].top, full)
			for i := range d.cols {
				d.cols[i].top += h
			}
			usedTop = true
		case page && f.where == 2 && !usedBottom:
			full := d.pw - 2*d.cfg.margin
			h, _ := d.figureHeight(f, full)
			top := d.cfg.bottom - h + 10
			d.drawFigure(f, d.cfg.margin, top, full)
			for i := range d.cols {
				d.cols[i].bottom = top - 8
			}
			usedBottom = true
		case f.where == 1 && !usedCol && !(page && d.col != 0):
			c := &d.cols[d.col]
			h := d.drawFigure(f, c.x, c.top, c.w)
			c.top += h
			usedCol = true
		default:
			keep = append(keep, f)
		}
	}
	d.pending = keep
}
