package plots

import (
	"errors"
	"fmt"
	"slices"
)

// Compare draws grouped bars: one group per option (scenario), one bar per
// metric, each with its 95% interval whisker.
//
// values[i][j] is metric j under option i. Hatching is not available in
// gonum/plot, so the metrics are told apart by fills that differ in
// lightness as well as hue (they stay distinct in greyscale print) and by
// a legend above the plot. Values are printed above the bars only when
// they fit, typically at double-column width. The value axis follows the
// rules of Outcomes; an empty yLabel means "Probability".
func Compare(options []string, metrics []string, values [][]Interval, yLabel string, o Options) (Chart, error) {
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
	series := make([]barSeries, len(metrics))
	for j, m := range metrics {
		series[j] = barSeries{label: m, vals: make([]Interval, len(options))}
	}
	for i, row := range values {
		if len(row) != len(metrics) {
			return nil, fmt.Errorf("plots: compare: option %q has %d values for %d metrics", options[i], len(row), len(metrics))
		}
		for j, v := range row {
			series[j].vals[i] = v
		}
	}
	if yLabel == "" {
		yLabel = "Probability"
	}
	return &barsChart{
		categories: slices.Clone(options),
		series:     series,
		yLabel:     yLabel,
		legend:     true,
		o:          o,
	}, nil
}
