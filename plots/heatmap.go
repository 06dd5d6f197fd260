package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxValueGrid is the largest grid, per side, whose cells carry their value.
const maxValueGrid = 12

// GridAxis is one axis of a heatmap: its title and the swept values, in
// increasing order, or the names of the categories (choices or yes/no) in
// the order they are to be drawn. With Names set, Values is not used.
type GridAxis struct {
	Label  string
	Values []float64
	Names  []string
}

func (a GridAxis) len() int {
	if a.Names != nil {
		return len(a.Names)
	}
	return len(a.Values)
}

// ColorScale is the colour bar of a heatmap: its title and the range the
// colours span. Shares (probabilities, rates) are best drawn on [0, 1], so
// that the charts of a paper share a scale; money and counts on a range
// rounded out from their data (see NiceRange).
type ColorScale struct {
	Label    string
	Min, Max float64
}

// Heatmap draws a two-dimensional sweep: z[row][col] is the result at x's
// value col (across) and y's value row (up).
//
// Each swept value gets a cell of the same size, labelled with its value
// or name, so log-spaced or uneven grids stay readable. Colours come from a
// viridis-like map whose lightness rises steadily, fixed to the scale's
// range; values outside are drawn in the end colour. The colour bar on the
// right is labelled with the scale's Label ("Probability" when empty).
// Grids of at most 12 x 12 cells print the value in each cell, in black or
// white by the cell's lightness, if it fits. Missing (NaN) cells are
// hatched.
//
// Cells and colour bar are vector graphics: gonum's raster heatmaps and
// colour bars come out upside down in PDF and smoothed in PNG.
func Heatmap(x, y GridAxis, z [][]float64, scale ColorScale, o Options) (Chart, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if x.len() == 0 || y.len() == 0 {
		return nil, errors.New("plots: heatmap: empty grid")
	}
	if err := checkGridAxis(x); err != nil {
		return nil, fmt.Errorf("plots: heatmap: x: %w", err)
	}
	if err := checkGridAxis(y); err != nil {
		return nil, fmt.Errorf("plots: heatmap: y: %w", err)
	}
	if len(z) != y.len() {
		return nil, fmt.Errorf("plots: heatmap: %d values of y but %d rows of z", y.len(), len(z))
	}
	zz := make([][]float64, len(z))
	for r, row := range z {
		if len(row) != x.len() {
			return nil, fmt.Errorf("plots: heatmap: %d values of x but %d values in row %d of z", x.len(), len(row), r)
		}
		zz[r] = slices.Clone(row)
	}
	if !finite(scale.Min) || !finite(scale.Max) || scale.Min >= scale.Max {
		return nil, fmt.Errorf("plots: heatmap: colour range [%g, %g] is empty", scale.Min, scale.Max)
	}
	if scale.Label == "" {
		scale.Label = "Probability"
	}
	clone := func(a GridAxis) GridAxis {
		return GridAxis{Label: a.Label, Values: slices.Clone(a.Values), Names: slices.Clone(a.Names)}
	}
	return &heatmapChart{x: clone(x), y: clone(y), z: zz, scale: scale, o: o}, nil
}

// NiceRange returns a colour range for values in [lo, hi] rounded out to
// round numbers, and starting at 0 when every value is positive: for
// money, counts and years, whose scale is not the 0 to 1 of a share.
func NiceRange(lo, hi float64) (min, max float64) {
	if !finite(lo) || !finite(hi) {
		return 0, 1
	}
	if lo > 0 {
		lo = 0
	}
	if hi < 0 {
		hi = 0
	}
	if hi == lo {
		return lo, lo + 1
	}
	step := niceStep(hi-lo, 5)
	const eps = 1e-9
	return math.Floor(lo/step+eps) * step, math.Ceil(hi/step-eps) * step
}

// checkGridAxis reports swept values that are missing or out of order, and names that are
// empty.
func checkGridAxis(a GridAxis) error {
	if a.Names != nil {
		for i, n := range a.Names {
			if n == "" {
				return fmt.Errorf("name %d is empty", i)
			}
		}
		return nil
	}
	vs := a.Values
	for i, v := range vs {
		if !finite(v) {
			return fmt.Errorf("value %d is %g", i, v)
		}
		if i > 0 && v <= vs[i-1] {
			return fmt.Errorf("values must increase: %g after %g at index %d", v, vs[i-1], i)
		}
	}
	return nil
}

type heatmapChart struct {
	x, y  GridAxis
	z     [][]float64
	scale ColorScale
	o     Options
}

// Draw lays the chart out for the size of c and draws it.
func (h *heatmapChart) Draw(c draw.Canvas) { h.figure().Draw(c) }

func (h *heatmapChart) figure() *figure {
	th := newTheme(h.o)
	p := newPlot(th)
	p.X.Label.Text = h.x.Label
	p.Y.Label.Text = h.y.Label
	cm := viridis(h.scale.Min, h.scale.Max)
	nx, ny := h.x.len(), h.y.len()
	p.Add(&cells{
		z: h.z, cm: cm,
		values:   nx <= maxValueGrid && ny <= maxValueGrid,
		decimals: valueDecimals(math.Max(math.Abs(h.scale.Min), math.Abs(h.scale.Max))),
		size:     th.small,
	}, axes{xTicks: h.x.Names == nil, yTicks: h.y.Names == nil, box: true})
	p.X.Min, p.X.Max = -0.5, float64(nx)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(ny)-0.5
	overhang := new(vg.Length)
	fit := func(p *plot.Plot, data vg.Rectangle) {
		cw := data.Size().X / vg.Length(nx)
		ch := data.Size().Y / vg.Length(ny)
		if h.x.Names != nil {
			p.X.Tick.Label, p.X.Tick.Marker, *overhang = categoryTicks(th, h.x.Names, data.Size().X)
		} else {
			p.X.Tick.Marker = indexTicks(h.x.Values, func(k int, l string) bool {
				return p.X.Tick.Label.Width(l)+vg.Points(4) <= vg.Length(k)*cw
			})
		}
		if h.y.Names != nil {
			// Names read across, as every other label of the chart; they take the room they need
			// on the left.
			ticks := make(plot.ConstantTicks, ny)
			for i, n := range h.y.Names {
				ticks[i] = plot.Tick{Value: float64(i), Label: n}
			}
			p.Y.Tick.Marker = ticks
		} else {
			p.Y.Tick.Marker = indexTicks(h.y.Values, func(k int, l string) bool {
				return p.Y.Tick.Label.Height(l)+vg.Points(2) <= vg.Length(k)*ch
			})
		}
	}
	bar := &colorBar{th: th, cm: cm, min: h.scale.Min, max: h.scale.Max, label: h.scale.Label}
	return &figure{th: th, title: h.o.Title, plot: p, side: bar, fit: fit, overhang: overhang}
}

// indexTicks labels every k-th of the cells 0..len(vs)-1 with its value,
// with k the smallest step at which every label fits its share of the
// axis. Only the labelled values decide the decimals: every 4th of 0,
// 0.025, ..., 1 prints as 0.0, 0.1, ..., 1.0.
func indexTicks(vs []float64, fits func(k int, label string) bool) plot.ConstantTicks {
	steps := []int{1, 2, 3, 4, 5}
	for m := 10; m < 10*len(vs); m *= 10 {
		steps = append(steps, m, 2*m, 5*m/2, 5*m)
	}
	var ticks plot.ConstantTicks
	for _, k := range steps {
		var sub []float64
		for i := 0; i < len(vs); i += k {
			sub = append(sub, vs[i])
		}
		labels := formatValues(sub)
		ticks = ticks[:0]
		ok := true
		for j, l := range labels {
			ok = ok && fits(k, l)
			ticks = append(ticks, plot.Tick{Value: float64(j * k), Label: l})
		}
		if ok {
			break
		}
	}
	return ticks
}

// cells draws the heatmap cells as vector rectangles, one unit per cell.
type cells struct {
	z        [][]float64
	cm       palette.ColorMap
	values   bool
	decimals int
	size     vg.Length // largest font size for printed values
}

// seam is how far a cell reaches under its right and upper neighbours, so
// that anti-aliasing cannot let the white page show between cells.
const seam = 0.3 // points

func (h *cells) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	rect := func(col, row int) vg.Rectangle {
		return vg.Rectangle{
			Min: vg.Point{X: trX(float64(col) - 0.5), Y: trY(float64(row) - 0.5)},
			Max: vg.Point{X: trX(float64(col) + 0.5), Y: trY(float64(row) + 0.5)},
		}
	}
	for r, row := range h.z {
		for col, v := range row {
			cr := rect(col, r)
			if !finite(v) {
				hatch(c, cr)
				continue
			}
			if col < len(row)-1 {
				cr.Max.X += vg.Points(seam)
			}
			if r < len(h.z)-1 {
				cr.Max.Y += vg.Points(seam)
			}
			c.FillPolygon(colorAt(h.cm, v), rectPoints(cr))
		}
	}
	if !h.values {
		return
	}
	cell := rect(0, 0).Size()
	sty, ok := h.valueStyle(cell)
	if !ok {
		return
	}
	for r, row := range h.z {
		for col, v := range row {
			if !finite(v) {
				continue
			}
			sty.Color = inkOn(colorAt(h.cm, v))
			cr := rect(col, r)
			mid := vg.Point{X: (cr.Min.X + cr.Max.X) / 2, Y: (cr.Min.Y + cr.Max.Y) / 2}
			c.FillText(sty, mid, formatFixed(v, h.decimals))
		}
	}
}

// valueStyle returns the largest text, down to 6 pt, at which every value
// fits in a cell of the given size with a clear margin, so that the values
// of neighbouring cells do not run together into one number. Smaller text
// would not survive print.
func (h *cells) valueStyle(cell vg.Point) (sty text.Style, ok bool) {
	widest := ""
	for _, row := range h.z {
		for _, v := range row {
			if s := formatFixed(v, h.decimals); finite(v) && len(s) > len(widest) {
				widest = s
			}
		}
	}
	for size := h.size; size >= min(6, h.size); size -= 0.5 {
		sty = textStyle(size)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
		if sty.Width(widest) <= 0.75*cell.X && sty.Height(widest) <= 0.8*cell.Y {
			return sty, true
		}
	}
	return sty, false
}

// hatch marks a cell with a missing value: light grey with diagonal lines,
// which no colour of the map can be mistaken for.
func hatch(c draw.Canvas, r vg.Rectangle) {
	c.FillPolygon(color.Gray{Y: 0xf2}, rectPoints(r))
	cc := draw.Canvas{Canvas: c.Canvas, Rectangle: r}
	sty := draw.LineStyle{Color: color.Gray{Y: 0x80}, Width: vg.Points(0.4)}
	w, hgt := r.Size().X, r.Size().Y
	for t := -hgt; t < w; t += vg.Points(3) {
		line := []vg.Point{{X: r.Min.X + t, Y: r.Min.Y}, {X: r.Min.X + t + hgt, Y: r.Max.Y}}
		cc.StrokeLines(sty, cc.ClipLinesXY(line)...)
	}
}

// colorBar is the scale of a heatmap, drawn to its right as vector
// stripes, with ticks and a label on the outside.
type colorBar struct {
	th       theme
	cm       palette.ColorMap
	min, max float64
	label    string
}

// Colour bar geometry, in points.
const (
	barGap     = 8  // between plot and bar
	barWidth   = 8  // the bar itself
	barTick    = 3  // tick length
	barTickGap = 2  // between tick and label
	barStripes = 96 // colour steps: finer than the eye resolves at this size
)

func (b *colorBar) labelWidth() vg.Length {
	sty := textStyle(b.th.small)
	var w vg.Length
	for n := 2; n <= 10; n++ {
		for _, t := range niceTicks(b.min, b.max, n) {
			w = max(w, sty.Width(t.Label))
		}
	}
	return w
}

func (b *colorBar) width() vg.Length {
	w := vg.Points(barGap+barWidth+barTick+barTickGap) + b.labelWidth()
	if b.label != "" {
		w += vg.Points(4) + textStyle(b.th.base).Height(b.label)
	}
	return w
}

func (b *colorBar) draw(c draw.Canvas, data vg.Rectangle) {
	x0 := c.Min.X + vg.Points(barGap)
	x1 := x0 + vg.Points(barWidth)
	y0, y1 := data.Min.Y, data.Max.Y
	h := y1 - y0
	for i := range barStripes {
		lo := y0 + h*vg.Length(i)/barStripes
		hi := y0 + h*vg.Length(i+1)/barStripes
		if i < barStripes-1 {
			hi += vg.Points(seam)
		}
		v := b.min + (float64(i)+0.5)/barStripes*(b.max-b.min)
		c.FillPolygon(colorAt(b.cm, v), rectPoints(vg.Rectangle{Min: vg.Point{X: x0, Y: lo}, Max: vg.Point{X: x1, Y: hi}}))
	}
	frame := draw.LineStyle{Color: color.Black, Width: vg.Points(0.6)}
	c.StrokeLines(frame, append(rectPoints(vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1}}), vg.Point{X: x0, Y: y0}))

	sty := textStyle(b.th.small)
	sty.YAlign = draw.YCenter
	for _, t := range niceTicks(b.min, b.max, tickCount(h, yTickSpacing)) {
		y := y0 + h*vg.Length((t.Value-b.min)/(b.max-b.min))
		c.StrokeLine2(frame, x1, y, x1+vg.Points(barTick), y)
		c.FillText(sty, vg.Point{X: x1 + vg.Points(barTick+barTickGap), Y: y}, t.Label)
	}
	if b.label != "" {
		ls := textStyle(b.th.base)
		ls.Rotation = math.Pi / 2
		ls.XAlign, ls.YAlign = draw.XCenter, draw.YBottom
		x := x1 + vg.Points(barTick+barTickGap+4) + b.labelWidth() + ls.Height(b.label) - ls.FontExtents().Descent
		c.FillText(ls, vg.Point{X: x, Y: (y0 + y1) / 2}, b.label)
	}
}
