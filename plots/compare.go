package plots

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
)

// Quantity is a metric of a comparison: its name in the legend, and the
// title of the value axis it is drawn on (see Bar.Axis).
type Quantity struct {
	Label, Axis string
}

// Compare draws grouped bars: one group per option (scenario), one bar per
// metric, each with its 95% interval whisker.
//
// values[i][j] is metric j under option i. Hatching is not available in
// gonum/plot, so the metrics are told apart by fills that differ in
// lightness as well as hue (they stay distinct in greyscale print) and by
// a legend above the plot. Values are printed above the bars only when
// they fit, typically at double-column width. The value axis follows the
// rules of Outcomes; an empty Axis means "Probability". Metrics of
// different axes are drawn in panels side by side (one above the other when
// they do not fit), each with the metrics of its axis along it and a bar of
// each option, told apart by the legend.
func Compare(options []string, metrics []Quantity, values [][]Interval, o Options) (Chart, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if len(options) == 0 {
		return nil, errors.New("plots: compare: no options")
	}
	if len(metrics) == 0 {
		return nil, errors.New("plots: compare: no metrics")
	}
	if len(values) != len(options) {
		return nil, fmt.Errorf("plots: compare: %d options but %d rows of values", len(options), len(values))
	}
	for i, row := range values {
		if len(row) != len(metrics) {
			return nil, fmt.Errorf("plots: compare: option %q has %d values for %d metrics", options[i], len(row), len(metrics))
		}
	}
	// One axis: the options along it, a bar of each metric. Several: in each panel the metrics
	// of its axis along it, a bar of each option, so that the options' long names are written
	// once, in the legend, rather than under every panel.
	axisOf := func(m Quantity) string { return cmp.Or(m.Axis, "Probability") }
	var axes []string
	for _, m := range metrics {
		if !slices.Contains(axes, axisOf(m)) {
			axes = append(axes, axisOf(m))
		}
	}
	if len(axes) == 1 {
		panel := barPanel{categories: slices.Clone(options), yLabel: axes[0]}
		var legend []string
		for j, m := range metrics {
			s := barSeries{label: m.Label, color: j, vals: make([]Interval, len(options))}
			for i, row := range values {
				s.vals[i] = row[j]
			}
			panel.series = append(panel.series, s)
			legend = append(legend, m.Label)
		}
		return &barsChart{panels: []barPanel{panel}, colors: len(metrics), legend: legend, o: o}, nil
	}
	var panels []barPanel
	for _, a := range axes {
		panel := barPanel{yLabel: a}
		var cols []int
		for j, m := range metrics {
			if axisOf(m) == a {
				panel.categories = append(panel.categories, m.Label)
				cols = append(cols, j)
			}
		}
		for i, name := range options {
			s := barSeries{label: name, color: i}
			for _, j := range cols {
				s.vals = append(s.vals, values[i][j])
			}
			panel.series = append(panel.series, s)
		}
		panels = append(panels, panel)
	}
	return &barsChart{panels: panels, colors: len(options), legend: slices.Clone(options), o: o}, nil
}
