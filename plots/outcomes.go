package plots

import (
	"errors"
)

// Bar is one outcome of a single run or ensemble, such as deterrence
// failure, armed failure, abandonment, entrapment or conquest.
type Bar struct {
	Label string
	// Axis is the title of the value axis the bar is drawn on ("Probability
	// per run", "Share of decisions"). Bars of different axes are drawn in
	// panels side by side, each with its own axis, so that no axis mixes
	// two kinds of value. Empty: the yLabel of Outcomes.
	Axis string
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
// wrap onto several lines, or are set at an angle. Bars with different
// Axis values are drawn in one panel per axis, in the order of first
// appearance.
func Outcomes(bars []Bar, yLabel string, o Options) (Chart, error) {
	o = o.withDefaults()
	if err := o.check(); err != nil {
		return nil, err
	}
	if len(bars) == 0 {
		return nil, errors.New("plots: outcomes: no bars")
	}
	if yLabel == "" {
		yLabel = "Probability"
	}
	var panels []barPanel
	index := map[string]int{}
	for _, b := range bars {
		i, ok := index[b.Axis]
		if !ok {
			i = len(panels)
			index[b.Axis] = i
			title := b.Axis
			if title == "" {
				title = yLabel
			}
			panels = append(panels, barPanel{yLabel: title, series: []barSeries{{}}})
		}
		panels[i].categories = append(panels[i].categories, b.Label)
		panels[i].series[0].vals = append(panels[i].series[0].vals, b.Interval)
	}
	return &barsChart{panels: panels, colors: 1, o: o}, nil
}
