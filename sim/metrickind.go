package sim

import (
	"fmt"
	"strings"
)

// MetricKind says what a metric measures, and so how it is shown: the title and unit of its
// axis, whether a colour scale is the fixed 0 to 1 of a probability or the range of the data,
// how its values are printed.
//
// Probabilities per run and rates per decision are both shares in [0, 1] but of different
// denominators (runs, and the guarantors' decisions that happened in them), so that a chart
// never puts the two on one axis without saying which is which.
type MetricKind int

// The kinds of metric.
const (
	Probability MetricKind = iota // share of runs in which an event happened, in [0, 1]
	Rate                          // share of guarantors' decisions, pooled over runs, in [0, 1]
	Count                         // mean number of events per run
	Money                         // mean amount per run, in trillion US$ (T$)
	Years                         // a time within a run, in steps of a year
)

var metricKinds = [...]struct{ name, unit, axis string }{
	Probability: {"probability", "per run", "Probability per run"},
	Rate:        {"rate", "per decision", "Share of decisions"},
	Count:       {"count", "per run", "Mean count per run"},
	Money:       {"money", "T$", "Trillion US$ (T$)"},
	Years:       {"years", "years", "Years"},
}

// String returns the kind's name as sweep.json and compare.json write it: "probability",
// "rate", "count", "money" or "years".
func (k MetricKind) String() string {
	if k < 0 || int(k) >= len(metricKinds) {
		return fmt.Sprintf("MetricKind(%d)", int(k))
	}
	return metricKinds[k].name
}

// Unit returns the unit of a value of the kind: "per run", "per decision", "T$", "years".
func (k MetricKind) Unit() string {
	if k < 0 || int(k) >= len(metricKinds) {
		return ""
	}
	return metricKinds[k].unit
}

// AxisTitle returns the title of a value axis of the kind when its metrics have no common
// label: "Probability per run", "Share of decisions", "Trillion US$ (T$)".
func (k MetricKind) AxisTitle() string {
	if k < 0 || int(k) >= len(metricKinds) {
		return ""
	}
	return metricKinds[k].axis
}

// Share reports whether values of the kind are shares in [0, 1], which every chart of a paper
// draws on one fixed scale.
func (k MetricKind) Share() bool { return k == Probability || k == Rate }

// MarshalText writes the kind's name.
func (k MetricKind) MarshalText() ([]byte, error) {
	if k < 0 || int(k) >= len(metricKinds) {
		return nil, fmt.Errorf("sim: unknown metric kind %d", int(k))
	}
	return []byte(k.String()), nil
}

// UnmarshalText reads a kind's name.
func (k *MetricKind) UnmarshalText(b []byte) error {
	var names []string
	for i, m := range metricKinds {
		if m.name == string(b) {
			*k = MetricKind(i)
			return nil
		}
		names = append(names, m.name)
	}
	return fmt.Errorf("unknown metric kind %q (allowed: %s)", b, strings.Join(names, ", "))
}
