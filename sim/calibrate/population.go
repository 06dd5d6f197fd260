package calibrate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"alliancesim/agents"
	"alliancesim/sim"
	"alliancesim/sim/stats"
)

// Population is the calibration population of docs/ODD.md §9: random neighbouring pairs of states
// with no guarantees, each state revisionist towards its partner only.
//
// Every pair is one run of a two-state [sim.Spec] whose per-run draws ([sim.Uncertain]) set, in
// this order: the distance between the capitals, uniform in [MinKm, MaxKm]; the log of the power
// ratio, normal(0, SigmaLogRatio), so the ratio is lognormal; the first state's revisionism
// towards the second, then the second's towards the first, each Beta(A, B). A run of a
// two-state world is exact (no third state's reach, however small, enters a decision) and costs
// O(1), where one spec holding every pair would cost O(pairs²) a step.
type Population struct {
	Pairs int // pairs of states, one run each
	// Steps is the number of years each pair is observed. With 1 step every pair-year is the
	// first year of a fresh dyad, in which perceived intent equals revisionism and nothing has
	// happened yet; the rates are then onset rates in the sense of the MID data.
	Steps         int
	A, B          float64 // the Beta(A, B) of revisionism
	MinKm, MaxKm  float64 // the range of the distance between the capitals, km
	SigmaLogRatio float64 // standard deviation of the log of the power ratio
}

// DefaultPopulation returns the population used by [Checks]: 40,000 pairs observed for one
// year, 300–800 km apart, power ratio lognormal(0, 1), revisionism Beta(1, 4). 40,000 pairs give
// about 220 war onsets at the target rate, a relative standard error near 7%, well inside the
// tolerance of the check.
func DefaultPopulation() Population {
	return Population{Pairs: 40000, Steps: 1, A: 1, B: 4, MinKm: 300, MaxKm: 800, SigmaLogRatio: 1}
}

// MeanR returns the mean of the Beta distribution of revisionism, A/(A+B).
func (pop Population) MeanR() float64 { return pop.A / (pop.A + pop.B) }

func (pop Population) check() error {
	switch {
	case pop.Pairs < 1 || pop.Steps < 1:
		return fmt.Errorf("population: pairs and steps must be at least 1 (have %d, %d)", pop.Pairs, pop.Steps)
	case !(pop.A > 0 && pop.B > 0) || math.IsInf(pop.A, 0) || math.IsInf(pop.B, 0):
		return fmt.Errorf("population: Beta(%g, %g) needs finite positive parameters", pop.A, pop.B)
	case !(pop.MinKm >= 0 && pop.MinKm <= pop.MaxKm):
		return fmt.Errorf("population: bad distance range [%g, %g] km", pop.MinKm, pop.MaxKm)
	case !(pop.SigmaLogRatio >= 0):
		return fmt.Errorf("population: bad sigma of the log power ratio %g", pop.SigmaLogRatio)
	}
	return nil
}

// burden is the defence burden of every state of the population. At b_ref (the default 0.02)
// defence does not slow growth, so the two states' powers keep the ratio they start with up to
// the growth shocks; any burden gives the same decisions, since they depend on power ratios only.
const burden = 0.02

// pairState returns a state of a calibration pair: economy 1, the fixed strategy, the default
// growth and will of p, no claims, no patron.
func pairState(p agents.Params, name string) sim.State {
	return sim.State{
		Name: name, Economy: 1, Burden: burden, Growth: p.Model.Growth,
		Strategy: agents.Fixed{}, Will: p.Will, ClientOf: -1,
	}
}

// Spec returns the population as a spec of two states with fixed strategies, no guarantees and
// the default growth and growth noise of p (model.growth, model.sigma_g): pop.Pairs runs of
// pop.Steps steps, seeded with seed.
//
// Each run draws exactly one number from the run's stream per [sim.Uncertain] (revisionism by
// the inverse Beta CDF of one uniform, not by rejection sampling), so the stream a run consumes
// does not depend on A, B or p: evaluations at different parameters see common random numbers.
func (pop Population) Spec(p agents.Params, seed uint64) (*sim.Spec, error) {
	if err := pop.check(); err != nil {
		return nil, err
	}
	beta := newBetaQuantile(pop.A, pop.B) // shared read-only by the workers
	revisionism := func(rng *rand.Rand) float64 { return beta.at(rng.Float64()) }
	const degPerKm = 180 / (math.Pi * agents.EarthRadius)
	spec := &sim.Spec{
		Name:        "calibration-population",
		Description: "random neighbouring pairs, no guarantees (docs/ODD.md §9)",
		Runs:        pop.Pairs,
		Steps:       pop.Steps,
		Seed:        seed,
		Focus:       -1,
		Params:      p,
		States:      []sim.State{pairState(p, "A"), pairState(p, "B")},
		Uncertain: []sim.Uncertain{
			{
				// Both capitals on the equator: the great-circle distance is the
				// longitude difference times the Earth's radius, exactly.
				Path: "distance_km",
				Draw: func(rng *rand.Rand) float64 {
					return pop.MinKm + (pop.MaxKm-pop.MinKm)*rng.Float64()
				},
				Apply: func(s *sim.Spec, d float64) { s.States[1].Lon = d * degPerKm },
			},
			{
				// Equal burdens and growth: steady-state powers are in the ratio of
				// the economies.
				Path:  "log_power_ratio",
				Draw:  func(rng *rand.Rand) float64 { return pop.SigmaLogRatio * rng.NormFloat64() },
				Apply: func(s *sim.Spec, x float64) { s.States[1].Economy = math.Exp(x) },
			},
			{
				Path:  "state.A.revisionism",
				Draw:  revisionism,
				Apply: func(s *sim.Spec, r float64) { s.States[0].Revisionism = r },
			},
			{
				Path:  "state.B.revisionism",
				Draw:  revisionism,
				Apply: func(s *sim.Spec, r float64) { s.States[1].Revisionism = r },
			},
		},
	}
	return spec, nil
}

// Rates runs the population under p and returns the yearly onset rates per pair of states:
// disputes (any attack, hybrid or armed, since in the MID data every war is also a dispute) and
// wars (armed attacks), with Wilson 95% intervals, and the mean revisionism drawn.
//
// With one step a rate is the share of pairs in which some attack began (both states attacking
// each other in the same year counts once, as one dyadic dispute). With more steps it is the
// number of attacks over pairs × steps: a year in which both attack counts twice, which is rare
// at these rates.
func Rates(ctx context.Context, p agents.Params, pop Population, seed uint64, workers int) (dispute, war stats.Interval, meanR float64, err error) {
	spec, err := pop.Spec(p, seed)
	if err != nil {
		return dispute, war, 0, err
	}
	res, err := sim.Ensemble(ctx, spec, sim.Options{Workers: workers})
	if err != nil {
		return dispute, war, 0, fmt.Errorf("calibration population: %w", err)
	}
	sum := sim.Summarize(spec, res.Acc)
	var attacks, wars *sim.CountSummary
	for i := range sum.Counts {
		switch sum.Counts[i].Name {
		case "attacks":
			attacks = &sum.Counts[i]
		case "wars":
			wars = &sum.Counts[i]
		}
	}
	if attacks == nil || wars == nil {
		return dispute, war, 0, fmt.Errorf("calibration population: the summary has no attack or war counts")
	}
	rate := func(c *sim.CountSummary) stats.Interval {
		if pop.Steps == 1 {
			return c.Runs // Wilson interval of the share of runs with an attack
		}
		n := res.Acc.Runs * int64(pop.Steps)
		k := int64(math.Round(c.Mean.P * float64(res.Acc.Runs)))
		return stats.Wilson(k, n, stats.Z95)
	}
	ra, rb := res.Acc.Draws[2], res.Acc.Draws[3]
	meanR = (ra.Sum + rb.Sum) / float64(ra.N+rb.N)
	return rate(attacks), rate(wars), meanR, nil
}
