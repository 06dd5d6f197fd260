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

// Trajectory is the peeling trajectory of PRIM for one option: the coverage and density of
// each box from the whole space (coverage 1) inward, and the index of the box chosen (-1:
// none).
type Trajectory struct {
	Label             string
	Coverage, Density []float64
	Chosen            int
}

// Peeling draws PRIM's peeling trajectories: density against coverage, a line per option
// through its boxes, the chosen box ringed. Each box trades coverage (the share of the cases
// of interest it holds) for density (the share of its points that are cases): the line runs
// from the whole space on the right to small, pure boxes at the top left.
func Peeling(trajectories []Trajectory, o Options) (Chart, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if len(trajectories) == 0 {
		return nil, errors.New("plots: peeling: no trajectories")
	}
	ts := make([]Trajectory, len(trajectories))
	for i, t := range trajectories {
		if len(t.Coverage) != len(t.Density) {
			return nil, fmt.Errorf("plots: peeling: %s has %d coverages and %d densities", seriesName("trajectory", t.Label, i), len(t.Coverage), len(t.Density))
		}
		if t.Chosen < -1 || t.Chosen >= len(t.Coverage) {
			return nil, fmt.Errorf("plots: peeling: %s: chosen box %d of %d", seriesName("trajectory", t.Label, i), t.Chosen, len(t.Coverage))
		}
		ts[i] = Trajectory{Label: t.Label, Coverage: slices.Clone(t.Coverage), Density: slices.Clone(t.Density), Chosen: t.Chosen}
	}
	return &peelingChart{ts: ts, o: o}, nil
}

type peelingChart struct {
	ts []Trajectory
	o  Options
}

func (pc *peelingChart) Draw(c draw.Canvas) { pc.figure().Draw(c) }

func (pc *peelingChart) figure() *figure {
	th := newTheme(pc.o)
	p := newPlot(th)
	p.X.Label.Text = "Coverage"
	p.Y.Label.Text = "Density"
	p.Add(hgrid{vertical: true, style: gridLine()}, axes{xTicks: true, yTicks: true})
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	var top []plot.Plotter
	var entries []legendEntry
	var chosen []plotter.XY
	for i, t := range pc.ts {
		g := seriesGlyph(i, lineColor(i))
		g.Radius = vg.Points(1.6)
		l := &polyline{segs: linearLines(t.Coverage, t.Density), style: seriesLine(i, vg.Points(1)), glyph: &g}
		var pts []plotter.XY
		for j := range t.Coverage {
			if finite(t.Coverage[j]) && finite(t.Density[j]) {
				pts = append(pts, plotter.XY{X: t.Coverage[j], Y: t.Density[j]})
			}
		}
		top = append(top, l, &markers{pts: pts, glyph: g})
		if t.Chosen >= 0 && finite(t.Coverage[t.Chosen]) && finite(t.Density[t.Chosen]) {
			chosen = append(chosen, plotter.XY{X: t.Coverage[t.Chosen], Y: t.Density[t.Chosen]})
		}
		entries = append(entries, legendEntry{label: legendLabel(t.Label, i), thumb: l})
	}
	p.Add(top...)
	ring := draw.GlyphStyle{Color: color.Black, Radius: vg.Points(4.5), Shape: ringOnly{}}
	if len(chosen) > 0 {
		p.Add(&markers{pts: chosen, glyph: ring})
		entries = append(entries, legendEntry{label: "Chosen box", thumb: &glyphThumb{ring}})
	}
	if len(pc.ts) == 1 && pc.ts[0].Label == "" && len(chosen) == 0 {
		entries = nil
	}
	return &figure{th: th, title: pc.o.Title, plot: p, legend: entries, fit: fitLinear}
}

// ringOnly draws an unfilled circle, drawn over a marker without hiding it.
type ringOnly struct{}

func (ringOnly) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	var path vg.Path
	path.Move(vg.Point{X: pt.X + sty.Radius, Y: pt.Y})
	path.Arc(pt, sty.Radius, 0, 2*math.Pi)
	path.Close()
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(0.8)})
	c.Stroke(path)
}
