package calibrate

import (
	"context"
	"fmt"
	"math"

	"alliancesim/agents"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// ReferenceKm is the distance between the capitals of the reference pair of docs/ODD.md §9 (the
// middle of the calibration population's 300–800 km).
const ReferenceKm = 550

// AttackCurve returns, for each claim r in rs, the probability that a state attacks (in any
// mode) a neighbour of equal power ReferenceKm away, on which it has the claim r, in a year:
// the share of runs of a two-state world, observed for one year, in which the first state
// attacks the second, with its Wilson 95% interval. The second state claims nothing. Every r
// runs the same seeds (common random numbers), so the curve's shape is the parameters' effect,
// not noise.
//
// Version 4's dispute opportunities (model.r_ref) make the curve vanish as r -> 0
// (docs/ODD.md §7.4); without them a claim of 0.01 is attacked at the logit's floor.
func AttackCurve(ctx context.Context, p agents.Params, rs []float64, runs int, seed uint64, workers int) ([]stats.Interval, error) {
	if runs < 1 {
		return nil, fmt.Errorf("attack curve: runs must be at least 1, have %d", runs)
	}
	const degPerKm = 180 / (math.Pi * agents.EarthRadius)
	out := make([]stats.Interval, len(rs))
	for i, r := range rs {
		if !(r >= 0 && r <= 1) {
			return nil, fmt.Errorf("attack curve: claim %g outside [0, 1]", r)
		}
		a, b := pairState(p, "A"), pairState(p, "B")
		a.Revisionism = r
		b.Lon = ReferenceKm * degPerKm // both capitals on the equator
		spec := &sim.Spec{
			Name:        "reference-pair",
			Description: "an aggressor and an equal neighbour 550 km away (docs/ODD.md §9)",
			Runs:        runs, Steps: 1, Seed: seed, Focus: -1, Params: p,
			States: []sim.State{a, b},
		}
		res, err := sim.Ensemble(ctx, spec, sim.Options{Workers: workers})
		if err != nil {
			return nil, fmt.Errorf("attack curve at r = %g: %w", r, err)
		}
		c, err := count(spec, res, "attacks")
		if err != nil {
			return nil, fmt.Errorf("attack curve: %w", err)
		}
		out[i] = c.Runs
	}
	return out, nil
}

// count returns the summary of the named count of an ensemble.
func count(spec *sim.Spec, res *sim.Result, name string) (*sim.CountSummary, error) {
	sum := sim.Summarize(spec, res.Acc)
	for i := range sum.Counts {
		if sum.Counts[i].Name == name {
			return &sum.Counts[i], nil
		}
	}
	return nil, fmt.Errorf("the summary has no %q count", name)
}
