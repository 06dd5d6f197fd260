package sim

import (
	"fmt"
	"strings"

	"alliancesim/sim/stats"
)

// A Metric is an outcome reported by sweeps and comparisons.
type Metric struct {
	Name  string
	Label string // for charts; a focus metric's starts "Focus state", see LabelFor
	Kind  MetricKind
	// Value extracts the metric from a summary; ok is false when the scenario has no such value
	// (no focus state, say).
	Value func(s *Summary) (v stats.Interval, ok bool)
	// Binary, when set, gives the metric's per-run outcome, so that differences between grid
	// points can be paired run by run.
	Binary func(r *Record, spec *Spec) bool
}

func focusState(s *Summary) (*StateSummary, bool) {
	for i := range s.PerState {
		if s.PerState[i].Name == s.Focus && s.Focus != "" {
			return &s.PerState[i], true
		}
	}
	return nil, false
}

func focusRecord(r *Record, spec *Spec) *StateRecord {
	if spec.Focus < 0 {
		return nil
	}
	return &r.States[spec.Focus]
}

// Metrics returns the metrics sweeps and comparisons can report.
func Metrics() []Metric {
	always := func(f func(*Summary) stats.Interval) func(*Summary) (stats.Interval, bool) {
		return func(s *Summary) (stats.Interval, bool) { return f(s), true }
	}
	focus := func(f func(*StateSummary) stats.Interval) func(*Summary) (stats.Interval, bool) {
		return func(s *Summary) (stats.Interval, bool) {
			st, ok := focusState(s)
			if !ok {
				return stats.Interval{}, false
			}
			return f(st), true
		}
	}
	focusBit := func(f func(*StateRecord) bool) func(*Record, *Spec) bool {
		return func(r *Record, spec *Spec) bool {
			st := focusRecord(r, spec)
			return st != nil && f(st)
		}
	}
	return []Metric{
		{Name: "deterrence_failure", Label: "Deterrence failure", Kind: Probability,
			Value:  always(func(s *Summary) stats.Interval { return s.DeterrenceFailure }),
			Binary: func(r *Record, _ *Spec) bool { return r.FailureStep > 0 }},
		{Name: "armed_failure", Label: "Armed failure", Kind: Probability,
			Value:  always(func(s *Summary) stats.Interval { return s.ArmedFailure }),
			Binary: func(r *Record, _ *Spec) bool { return r.ArmedFailureStep > 0 }},
		{Name: "held_attack", Label: "Guaranteed state attacked", Kind: Probability,
			Value:  always(func(s *Summary) stats.Interval { return s.HeldAttack }),
			Binary: func(r *Record, _ *Spec) bool { return r.HeldFailureStep > 0 }},
		{Name: "conquest", Label: "Conquest", Kind: Probability,
			Value: always(func(s *Summary) stats.Interval { return s.Conquest })},
		{Name: "reliability", Label: "Reliability", Kind: Rate,
			Value: always(func(s *Summary) stats.Interval { return s.Reliability })},
		{Name: "abandonment", Label: "Abandonment rate", Kind: Rate,
			Value: always(func(s *Summary) stats.Interval { return s.Abandonment })},
		{Name: "entrapment", Label: "Entrapment rate", Kind: Rate,
			Value: always(func(s *Summary) stats.Interval { return s.Entrapment })},
		{Name: "focus_attacked", Label: "Focus state attacked", Kind: Probability,
			Value:  focus(func(st *StateSummary) stats.Interval { return st.Attacked }),
			Binary: focusBit(func(st *StateRecord) bool { return st.Attacked })},
		{Name: "focus_armed_attacked", Label: "Focus state attacked by arms", Kind: Probability,
			Value:  focus(func(st *StateSummary) stats.Interval { return st.ArmedAttacked }),
			Binary: focusBit(func(st *StateRecord) bool { return st.ArmedAttacked })},
		// Deterrence failure of the focus state is defined only in runs in which it held a
		// guarantee: undefined (NaN, written NA or null) for a state that never did, never 0.
		// Its runs differ between options that protect it differently, so it is not paired.
		{Name: "focus_failure", Label: "Focus state: deterrence failure, if protected", Kind: Probability,
			Value: focus(func(st *StateSummary) stats.Interval { return st.DeterrenceFailure })},
		{Name: "focus_covered_attacked", Label: "Focus state attacked, covered mode", Kind: Probability,
			Value:  focus(func(st *StateSummary) stats.Interval { return st.CoveredAttacked }),
			Binary: focusBit(func(st *StateRecord) bool { return st.CoveredAttacked })},
		{Name: "focus_conquered", Label: "Focus state conquered", Kind: Probability,
			Value:  focus(func(st *StateSummary) stats.Interval { return st.Conquered }),
			Binary: focusBit(func(st *StateRecord) bool { return st.Conquered })},
		{Name: "focus_economy_lost", Label: "Focus state economy lost (T$)", Kind: Money,
			Value: focus(func(st *StateSummary) stats.Interval { return st.EconomyLost })},
	}
}

// focusLabel is how a focus metric's Label names the focus state.
const focusLabel = "Focus state"

// LabelFor returns the metric's label with the focus state named: "Ukraine attacked" rather
// than "Focus state attacked". An empty focus keeps the label as it is.
func (m Metric) LabelFor(focus string) string {
	if rest, ok := strings.CutPrefix(m.Label, focusLabel); ok && focus != "" && strings.HasPrefix(m.Name, "focus_") {
		return focus + rest
	}
	return m.Label
}

// LookupMetric returns the metric called name.
func LookupMetric(name string) (Metric, bool) {
	for _, m := range Metrics() {
		if m.Name == name {
			return m, true
		}
	}
	return Metric{}, false
}

// MetricNames returns the names of Metrics, in order.
func MetricNames() []string {
	var names []string
	for _, m := range Metrics() {
		names = append(names, m.Name)
	}
	return names
}

// LookupMetrics returns the metrics named in a comma-separated list.
func LookupMetrics(list string) ([]Metric, error) {
	all := Metrics()
	var out []Metric
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		found := false
		for _, m := range all {
			if m.Name == name {
				out = append(out, m)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown metric %q (allowed: %s)", name, strings.Join(MetricNames(), ", "))
		}
	}
	return out, nil
}
