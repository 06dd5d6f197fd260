package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one metric of a one-dimensional sweep: the estimate Y at each
// parameter value X and its 95% bounds Lo and Hi. Lo and Hi may both be
// nil for a series without a band. Axis is the title of the value axis it
// is drawn on (see Bar.Axis); series of different axes are drawn in panels
// side by side.
type Series struct {
	Label        string
	Axis         string
	X, Y, Lo, Hi []float64
}

// Sweep draws a one-dimensional sweep over a numeric parameter: one line
// per series with markers at the swept values and a shaded 95% band.
//
// xLabel names the swept parameter, with its unit; labels are plain text,
// so underscores print as they are. An empty yLabel (and an empty Axis)
// means "Probability". When every value lies in [0, 1] the y axis starts
// at 0 (see Outcomes for its upper end). Lines differ in colour, dash
// pattern and marker shape. There is a legend when there is more than one
// series or the series has a label.
func Sweep(series []Series, xLabel, yLabel string, o Options) (Chart, error) {
	ss, err := checkSeries(series, false, 0, o)
	if err != nil {
		return nil, err
	}
	return &sweepChart{series: ss, xLabel: xLabel, yLabel: yLabel, o: o.withDefaults()}, nil
}

// SweepCategories draws a one-dimensional sweep over choices (a strategy, a
// trigger, a response) or a yes/no parameter: the categories along x in the
// order given, named, and each series as points with 95% whiskers, never
// lines, which would suggest values between the categories. Series[i].Y[k]
// is the estimate at categories[k]; X is not used. Otherwise as Sweep.
func SweepCategories(categories []string, series []Series, xLabel, yLabel string, o Options) (Chart, error) {
	if len(categories) == 0 {
		return nil, errors.New("plots: sweep: no categories")
	}
	ss, err := checkSeries(series, true, len(categories), o)
	if err != nil {
		return nil, err
	}
	return &sweepChart{series: ss, categories: slices.Clone(categories), xLabel: xLabel, yLabel: yLabel, o: o.withDefaults()}, nil
}

// checkSeries checks and copies the series of a sweep; a categorical sweep has n values in
// each and no X.
func checkSeries(series []Series, categorical bool, n int, o Options) ([]Series, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if len(series) == 0 {
		return nil, errors.New("plots: sweep: no series")
	}
	drawable := false
	ss := make([]Series, len(series))
	for i, s := range series {
		name := seriesName("series", s.Label, i)
		if !categorical {
			n = len(s.X)
			if n == 0 {
				return nil, fmt.Errorf("plots: sweep: %s has no points", name)
			}
			if err := checkOrder(s.X); err != nil {
				return nil, fmt.Errorf("plots: sweep: %s: X %w", name, err)
			}
		}
		if len(s.Y) != n {
			what := "values of X"
			if categorical {
				what = "categories"
			}
			return nil, fmt.Errorf("plots: sweep: %s has %d %s but %d of Y", name, n, what, len(s.Y))
		}
		if (s.Lo == nil) != (s.Hi == nil) {
			return nil, fmt.Errorf("plots: sweep: %s has only one of Lo and Hi", name)
		}
		if s.Lo != nil && (len(s.Lo) != n || len(s.Hi) != n) {
			return nil, fmt.Errorf("plots: sweep: %s has %d values of X but %d of Lo and %d of Hi", name, n, len(s.Lo), len(s.Hi))
		}
		for j := range n {
			drawable = drawable || (categorical || finite(s.X[j])) && finite(s.Y[j])
		}
		ss[i] = Series{Label: s.Label, Axis: s.Axis, Y: slices.Clone(s.Y), Lo: slices.Clone(s.Lo), Hi: slices.Clone(s.Hi)}
		if !categorical {
			ss[i].X = slices.Clone(s.X)
		}
	}
	if !drawable {
		return nil, errors.New("plots: sweep: no finite values to draw")
	}
	return ss, nil
}

type sweepChart struct {
	series         []Series
	categories     []string // nil for a numeric sweep
	xLabel, yLabel string
	o              Options
}

// Draw lays the chart out for the size of c and draws it.
func (s *sweepChart) Draw(c draw.Canvas) {
	th := newTheme(s.o)
	// One panel per value axis, in the order of first appearance.
	var axes []string
	var members [][]int
	for i, sr := range s.series {
		a := sr.Axis
		if a == "" {
			a = s.yLabel
		}
		if a == "" {
			a = "Probability"
		}
		k := slices.Index(axes, a)
		if k < 0 {
			k = len(axes)
			axes = append(axes, a)
			members = append(members, nil)
		}
		members[k] = append(members[k], i)
	}
	var entries []legendEntry
	hasBand := false
	for i, sr := range s.series {
		g := seriesGlyph(i, lineColor(i))
		var thumb plot.Thumbnailer = &polyline{style: seriesLine(i, vg.Points(1)), glyph: &g}
		if s.categories != nil {
			thumb = &pointThumb{glyph: g, style: draw.LineStyle{Color: lineColor(i), Width: vg.Points(0.8)}}
		}
		entries = append(entries, legendEntry{label: legendLabel(sr.Label, i), thumb: thumb})
		hasBand = hasBand || sr.Lo != nil
	}
	if hasBand && s.categories == nil {
		entries = append(entries, legendEntry{label: "95% CI", thumb: &band{color: bandColor(lineColor(0))}})
	}
	if hasBand && s.categories != nil {
		entries = append(entries, legendEntry{label: "95% CI", thumb: &pointThumb{style: draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}}})
	}
	if len(s.series) == 1 && s.series[0].Label == "" {
		entries = nil
	}
	if len(axes) == 1 {
		f := s.panel(th, axes[0], members[0])
		f.title, f.legend = s.o.Title, entries
		f.Draw(c)
		return
	}
	p := &panelled{th: th, title: s.o.Title, xLabel: s.xLabel, sharedX: true, legend: entries}
	for k, a := range axes {
		f := s.panel(th, a, members[k])
		f.plot.X.Label.Text = ""
		p.panels = append(p.panels, f)
		p.weights = append(p.weights, 1)
	}
	p.Draw(c)
}

// panel draws the series of the given indices on one value axis titled yLabel.
func (s *sweepChart) panel(th theme, yLabel string, idx []int) *figure {
	p := newPlot(th)
	p.X.Label.Text = s.xLabel
	p.Y.Label.Text = yLabel
	var ys [][]float64
	for _, i := range idx {
		sr := s.series[i]
		ys = append(ys, sr.Y, sr.Lo, sr.Hi)
	}
	lo, hi, ok := valueRange(ys...)
	p.Y.Min, p.Y.Max, _ = valueAxis(lo, hi, ok, false)
	if s.o.YMin != s.o.YMax {
		p.Y.Min, p.Y.Max = s.o.YMin, s.o.YMax
	}
	if s.categories != nil {
		return s.categoryPanel(th, p, idx)
	}
	p.Add(hgrid{vertical: true, style: gridLine()}, axes{xTicks: true, yTicks: true})
	var xs [][]float64
	var top []plot.Plotter
	for _, i := range idx {
		sr := s.series[i]
		xs = append(xs, sr.X)
		col := lineColor(i)
		if sr.Lo != nil {
			p.Add(&band{rings: linearBand(sr.X, sr.Lo, sr.Hi), color: bandColor(col)})
		}
		g := seriesGlyph(i, col)
		l := &polyline{segs: linearLines(sr.X, sr.Y), style: seriesLine(i, vg.Points(1)), glyph: &g}
		var pts []plotter.XY
		for j := range sr.X {
			if finite(sr.X[j]) && finite(sr.Y[j]) {
				pts = append(pts, plotter.XY{X: sr.X[j], Y: sr.Y[j]})
			}
		}
		top = append(top, l, &markers{pts: pts, glyph: g})
	}
	p.Add(top...)
	p.X.Min, p.X.Max, _ = valueRange(xs...)
	return &figure{th: th, plot: p, fit: fitLinear}
}

// categoryPanel draws the series of idx as points with whiskers over the categories, side by
// side within each category so that their whiskers do not hide each other.
func (s *sweepChart) categoryPanel(th theme, p *plot.Plot, idx []int) *figure {
	p.Add(hgrid{style: gridLine()}, axes{yTicks: true})
	p.X.Padding = vg.Points(axisWidth + 2)
	n, m := len(s.categories), len(idx)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	dodge := 0.0
	if m > 1 {
		dodge = math.Min(0.5/float64(m), 0.15)
	}
	for k, i := range idx {
		sr := s.series[i]
		col := lineColor(i)
		x := make([]float64, n)
		var pts []plotter.XY
		for j := range n {
			x[j] = float64(j) + (float64(k)-float64(m-1)/2)*dodge
			if finite(sr.Y[j]) {
				pts = append(pts, plotter.XY{X: x[j], Y: sr.Y[j]})
			}
		}
		if sr.Lo != nil {
			p.Add(&whiskers{x: x, lo: sr.Lo, hi: sr.Hi, cap: 0.06, style: draw.LineStyle{Color: col, Width: vg.Points(0.8)}})
		}
		p.Add(&markers{pts: pts, glyph: seriesGlyph(i, col)})
	}
	overhang := new(vg.Length)
	fit := func(p *plot.Plot, data vg.Rectangle) {
		p.Y.Tick.Marker = niceTicks(p.Y.Min, p.Y.Max, tickCount(data.Size().Y, yTickSpacing))
		p.X.Tick.Label, p.X.Tick.Marker, *overhang = categoryTicks(th, s.categories, data.Size().X)
	}
	return &figure{th: th, plot: p, fit: fit, overhang: overhang}
}

// pointThumb is the legend sample of a point with a whisker.
type pointThumb struct {
	glyph draw.GlyphStyle // zero: the whisker alone
	style draw.LineStyle
}

func (t *pointThumb) Thumbnail(c *draw.Canvas) {
	x := c.Center().X
	h := c.Max.Y - c.Min.Y
	c.StrokeLine2(t.style, x, c.Min.Y-h/3, x, c.Max.Y+h/3)
	if t.glyph.Shape != nil {
		drawMarker(c, t.glyph, c.Center())
	}
}

// linearLines returns the unbroken runs of a line through (x, y).
func linearLines(x, y []float64) [][]plotter.XY {
	var segs [][]plotter.XY
	for _, r := range runs(len(x), func(i int) bool { return finite(x[i]) && finite(y[i]) }) {
		var seg []plotter.XY
		for i := r[0]; i < r[1]; i++ {
			seg = append(seg, plotter.XY{X: x[i], Y: y[i]})
		}
		segs = append(segs, seg)
	}
	return segs
}

// linearBand returns one polygon per unbroken run of a band between
// straight edges.
func linearBand(x, lo, hi []float64) [][]plotter.XY {
	var rings [][]plotter.XY
	ok := func(i int) bool { return finite(x[i]) && finite(lo[i]) && finite(hi[i]) }
	for _, r := range runs(len(x), ok) {
		var ring []plotter.XY
		for i := r[0]; i < r[1]; i++ {
			ring = append(ring, plotter.XY{X: x[i], Y: hi[i]})
		}
		for i := r[1] - 1; i >= r[0]; i-- {
			ring = append(ring, plotter.XY{X: x[i], Y: lo[i]})
		}
		rings = append(rings, ring)
	}
	return rings
}
