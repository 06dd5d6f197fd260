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
	// overhang, if set, is how far left of the data area the x axis'
	// labels reach, as fit last found it.
	overhang *vg.Length
}

// Draw draws the figure onto c.
func (f *figure) Draw(c draw.Canvas) { f.drawIn(page(c)) }

// page paints c white and returns the part of it that text and lines may use.
func page(c draw.Canvas) draw.Canvas {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	return draw.Crop(c, vg.Points(margin), -vg.Points(margin), vg.Points(margin), -vg.Points(margin))
}

// drawTitle draws title centred at the top of c and returns what is left below it.
func drawTitle(c draw.Canvas, th theme, title string) draw.Canvas {
	if title == "" {
		return c
	}
	sty := textStyle(th.title)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
	c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, title)
	c.Max.Y -= sty.Height(title) + vg.Points(th.base.Points()*0.4)
	return c
}

// layout fits the plot to the canvas pc (ticks, wrapping) and returns the canvas the plot
// takes, narrowed on the left when a slanted category name would reach past its edge, and
// its data area.
func (f *figure) layout(pc draw.Canvas) (draw.Canvas, vg.Rectangle) {
	if f.side != nil {
		// The colour bar's top tick label is centred on the data's top edge: half of it
		// would stand above the page.
		pc.Max.Y -= textStyle(f.th.small).Height("0")/2 + vg.Points(0.5)
	}
	full := pc
	if f.side != nil {
		pc.Max.X -= f.side.width()
	}
	// The names' room depends on the width left to the data, so the fit is tried again after
	// narrowing, a few times at most: each narrowing leaves less room, never more.
	for range 3 {
		if f.fit != nil {
			f.fit(f.plot, f.plot.DataCanvas(pc).Rectangle)
		}
		if f.overhang == nil {
			break
		}
		short := *f.overhang - (f.plot.DataCanvas(pc).Min.X - full.Min.X)
		if short <= 0 {
			break
		}
		pc.Min.X += short
	}
	data := f.plot.DataCanvas(pc).Rectangle
	if f.side != nil {
		pc.Max.X += f.side.width()
	}
	return pc, data
}

// drawIn draws the figure in c, which is already painted.
func (f *figure) drawIn(c draw.Canvas) {
	c = drawTitle(c, f.th, f.title)
	pc := c
	_, data := f.layout(pc)

	var lg legendLayout
	if len(f.legend) > 0 {
		// The legend starts at the left edge of the data and may use the
		// right margin as well; it wraps onto more rows when it must.
		lg = layoutLegend(f.th, f.legend, c.Max.X-data.Min.X)
		pc.Max.Y -= lg.height + vg.Points(f.th.small.Points()*0.5)
		_, data = f.layout(pc)
	}
	f.plotIn(pc)
	if len(f.legend) > 0 {
		lg.draw(c, vg.Point{X: data.Min.X, Y: c.Max.Y})
	}
}

// plotIn draws the plot and its side panel in pc.
func (f *figure) plotIn(pc draw.Canvas) {
	pc, data := f.layout(pc)
	if f.side != nil {
		pc.Max.X -= f.side.width()
	}
	f.plot.Draw(pc)
	if f.side != nil {
		sc := pc
		sc.Min.X = pc.Max.X
		sc.Max.X = pc.Max.X + f.side.width()
		f.side.draw(sc, data)
	}
}

// panelled is several plots side by side under one title and one legend: metrics of different
// kinds (probabilities per run, rates per decision, money) each on an axis of its own, so that
// no axis mixes them. Their data areas share a top and a bottom edge.
type panelled struct {
	th      theme
	title   string
	xLabel  string // under every panel, once: gonum would make each panel as wide as it
	sharedX bool   // the panels share their x axis: stacked, only the lowest names its ticks
	legend  []legendEntry
	panels  []*figure // without title or legend
	weights []float64 // of the width, before the room each axis takes
}

// panelGap is the space between two panels, in multiples of the base font size.
const panelGap = 1.2

// minPanelData is the least width of a panel's data side by side with others.
const minPanelData = 1.5 * vg.Centimeter

// stack draws the panels one above the other in c, each the full width, their data areas
// starting at one x.
func (p *panelled) stack(c draw.Canvas, gap vg.Length) {
	n := len(p.panels)
	h := (c.Max.Y - c.Min.Y - gap*vg.Length(n-1)) / vg.Length(n)
	cs := make([]draw.Canvas, n)
	for i := range cs {
		cs[i] = c
		cs[i].Max.Y = c.Max.Y - vg.Length(i)*(h+gap)
		cs[i].Min.Y = cs[i].Max.Y - h
	}
	if p.sharedX {
		for _, f := range p.panels[:n-1] {
			fit := f.fit
			f.fit = func(pl *plot.Plot, data vg.Rectangle) {
				fit(pl, data)
				var ticks plot.ConstantTicks
				for _, t := range pl.X.Tick.Marker.Ticks(pl.X.Min, pl.X.Max) {
					ticks = append(ticks, plot.Tick{Value: t.Value})
				}
				pl.X.Tick.Marker = ticks
			}
		}
	}
	// An axis title longer than its panel is tall wraps onto two lines.
	for i, f := range p.panels {
		_, a := f.layout(cs[i])
		if y := &f.plot.Y.Label; y.TextStyle.Width(y.Text) > a.Size().Y {
			y.Text = wrapText(y.Text, y.TextStyle, a.Size().Y)
		}
	}
	p.alignData(cs, true)
	p.plotPanels(c, cs)
}

// alignData moves the panels' canvases cs so that their data areas share their edges: left and
// right when the panels are stacked, bottom and top when they stand side by side. Twice: the
// second pass sees the ticks and wrapping that the first chose.
func (p *panelled) alignData(cs []draw.Canvas, stacked bool) {
	for range 2 {
		areas := make([]vg.Rectangle, len(p.panels))
		for i, f := range p.panels {
			_, areas[i] = f.layout(cs[i])
		}
		lo, hi := areas[0].Min, areas[0].Max
		for _, a := range areas[1:] {
			lo = vg.Point{X: max(lo.X, a.Min.X), Y: max(lo.Y, a.Min.Y)}
			hi = vg.Point{X: min(hi.X, a.Max.X), Y: min(hi.Y, a.Max.Y)}
		}
		for i := range cs {
			if stacked {
				cs[i].Min.X += lo.X - areas[i].Min.X
				cs[i].Max.X -= areas[i].Max.X - hi.X
			} else {
				cs[i].Min.Y += lo.Y - areas[i].Min.Y
				cs[i].Max.Y -= areas[i].Max.Y - hi.Y
			}
		}
	}
}

// plotPanels draws each panel in its canvas of cs, and the shared x axis title, if any, below
// them in c, centred on the span of their data.
func (p *panelled) plotPanels(c draw.Canvas, cs []draw.Canvas) {
	var first, last vg.Rectangle
	for i, f := range p.panels {
		_, data := f.layout(cs[i])
		if i == 0 {
			first = data
		}
		last = data
		f.plotIn(cs[i])
	}
	if p.xLabel != "" {
		xl := textStyle(p.th.base)
		xl.XAlign, xl.YAlign = draw.XCenter, draw.YBottom
		x := (first.Min.X + last.Max.X) / 2
		c.FillText(xl, vg.Point{X: x, Y: c.Min.Y - xl.Height(p.xLabel) - vg.Points(3) + xl.FontExtents().Descent}, p.xLabel)
	}
}

func (p *panelled) Draw(c draw.Canvas) {
	c = drawTitle(page(c), p.th, p.title)
	if len(p.legend) > 0 {
		lg := layoutLegend(p.th, p.legend, c.Max.X-c.Min.X)
		lg.draw(c, vg.Point{X: c.Min.X, Y: c.Max.Y})
		c.Max.Y -= lg.height + vg.Points(p.th.small.Points()*0.5)
	}
	var xl draw.TextStyle
	if p.xLabel != "" {
		xl = textStyle(p.th.base)
		xl.XAlign, xl.YAlign = draw.XCenter, draw.YBottom
		c.Min.Y += xl.Height(p.xLabel) + vg.Points(3)
	}
	gap := vg.Length(panelGap) * p.th.base
	total := 0.0
	for _, w := range p.weights {
		total += w
	}
	// The width left to the data is shared by weight, after each panel's axis has what it
	// takes: measured at the full width, plus, at the width each panel then gets, how far its
	// category names reach left when they must slant (gonum's layout cannot be measured when
	// a panel is too narrow, so the names' reach is added whole).
	n := len(p.panels)
	cs := make([]draw.Canvas, n)
	overhead := make([]vg.Length, n)
	for i, f := range p.panels {
		_, data := f.layout(c)
		overhead[i] = (c.Max.X - c.Min.X) - (data.Max.X - data.Min.X)
	}
	extra := make([]vg.Length, n)
	room := vg.Length(0)
	for range 2 {
		room = c.Max.X - c.Min.X - gap*vg.Length(n-1)
		for i := range p.panels {
			room -= overhead[i] + extra[i]
		}
		x := c.Min.X
		for i, w := range p.weights {
			cs[i] = c
			cs[i].Min.X = x
			cs[i].Max.X = x + overhead[i] + extra[i] + max(room, 0)*vg.Length(w/total)
			x = cs[i].Max.X + gap
		}
		for i, f := range p.panels {
			if f.overhang != nil {
				f.layout(cs[i])
				extra[i] = max(extra[i], *f.overhang)
			}
		}
	}
	if room < minPanelData*vg.Length(n) {
		// Side by side, the data would have no room: one above the other instead.
		p.stack(c, gap)
		return
	}
	p.alignData(cs, false)
	p.plotPanels(c, cs)
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
