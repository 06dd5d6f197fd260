package plots_test

import (
	"fmt"
	"log"
	"math"

	"alliancesim/plots"
)

// The examples draw from closed-form numbers rather than a model run, so
// they are reproducible; each writes testdata/<name>.png, which the tests
// compare with testdata/<name>_golden.png.

// survivalCurve returns a yearly Kaplan–Meier-like curve with hazard h and
// a binomial 95% band for n runs.
func survivalCurve(label string, h float64, years, n int) plots.Curve {
	c := plots.Curve{Label: label}
	for t := 0; t <= years; t++ {
		s := math.Exp(-h * float64(t))
		half := 1.96 * math.Sqrt(s*(1-s)/float64(n))
		c.Steps = append(c.Steps, float64(t))
		c.S = append(c.S, s)
		c.Lo = append(c.Lo, math.Max(0, s-half))
		c.Hi = append(c.Hi, math.Min(1, s+half))
	}
	return c
}

// interval returns an estimate p from n runs with its 95% Wald interval.
func interval(p float64, n int) plots.Interval {
	half := 1.96 * math.Sqrt(p*(1-p)/float64(n))
	return plots.Interval{P: p, Lo: math.Max(0, p-half), Hi: math.Min(1, p+half)}
}

func ExampleSurvival() {
	curves := []plots.Curve{
		survivalCurve("No guarantee", 0.045, 50, 400),
		survivalCurve("Ambiguous guarantee", 0.025, 50, 400),
		survivalCurve("Defensive pact", 0.012, 50, 400),
	}
	c, err := plots.Survival(curves, plots.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(c, "testdata/survival.png", plots.Options{}); err != nil {
		log.Fatal(err)
	}
}

// A double-column chart is the same Chart saved at 17.5 cm: it gets more
// ticks and a one-row legend.
func ExampleSurvival_doubleColumn() {
	curves := []plots.Curve{
		survivalCurve("No guarantee", 0.045, 50, 400),
		survivalCurve("Ambiguous guarantee", 0.025, 50, 400),
		survivalCurve("Defensive pact", 0.012, 50, 400),
		survivalCurve("Nuclear umbrella", 0.006, 50, 400),
	}
	o := plots.Options{Width: plots.DoubleColumn, Title: "Deterrence failure by guarantee"}
	c, err := plots.Survival(curves, o)
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(c, "testdata/survival_double.png", o); err != nil {
		log.Fatal(err)
	}
}

func ExampleOutcomes() {
	bars := []plots.Bar{
		{Label: "Deterrence failure", Interval: interval(0.23, 1000)},
		{Label: "Armed failure", Interval: interval(0.11, 1000)},
		{Label: "Abandonment", Interval: interval(0.07, 1000)},
		{Label: "Entrapment", Interval: interval(0.04, 1000)},
		{Label: "Conquest", Interval: interval(0.015, 1000)},
	}
	c, err := plots.Outcomes(bars, "Probability in 50 years", plots.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(c, "testdata/outcomes.png", plots.Options{}); err != nil {
		log.Fatal(err)
	}
}

func ExampleCompare() {
	options := []string{"No guarantee", "Ambiguous guarantee", "Defensive pact"}
	// Failures are probabilities per run, abandonment and entrapment shares
	// of the guarantors' decisions: each kind gets a panel of its own.
	metrics := []plots.Quantity{
		{Label: "Deterrence failure", Axis: "Probability per run"},
		{Label: "Armed failure", Axis: "Probability per run"},
		{Label: "Abandonment", Axis: "Share of decisions"},
		{Label: "Entrapment", Axis: "Share of decisions"},
	}
	ps := [][]float64{
		{0.41, 0.22, 0, 0},
		{0.26, 0.12, 0.09, 0.05},
		{0.12, 0.05, 0.03, 0.11},
	}
	values := make([][]plots.Interval, len(ps))
	for i, row := range ps {
		for _, p := range row {
			values[i] = append(values[i], interval(p, 800))
		}
	}
	c, err := plots.Compare(options, metrics, values, plots.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(c, "testdata/compare.png", plots.Options{}); err != nil {
		log.Fatal(err)
	}
}

func ExampleSweep() {
	var fail, armed plots.Series
	fail.Label, armed.Label = "Deterrence failure", "Armed failure"
	for i := 0; i <= 10; i++ {
		x := 0.1 * float64(i)
		for _, s := range []struct {
			s *plots.Series
			p float64
		}{
			{&fail, 0.45 / (1 + math.Exp(8*(x-0.45)))},
			{&armed, 0.2 / (1 + math.Exp(6*(x-0.55)))},
		} {
			iv := interval(s.p, 300)
			s.s.X = append(s.s.X, x)
			s.s.Y = append(s.s.Y, iv.P)
			s.s.Lo = append(s.s.Lo, iv.Lo)
			s.s.Hi = append(s.s.Hi, iv.Hi)
		}
	}
	c, err := plots.Sweep([]plots.Series{fail, armed}, "rep.init (initial reputation)", "Probability in 50 years", plots.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(c, "testdata/sweep.png", plots.Options{}); err != nil {
		log.Fatal(err)
	}
}

func ExampleHeatmap() {
	xs := []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}
	ys := []float64{0.5, 1, 1.5, 2, 2.5, 3, 3.5}
	z := make([][]float64, len(ys))
	for r, y := range ys {
		for _, x := range xs {
			z[r] = append(z[r], 0.9/(1+math.Exp(6*(x-0.15*y)))*math.Exp(-0.2*y))
		}
	}
	z[3][5] = math.NaN() // a failed cell is hatched
	c, err := plots.Heatmap(plots.GridAxis{Label: "rep.init", Values: xs}, plots.GridAxis{Label: "cost.war (share of GDP)", Values: ys}, z, plots.ColorScale{Label: "P(deterrence failure)", Min: 0, Max: 1}, plots.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(c, "testdata/heatmap.png", plots.Options{}); err != nil {
		log.Fatal(err)
	}
}

// A sweep over choices draws each as a category, in the order given, with
// points and whiskers rather than lines; a metric in money gets a panel and
// an axis of its own.
func ExampleSweepCategories() {
	strategies := []string{"freeride", "balance", "buckpass"}
	fail := plots.Series{Label: "Deterrence failure", Axis: "Probability per run"}
	lost := plots.Series{Label: "Economy lost", Axis: "Trillion US$ (T$)"}
	for i := range strategies {
		iv := interval(0.3-0.08*float64(i), 400)
		fail.Y, fail.Lo, fail.Hi = append(fail.Y, iv.P), append(fail.Lo, iv.Lo), append(fail.Hi, iv.Hi)
		m := 0.9 - 0.25*float64(i)
		lost.Y, lost.Lo, lost.Hi = append(lost.Y, m), append(lost.Lo, m-0.15), append(lost.Hi, m+0.15)
	}
	c, err := plots.SweepCategories(strategies, []plots.Series{fail, lost}, "Germany's strategy", "", plots.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(c, "testdata/sweep_categories.png", plots.Options{}); err != nil {
		log.Fatal(err)
	}
}

// A heatmap over a choice and a yes/no parameter names its cells; a metric
// in money is coloured over the range of its data, not 0 to 1.
func ExampleHeatmap_categories() {
	responses := []string{"sanctions", "arms", "fight"}
	z := [][]float64{{0.036, 0.035, 0.028}, {0.031, 0.027, 0.019}}
	min, max := plots.NiceRange(0.019, 0.036)
	c, err := plots.Heatmap(
		plots.GridAxis{Label: "Response of agreements", Names: responses},
		plots.GridAxis{Label: "Nuclear umbrella", Names: []string{"no", "yes"}},
		z, plots.ColorScale{Label: "Ukraine economy lost (T$)", Min: min, Max: max}, plots.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(c, "testdata/heatmap_categories.png", plots.Options{}); err != nil {
		log.Fatal(err)
	}
}

func ExampleParseLength() {
	for _, s := range []string{"8.5cm", "3.5in", "90mm", "240pt"} {
		l, err := plots.ParseLength(s)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s = %.1f pt\n", s, l.Points())
	}
	_, err := plots.ParseLength("8.5")
	fmt.Println(err)
	// Output:
	// 8.5cm = 240.9 pt
	// 3.5in = 252.0 pt
	// 90mm = 255.1 pt
	// 240pt = 240.0 pt
	// plots: invalid length "8.5": want a positive number followed by cm, mm, in or pt
}
