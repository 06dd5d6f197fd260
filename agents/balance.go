package agents

import "math/rand/v2"

// Balance is the balancing rule (Waltz 1979; Walt 1987): a threatened state arms (internal
// balancing) and seeks a treaty partner (external balancing); a safe one slowly disarms back
// towards its initial burden.
type Balance struct{}

// Name implements Strategy.
func (Balance) Name() string { return "balance" }

// Traits implements Strategy.
func (Balance) Traits() Traits { return Traits{AcceptsTreaties: true} }

// Decide implements Strategy.
func (Balance) Decide(p *Params, s *Situation, _ *rand.Rand) Action {
	return balance(p, s)
}

// balance is the rule every other strategy falls back on. With version 4's burden rule an
// allied state's burden follows TargetBurden (see burden.go); a state in no alliance or treaty
// keeps the fixed steps, with no allies' norm to hold it (self-help).
func balance(p *Params, s *Situation) Action {
	if p.Burden.Target && s.Allied {
		b := p.AdjustBurden(s, p.TargetBurden(s, true))
		return Action{Burden: b, Raised: b > s.Burden,
			Propose: p.Model.Formation && s.Tau > p.Balance.Hi && !s.Protected && !s.Client && s.Threat >= 0}
	}
	a := Action{Burden: s.Burden}
	switch {
	case s.Tau > p.Balance.Hi:
		if s.Burden < p.Model.BurdenMax {
			a.Burden = min(p.Model.BurdenMax, s.Burden+p.Balance.Up)
			a.Raised = true
		}
		a.Propose = p.Model.Formation && !s.Protected && !s.Client && s.Threat >= 0
	case s.Tau < p.Balance.Lo && !s.Aggressor && s.Burden > s.Burden0 && !(p.Burden.Target && s.ArmedAttacked):
		a.Burden = max(s.Burden0, s.Burden-p.Balance.Down)
	}
	return a
}
