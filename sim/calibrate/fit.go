package calibrate

import (
	"context"
	"fmt"
	"math"
	"slices"

	"alliancesim/agents"
	"alliancesim/sim/stats"
)

// Targets are the yearly onset rates per pair of neighbouring states the population is fitted to.
type Targets struct {
	Dispute float64 // militarized interstate disputes (MIDs), wars included
	War     float64 // wars
}

// DefaultTargets returns the rates of docs/ODD.md §9 for land-contiguous pairs of states
// (Correlates of War / GML MID data, 1816–2010): disputes 6.1% a year, wars 0.55%.
func DefaultTargets() Targets { return Targets{Dispute: 0.061, War: 0.0055} }

// FitOptions control [Fit]. The zero value of a field means its default.
type FitOptions struct {
	// Pop is the population simulated at every evaluation; its A and B start the search.
	// Default: DefaultPopulation().
	Pop *Population
	// Free are the parameters fitted, started from their values in Pop and the Params given to
	// Fit. Default: BetaA, BetaB.
	Free []Param
	// Targets default to DefaultTargets().
	Targets Targets
	// Penalty weighs a ridge on the log-ratio of each free model parameter to its starting
	// value, added to the squared log-ratio error. Two rates cannot pin down more than two
	// parameters: with decision parameters free, a small penalty picks, among the settings
	// that hit both rates, the one closest to the starting values (the smallest change to the
	// defaults). The Beta parameters carry no penalty. 0 means DefaultPenalty; a negative
	// value means none.
	Penalty float64
	// Evals bounds the number of evaluations (simulations of the population).
	// Default: 40 per free parameter.
	Evals int
	// Seed seeds the population; every evaluation uses it (common random numbers). Default 1.
	Seed    uint64
	Workers int // goroutines per evaluation; 0 means runtime.GOMAXPROCS(0)
}

// DefaultPenalty is the default weight of the ridge of [FitOptions]: small enough that the
// fit still hits both rates (a change of the decision parameters by a factor e costs as much as
// missing a rate by 10%), large enough to choose one point on the curve of exact fits.
const DefaultPenalty = 0.01

// FitResult is the outcome of a fit: the fitted parameters and the rates they give on the
// fitting population.
type FitResult struct {
	Params       agents.Params // the model parameters, free ones fitted
	Pop          Population    // the population, A and B fitted if free
	Dispute, War stats.Interval
	MeanR        float64 // the mean revisionism drawn
	// Loss is the squared log-ratio error of the two rates at the fit, without the penalty:
	// log(dispute/target)² + log(war/target)². 0.018 is a factor of 1.1 on both rates.
	Loss  float64
	Evals int // evaluations made
}

// Ratio returns the largest factor by which a fitted rate misses its target (1 is exact).
func (r *FitResult) Ratio(t Targets) float64 {
	return math.Max(ratio(r.Dispute.P, t.Dispute), ratio(r.War.P, t.War))
}

// ratio returns max(x/y, y/x).
func ratio(x, y float64) float64 { return math.Exp(math.Abs(math.Log(x / y))) }

// Fit fits the free parameters to the target onset rates by minimising the squared log-ratio
// error of the two rates (plus the penalty) with the Nelder–Mead simplex method. It moves the
// logarithm of every parameter (all are positive), so that they stay positive and the simplex
// moves by factors. Every evaluation simulates the same population with the same seed (common
// random numbers, revisionism drawn by the inverse Beta CDF), so the differences between
// evaluations are the parameters' effects, not noise; the objective is still a step function
// at the scale of one pair, so the fit stops at its budget or when the error stops falling.
//
// On 2 cores a fit of Beta(a, b) alone on the default population takes 3–6 s, a fit of a, b,
// model.s and war.cost (about 110 evaluations) 15–30 s.
func Fit(ctx context.Context, p agents.Params, opt FitOptions) (*FitResult, error) {
	pop := DefaultPopulation()
	if opt.Pop != nil {
		pop = *opt.Pop
	}
	if err := pop.check(); err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	free := opt.Free
	if len(free) == 0 {
		free = []Param{BetaA, BetaB}
	}
	for i, x := range free {
		if x < 0 || x >= numParams || x == HonourA0 || x == RepInit {
			return nil, fmt.Errorf("fit: %v does not affect the onset rates", x)
		}
		if slices.Contains(free[:i], x) {
			return nil, fmt.Errorf("fit: %v listed twice", x)
		}
	}
	tg := opt.Targets
	if tg == (Targets{}) {
		tg = DefaultTargets()
	}
	if !(tg.Dispute > 0 && tg.War > 0) {
		return nil, fmt.Errorf("fit: targets must be positive, have %+v", tg)
	}
	evals := opt.Evals
	if evals <= 0 {
		evals = 40 * len(free)
	}
	penalty := opt.Penalty
	switch {
	case penalty == 0:
		penalty = DefaultPenalty
	case penalty < 0:
		penalty = 0
	}
	seed := opt.Seed
	if seed == 0 {
		seed = 1
	}

	start := make([]float64, len(free))
	for i, x := range free {
		v := x.Get(&p, &pop)
		if x.positive() {
			if !(v > 0) {
				return nil, fmt.Errorf("fit: %v must start positive, have %g", x, v)
			}
			v = math.Log(v)
		}
		start[i] = v
	}
	// at returns the parameters and population at the optimiser's point x.
	at := func(x []float64) (agents.Params, Population) {
		q, qp := p, pop
		for i, f := range free {
			v := x[i]
			if f.positive() {
				v = math.Exp(v)
			}
			f.Set(&q, &qp, v)
		}
		return q, qp
	}
	type eval struct {
		dispute, war stats.Interval
		meanR, obj   float64
	}
	var (
		firstErr error
		n        int
		best     eval
		bestX    []float64
	)
	best.obj = math.Inf(1)
	objective := func(x []float64) float64 {
		if firstErr != nil {
			return math.Inf(1)
		}
		q, qp := at(x)
		if qp.check() != nil {
			return math.Inf(1) // an overflowed Beta parameter: outside the domain
		}
		d, w, mr, err := Rates(ctx, q, qp, seed, opt.Workers)
		if err != nil {
			firstErr = err
			return math.Inf(1)
		}
		n++
		nPairYears := float64(qp.Pairs * qp.Steps)
		obj := sq(logRatio(d.P, tg.Dispute, nPairYears)) + sq(logRatio(w.P, tg.War, nPairYears))
		for i, f := range free {
			if f != BetaA && f != BetaB {
				obj += penalty * sq(x[i]-start[i])
			}
		}
		// Keep the rates at the best point, so the result needs no evaluation of its own.
		if obj < best.obj || bestX == nil {
			best = eval{dispute: d, war: w, meanR: mr, obj: obj}
			bestX = append(bestX[:0], x...)
		}
		return obj
	}
	// Stop when the vertices' errors differ by less than 1e-4, a 1% change in a rate: finer
	// steps are below the resolution of the common-random-number objective. A step of 0.4 in
	// the logarithm starts the simplex with factors of 1.5.
	nelderMead(objective, start, 0.4, evals, 1e-4)
	if firstErr != nil {
		return nil, fmt.Errorf("fit: %w", firstErr)
	}
	if bestX == nil {
		return nil, fmt.Errorf("fit: no evaluation inside the domain")
	}
	q, qp := at(bestX)
	res := &FitResult{Params: q, Pop: qp, Dispute: best.dispute, War: best.war, MeanR: best.meanR, Evals: n}
	res.Loss = sq(math.Log(res.Dispute.P/tg.Dispute)) + sq(math.Log(res.War.P/tg.War))
	return res, nil
}

// logRatio returns log(rate/target), with a rate of no event read as half an event in n, so that
// an empty count has a finite error.
func logRatio(rate, target, n float64) float64 {
	return math.Log(math.Max(rate, 0.5/n) / target)
}

func sq(x float64) float64 { return x * x }
