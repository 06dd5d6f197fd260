package calibrate

import (
	"context"
	"fmt"
	"math"
	"slices"

	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// Headline is a scenario's headline probabilities at one parameter point, with their Wilson 95%
// intervals over the runs.
type Headline struct {
	DeterrenceFailure stats.Interval // any protected state attacked in a mode its guarantee covers
	ArmedFailure      stats.Interval // the same, armed attacks only
	// The focus state's: deterrence failure given it was protected, attacked in any mode, and
	// attacked by arms. Zero intervals when the scenario has no focus state.
	FocusFailure, FocusAttacked, FocusArmed stats.Interval
}

// HeadlineOf returns the headlines of a summary; focus is the focus state's index or -1.
func HeadlineOf(sum *sim.Summary, focus int) Headline {
	h := Headline{DeterrenceFailure: sum.DeterrenceFailure, ArmedFailure: sum.ArmedFailure}
	if focus >= 0 && focus < len(sum.PerState) {
		st := &sum.PerState[focus]
		h.FocusFailure, h.FocusAttacked, h.FocusArmed = st.DeterrenceFailure, st.Attacked, st.ArmedAttacked
	}
	return h
}

// Headlines runs the scenario at every member of the calibration set, runs runs each, with the
// scenario's decision parameters (model.s, war.cost, hybrid.gain, model.r_ref) replaced by the
// member's, and returns the headlines per member, in the set's order. Every member runs the same
// seeds (the spec's), so the spread over the set is the calibration's, not the Monte Carlo
// noise's (which the intervals show). A scenario that draws one of those parameters per run
// ([sim.Uncertain]) keeps its draws: they are applied after the member's values.
//
// Together with the headlines at the default point this shows how much of a result is the data
// and how much the calibration (docs/ODD.md §9).
func Headlines(ctx context.Context, spec *sim.Spec, set []Member, runs, workers int) ([]Headline, error) {
	if runs < 1 {
		return nil, fmt.Errorf("headlines: runs must be at least 1, have %d", runs)
	}
	if len(set) == 0 {
		return nil, fmt.Errorf("headlines: empty calibration set")
	}
	out := make([]Headline, len(set))
	var s sim.Spec
	for i := range set {
		spec.CopyTo(&s)
		s.Runs, s.FirstRun = runs, 0
		set[i].Apply(&s.Params)
		res, err := sim.Ensemble(ctx, &s, sim.Options{Workers: workers})
		if err != nil {
			return nil, fmt.Errorf("headlines at member %d: %w", i+1, err)
		}
		out[i] = HeadlineOf(sim.Summarize(&s, res.Acc), s.Focus)
	}
	return out, nil
}

// Span returns the smallest and largest of one headline's estimates over the members. Members
// at which the headline is undefined (NaN: a focus state never protected) are left out; if it
// is undefined at every member, both are NaN.
func Span(hs []Headline, get func(*Headline) stats.Interval) (lo, hi float64) {
	ps := estimates(hs, get)
	if len(ps) == 0 {
		return math.NaN(), math.NaN()
	}
	return ps[0], ps[len(ps)-1]
}

// estimates returns one headline's defined estimates over the members, sorted.
func estimates(hs []Headline, get func(*Headline) stats.Interval) []float64 {
	ps := make([]float64, 0, len(hs))
	for i := range hs {
		if p := get(&hs[i]).P; !math.IsNaN(p) {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	return ps
}

// Median returns the median of one headline's defined estimates over the members (the mean of
// the two middle ones for an even number), NaN if there is none.
func Median(hs []Headline, get func(*Headline) stats.Interval) float64 {
	ps := estimates(hs, get)
	n := len(ps)
	if n == 0 {
		return math.NaN()
	}
	return (ps[(n-1)/2] + ps[n/2]) / 2
}
