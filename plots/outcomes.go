package plots

import (
	"errors"
	"slices"
)

// Bar is one outcome of a single run or ensemble, such as deterrence
// failure, armed failure, abandonment, entrapment or conquest.
type Bar struct {
	Label string
	Interval
}

// Outcomes draws one bar per outcome with 95% interval whiskers, and
// prints each estimate above its whisker ("0.23") when the numbers fit
// beside each other at the size in print.
//
// An empty yLabel means "Probability". Bars start at 0. For probabilities
// the axis runs to 1 when some bound exceeds one half; for rarer outcomes
// it stops at a round bound above the data (0.05, 0.1, 0.2, ...) so that
// small bars stay visible, and the tick labels show the zoom. Long labels
// wrap onto several lines.
func Outcomes(bars []Bar, yLabel string, o Options) (Chart, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if len(bars) == 0 {
		return nil, errors.New("plots: outcomes: no bars")
	}
	cats := make([]string, len(bars))
	vals := make([]Interval, len(bars))
	for i, b := range bars {
		cats[i], vals[i] = b.Label, b.Interval
	}
	if yLabel == "" {
		yLabel = "Probability"
	}
	return &barsChart{
		categories: cats,
		series:     []barSeries{{vals: slices.Clone(vals)}},
		yLabel:     yLabel,
		o:          o,
	}, nil
}
