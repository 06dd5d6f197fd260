package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Chart is something that can be drawn onto a canvas (a *plot.Plot or a
// composite such as a heatmap with colour bar).
type Chart interface {
	Draw(draw.Canvas)
}

// margin keeps anti-aliased edges and descenders off the border of the
// canvas, where they would be cut.
const margin = 2.5 // points

// legendEntry is one item of a legend: a sample of the mark and its label.
type legendEntry struct {
	label string
	thumb plot.Thumbnailer
}

// sidePanel is drawn to the right of the plot and aligned with its data
// area, as the colour bar of a heatmap is.
type sidePanel interface {
	width() vg.Length
	draw(c draw.Canvas, data vg.Rectangle)
}

// figure is a plot with what journals want around it: a white background,
// an optional title, a legend above the data (where it cannot hide any)
// and an optional side panel.
type figure struct {
	th     theme
	title  string
	plot   *plot.Plot
	legend []legendEntry
	side   sidePanel

	// fit, if set, adapts the plot to the size of its data area in print
	// (tick spacing, label wrapping). It may be called more than once.
	fit func(p *plot.Plot, data vg.Rectangle)
}

// Draw draws the figure onto c.
func (f *figure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	c = draw.Crop(c, vg.Points(margin), -vg.Points(margin), vg.Points(margin), -vg.Points(margin))

	if f.title != "" {
		sty := textStyle(f.th.title)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, f.title)
		c.Max.Y -= sty.Height(f.title) + vg.Points(f.th.base.Points()*0.4)
	}
	pc := c
	if f.side != nil {
		pc.Max.X -= f.side.width()
	}

	dataArea := func() vg.Rectangle {
		if f.fit != nil {
			f.fit(f.plot, f.plot.DataCanvas(pc).Rectangle)
		}
		return f.plot.DataCanvas(pc).Rectangle
	}
	data := dataArea()

	var lg legendLayout
	if len(f.legend) > 0 {
		// The legend starts at the left edge of the data and may use the
		// right margin as well; it wraps onto more rows when it must.
		lg = layoutLegend(f.th, f.legend, c.Max.X-data.Min.X)
		pc.Max.Y -= lg.height + vg.Points(f.th.small.Points()*0.5)
		data = dataArea()
	}

	f.plot.Draw(pc)
	if len(f.legend) > 0 {
		lg.draw(c, vg.Point{X: data.Min.X, Y: c.Max.Y})
	}
	if f.side != nil {
		sc := c
		sc.Min.X = c.Max.X - f.side.width()
		f.side.draw(sc, data)
	}
}

// legendLayout is a legend laid out in a grid, row by row.
type legendLayout struct {
	th      theme
	entries []legendEntry
	cols    []vg.Length // column widths
	rowH    vg.Length
	height  vg.Length
}

// Legend geometry, in points.
const (
	thumbW     = 16  // sample line or swatch
	thumbGap   = 3   // between sample and label
	entryGap   = 10  // between columns
	rowSpacing = 1.3 // row height as a multiple of the font size
)

// layoutLegend lays entries out in as many columns as fit in width w: one
// row when they all fit, otherwise a grid whose columns line up, which
// reads more easily than a ragged second row.
func layoutLegend(th theme, entries []legendEntry, w vg.Length) legendLayout {
	sty := textStyle(th.small)
	widths := make([]vg.Length, len(entries))
	for i, e := range entries {
		widths[i] = vg.Points(thumbW+thumbGap) + sty.Width(e.label)
	}
	l := legendLayout{th: th, entries: entries, rowH: th.small * rowSpacing}
	for n := len(entries); n >= 1; n-- {
		cols := make([]vg.Length, n)
		for i, ew := range widths {
			cols[i%n] = max(cols[i%n], ew)
		}
		total := vg.Points(entryGap) * vg.Length(n-1)
		for _, c := range cols {
			total += c
		}
		if total <= w || n == 1 {
			l.cols = cols
			break
		}
	}
	rows := (len(entries) + len(l.cols) - 1) / len(l.cols)
	l.height = l.rowH * vg.Length(rows)
	return l
}

// draw draws the legend with its top-left corner at at.
func (l legendLayout) draw(c draw.Canvas, at vg.Point) {
	sty := textStyle(l.th.small)
	sty.YAlign = draw.YCenter
	// Swatches are about as tall as a capital letter, centred on the text.
	capH := sty.FontExtents().Ascent * 0.72
	x, mid := at.X, at.Y-l.rowH/2
	for i, e := range l.entries {
		col := i % len(l.cols)
		if col == 0 && i > 0 {
			x, mid = at.X, mid-l.rowH
		}
		tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: mid - capH/2},
			Max: vg.Point{X: x + vg.Points(thumbW), Y: mid + capH/2},
		}}
		e.thumb.Thumbnail(&tc)
		c.FillText(sty, vg.Point{X: x + vg.Points(thumbW+thumbGap), Y: mid}, e.label)
		x += l.cols[col] + vg.Points(entryGap)
	}
}
