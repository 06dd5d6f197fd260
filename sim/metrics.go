package sim

import (
	"fmt"
	"strings"

	"alliancesim/sim/stats"
)

// A Metric is an outcome reported by sweeps and comparisons.
type Metric struct {
	Name  string
	Label string // for charts
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
		{"deterrence_failure", "Deterrence failure", always(func(s *Summary) stats.Interval { return s.DeterrenceFailure }),
			func(r *Record, _ *Spec) bool { return r.FailureStep > 0 }},
		{"armed_failure", "Armed failure", always(func(s *Summary) stats.Interval { return s.ArmedFailure }),
			func(r *Record, _ *Spec) bool { return r.ArmedFailureStep > 0 }},
		{"held_attack", "Guaranteed state attacked", always(func(s *Summary) stats.Interval { return s.HeldAttack }),
			func(r *Record, _ *Spec) bool { return r.HeldFailureStep > 0 }},
		{"conquest", "Conquest", always(func(s *Summary) stats.Interval { return s.Conquest }), nil},
		{"reliability", "Reliability", always(func(s *Summary) stats.Interval { return s.Reliability }), nil},
		{"abandonment", "Abandonment rate", always(func(s *Summary) stats.Interval { return s.Abandonment }), nil},
		{"entrapment", "Entrapment rate", always(func(s *Summary) stats.Interval { return s.Entrapment }), nil},
		{"focus_attacked", "Focus state attacked", focus(func(st *StateSummary) stats.Interval { return st.Attacked }),
			focusBit(func(st *StateRecord) bool { return st.Attacked })},
		{"focus_armed_attacked", "Focus state attacked by arms", focus(func(st *StateSummary) stats.Interval { return st.ArmedAttacked }),
			focusBit(func(st *StateRecord) bool { return st.ArmedAttacked })},
		// Deterrence failure of the focus state is defined only in runs in which it held a
		// guarantee: undefined (NaN, written NA or null) for a state that never did, never 0.
		// Its runs differ between options that protect it differently, so it is not paired.
		{"focus_failure", "Focus state: deterrence failure, if protected", focus(func(st *StateSummary) stats.Interval { return st.DeterrenceFailure }), nil},
		{"focus_covered_attacked", "Focus state attacked, covered mode", focus(func(st *StateSummary) stats.Interval { return st.CoveredAttacked }),
			focusBit(func(st *StateRecord) bool { return st.CoveredAttacked })},
		{"focus_conquered", "Focus state conquered", focus(func(st *StateSummary) stats.Interval { return st.Conquered }),
			focusBit(func(st *StateRecord) bool { return st.Conquered })},
		{"focus_economy_lost", "Focus state economy lost (T$)", focus(func(st *StateSummary) stats.Interval { return st.EconomyLost }), nil},
	}
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
