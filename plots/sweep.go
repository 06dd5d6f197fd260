package plots

import (
	"errors"
	"fmt"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one metric of a one-dimensional sweep: the estimate Y at each
// parameter value X and its 95% bounds Lo and Hi. Lo and Hi may both be
// nil for a series without a band.
type Series struct {
	Label        string
	X, Y, Lo, Hi []float64
}

// Sweep draws a one-dimensional sweep: one line per series with markers at
// the swept values and a shaded 95% band.
//
// xLabel is typically the dotted path of the swept parameter, such as
// "rep.init"; labels are plain text, so underscores print as they are. An
// empty yLabel means "Probability". When every value lies in [0, 1] the y
// axis starts at 0 (see Outcomes for its upper end). Lines differ in
// colour, dash pattern and marker shape. There is a legend when there is
// more than one series or the series has a label.
func Sweep(series []Series, xLabel, yLabel string, o Options) (Chart, error) {
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
		n := len(s.X)
		if n == 0 {
			return nil, fmt.Errorf("plots: sweep: %s has no points", name)
		}
		if len(s.Y) != n {
			return nil, fmt.Errorf("plots: sweep: %s has %d values of X but %d of Y", name, n, len(s.Y))
		}
		if (s.Lo == nil) != (s.Hi == nil) {
			return nil, fmt.Errorf("plots: sweep: %s has only one of Lo and Hi", name)
		}
		if s.Lo != nil && (len(s.Lo) != n || len(s.Hi) != n) {
			return nil, fmt.Errorf("plots: sweep: %s has %d values of X but %d of Lo and %d of Hi", name, n, len(s.Lo), len(s.Hi))
		}
		if err := checkOrder(s.X); err != nil {
			return nil, fmt.Errorf("plots: sweep: %s: X %w", name, err)
		}
		for j := range n {
			drawable = drawable || finite(s.X[j]) && finite(s.Y[j])
		}
		ss[i] = Series{Label: s.Label, X: slices.Clone(s.X), Y: slices.Clone(s.Y), Lo: slices.Clone(s.Lo), Hi: slices.Clone(s.Hi)}
	}
	if !drawable {
		return nil, errors.New("plots: sweep: no finite values to draw")
	}
	if yLabel == "" {
		yLabel = "Probability"
	}
	return &sweepChart{series: ss, xLabel: xLabel, yLabel: yLabel, o: o}, nil
}

type sweepChart struct {
	series         []Series
	xLabel, yLabel string
	o              Options
}

// Draw lays the chart out for the size of c and draws it.
func (s *sweepChart) Draw(c draw.Canvas) { s.figure().Draw(c) }

func (s *sweepChart) figure() *figure {
	th := newTheme(s.o)
	p := newPlot(th)
	p.X.Label.Text = s.xLabel
	p.Y.Label.Text = s.yLabel
	p.Add(hgrid{vertical: true, style: gridLine()}, axes{xTicks: true, yTicks: true})

	var xs, ys [][]float64
	var top []plot.Plotter
	var entries []legendEntry
	hasBand := false
	for i, sr := range s.series {
		xs = append(xs, sr.X)
		ys = append(ys, sr.Y, sr.Lo, sr.Hi)
		col := lineColor(i)
		if sr.Lo != nil {
			b := &band{rings: linearBand(sr.X, sr.Lo, sr.Hi), color: bandColor(col)}
			p.Add(b)
			hasBand = hasBand || len(b.rings) > 0
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
		entries = append(entries, legendEntry{label: legendLabel(sr.Label, i), thumb: l})
	}
	p.Add(top...)
	if hasBand {
		entries = append(entries, legendEntry{label: "95% CI", thumb: &band{color: bandColor(lineColor(0))}})
	}
	if len(s.series) == 1 && s.series[0].Label == "" {
		entries = nil
	}

	p.X.Min, p.X.Max, _ = valueRange(xs...)
	lo, hi, ok := valueRange(ys...)
	p.Y.Min, p.Y.Max, _ = valueAxis(lo, hi, ok, false)
	return &figure{th: th, title: s.o.Title, plot: p, legend: entries, fit: fitLinear}
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
