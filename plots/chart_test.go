package plots_test

import (
	"bytes"
	"image/png"
	"math"
	"strings"
	"sync"
	"testing"

	"alliancesim/plots"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// small keeps drawing tests fast: the layout is the same at any DPI.
var small = plots.Options{DPI: 72}

// render draws c on a PNG canvas of o's size and returns the encoded image.
func render(t *testing.T, c plots.Chart, o plots.Options) []byte {
	t.Helper()
	w, h := o.Width, o.Height
	if w == 0 {
		w, h = plots.SingleColumn, plots.DefaultHeight
	}
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(72))
	c.Draw(draw.New(img))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestInputErrors(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	curve := plots.Curve{Steps: []float64{0, 1}, S: []float64{1, 0.9}, Lo: []float64{1, 0.8}, Hi: []float64{1, 1}}
	series := plots.Series{X: []float64{0, 1}, Y: []float64{0.1, 0.2}}
	grid := [][]float64{{0.1, 0.2}, {0.3, 0.4}}
	iv := plots.Interval{P: 0.5, Lo: 0.4, Hi: 0.6}
	for _, test := range []struct {
		name string
		make func() (plots.Chart, error)
		want string // part of the error message
	}{
		{"survival/empty", func() (plots.Chart, error) { return plots.Survival(nil, small) }, "no curves"},
		{"survival/no steps", func() (plots.Chart, error) { return plots.Survival([]plots.Curve{{Label: "a"}}, small) }, `curve 1 ("a") has no steps`},
		{"survival/S length", func() (plots.Chart, error) {
			c := curve
			c.S = c.S[:1]
			return plots.Survival([]plots.Curve{curve, c}, small)
		}, "curve 2 has 2 steps but 1 values of S"},
		{"survival/Hi length", func() (plots.Chart, error) {
			c := curve
			c.Hi = []float64{1}
			return plots.Survival([]plots.Curve{c}, small)
		}, "1 of Hi"},
		{"survival/Lo only", func() (plots.Chart, error) {
			c := curve
			c.Hi = nil
			return plots.Survival([]plots.Curve{c}, small)
		}, "only one of Lo and Hi"},
		{"survival/decreasing", func() (plots.Chart, error) {
			c := curve
			c.Steps = []float64{1, 0}
			return plots.Survival([]plots.Curve{c}, small)
		}, "decrease at index 1"},
		{"survival/all NaN", func() (plots.Chart, error) {
			c := curve
			c.S = []float64{nan, nan}
			return plots.Survival([]plots.Curve{c}, small)
		}, "no finite values"},
		{"survival/bad options", func() (plots.Chart, error) {
			return plots.Survival([]plots.Curve{curve}, plots.Options{Width: -1})
		}, "width -1 must be positive"},
		{"outcomes/empty", func() (plots.Chart, error) { return plots.Outcomes(nil, "", small) }, "no bars"},
		{"outcomes/dpi", func() (plots.Chart, error) {
			return plots.Outcomes([]plots.Bar{{Label: "a", Interval: iv}}, "", plots.Options{DPI: 100000})
		}, "dpi 100000 out of range"},
		{"compare/no options", func() (plots.Chart, error) { return plots.Compare(nil, []plots.Quantity{{Label: "m"}}, nil, small) }, "no options"},
		{"compare/no metrics", func() (plots.Chart, error) { return plots.Compare([]string{"o"}, nil, nil, small) }, "no metrics"},
		{"compare/rows", func() (plots.Chart, error) {
			return plots.Compare([]string{"o", "p"}, []plots.Quantity{{Label: "m"}}, [][]plots.Interval{{iv}}, small)
		}, "2 options but 1 rows"},
		{"compare/row length", func() (plots.Chart, error) {
			return plots.Compare([]string{"o", "p"}, []plots.Quantity{{Label: "m"}}, [][]plots.Interval{{iv}, {iv, iv}}, small)
		}, `option "p" has 2 values for 1 metrics`},
		{"sweep/empty", func() (plots.Chart, error) { return plots.Sweep(nil, "x", "", small) }, "no series"},
		{"sweep/no points", func() (plots.Chart, error) { return plots.Sweep([]plots.Series{{}}, "x", "", small) }, "series 1 has no points"},
		{"sweep/Y length", func() (plots.Chart, error) {
			s := series
			s.Y = s.Y[:1]
			return plots.Sweep([]plots.Series{s}, "x", "", small)
		}, "2 values of X but 1 of Y"},
		{"sweep/Lo length", func() (plots.Chart, error) {
			s := series
			s.Lo, s.Hi = []float64{0}, []float64{1, 1}
			return plots.Sweep([]plots.Series{s}, "x", "", small)
		}, "1 of Lo"},
		{"sweep/all NaN", func() (plots.Chart, error) {
			s := series
			s.Y = []float64{nan, nan}
			return plots.Sweep([]plots.Series{s}, "x", "", small)
		}, "no finite values"},
		{"heatmap/empty", func() (plots.Chart, error) {
			return plots.Heatmap(plots.GridAxis{}, plots.GridAxis{}, nil, plots.ColorScale{Min: 0, Max: 1}, small)
		}, "empty grid"},
		{"heatmap/rows", func() (plots.Chart, error) {
			return plots.Heatmap(plots.GridAxis{Values: []float64{0, 1}}, plots.GridAxis{Values: []float64{0, 1, 2}}, grid, plots.ColorScale{Min: 0, Max: 1}, small)
		}, "3 values of y but 2 rows"},
		{"heatmap/cols", func() (plots.Chart, error) {
			return plots.Heatmap(plots.GridAxis{Values: []float64{0, 1}}, plots.GridAxis{Values: []float64{0, 1}}, [][]float64{{1, 2}, {3}}, plots.ColorScale{Min: 0, Max: 1}, small)
		}, "1 values in row 1"},
		{"heatmap/order", func() (plots.Chart, error) {
			return plots.Heatmap(plots.GridAxis{Values: []float64{1, 0}}, plots.GridAxis{Values: []float64{0, 1}}, grid, plots.ColorScale{Min: 0, Max: 1}, small)
		}, "x: values must increase"},
		{"heatmap/NaN axis", func() (plots.Chart, error) {
			return plots.Heatmap(plots.GridAxis{Values: []float64{0, 1}}, plots.GridAxis{Values: []float64{nan, 1}}, grid, plots.ColorScale{Min: 0, Max: 1}, small)
		}, "y: value 0 is NaN"},
		{"heatmap/range", func() (plots.Chart, error) {
			return plots.Heatmap(plots.GridAxis{Values: []float64{0, 1}}, plots.GridAxis{Values: []float64{0, 1}}, grid, plots.ColorScale{Min: 1, Max: 1}, small)
		}, "colour range [1, 1] is empty"},
	} {
		t.Run(test.name, func(t *testing.T) {
			c, err := test.make()
			if err == nil {
				t.Fatalf("got chart %v, want error containing %q", c, test.want)
			}
			if !strings.Contains(err.Error(), test.want) || !strings.HasPrefix(err.Error(), "plots: ") {
				t.Errorf("error %q, want it to start with %q and contain %q", err, "plots: ", test.want)
			}
		})
	}
}

// TestMissingValues draws every chart with NaN and infinite values in
// estimates and bounds: they must be skipped, not crash the drawing.
func TestMissingValues(t *testing.T) {
	t.Parallel()
	nan, inf := math.NaN(), math.Inf(1)
	charts := map[string]func() (plots.Chart, error){
		"survival": func() (plots.Chart, error) {
			return plots.Survival([]plots.Curve{{
				Label: "a",
				Steps: []float64{0, 1, 2, nan, 4, 5},
				S:     []float64{1, 0.9, nan, 0.7, 0.6, 0.5},
				Lo:    []float64{1, nan, 0.7, 0.6, 0.5, -inf},
				Hi:    []float64{1, 0.95, 0.9, 0.8, nan, 0.6},
			}}, small)
		},
		"sweep": func() (plots.Chart, error) {
			return plots.Sweep([]plots.Series{{
				X:  []float64{0, 0.5, 1, 1.5},
				Y:  []float64{0.1, nan, 0.3, inf},
				Lo: []float64{nan, 0.1, 0.2, 0.3},
				Hi: []float64{0.2, 0.3, nan, 0.5},
			}}, "x", "", small)
		},
		"outcomes": func() (plots.Chart, error) {
			return plots.Outcomes([]plots.Bar{
				{Label: "NaN P", Interval: plots.Interval{P: nan, Lo: 0.1, Hi: 0.2}},
				{Label: "NaN Lo", Interval: plots.Interval{P: 0.3, Lo: nan, Hi: 0.4}},
				{Label: "Inf Hi", Interval: plots.Interval{P: 0.3, Lo: 0.2, Hi: inf}},
			}, "", small)
		},
		"compare": func() (plots.Chart, error) {
			return plots.Compare([]string{"a", "b"}, []plots.Quantity{{Label: "m"}, {Label: "n", Axis: "Share of decisions"}}, [][]plots.Interval{
				{{P: nan, Lo: nan, Hi: nan}, {P: 0.2, Lo: nan, Hi: 0.3}},
				{{P: 0.1, Lo: 0, Hi: 0.2}, {P: 0.4, Lo: 0.3, Hi: 0.5}},
			}, small)
		},
		"sweep categories": func() (plots.Chart, error) {
			return plots.SweepCategories([]string{"no", "yes"}, []plots.Series{
				{Label: "a", Y: []float64{nan, 0.2}, Lo: []float64{0.1, nan}, Hi: []float64{inf, 0.3}},
				{Label: "b", Axis: "T$", Y: []float64{2, inf}, Lo: []float64{1, 1}, Hi: []float64{3, 3}},
			}, "x", "", small)
		},
		"heatmap": func() (plots.Chart, error) {
			return plots.Heatmap(plots.GridAxis{Label: "x", Values: []float64{0, 1}}, plots.GridAxis{Label: "y", Values: []float64{0, 1}}, [][]float64{{nan, 0.2}, {inf, 2}}, plots.ColorScale{Min: 0, Max: 1}, small)
		},
		"all-NaN bars": func() (plots.Chart, error) {
			return plots.Outcomes([]plots.Bar{{Label: "a", Interval: plots.Interval{P: nan, Lo: nan, Hi: nan}}}, "", small)
		},
	}
	for name, make := range charts {
		t.Run(name, func(t *testing.T) {
			c, err := make()
			if err != nil {
				t.Fatal(err)
			}
			if len(render(t, c, small)) == 0 {
				t.Error("empty image")
			}
		})
	}
}

// TestDrawIsRepeatable checks that drawing does not change a chart (it is
// laid out afresh for each canvas) and that a chart can be drawn from
// several goroutines at once.
func TestDrawIsRepeatable(t *testing.T) {
	t.Parallel()
	c, err := plots.Sweep([]plots.Series{{Label: "a", X: []float64{0, 1, 2}, Y: []float64{0.2, 0.4, 0.3}}}, "rep_init", "", small)
	if err != nil {
		t.Fatal(err)
	}
	want := render(t, c, small)
	var wg sync.WaitGroup
	got := make([][]byte, 2)
	for i := range got {
		wg.Go(func() { got[i] = render(t, c, small) })
	}
	wg.Wait()
	for i, g := range got {
		if !bytes.Equal(g, want) {
			t.Errorf("drawing %d differs from the first", i+1)
		}
	}
}

// TestNoGlobalState checks that the package leaves gonum/plot's globals as
// it found them: a serif plot made elsewhere stays serif.
func TestNoGlobalState(t *testing.T) {
	t.Parallel()
	before := plot.DefaultFont
	c, err := plots.Outcomes([]plots.Bar{{Label: "a", Interval: plots.Interval{P: 0.5, Lo: 0.4, Hi: 0.6}}}, "", small)
	if err != nil {
		t.Fatal(err)
	}
	render(t, c, small)
	if plot.DefaultFont != before {
		t.Errorf("plot.DefaultFont changed from %v to %v", before, plot.DefaultFont)
	}
}

func TestCallerSlicesAreCopied(t *testing.T) {
	t.Parallel()
	s := plots.Series{X: []float64{0, 1}, Y: []float64{0.2, 0.4}}
	c, err := plots.Sweep([]plots.Series{s}, "x", "", small)
	if err != nil {
		t.Fatal(err)
	}
	want := render(t, c, small)
	s.Y[1] = 0.9
	if !bytes.Equal(render(t, c, small), want) {
		t.Error("changing the caller's slice after Sweep changed the chart")
	}
}

func TestPNGSize(t *testing.T) {
	t.Parallel()
	c, err := plots.Outcomes([]plots.Bar{{Label: "a", Interval: plots.Interval{P: 0.5, Lo: 0.4, Hi: 0.6}}}, "", plots.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct {
		o            plots.Options
		wantW, wantH int
	}{
		{plots.Options{}, 1004, 768}, // 8.5 cm x 6.5 cm at 300 dpi
		{plots.Options{Width: plots.DoubleColumn, Height: 3 * vg.Inch, DPI: 72}, 496, 216},
	} {
		path := t.TempDir() + "/c.png"
		if err := plots.Save(c, path, test.o); err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(readFile(t, path)))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Width != test.wantW || cfg.Height != test.wantH {
			t.Errorf("%+v: got %dx%d px, want %dx%d", test.o, cfg.Width, cfg.Height, test.wantW, test.wantH)
		}
	}
}
