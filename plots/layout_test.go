package plots_test

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"alliancesim/plots"
)

// recorder is a vg.Canvas that keeps where text and lines land on the page, through the
// transforms (text set at an angle is drawn rotated about its anchor).
type recorder struct {
	w, h  vg.Length
	m     affine
	stack []affine
	texts []placed
	lines [][]vg.Point // stroked paths, in page coordinates
}

// affine maps (x, y) to (a*x + b*y + c, d*x + e*y + f).
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) apply(p vg.Point) vg.Point {
	x, y := float64(p.X), float64(p.Y)
	return vg.Point{X: vg.Length(m.a*x + m.b*y + m.c), Y: vg.Length(m.d*x + m.e*y + m.f)}
}

func (m affine) then(n affine) affine { // m after n
	return affine{
		a: m.a*n.a + m.b*n.d, b: m.a*n.b + m.b*n.e, c: m.a*n.c + m.b*n.f + m.c,
		d: m.d*n.a + m.e*n.d, e: m.d*n.b + m.e*n.e, f: m.d*n.c + m.e*n.f + m.f,
	}
}

type placed struct {
	text    string
	corners [4]vg.Point
}

func newRecorder(w, h vg.Length) *recorder {
	return &recorder{w: w, h: h, m: affine{a: 1, e: 1}}
}

func (r *recorder) Size() (vg.Length, vg.Length)       { return r.w, r.h }
func (r *recorder) SetLineWidth(vg.Length)             {}
func (r *recorder) SetLineDash([]vg.Length, vg.Length) {}
func (r *recorder) SetColor(color.Color)               {}
func (r *recorder) Rotate(t float64) {
	s, c := math.Sincos(t)
	r.m = r.m.then(affine{a: c, b: -s, d: s, e: c})
}
func (r *recorder) Translate(p vg.Point) {
	r.m = r.m.then(affine{a: 1, e: 1, c: float64(p.X), f: float64(p.Y)})
}
func (r *recorder) Scale(x, y float64) { r.m = r.m.then(affine{a: x, e: y}) }
func (r *recorder) Push()              { r.stack = append(r.stack, r.m) }
func (r *recorder) Pop()               { r.m, r.stack = r.stack[len(r.stack)-1], r.stack[:len(r.stack)-1] }
func (r *recorder) Stroke(p vg.Path) {
	var pts []vg.Point
	for _, c := range p {
		if c.Type == vg.MoveComp || c.Type == vg.LineComp {
			pts = append(pts, r.m.apply(c.Pos))
		}
	}
	r.lines = append(r.lines, pts)
}
func (r *recorder) Fill(vg.Path)                        {}
func (r *recorder) DrawImage(vg.Rectangle, image.Image) {}
func (r *recorder) FillString(f font.Face, p vg.Point, s string) {
	ext := f.Extents()
	w := f.Width(s)
	r.texts = append(r.texts, placed{text: s, corners: [4]vg.Point{
		r.m.apply(vg.Point{X: p.X, Y: p.Y - ext.Descent}), r.m.apply(vg.Point{X: p.X + w, Y: p.Y - ext.Descent}),
		r.m.apply(vg.Point{X: p.X, Y: p.Y + ext.Ascent}), r.m.apply(vg.Point{X: p.X + w, Y: p.Y + ext.Ascent}),
	}})
}

// record draws c at the given size.
func record(c plots.Chart, w, h vg.Length) *recorder {
	r := newRecorder(w, h)
	c.Draw(draw.New(r))
	return r
}

// find returns the text placed with the given content.
func (r *recorder) find(s string) (placed, bool) {
	for _, t := range r.texts {
		if t.text == s {
			return t, true
		}
	}
	return placed{}, false
}

func (p placed) centre() vg.Point {
	var x, y vg.Length
	for _, c := range p.corners {
		x, y = x+c.X/4, y+c.Y/4
	}
	return vg.Point{X: x, Y: y}
}

// allCharts are one chart of every kind, with long labels, categories and mixed kinds of
// value: the hard cases of layout.
func allCharts(t *testing.T) map[string]plots.Chart {
	t.Helper()
	iv := func(p float64) plots.Interval { return plots.Interval{P: p, Lo: p * 0.8, Hi: p * 1.2} }
	out := map[string]plots.Chart{}
	add := func(name string, c plots.Chart, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = c
	}
	c, err := plots.Outcomes([]plots.Bar{
		{Label: "Deterrence failure", Axis: "Probability per run", Interval: iv(0.9)},
		{Label: "Armed failure", Axis: "Probability per run", Interval: iv(0.1)},
		{Label: "Conquest", Axis: "Probability per run", Interval: iv(0.01)},
		{Label: "Abandonment rate", Axis: "Share of decisions", Interval: iv(0.5)},
		{Label: "Entrapment rate", Axis: "Share of decisions", Interval: iv(0.02)},
	}, "", plots.Options{})
	add("outcomes", c, err)
	c, err = plots.Compare([]string{"NATO membership", "Bilateral agreements", "Budapest assurances"},
		[]plots.Quantity{{Label: "Київ attacked", Axis: "Probability per run"}, {Label: "Abandonment", Axis: "Share of decisions"},
			{Label: "Economy lost", Axis: "Trillion US$"}},
		[][]plots.Interval{{iv(0.2), iv(0.3), iv(2)}, {iv(0.9), iv(0.6), iv(5)}, {iv(1), iv(0.8), iv(7)}}, plots.Options{})
	add("compare", c, err)
	x := []float64{0, 1.0 / 15, 2.0 / 15, 0.2, 4.0 / 15}
	c, err = plots.Sweep([]plots.Series{
		{Label: "Deterrence failure", Axis: "Probability per run", X: x, Y: []float64{0.1, 0.2, 0.3, 0.4, 0.5}},
		{Label: "Economy lost", Axis: "Trillion US$", X: x, Y: []float64{1, 2, 3, 4, 5}},
	}, "Initial reputation of every state", "", plots.Options{})
	add("sweep", c, err)
	cats := []string{"freeride", "balance", "buckpass", "bandwagon", "fixed"}
	c, err = plots.SweepCategories(cats, []plots.Series{
		{Label: "Deterrence failure", Y: []float64{0.1, 0.2, 0.3, 0.4, 0.5}, Lo: []float64{0, 0.1, 0.2, 0.3, 0.4}, Hi: []float64{0.2, 0.3, 0.4, 0.5, 0.6}},
		{Label: "Armed failure", Y: []float64{0.05, 0.1, 0.15, 0.2, 0.25}},
	}, "Germany's strategy", "", plots.Options{})
	add("sweep categories", c, err)
	z := [][]float64{{1, 2, 3}, {4, 5, math.NaN()}}
	c, err = plots.Heatmap(plots.GridAxis{Label: "Agreement (kind): response", Names: []string{"sanctions", "arms", "fight"}},
		plots.GridAxis{Label: "Nuclear umbrella", Names: []string{"no", "yes"}}, z, plots.ColorScale{Label: "Ukraine economy lost (T$)", Min: 0, Max: 6}, plots.Options{})
	add("heatmap", c, err)
	curve := plots.Curve{Label: "NATO membership", Steps: []float64{0, 1, 2}, S: []float64{1, 0.9, 0.8}}
	c, err = plots.Survival([]plots.Curve{curve}, plots.Options{})
	add("survival", c, err)
	return out
}

// No text of any chart reaches past the page, at 6 cm (narrower than a column), 8.5 cm and
// 17.5 cm: slanted category names used to be cut at the left edge.
func TestNothingClips(t *testing.T) {
	t.Parallel()
	for name, c := range allCharts(t) {
		for _, w := range []vg.Length{6 * vg.Centimeter, plots.SingleColumn, plots.DoubleColumn} {
			r := record(c, w, plots.DefaultHeight)
			for _, p := range r.texts {
				for _, q := range p.corners {
					if q.X < -0.01 || q.Y < -0.01 || q.X > w+0.01 || q.Y > plots.DefaultHeight+0.01 {
						t.Errorf("%s at %.1f cm: %q reaches (%.1f, %.1f) pt, off the page", name, w.Points()/vg.Centimeter.Points(), p.text, q.X.Points(), q.Y.Points())
						break
					}
				}
			}
		}
	}
}

// Categories are drawn as points with whiskers, never joined by a line, in the order given,
// with their names; the same values as a numeric sweep are joined (the control).
func TestSweepCategories(t *testing.T) {
	t.Parallel()
	y := []float64{0.1, 0.5, 0.2, 0.4, 0.3}
	longest := func(c plots.Chart) int {
		n := 0
		for _, l := range record(c, plots.DoubleColumn, plots.DefaultHeight).lines {
			n = max(n, len(l))
		}
		return n
	}
	cats := []string{"fixed", "balance", "buckpass", "bandwagon", "freeride"} // not sorted
	c, err := plots.SweepCategories(cats, []plots.Series{{Y: y}}, "Strategy", "", plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The axes are one path of three points; a line through five values would have five.
	if n := longest(c); n > 3 {
		t.Errorf("categories are joined: a path of %d points", n)
	}
	r := record(c, plots.DoubleColumn, plots.DefaultHeight)
	last := vg.Length(math.Inf(-1))
	for _, name := range cats {
		p, ok := r.find(name)
		if !ok {
			t.Fatalf("category %q is not named", name)
		}
		if p.centre().X <= last {
			t.Errorf("category %q is out of the order given", name)
		}
		last = p.centre().X
	}
	numeric, err := plots.Sweep([]plots.Series{{X: []float64{0, 1, 2, 3, 4}, Y: y}}, "x", "", plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := longest(numeric); n < 5 {
		t.Errorf("control: the numeric sweep's line has only %d points", n)
	}
}

// Metrics of different kinds never share an axis: each axis title is drawn once per panel,
// and a panel's values are read on its own axis (the money panel reaches 7, the probability
// panel stops at 1).
func TestPanels(t *testing.T) {
	t.Parallel()
	r := record(allCharts(t)["compare"], plots.DoubleColumn, plots.DefaultHeight)
	var titles []placed
	for _, title := range []string{"Probability per run", "Share of decisions", "Trillion US$"} {
		p, ok := r.find(title)
		if !ok {
			t.Fatalf("no axis titled %q", title)
		}
		titles = append(titles, p)
	}
	for i := 1; i < len(titles); i++ {
		if titles[i].centre().X <= titles[i-1].centre().X {
			t.Errorf("axis %q is not right of %q", titles[i].text, titles[i-1].text)
		}
	}
	ticks := map[string]bool{}
	for _, p := range r.texts {
		ticks[p.text] = true
	}
	if !ticks["8"] && !ticks["8.0"] && !ticks["10"] {
		t.Errorf("the money panel has no tick above 7: %v", ticks)
	}
}

// A heatmap's categorical axes name their categories in the order given, across and up.
func TestHeatmapCategories(t *testing.T) {
	t.Parallel()
	r := record(allCharts(t)["heatmap"], plots.SingleColumn, plots.DefaultHeight)
	pos := func(s string) vg.Point {
		p, ok := r.find(s)
		if !ok {
			t.Fatalf("%q is not drawn", s)
		}
		return p.centre()
	}
	if !(pos("sanctions").X < pos("arms").X && pos("arms").X < pos("fight").X) {
		t.Error("x categories are out of the order given")
	}
	if !(pos("no").Y < pos("yes").Y) {
		t.Error("y categories are out of the order given")
	}
	for _, s := range r.texts {
		if strings.Contains(s.text, "0.0") && len(s.text) > 6 {
			t.Errorf("unreadable label %q", s.text)
		}
	}
}

func TestNiceRange(t *testing.T) {
	t.Parallel()
	for _, test := range []struct{ lo, hi, min, max float64 }{
		{0.024, 0.036, 0, 0.04},
		{3, 17, 0, 20},
		{-2, 7, -2, 8},
		{5, 5, 0, 5},
	} {
		min, max := plots.NiceRange(test.lo, test.hi)
		if math.Abs(min-test.min) > 1e-12 || math.Abs(max-test.max) > 1e-12 {
			t.Errorf("NiceRange(%g, %g) = %g, %g, want %g, %g", test.lo, test.hi, min, max, test.min, test.max)
		}
	}
}

// Category names set at an angle never run into each other: fifteen countries in one column
// slant more steeply than the usual 30 degrees.
func TestCategoryNamesApart(t *testing.T) {
	t.Parallel()
	names := []string{"USA", "Germany", "UK", "France", "Italy", "Netherlands", "Turkey", "Poland",
		"Sweden", "Romania", "Finland", "Hungary", "Lithuania", "Estonia", "Latvia"}
	var values [][]plots.Interval
	for range names {
		values = append(values, []plots.Interval{{P: 2, Lo: 1.8, Hi: 2.2}, {P: 3, Lo: 2.8, Hi: 3.2}})
	}
	c, err := plots.Compare(names, []plots.Quantity{{Label: "Data", Axis: "%"}, {Label: "Model", Axis: "%"}}, values, plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := record(c, plots.SingleColumn, plots.DefaultHeight)
	// inside reports whether q lies within the parallelogram p (corners: lower left, lower
	// right, upper left, upper right), by its coordinates along p's sides.
	inside := func(q vg.Point, p placed) bool {
		o, a, b := p.corners[0], p.corners[1], p.corners[2]
		ax, ay := float64(a.X-o.X), float64(a.Y-o.Y)
		bx, by := float64(b.X-o.X), float64(b.Y-o.Y)
		qx, qy := float64(q.X-o.X), float64(q.Y-o.Y)
		det := ax*by - ay*bx
		u, v := (qx*by-qy*bx)/det, (ax*qy-ay*qx)/det
		const e = 0.02
		return u > e && u < 1-e && v > e && v < 1-e
	}
	var placedNames []placed
	for _, n := range names {
		p, ok := r.find(n)
		if !ok {
			t.Fatalf("%q is not drawn", n)
		}
		placedNames = append(placedNames, p)
	}
	for i := 1; i < len(placedNames); i++ {
		a, b := placedNames[i-1], placedNames[i]
		for _, q := range b.corners {
			if inside(q, a) {
				t.Errorf("%q runs into %q", b.text, a.text)
				break
			}
		}
		for _, q := range a.corners {
			if inside(q, b) {
				t.Errorf("%q runs into %q", a.text, b.text)
				break
			}
		}
	}
}

// Factors whose Morris points crowd together are never named over each other: a name without a
// free place beside its point is listed, with the point, in a note instead.
func TestMorrisNamesDoNotOverlap(t *testing.T) {
	t.Parallel()
	factors := []string{"Logit scale of attack choice s", "Agreement (kind): aid (share of accrual)",
		"Cost of an armed attack", "Russia's claim on Ukraine", "Contest decisiveness γ",
		"Honour: intercept a0", "Initial reputation", "Value of a hybrid attack (vs armed)"}
	s := plots.MorrisSeries{
		MuStar:     []float64{0.69, 0.35, 0.33, 0.31, 0.03, 0.03, 0.02, 0.05},
		MuStarConf: []float64{0.16, 0.12, 0.11, 0.09, 0.01, 0.01, 0.01, 0.02},
		Sigma:      []float64{0.37, 0.28, 0.26, 0.22, 0.04, 0.04, 0.03, 0.07},
	}
	c, err := plots.Morris(factors, []plots.MorrisSeries{s}, plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	box := func(p placed) (lo, hi vg.Point) {
		lo, hi = p.corners[0], p.corners[0]
		for _, q := range p.corners[1:] {
			lo = vg.Point{X: min(lo.X, q.X), Y: min(lo.Y, q.Y)}
			hi = vg.Point{X: max(hi.X, q.X), Y: max(hi.Y, q.Y)}
		}
		return lo, hi
	}
	for _, w := range []vg.Length{plots.SingleColumn, plots.DoubleColumn} {
		r := record(c, w, plots.DefaultHeight)
		for _, f := range factors {
			named := false
			for _, p := range r.texts {
				named = named || strings.HasPrefix(p.text, f)
			}
			if !named {
				t.Errorf("at %v: %q is named nowhere", w, f)
			}
		}
		for i, p := range r.texts {
			plo, phi := box(p)
			for _, q := range r.texts[i+1:] {
				qlo, qhi := box(q)
				// A shared edge of a line's height is not an overlap.
				if plo.X < qhi.X-0.5 && qlo.X < phi.X-0.5 && plo.Y < qhi.Y-0.5 && qlo.Y < phi.Y-0.5 {
					t.Errorf("at %v: %q and %q overlap", w, p.text, q.text)
				}
			}
		}
	}
}
