package calibrate

import (
	"fmt"

	"alliancesim/agents"
)

// CalibrationPair returns the commitment of docs/ODD.md §9 by which the honour rule is calibrated:
// a guarantee of kind k (with its default terms in p) triggered by a non-nuclear aggressor of the
// guarantor's own power, the guarantor's reputation at rep.init (0.7 by default), its will at the
// mean of its prior, no tripwire, a single commitment triggered. The aggressor's reach to the
// guarantor is 0: the pair describes no geography, and honour.ae is 0 by default.
func CalibrationPair(p agents.Params, k agents.Kind) agents.Commitment {
	terms := p.Kind.Of(k)
	mean := p.Will.Mean()
	return agents.Commitment{
		W: terms.W, Stake: terms.Stake, Rho: p.Rep.Init, Will: mean, WillMean: mean,
		PA: 1, PG: 1, N: 1,
	}
}

// HonourRates returns the honour probability of the calibration pair for every kind of
// guarantee, indexed by kind. With the defaults: alliance 0.750, treaty 0.599, agreement 0.289,
// informal 0.206, assurance 0.095.
func HonourRates(p agents.Params) [agents.NumKinds]float64 {
	var h [agents.NumKinds]float64
	for k := range agents.NumKinds {
		h[k] = p.Honour.HonourProb(CalibrationPair(p, k))
	}
	return h
}

// HonourTargets are the published honour rates of docs/ODD.md §9.
const (
	// AllianceHonoured: Leeds, Long & Mitchell (2000), 74.5% of triggered alliance
	// commitments honoured, 1816–1944.
	AllianceHonoured = 0.745
	// AllianceTolerance: a share near 0.75 measured on the order of a hundred or two
	// triggered commitments has a binomial standard error of 0.03–0.04; the model is asked to
	// land within about one standard error.
	AllianceTolerance = 0.03
	// TreatyHonoured, TreatyLo and TreatyHi: Berkemeier & Fuhrmann (2018), defence pacts
	// honoured 50% overall, between 22% (after 1945) and 66% across periods.
	TreatyHonoured = 0.50
	TreatyLo       = 0.22
	TreatyHi       = 0.66
)

// bounds returns the interval searched for a root in x.
func (x Param) bounds() (lo, hi float64) {
	switch x {
	case HonourA0:
		return -20, 20
	case RepInit:
		return 0, 1 // a reputation is a probability-like score
	}
	return 0, 0
}

// SolveHonour returns the value of x (HonourA0 or RepInit) at which the calibration pair of kind
// k is honoured with probability target, all else as in p. For example the post-1945 reading of
// Berkemeier & Fuhrmann (2018), treaties honoured 22% of the time, needs honour.a0 ≈ -4.07 with
// the other defaults, and no rep.init in [0, 1] gives it.
//
// The honour probability is monotone in both parameters (a logistic of a linear predictor), so
// bisection on the parameter's range ([-20, 20] for honour.a0, [0, 1] for rep.init) finds the
// root to machine precision; an error says when the target lies outside the range's image.
func SolveHonour(p agents.Params, k agents.Kind, target float64, x Param) (float64, error) {
	if x != HonourA0 && x != RepInit {
		return 0, fmt.Errorf("solve honour: %v is not a parameter of the honour rule", x)
	}
	if !(target > 0 && target < 1) {
		return 0, fmt.Errorf("solve honour: target %g is not a probability in (0, 1)", target)
	}
	var pop Population // unused by these parameters
	h := func(v float64) float64 {
		q := p
		x.Set(&q, &pop, v)
		return q.Honour.HonourProb(CalibrationPair(q, k)) - target
	}
	lo, hi := x.bounds()
	flo, fhi := h(lo), h(hi)
	if flo == 0 {
		return lo, nil
	}
	if fhi == 0 {
		return hi, nil
	}
	if (flo > 0) == (fhi > 0) {
		return 0, fmt.Errorf("solve honour: no %v in [%g, %g] gives %v h = %g (h ranges over [%.3f, %.3f])",
			x, lo, hi, k, target, min(flo, fhi)+target, max(flo, fhi)+target)
	}
	// Stop when the midpoint no longer moves: the root to machine precision, in at most a few
	// hundred halvings.
	for {
		mid := lo + (hi-lo)/2
		if mid == lo || mid == hi {
			return mid, nil
		}
		if (h(mid) > 0) == (flo > 0) {
			lo = mid
		} else {
			hi = mid
		}
	}
}
