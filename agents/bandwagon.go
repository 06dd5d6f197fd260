package agents

import "math/rand/v2"

// Bandwagon is the bandwagoning rule (Walt 1987): a weak, gravely threatened state may give up
// and align with its threat, becoming its client for the rest of the run; otherwise it balances.
type Bandwagon struct{}

// Name implements Strategy.
func (Bandwagon) Name() string { return "bandwagon" }

// Traits implements Strategy.
func (Bandwagon) Traits() Traits { return Traits{} }

// Decide implements Strategy. It draws once, only while the state is weak and gravely threatened.
func (Bandwagon) Decide(p *Params, s *Situation, rng *rand.Rand) Action {
	if !s.Client && s.Threat >= 0 && s.Tau > p.Bandwagon.Tau && s.Power < p.Bandwagon.Ratio*s.ThreatPower {
		if rng.Float64() < p.Bandwagon.P {
			return Action{Burden: s.Burden, Move: BecomeClient}
		}
	}
	return balance(p, s)
}
