package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The plotters below replace gonum's Line, Polygon, BarChart and
// YErrorBars where those reject NaN (NewLine and NewPolygon fail on a
// single missing value) or mix canvas and data units (BarChart.Width is a
// length on paper, so bars would not scale with the chart). All positions
// here are in data units and missing values leave gaps.

// runs returns the maximal runs [start, end) of consecutive indices i < n
// for which ok(i) holds.
func runs(n int, ok func(int) bool) [][2]int {
	var rs [][2]int
	start := -1
	for i := 0; i <= n; i++ {
		if i < n && ok(i) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			rs = append(rs, [2]int{start, i})
			start = -1
		}
	}
	return rs
}

// toCanvas maps data points to the canvas.
func toCanvas(c *draw.Canvas, p *plot.Plot, pts []plotter.XY) []vg.Point {
	trX, trY := p.Transforms(c)
	out := make([]vg.Point, len(pts))
	for i, q := range pts {
		out[i] = vg.Point{X: trX(q.X), Y: trY(q.Y)}
	}
	return out
}

// band fills the area between two curves; each ring is one unbroken run.
type band struct {
	rings [][]plotter.XY
	color color.Color
}

func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	for _, r := range b.rings {
		if len(r) < 3 {
			continue
		}
		c.FillPolygon(b.color, c.ClipPolygonXY(toCanvas(&c, p, r)))
	}
}

func (b *band) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(b.color, rectPoints(c.Rectangle))
}

// polyline strokes unbroken runs of points.
type polyline struct {
	segs  [][]plotter.XY
	style draw.LineStyle
	glyph *draw.GlyphStyle // shown in the legend sample only
}

func (l *polyline) Plot(c draw.Canvas, p *plot.Plot) {
	for _, s := range l.segs {
		if len(s) < 2 {
			continue
		}
		c.StrokeLines(l.style, c.ClipLinesXY(toCanvas(&c, p, s))...)
	}
}

func (l *polyline) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(l.style, c.Min.X, y, c.Max.X, y)
	if l.glyph != nil {
		drawMarker(c, *l.glyph, c.Center())
	}
}

// markers draws a glyph at every point.
type markers struct {
	pts   []plotter.XY
	glyph draw.GlyphStyle
}

func (m *markers) Plot(c draw.Canvas, p *plot.Plot) {
	for _, pt := range toCanvas(&c, p, m.pts) {
		if c.Contains(pt) {
			drawMarker(&c, m.glyph, pt)
		}
	}
}

// GlyphBoxes keeps markers at the ends of the x range inside the plot.
func (m *markers) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	r := m.glyph.Radius + m.glyph.Radius/4
	boxes := make([]plot.GlyphBox, len(m.pts))
	for i, pt := range m.pts {
		boxes[i] = plot.GlyphBox{
			X: p.X.Norm(pt.X), Y: p.Y.Norm(pt.Y),
			Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}},
		}
	}
	return boxes
}

// drawMarker draws g at pt; an open marker gets a white fill first so the
// line does not run through it.
func drawMarker(c *draw.Canvas, g draw.GlyphStyle, pt vg.Point) {
	if filled, ok := openGlyph(g); ok {
		w := draw.GlyphStyle{Color: color.White, Radius: g.Radius, Shape: filled}
		c.DrawGlyphNoClip(w, pt)
	}
	c.DrawGlyphNoClip(g, pt)
}

// bars draws vertical bars from 0 to y, centred on x.
type bars struct {
	x, y  []float64
	width float64 // in data units
	fill  color.Color
	line  draw.LineStyle
}

func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	for i := range b.x {
		if !finite(b.y[i]) || !finite(b.x[i]) {
			continue
		}
		x0, x1 := b.x[i]-b.width/2, b.x[i]+b.width/2
		pts := toCanvas(&c, p, []plotter.XY{{X: x0, Y: 0}, {X: x0, Y: b.y[i]}, {X: x1, Y: b.y[i]}, {X: x1, Y: 0}})
		c.FillPolygon(b.fill, c.ClipPolygonXY(pts))
		c.StrokeLines(b.line, c.ClipLinesXY(append(pts, pts[0]))...)
	}
}

func (b *bars) Thumbnail(c *draw.Canvas) {
	pts := rectPoints(c.Rectangle)
	c.FillPolygon(b.fill, pts)
	c.StrokeLines(b.line, append(pts, pts[0]))
}

// whiskers draws interval bars from lo to hi with caps. A white halo under
// each whisker keeps it visible on dark bars and across grid lines.
type whiskers struct {
	x, lo, hi []float64
	cap       float64 // half-width of a cap, in data units
	style     draw.LineStyle
}

func (w *whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	halo := w.style
	halo.Color = color.White
	halo.Width += vg.Points(0.8)
	for _, sty := range []draw.LineStyle{halo, w.style} {
		for i := range w.x {
			if !finite(w.x[i]) || !finite(w.lo[i]) || !finite(w.hi[i]) {
				continue
			}
			x := trX(w.x[i])
			half := trX(w.x[i]+w.cap) - x
			lo, hi := trY(w.lo[i]), trY(w.hi[i])
			lines := [][]vg.Point{
				{{X: x, Y: lo}, {X: x, Y: hi}},
				{{X: x - half, Y: lo}, {X: x + half, Y: lo}},
				{{X: x - half, Y: hi}, {X: x + half, Y: hi}},
			}
			c.StrokeLines(sty, c.ClipLinesXY(lines...)...)
		}
	}
}

// valueLabels prints a value above each bar. If any label is wider than
// the room a bar has on paper, none is printed: a chart with some values
// missing reads as if they were zero.
type valueLabels struct {
	x, y  []float64 // anchor: the top of the bar or of its whisker
	text  []string
	room  float64 // horizontal room per label, in data units
	style text.Style
	gap   vg.Length
}

func (l *valueLabels) fits(c *draw.Canvas, p *plot.Plot) bool {
	trX, _ := p.Transforms(c)
	room := trX(l.room) - trX(0)
	for _, t := range l.text {
		if l.style.Width(t) > room-vg.Points(1) {
			return false
		}
	}
	return true
}

func (l *valueLabels) Plot(c draw.Canvas, p *plot.Plot) {
	if !l.fits(&c, p) {
		return
	}
	trX, trY := p.Transforms(&c)
	for i, t := range l.text {
		if !finite(l.x[i]) || !finite(l.y[i]) {
			continue
		}
		c.FillText(l.style, vg.Point{X: trX(l.x[i]), Y: trY(l.y[i]) + l.gap}, t)
	}
}

// GlyphBoxes makes room above the data for labels near the top. They have
// no width, so they never change the horizontal layout.
func (l *valueLabels) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var boxes []plot.GlyphBox
	for i, t := range l.text {
		if !finite(l.x[i]) || !finite(l.y[i]) {
			continue
		}
		// Only the top matters: a box reaching below its anchor (the
		// font's descent) would lift the whole data area off the x axis.
		r := l.style.Rectangle(t)
		boxes = append(boxes, plot.GlyphBox{
			X: p.X.Norm(l.x[i]), Y: p.Y.Norm(l.y[i]),
			Rectangle: vg.Rectangle{Max: vg.Point{Y: r.Max.Y + l.gap}},
		})
	}
	return boxes
}

// hgrid draws light horizontal grid lines at the major y ticks, and
// vertical ones too when vertical is set.
type hgrid struct {
	vertical bool
	style    draw.LineStyle
}

func (g hgrid) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		// Not at the axis itself: grey over the black axis line would
		// make it look faded, as plotters are drawn after the axes.
		if t.IsMinor() || t.Value <= p.Y.Min || t.Value > p.Y.Max {
			continue
		}
		y := trY(t.Value)
		c.StrokeLine2(g.style, c.Min.X, y, c.Max.X, y)
	}
	if !g.vertical {
		return
	}
	for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if t.IsMinor() || t.Value <= p.X.Min || t.Value > p.X.Max {
			continue
		}
		x := trX(t.Value)
		c.StrokeLine2(g.style, x, c.Min.Y, x, c.Max.Y)
	}
}

// rectPoints returns the corners of r, counter-clockwise.
func rectPoints(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}

// axes draws the axis lines and tick marks along the edges of the data
// area. gonum draws each axis line in its own strip beside the data, and
// once glyphs make it pad the data area (a marker at x = 0, a tick label
// at the end of the axis) the two lines no longer meet at the corner.
// Drawn here, the lines always meet; gonum still draws the labels.
type axes struct {
	xTicks, yTicks bool
	box            bool // close the frame on top and right (heatmaps)
}

// Axis geometry, in points.
const (
	axisWidth  = 0.6
	tickLength = 3
)

func (a axes) Plot(c draw.Canvas, p *plot.Plot) {
	sty := draw.LineStyle{Color: color.Black, Width: vg.Points(axisWidth)}
	w := sty.Width
	trX, trY := p.Transforms(&c)
	// Lines are centred on the edges of the data area, so that a tick at
	// the end of an axis lines up with the other axis.
	x0, y0 := c.Min.X, c.Min.Y
	x1, y1 := c.Max.X, c.Max.Y
	if a.box {
		// Once round and one side again, so the first corner is joined
		// like the others.
		c.StrokeLines(sty, []vg.Point{{X: x0, Y: y1}, {X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}})
	} else {
		c.StrokeLines(sty, []vg.Point{{X: x0, Y: y1}, {X: x0, Y: y0}, {X: x1, Y: y0}})
	}
	inRange := func(ax plot.Axis, v float64) bool {
		eps := 1e-9 * (ax.Max - ax.Min)
		return v >= ax.Min-eps && v <= ax.Max+eps
	}
	tl := vg.Points(tickLength)
	if a.xTicks {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if !t.IsMinor() && inRange(p.X, t.Value) {
				x := trX(t.Value)
				c.StrokeLine2(sty, x, y0-w/2, x, y0-w/2-tl)
			}
		}
	}
	if a.yTicks {
		for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
			if !t.IsMinor() && inRange(p.Y, t.Value) {
				y := trY(t.Value)
				c.StrokeLine2(sty, x0-w/2, y, x0-w/2-tl, y)
			}
		}
	}
}
