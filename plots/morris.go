package plots

import (
	"cmp"
	"errors"
	"fmt"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MorrisSeries is the Morris screening of every factor under one option: the mean absolute
// elementary effect μ* with the half-width of its 95% interval, and the standard deviation σ
// of the effects.
type MorrisSeries struct {
	Label                     string
	MuStar, MuStarConf, Sigma []float64 // one per factor
}

// Morris draws σ against μ* for every factor, a point each with a horizontal whisker for μ*'s
// interval and the factor's name beside it, one marker shape per series. Factors near the
// origin do little; far right, much; high above the dotted line σ = μ*, through interactions or
// a nonlinear effect rather than alone and linearly. Both axes start at 0.
func Morris(factors []string, series []MorrisSeries, o Options) (Chart, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if len(factors) == 0 || len(series) == 0 {
		return nil, errors.New("plots: morris: no factors or no series")
	}
	drawable := false
	ss := make([]MorrisSeries, len(series))
	for i, s := range series {
		if len(s.MuStar) != len(factors) || len(s.MuStarConf) != len(factors) || len(s.Sigma) != len(factors) {
			return nil, fmt.Errorf("plots: morris: %s has %d μ*, %d intervals and %d σ for %d factors",
				seriesName("series", s.Label, i), len(s.MuStar), len(s.MuStarConf), len(s.Sigma), len(factors))
		}
		for j := range factors {
			drawable = drawable || finite(s.MuStar[j]) && finite(s.Sigma[j])
		}
		ss[i] = MorrisSeries{Label: s.Label, MuStar: slices.Clone(s.MuStar), MuStarConf: slices.Clone(s.MuStarConf), Sigma: slices.Clone(s.Sigma)}
	}
	if !drawable {
		return nil, errors.New("plots: morris: no finite values to draw")
	}
	return &morrisChart{factors: slices.Clone(factors), series: ss, o: o}, nil
}

type morrisChart struct {
	factors []string
	series  []MorrisSeries
	o       Options
}

func (m *morrisChart) Draw(c draw.Canvas) { m.figure().Draw(c) }

func (m *morrisChart) figure() *figure {
	th := newTheme(m.o)
	p := newPlot(th)
	p.X.Label.Text = "μ* (mean absolute elementary effect)"
	p.Y.Label.Text = "σ (spread of the effects)"
	p.Add(hgrid{vertical: true, style: gridLine()}, axes{xTicks: true, yTicks: true})
	var xs, ys []float64
	for _, s := range m.series {
		for j := range m.factors {
			if finite(s.MuStar[j]) && finite(s.Sigma[j]) {
				xs = append(xs, s.MuStar[j], s.MuStar[j]+max(s.MuStarConf[j], 0))
				ys = append(ys, s.Sigma[j])
			}
		}
	}
	_, xmax, _ := valueRange(xs)
	_, ymax, _ := valueRange(ys)
	top := max(xmax, ymax, 1e-9) * 1.08
	p.X.Min, p.X.Max = 0, top
	p.Y.Min, p.Y.Max = 0, top
	p.Add(&polyline{segs: [][]plotter.XY{{{X: 0, Y: 0}, {X: top, Y: top}}},
		style: draw.LineStyle{Color: color.Gray{Y: 0x99}, Width: vg.Points(0.6), Dashes: []vg.Length{vg.Points(1), vg.Points(2)}}})
	var entries []legendEntry
	lab := textStyle(th.small)
	for i, s := range m.series {
		col := lineColor(i)
		g := seriesGlyph(i, col)
		var lo, hi, y []float64
		var pts []plotter.XY
		var labels []string
		for j, f := range m.factors {
			if !finite(s.MuStar[j]) || !finite(s.Sigma[j]) {
				continue
			}
			pts = append(pts, plotter.XY{X: s.MuStar[j], Y: s.Sigma[j]})
			lo, hi, y = append(lo, s.MuStar[j]-s.MuStarConf[j]), append(hi, s.MuStar[j]+s.MuStarConf[j]), append(y, s.Sigma[j])
			labels = append(labels, f)
		}
		p.Add(&hwhiskers{y: y, lo: lo, hi: hi, style: draw.LineStyle{Color: col, Width: vg.Points(0.6)}})
		mk := &markers{pts: pts, glyph: g}
		p.Add(mk)
		if i == 0 { // the names once: under several options they would pile up
			p.Add(&pointLabels{pts: pts, text: labels, style: lab, gap: g.Radius + vg.Points(1.5)})
		}
		entries = append(entries, legendEntry{label: legendLabel(s.Label, i), thumb: &glyphThumb{g}})
	}
	if len(m.series) == 1 && m.series[0].Label == "" {
		entries = nil
	}
	return &figure{th: th, title: m.o.Title, plot: p, legend: entries, fit: fitLinear}
}

// hwhiskers draws horizontal interval bars from lo to hi at height y.
type hwhiskers struct {
	y, lo, hi []float64
	style     draw.LineStyle
}

func (w *hwhiskers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	cap := vg.Points(1.5)
	for i := range w.y {
		if !finite(w.y[i]) || !finite(w.lo[i]) || !finite(w.hi[i]) {
			continue
		}
		y, lo, hi := trY(w.y[i]), trX(w.lo[i]), trX(w.hi[i])
		c.StrokeLines(w.style, c.ClipLinesXY(
			[]vg.Point{{X: lo, Y: y}, {X: hi, Y: y}},
			[]vg.Point{{X: lo, Y: y - cap}, {X: lo, Y: y + cap}},
			[]vg.Point{{X: hi, Y: y - cap}, {X: hi, Y: y + cap}})...)
	}
}

// pointLabels prints each point's text beside it, where it overlaps no text already placed:
// points are labelled from the largest x down (the factors that matter first), each at the first
// free place of above-right, below-right, above-left and below-left, so that a name sits by its
// own point and clear of its whisker. A text with no free place is not printed in the cluster but listed in a note
// at the top left with its point's coordinates, so that no two names are printed over each other
// and none is lost.
type pointLabels struct {
	pts   []plotter.XY
	text  []string
	style text.Style
	gap   vg.Length
}

func (l *pointLabels) Plot(c draw.Canvas, p *plot.Plot) {
	pts := toCanvas(&c, p, l.pts)
	order := make([]int, len(pts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(l.pts[b].X, l.pts[a].X) })
	var taken []vg.Rectangle
	free := func(r vg.Rectangle) bool {
		if r.Min.X < c.Min.X || r.Max.X > c.Max.X || r.Min.Y < c.Min.Y || r.Max.Y > c.Max.Y {
			return false
		}
		for _, t := range taken {
			if r.Min.X < t.Max.X && t.Min.X < r.Max.X && r.Min.Y < t.Max.Y && t.Min.Y < r.Max.Y {
				return false
			}
		}
		return true
	}
	var left []string
	h := l.style.Height("Mg")
	for _, i := range order {
		pt, w, g := pts[i], l.style.Width(l.text[i]), l.gap
		// Above or below the point, never at its height, where its whisker runs.
		for _, min := range []vg.Point{
			{X: pt.X + g/2, Y: pt.Y + g/2},         // above right
			{X: pt.X + g/2, Y: pt.Y - g/2 - h},     // below right
			{X: pt.X - g/2 - w, Y: pt.Y + g/2},     // above left
			{X: pt.X - g/2 - w, Y: pt.Y - g/2 - h}, // below left
		} {
			r := vg.Rectangle{Min: min, Max: vg.Point{X: min.X + w, Y: min.Y + h}}
			if free(r) {
				sty := l.style
				sty.YAlign = draw.YBottom
				c.FillText(sty, r.Min, l.text[i])
				taken = append(taken, r)
				goto next
			}
		}
		left = append(left, fmt.Sprintf("%s (%.2f, %.2f)", l.text[i], l.pts[i].X, l.pts[i].Y))
	next:
	}
	if len(left) > 0 {
		sty := l.style
		sty.YAlign = draw.YTop
		at := vg.Point{X: c.Min.X + l.gap, Y: c.Max.Y - l.gap}
		for _, line := range append([]string{"Not named at their points:"}, left...) {
			c.FillText(sty, at, line)
			at.Y -= h
		}
	}
}

// glyphThumb is a legend sample of a marker.
type glyphThumb struct{ g draw.GlyphStyle }

func (t *glyphThumb) Thumbnail(c *draw.Canvas) { drawMarker(c, t.g, c.Center()) }
