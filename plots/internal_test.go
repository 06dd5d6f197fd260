package plots

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func TestRuns(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	v := []float64{1, nan, 2, 3, nan, nan, 4}
	got := runs(len(v), func(i int) bool { return finite(v[i]) })
	want := [][2]int{{0, 1}, {2, 4}, {6, 7}}
	if !slices.Equal(got, want) {
		t.Errorf("runs = %v, want %v", got, want)
	}
	if got := runs(0, nil); got != nil {
		t.Errorf("runs of nothing = %v", got)
	}
}

func TestStepBandSkipsMissingBounds(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	x := []float64{0, 1, 2, 3}
	lo := []float64{0.9, nan, 0.7, 0.6}
	hi := []float64{1, 1, 0.9, 0.8}
	rings := stepBand(x, lo, hi)
	want := [][]plotter.XY{
		// The first run holds its value until the next step.
		{{X: 0, Y: 1}, {X: 1, Y: 1}, {X: 1, Y: 0.9}, {X: 0, Y: 0.9}},
		{{X: 2, Y: 0.9}, {X: 3, Y: 0.9}, {X: 3, Y: 0.8}, {X: 3, Y: 0.6}, {X: 3, Y: 0.7}, {X: 2, Y: 0.7}},
	}
	if len(rings) != len(want) {
		t.Fatalf("got %d rings, want %d: %v", len(rings), len(want), rings)
	}
	for i := range want {
		if !slices.Equal(rings[i], want[i]) {
			t.Errorf("ring %d = %v, want %v", i, rings[i], want[i])
		}
	}
}

func TestStepLines(t *testing.T) {
	t.Parallel()
	got := stepLines([]float64{0, 1, 2}, []float64{1, 0.8, 0.5})
	want := []plotter.XY{{X: 0, Y: 1}, {X: 1, Y: 1}, {X: 1, Y: 0.8}, {X: 2, Y: 0.8}, {X: 2, Y: 0.5}}
	if len(got) != 1 || !slices.Equal(got[0], want) {
		t.Errorf("stepLines = %v, want [%v]", got, want)
	}
}

func TestLinearBand(t *testing.T) {
	t.Parallel()
	nan := math.NaN()
	rings := linearBand([]float64{0, 1, 2, 3}, []float64{0, 0, nan, 0}, []float64{1, 2, 3, 4})
	if len(rings) != 2 || len(rings[0]) != 4 || len(rings[1]) != 2 {
		t.Errorf("linearBand = %v, want a 4-point ring and a 2-point one", rings)
	}
}

func tickLabels(ts plot.ConstantTicks) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Label)
	}
	return out
}

func TestNiceTicks(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		lo, hi float64
		n      int
		want   string
	}{
		{0, 1, 5, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{0, 1, 4, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{0, 50, 4, "0 10 20 30 40 50"},
		{0, 50, 10, "0 5 10 15 20 25 30 35 40 45 50"},
		{0, 0.3, 6, "0.00 0.05 0.10 0.15 0.20 0.25 0.30"},
		{0.1, 0.9, 4, "0.2 0.4 0.6 0.8"},
		{-1, 1, 4, "-1.0 -0.5 0.0 0.5 1.0"},
		{0, 0.7, 7, "0.0 0.1 0.2 0.3 0.4 0.5 0.6 0.7"},
		{2, 2, 4, "2"},
	} {
		got := strings.Join(tickLabels(niceTicks(test.lo, test.hi, test.n)), " ")
		if got != test.want {
			t.Errorf("niceTicks(%g, %g, %d) = %q, want %q", test.lo, test.hi, test.n, got, test.want)
		}
	}
}

// A short axis gets two tick intervals once they are a spacing apart in all, one below that;
// a long one gets one per spacing, at most ten.
func TestTickCount(t *testing.T) {
	mm := vg.Millimeter
	for _, test := range []struct {
		l    vg.Length
		want int
	}{{5 * mm, 1}, {9.9 * mm, 1}, {10 * mm, 2}, {19 * mm, 2}, {35 * mm, 3}, {65 * mm, 6}, {300 * mm, 10}} {
		if got := tickCount(test.l, 10*mm); got != test.want {
			t.Errorf("tickCount(%v, 10mm) = %d, want %d", test.l, got, test.want)
		}
	}
}

func TestFormatValues(t *testing.T) {
	t.Parallel()
	var grid []float64
	for x := 0.0; x < 0.55; x += 0.1 { // repeated addition: 0.30000000000000004
		grid = append(grid, x)
	}
	for _, test := range []struct {
		in   []float64
		want string
	}{
		{grid, "0.0 0.1 0.2 0.3 0.4 0.5"},
		{[]float64{1, 2, 10}, "1 2 10"},
		{[]float64{0.001, 0.01, 0.1}, "0.001 0.010 0.100"},
		{[]float64{math.Copysign(0, -1), 0.5}, "0.0 0.5"}, // a negative zero prints as 0.0
		{[]float64{0, 1.0 / 3, 2.0 / 3, 1}, "0.00 0.33 0.67 1.00"},
		{[]float64{0, 1.0 / 15, 2.0 / 15, 0.2}, "0.000 0.067 0.133 0.200"},
		{[]float64{1.0 / 15}, "0.067"},
		{[]float64{100, 100 + 1.0/3}, "100.00 100.33"},
	} {
		if got := strings.Join(formatValues(test.in), " "); got != test.want {
			t.Errorf("formatValues(%v) = %q, want %q", test.in, got, test.want)
		}
	}
}

func TestValueAxis(t *testing.T) {
	t.Parallel()
	for _, test := range []struct {
		lo, hi   float64
		ok       bool
		min, max float64
	}{
		{0.1, 0.8, true, 0, 1},     // probabilities: the full scale
		{0.01, 0.26, true, 0, 0.3}, // rare events: zoomed, from 0
		{0.001, 0.03, true, 0, 0.04},
		{0, 0, true, 0, 1},
		{0, 0, false, 0, 1},
		{2, 37, true, 0, 40}, // not probabilities; bars from 0
		{-0.3, 0.4, true, -0.3, 0.4},
		{0.5, 1.7, true, 0, 2},
	} {
		min, max, _ := valueAxis(test.lo, test.hi, test.ok, true)
		if math.Abs(min-test.min) > 1e-12 || math.Abs(max-test.max) > 1e-12 {
			t.Errorf("valueAxis(%g, %g) = [%g, %g], want [%g, %g]", test.lo, test.hi, min, max, test.min, test.max)
		}
	}
}

func TestWrapText(t *testing.T) {
	t.Parallel()
	sty := textStyle(8)
	w := sty.Width("Deterrence") + 1
	for _, test := range []struct{ in, want string }{
		{"Conquest", "Conquest"},
		{"Deterrence failure", "Deterrence\nfailure"},
		{"Deterrence failure in war", "Deterrence\nfailure in\nwar"},
		{"Abandonmentabandonment", "Abandonmentabandonment"}, // cannot wrap: left to the caller
	} {
		got := wrapText(test.in, sty, w)
		if got != test.want {
			t.Errorf("wrapText(%q) = %q, want %q", test.in, got, test.want)
		}
		for _, line := range strings.Split(got, "\n") {
			if sty.Width(line) > w && strings.Contains(line, " ") {
				t.Errorf("line %q of %q is too wide", line, got)
			}
		}
	}
}

func TestIndexTicksThins(t *testing.T) {
	t.Parallel()
	var vs []float64
	for i := 0; i <= 40; i++ {
		vs = append(vs, 0.025*float64(i))
	}
	// Room for one label in every 4 cells.
	ticks := indexTicks(vs, func(k int, _ string) bool { return k >= 4 })
	got := strings.Join(tickLabels(ticks), " ")
	if want := "0.0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.0"; got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
	if ticks[1].Value != 4 {
		t.Errorf("second tick at cell %g, want 4", ticks[1].Value)
	}
	all := indexTicks(vs[:3], func(int, string) bool { return true })
	if got := strings.Join(tickLabels(all), " "); got != "0.000 0.025 0.050" {
		t.Errorf("labels %q", got)
	}
}

func TestLegendLayout(t *testing.T) {
	t.Parallel()
	th := newTheme(Options{}.withDefaults())
	entries := []legendEntry{{label: "No guarantee"}, {label: "Ambiguous guarantee"}, {label: "Defensive pact"}, {label: "95% CI"}}
	if l := layoutLegend(th, entries, DoubleColumn); len(l.cols) != 4 {
		t.Errorf("double column: %d columns, want one row of 4", len(l.cols))
	}
	l := layoutLegend(th, entries, 7*vg.Centimeter)
	if len(l.cols) != 2 || l.height != 2*l.rowH {
		t.Errorf("single column: %d columns, height %v; want a 2x2 grid", len(l.cols), l.height)
	}
	if l := layoutLegend(th, entries, 1); len(l.cols) != 1 {
		t.Errorf("no room: %d columns, want 1", len(l.cols))
	}
}

// TestGreyscale checks what makes charts survive greyscale print: bar fills
// differ in lightness, lines in dash pattern, and the colour map's
// lightness rises steadily.
func TestGreyscale(t *testing.T) {
	t.Parallel()
	for n := 1; n <= 6; n++ {
		cs := barColors(n)
		for i := 1; i < n; i++ {
			if d := luminance(cs[i]) - luminance(cs[i-1]); d < 0.05 {
				t.Errorf("barColors(%d): fills %d and %d differ in luminance by %.3f", n, i-1, i, d)
			}
		}
	}
	var seen []string
	for i := range 6 {
		k := fmt.Sprint(lineDashes(i))
		if slices.Contains(seen, k) {
			t.Errorf("line %d repeats dash pattern %q", i, k)
		}
		seen = append(seen, k)
	}
	cm := viridis(0, 1)
	last := -1.0
	for v := 0.0; v <= 1; v += 0.05 {
		l := luminance(colorAt(cm, v))
		if l <= last {
			t.Errorf("colour map lightness falls at %g", v)
		}
		last = l
	}
}

func TestInkOn(t *testing.T) {
	t.Parallel()
	cm := viridis(0, 1)
	if inkOn(colorAt(cm, 0)) != color.Black && inkOn(colorAt(cm, 0)) != color.White {
		t.Fatal("inkOn returns neither black nor white")
	}
	if inkOn(colorAt(cm, 0)) != color.White {
		t.Error("dark purple: want white text")
	}
	if inkOn(colorAt(cm, 1)) != color.Black {
		t.Error("yellow: want black text")
	}
}

type failingWriter struct{}

func (failingWriter) WriteTo(w io.Writer) (int64, error) {
	w.Write([]byte("partial"))
	return 7, errors.New("disk on fire")
}

func TestWriteAtomicCleansUp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(path, func() io.WriterTo { return failingWriter{} }); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("writeAtomic error %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files left, want only the old chart", len(entries))
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("old chart became %q", b)
	}
}
