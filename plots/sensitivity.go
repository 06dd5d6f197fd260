package plots

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// IndexSeries is one sensitivity index (such as total-order Sobol' ST, for one option) of every
// factor, each with its 95% interval.
type IndexSeries struct {
	Label  string
	Values []Interval // one per factor, in the order of the factors
}

// Sensitivity draws sensitivity indices as bars with their 95% interval whiskers, one group per
// factor, sorted by the first series from the largest index down (factors whose first index
// is missing last), so that the assumptions that drive the outcome come first. An empty
// yLabel means "Sobol' index".
func Sensitivity(factors []string, series []IndexSeries, yLabel string, o Options) (Chart, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if len(factors) == 0 {
		return nil, errors.New("plots: sensitivity: no factors")
	}
	if len(series) == 0 {
		return nil, errors.New("plots: sensitivity: no indices")
	}
	for i, s := range series {
		if len(s.Values) != len(factors) {
			return nil, fmt.Errorf("plots: sensitivity: %s has %d values for %d factors", seriesName("series", s.Label, i), len(s.Values), len(factors))
		}
	}
	order := make([]int, len(factors))
	for i := range order {
		order[i] = i
	}
	key := func(i int) float64 {
		if v := series[0].Values[i].P; finite(v) {
			return v
		}
		return math.Inf(-1)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(key(b), key(a)) })
	if yLabel == "" {
		yLabel = "Sobol' index"
	}
	var categories []string
	for _, i := range order {
		categories = append(categories, factors[i])
	}
	var bars []barSeries
	for _, s := range series {
		bs := barSeries{label: s.Label}
		for _, i := range order {
			bs.vals = append(bs.vals, s.Values[i])
		}
		bars = append(bars, bs)
	}
	return onePanel(categories, bars, yLabel, len(series) > 1 || series[0].Label != "", o), nil
}
