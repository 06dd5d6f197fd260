package agents

import "math/rand/v2"

// FreeRide is the free-riding rule (Olson & Zeckhauser 1966): inside an alliance or treaty, allied
// defence is a public good, and the state moves its spending towards its best response to its
// allies' spending, by at most freeride.step a step. Outside any alliance it balances.
type FreeRide struct{}

// Name implements Strategy.
func (FreeRide) Name() string { return "freeride" }

// Traits implements Strategy.
func (FreeRide) Traits() Traits {
	return Traits{AcceptsTreaties: true, Sequential: true, FreeRides: true}
}

// Decide implements Strategy.
func (FreeRide) Decide(p *Params, s *Situation, _ *rand.Rand) Action {
	if !s.Allied || s.Economy <= 0 {
		return balance(p, s)
	}
	if p.Burden.Target {
		// Version 4: the public good's burden or the alliance's norm, whichever is higher,
		// approached by partial adjustment (burden.go).
		b := p.AdjustBurden(s, p.TargetBurden(s, false))
		return Action{Burden: b, Raised: b > s.Burden}
	}
	target := FreerideSpending(s.Economy, s.AlliedSpending(), p.Freeride.Alpha) / s.Economy
	target = min(p.Model.BurdenMax, max(p.Model.BurdenMin, target))
	step := p.Freeride.Step
	b := s.Burden + max(-step, min(step, target-s.Burden))
	return Action{Burden: b, Raised: b > s.Burden}
}
