package plots

import (
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
// different axes are drawn in panels side by side, each with every option.
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
	var panels []barPanel
	var legend []string
	index := map[string]int{}
	for j, m := range metrics {
		axis := m.Axis
		if axis == "" {
			axis = "Probability"
		}
		k, ok := index[axis]
		if !ok {
			k = len(panels)
			index[axis] = k
			panels = append(panels, barPanel{categories: slices.Clone(options), yLabel: axis})
		}
		s := barSeries{label: m.Label, color: j, vals: make([]Interval, len(options))}
		for i, row := range values {
			s.vals[i] = row[j]
		}
		panels[k].series = append(panels[k].series, s)
		legend = append(legend, m.Label)
	}
	return &barsChart{panels: panels, colors: len(metrics), legend: legend, o: o}, nil
}
