package main

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"

	"alliancesim/config"
	"alliancesim/plots"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// cm is a centimetre, for chart sizes.
const cm = vg.Centimeter

// pt converts points to a length.
func pt(x float64) vg.Length { return vg.Points(x) }

// chartLabels names what a chart shows: plot --label first, then the [labels] of the results'
// config, then the built-in label of a metric (with the focus state named) or of a parameter
// path. A chart's axis is never titled with a raw config path.
type chartLabels struct {
	cfg  *config.File      // nil when the results hold no config
	over map[string]string // plot --label KEY=TEXT
}

func (l chartLabels) of(key string) string {
	if v, ok := l.over[key]; ok {
		return v
	}
	if l.cfg != nil {
		return l.cfg.Label(key)
	}
	if m, ok := sim.LookupMetric(key); ok {
		return m.Label
	}
	return key
}

// resultsConfig reads the config a results file holds, for its labels; nil when it holds none
// that loads (a file written before configs were recorded).
func resultsConfig(name, toml string) *config.File {
	if toml == "" {
		return nil
	}
	f, err := config.Load(name, []byte(toml))
	if err != nil {
		return nil
	}
	return f
}

// parseLabelFlags reads plot's --label KEY=TEXT flags.
func parseLabelFlags(list []string) (map[string]string, error) {
	over := map[string]string{}
	for _, s := range list {
		k, v, ok := strings.Cut(s, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" || strings.TrimSpace(v) == "" {
			return nil, fmt.Errorf("%w: --label %q: want KEY=TEXT, e.g. --label model.gamma=\"Decisiveness γ\"", errUsage, s)
		}
		over[k] = v
	}
	return over, nil
}

// checkLabelKeys refuses --label keys that name nothing a results file's charts show.
func checkLabelKeys(path string, over map[string]string, known []string) error {
	for _, k := range slices.Sorted(maps.Keys(over)) {
		if !slices.Contains(known, k) {
			return fmt.Errorf("%w: --label %s: %s shows no %q (allowed: %s)", errUsage, k, path, k, strings.Join(known, ", "))
		}
	}
	return nil
}

// metricKind is the kind of the metric called name; a metric this version does not know is
// taken as a probability, the kind of every metric of earlier versions.
func metricKind(name string) sim.MetricKind {
	if m, ok := sim.LookupMetric(name); ok {
		return m.Kind
	}
	return sim.Probability
}

// survivalCurve turns Kaplan–Meier points into a chart curve.
func survivalCurve(label string, pts []stats.SurvivalPoint) plots.Curve {
	c := plots.Curve{Label: label}
	for _, p := range pts {
		c.Steps = append(c.Steps, float64(p.Step))
		c.S = append(c.S, p.S)
		c.Lo = append(c.Lo, p.Lo)
		c.Hi = append(c.Hi, p.Hi)
	}
	return c
}

func toInterval(iv stats.Interval) plots.Interval {
	return plots.Interval{P: iv.P, Lo: iv.Lo, Hi: iv.Hi}
}

// outcomeMetrics are the headline outcomes of a run summary, probabilities per run first and
// then rates per decision: the two kinds are drawn in panels of their own.
var outcomeMetrics = []string{"deterrence_failure", "armed_failure", "conquest", "abandonment", "entrapment"}

// outcomeBars are the headline outcomes of a run summary.
func outcomeBars(s *sim.Summary, l chartLabels) []plots.Bar {
	var bars []plots.Bar
	for _, name := range outcomeMetrics {
		m, _ := sim.LookupMetric(name)
		iv, _ := m.Value(s)
		bars = append(bars, plots.Bar{Label: l.of(name), Axis: m.Kind.AxisTitle(), Interval: toInterval(iv)})
	}
	return bars
}

// runCharts are the charts of a run summary: survival.png and outcomes.png.
func runCharts(s *sim.Summary, l chartLabels, o plots.Options) (surv, out plots.Chart, err error) {
	if o.YLabel == "" {
		o.YLabel = "P(no deterrence failure yet)"
	}
	if o.XLabel == "" {
		o.XLabel = "Years"
	}
	surv, err = plots.Survival([]plots.Curve{survivalCurve("", s.Survival)}, o)
	if err != nil {
		return nil, nil, err
	}
	out, err = plots.Outcomes(outcomeBars(s, l), "", o)
	return surv, out, err
}

// drawRunCharts writes survival.png and outcomes.png for a run summary.
func drawRunCharts(dir string, s *sim.Summary, f *config.File) ([]string, error) {
	o := plots.Options{}
	surv, out, err := runCharts(s, chartLabels{cfg: f}, o)
	if err != nil {
		return nil, err
	}
	if err := plots.Save(surv, filepath.Join(dir, "survival.png"), o); err != nil {
		return nil, err
	}
	if err := plots.Save(out, filepath.Join(dir, "outcomes.png"), o); err != nil {
		return nil, err
	}
	return []string{"survival.png", "outcomes.png"}, nil
}

// categories returns the names of a sweep axis over choices or booleans, in the order the
// sweep gave them, or nil for a numeric axis. Booleans read "no" and "yes".
func (a sweepAxis) categories() []string {
	numeric := true
	for _, l := range a.Labels {
		if _, err := strconv.ParseFloat(l, 64); err != nil {
			numeric = false
		}
	}
	if numeric {
		return nil
	}
	names := make([]string, len(a.Labels))
	for i, l := range a.Labels {
		switch l {
		case "false":
			names[i] = "no"
		case "true":
			names[i] = "yes"
		default:
			names[i] = l
		}
	}
	return names
}

// order returns the axis' values in the order a chart draws them: as given for categories,
// increasing for numbers (a descending range reads left to right too).
func (a sweepAxis) order() []float64 {
	if a.categories() != nil {
		return slices.Clone(a.Values)
	}
	return slices.Sorted(slices.Values(a.Values))
}

// chartLabels returns the labels of a sweep's charts: its config's, overridden by over.
func (r *sweepResult) chartLabels(over map[string]string) chartLabels {
	return chartLabels{cfg: resultsConfig("sweep.json", r.Config), over: over}
}

// labelKeys are the keys plot --label may give for the sweep's charts.
func (r *sweepResult) labelKeys() []string {
	var keys []string
	for _, a := range r.Axes {
		keys = append(keys, a.Path)
	}
	for _, m := range r.Metrics {
		keys = append(keys, m.Name)
	}
	return keys
}

// chart draws a 1-D sweep as lines over a numeric axis or points over categories, and a 2-D
// sweep as a heatmap of its first metric.
func (r *sweepResult) chart(o plots.Options, l chartLabels) (string, plots.Chart, error) {
	if len(r.Axes) == 1 {
		a := r.Axes[0]
		xs := a.order()
		var series []plots.Series
		for m, met := range r.Metrics {
			s := plots.Series{Label: l.of(met.Name), Axis: metricKind(met.Name).AxisTitle()}
			for _, x := range xs {
				iv := nanInterval()
				for _, p := range r.Points {
					if p.Values[0] == x {
						iv = p.Metrics[m]
					}
				}
				s.X = append(s.X, x)
				s.Y = append(s.Y, iv.P)
				s.Lo = append(s.Lo, iv.Lo)
				s.Hi = append(s.Hi, iv.Hi)
			}
			if slices.ContainsFunc(s.Y, func(v float64) bool { return !math.IsNaN(v) }) {
				series = append(series, s)
			}
		}
		if len(series) == 1 && len(r.Metrics) == 1 {
			// One metric: its label titles the axis, and there is no legend to repeat it.
			series[0].Axis, series[0].Label = series[0].Label, ""
		}
		if cats := a.categories(); cats != nil {
			c, err := plots.SweepCategories(cats, series, l.of(a.Path), "", o)
			return "sweep.png", c, err
		}
		c, err := plots.Sweep(series, l.of(a.Path), "", o)
		return "sweep.png", c, err
	}
	ys, xs := r.Axes[0], r.Axes[1]
	yv, xv, z := r.grid()
	xa := plots.GridAxis{Label: l.of(xs.Path), Values: xv, Names: xs.categories()}
	ya := plots.GridAxis{Label: l.of(ys.Path), Values: yv, Names: ys.categories()}
	m := r.Metrics[0]
	scale := plots.ColorScale{Label: l.of(m.Name), Min: 0, Max: 1}
	if kind := metricKind(m.Name); !kind.Share() {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, row := range z {
			for _, v := range row {
				if !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
		scale.Min, scale.Max = plots.NiceRange(lo, hi)
		if !strings.Contains(scale.Label, kind.Unit()) {
			scale.Label += " (" + kind.Unit() + ")"
		}
	}
	c, err := plots.Heatmap(xa, ya, z, scale, o)
	return "heatmap.png", c, err
}

// grid returns the heatmap of a 2-D sweep's first metric: the values of the last axis
// (columns) and the first (rows) in the order they are drawn, and the metric at each cell. A
// cell no point fills is NaN, missing, not 0: it is drawn as missing.
func (r *sweepResult) grid() (ys, xs []float64, z [][]float64) {
	ys, xs = r.Axes[0].order(), r.Axes[1].order()
	z = make([][]float64, len(ys))
	for i := range z {
		z[i] = make([]float64, len(xs))
		for j := range z[i] {
			z[i][j] = math.NaN()
		}
	}
	for _, p := range r.Points {
		row, col := slices.Index(ys, p.Values[0]), slices.Index(xs, p.Values[1])
		z[row][col] = p.Metrics[0].P
	}
	return ys, xs, z
}

// chartLabels returns the labels of a comparison's charts: its first option's config's,
// overridden by over, and each option's label: --label, then its config's [labels] entry for
// its name, then, for an option that is a scenario, its scenario's label, then its name.
func (r *compareResult) chartLabels(over map[string]string) (chartLabels, []string) {
	var l chartLabels
	var names []string
	for i, o := range r.Options {
		f := resultsConfig("compare.json", o.Config)
		if i == 0 {
			l = chartLabels{cfg: f, over: over}
		}
		names = append(names, optionLabel(o.Name, o.Scenario, f, over))
	}
	return l, names
}

// optionLabel returns the label of an option called name, of the given scenario, whose config is
// f (nil when unknown): --label, then its config's [labels] entry for its name, then, for an
// option that is a scenario, its scenario's label; an option given as a file is shown by the
// file's name alone, not the path it was run from.
func optionLabel(name, scenario string, f *config.File, over map[string]string) string {
	switch v, ok := over[name]; {
	case ok:
		return v
	case f != nil && f.Labels[name] != "":
		return f.Labels[name]
	case f != nil && name == scenario:
		return f.Label(scenario) // its [labels] entry, or a built-in scenario's label
	case strings.HasSuffix(name, ".toml"):
		return strings.TrimSuffix(filepath.Base(name), ".toml")
	}
	return name
}

// factor returns the label of an exploration's factor: --label or [labels] for its name, the
// name it was given, or else its path's label.
func (l chartLabels) factor(x exploreFactor) string {
	if v, ok := l.over[x.Name]; ok || x.Name != x.Path {
		if ok {
			return v
		}
		return x.Name
	}
	return l.of(x.Path)
}

// labelKeys are the keys plot --label may give for the comparison's charts.
func (r *compareResult) labelKeys() []string {
	var keys []string
	for _, o := range r.Options {
		keys = append(keys, o.Name)
	}
	for _, m := range r.Metrics {
		keys = append(keys, m.Name)
	}
	return keys
}

// charts draws the comparison's bars, one panel per kind of metric, and its survival curves.
func (r *compareResult) charts(bars, surv plots.Options, over map[string]string) (plots.Chart, plots.Chart, error) {
	l, names := r.chartLabels(over)
	var metrics []plots.Quantity
	for _, m := range r.Metrics {
		metrics = append(metrics, plots.Quantity{Label: l.of(m.Name), Axis: metricKind(m.Name).AxisTitle()})
	}
	var values [][]plots.Interval
	var curves []plots.Curve
	for i, o := range r.Options {
		var row []plots.Interval
		for _, iv := range o.Metrics {
			row = append(row, toInterval(iv))
		}
		values = append(values, row)
		curves = append(curves, survivalCurve(names[i], o.Survival))
	}
	cb, err := plots.Compare(names, metrics, values, bars)
	if err != nil {
		return nil, nil, err
	}
	if surv.YLabel == "" {
		surv.YLabel = cmp.Or(r.SurvivalLabel, "P(no deterrence failure yet)")
	}
	if surv.XLabel == "" {
		surv.XLabel = "Years"
	}
	cs, err := plots.Survival(curves, surv)
	return cb, cs, err
}
