package agents

import "math/rand/v2"

// Buckpass is the buck-passing rule (Mearsheimer 2001; Christensen & Snyder 1990): while a state
// closer to the same threat is arming, hold the burden flat and seek no treaty; as a guarantor,
// decide last and abstain when others suffice. Otherwise balance.
type Buckpass struct{}

// Name implements Strategy.
func (Buckpass) Name() string { return "buckpass" }

// Traits implements Strategy.
func (Buckpass) Traits() Traits { return Traits{PassesBuck: true} }

// Decide implements Strategy.
func (Buckpass) Decide(p *Params, s *Situation, _ *rand.Rand) Action {
	if s.CloserRaised {
		if p.Buckpass.Diffusion > 0 {
			// Version 4 (docs/ODD.md §7.3): it never raises its burden and seeks no treaty,
			// but lowers it as a balancer would.
			return Action{Burden: min(s.Burden, balance(p, s).Burden), Move: PassBuck}
		}
		return Action{Burden: s.Burden, Move: PassBuck}
	}
	return balance(p, s)
}
