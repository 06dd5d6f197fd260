package plots

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Curve is a Kaplan–Meier survival curve and its pointwise 95% band.
//
// S[i] is the survival probability from time Steps[i] until the next step
// (a right-continuous step function), Lo[i] and Hi[i] its bounds. Start
// Steps at 0 with S = 1 for the usual picture. Lo and Hi may both be nil
// for a curve without a band.
type Curve struct {
	Label     string
	Steps     []float64 // x, in years, non-decreasing
	S, Lo, Hi []float64
}

// Survival draws Kaplan–Meier step curves with shaded 95% bands.
//
// The y axis runs from 0 to 1 and is labelled "P(no deterrence failure
// yet)", the x axis "Years"; Options.XLabel and Options.YLabel replace
// them. Curves differ in dash pattern as well as colour, so they stay
// apart in greyscale print. There is a legend when there is more than one
// curve or the curve has a label: one entry per curve and one for the
// "95% CI" bands.
func Survival(curves []Curve, o Options) (Chart, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if len(curves) == 0 {
		return nil, errors.New("plots: survival: no curves")
	}
	drawable := false
	cs := make([]Curve, len(curves))
	for i, c := range curves {
		name := seriesName("curve", c.Label, i)
		n := len(c.Steps)
		if n == 0 {
			return nil, fmt.Errorf("plots: survival: %s has no steps", name)
		}
		if len(c.S) != n {
			return nil, fmt.Errorf("plots: survival: %s has %d steps but %d values of S", name, n, len(c.S))
		}
		if (c.Lo == nil) != (c.Hi == nil) {
			return nil, fmt.Errorf("plots: survival: %s has only one of Lo and Hi", name)
		}
		if c.Lo != nil && (len(c.Lo) != n || len(c.Hi) != n) {
			return nil, fmt.Errorf("plots: survival: %s has %d steps but %d values of Lo and %d of Hi", name, n, len(c.Lo), len(c.Hi))
		}
		if err := checkOrder(c.Steps); err != nil {
			return nil, fmt.Errorf("plots: survival: %s: steps %w", name, err)
		}
		for j := range n {
			drawable = drawable || finite(c.Steps[j]) && finite(c.S[j])
		}
		cs[i] = Curve{Label: c.Label, Steps: slices.Clone(c.Steps), S: slices.Clone(c.S), Lo: slices.Clone(c.Lo), Hi: slices.Clone(c.Hi)}
	}
	if !drawable {
		return nil, errors.New("plots: survival: no finite values to draw")
	}
	return &survivalChart{curves: cs, o: o}, nil
}

// seriesName names series i in error messages: "curve 2 (\"Pact\")".
func seriesName(kind, label string, i int) string {
	if label != "" {
		return fmt.Sprintf("%s %d (%q)", kind, i+1, label)
	}
	return fmt.Sprintf("%s %d", kind, i+1)
}

// checkOrder reports finite values of xs that decrease.
func checkOrder(xs []float64) error {
	last := math.Inf(-1)
	for i, x := range xs {
		if !finite(x) {
			continue
		}
		if x < last {
			return fmt.Errorf("decrease at index %d (%g after %g)", i, x, last)
		}
		last = x
	}
	return nil
}

type survivalChart struct {
	curves []Curve
	o      Options
}

// Draw lays the chart out for the size of c and draws it.
func (s *survivalChart) Draw(c draw.Canvas) { s.figure().Draw(c) }

func (s *survivalChart) figure() *figure {
	th := newTheme(s.o)
	p := newPlot(th)
	p.X.Label.Text = "Years"
	p.Y.Label.Text = "P(no deterrence failure yet)"
	if s.o.XLabel != "" {
		p.X.Label.Text = s.o.XLabel
	}
	if s.o.YLabel != "" {
		p.Y.Label.Text = s.o.YLabel
	}
	p.Add(hgrid{vertical: true, style: gridLine()}, axes{xTicks: true, yTicks: true})

	var lines []plot.Plotter
	var entries []legendEntry
	hasBand := false
	var steps [][]float64
	for i, c := range s.curves {
		steps = append(steps, c.Steps)
		col := lineColor(i)
		if c.Lo != nil {
			b := &band{rings: stepBand(c.Steps, c.Lo, c.Hi), color: bandColor(col)}
			p.Add(b) // bands first: no band may cover another curve's line
			hasBand = hasBand || len(b.rings) > 0
		}
		l := &polyline{segs: stepLines(c.Steps, c.S), style: seriesLine(i, vg.Points(1.2))}
		lines = append(lines, l)
		entries = append(entries, legendEntry{label: legendLabel(c.Label, i), thumb: l})
	}
	p.Add(lines...)
	if hasBand {
		// The first curve is black, so its band is a neutral grey that
		// stands for the bands of every curve.
		entries = append(entries, legendEntry{label: "95% CI", thumb: &band{color: bandColor(lineColor(0))}})
	}
	if len(s.curves) == 1 && s.curves[0].Label == "" {
		entries = nil
	}

	xmin, xmax, _ := valueRange(steps...)
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = 0, 1
	if s.o.YMin != s.o.YMax {
		p.Y.Min, p.Y.Max = s.o.YMin, s.o.YMax
	}
	return &figure{th: th, title: s.o.Title, plot: p, legend: entries, fit: fitLinear}
}

// legendLabel is the legend text of series i.
func legendLabel(label string, i int) string {
	if label == "" {
		return fmt.Sprintf("Series %d", i+1)
	}
	return label
}

// fitLinear sets ticks on both axes for the size of the data area.
func fitLinear(p *plot.Plot, data vg.Rectangle) {
	// Two intervals at least across: a lone tick would not say where the axis starts.
	p.X.Tick.Marker = niceTicks(p.X.Min, p.X.Max, max(2, tickCount(data.Size().X, xTickSpacing)))
	p.Y.Tick.Marker = niceTicks(p.Y.Min, p.Y.Max, tickCount(data.Size().Y, yTickSpacing))
}

// stepPath returns the post-step path through (x[i], y[i]) for i in
// [a, b): across, then down. The last value holds until the next step
// when there is one, since a step function is defined up to the next jump.
func stepPath(x, y []float64, a, b int) []plotter.XY {
	pts := []plotter.XY{{X: x[a], Y: y[a]}}
	for i := a + 1; i < b; i++ {
		pts = append(pts, plotter.XY{X: x[i], Y: y[i-1]}, plotter.XY{X: x[i], Y: y[i]})
	}
	if b < len(x) && finite(x[b]) && x[b] > x[b-1] {
		pts = append(pts, plotter.XY{X: x[b], Y: y[b-1]})
	}
	return pts
}

// stepLines returns the unbroken runs of a step curve.
func stepLines(x, y []float64) [][]plotter.XY {
	var segs [][]plotter.XY
	for _, r := range runs(len(x), func(i int) bool { return finite(x[i]) && finite(y[i]) }) {
		segs = append(segs, stepPath(x, y, r[0], r[1]))
	}
	return segs
}

// stepBand returns one polygon per unbroken run of a step band: the upper
// edge forwards, the lower edge back.
func stepBand(x, lo, hi []float64) [][]plotter.XY {
	var rings [][]plotter.XY
	ok := func(i int) bool { return finite(x[i]) && finite(lo[i]) && finite(hi[i]) }
	for _, r := range runs(len(x), ok) {
		up := stepPath(x, hi, r[0], r[1])
		down := stepPath(x, lo, r[0], r[1])
		slices.Reverse(down)
		rings = append(rings, append(up, down...))
	}
	return rings
}
