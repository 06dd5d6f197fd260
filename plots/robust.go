package plots

import (
	"errors"
	"fmt"
	"math"
)

// Robust is how one option fares across the points of an exploration: its mean outcome with
// the 10th and 90th percentiles over the points, its largest regret (the shortfall from the
// best option at a point), and the share of points at which it satisfices (NaN: no threshold).
type Robust struct {
	Option                 string
	Mean, P10, P90         float64
	MaxRegret, Satisficing float64
}

// Robustness draws one group of bars per option: the mean outcome with a whisker from the
// 10th to the 90th percentile, the maximum regret, and, when any option has one, the share of
// points that satisfice. yLabel names the outcome's unit (empty: "Value").
func Robustness(options []Robust, yLabel string, o Options) (Chart, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if len(options) == 0 {
		return nil, errors.New("plots: robustness: no options")
	}
	mean := barSeries{label: "Mean (10th–90th percentile)"}
	regret := barSeries{label: "Maximum regret"}
	sat := barSeries{label: "Share satisficing"}
	var names []string
	hasSat := false
	for _, r := range options {
		if r.Option == "" {
			return nil, fmt.Errorf("plots: robustness: option %d has no name", len(names)+1)
		}
		names = append(names, r.Option)
		mean.vals = append(mean.vals, Interval{P: r.Mean, Lo: r.P10, Hi: r.P90})
		regret.vals = append(regret.vals, Interval{P: r.MaxRegret, Lo: math.NaN(), Hi: math.NaN()})
		sat.vals = append(sat.vals, Interval{P: r.Satisficing, Lo: math.NaN(), Hi: math.NaN()})
		hasSat = hasSat || finite(r.Satisficing)
	}
	series := []barSeries{mean, regret}
	if hasSat {
		series = append(series, sat)
	}
	if yLabel == "" {
		yLabel = "Value"
	}
	return onePanel(names, series, yLabel, true, o), nil
}
