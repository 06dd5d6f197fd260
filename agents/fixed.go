package agents

import "math/rand/v2"

// Fixed never changes its burden and never seeks a treaty; tests use it to hold a world still.
type Fixed struct{}

// Name implements Strategy.
func (Fixed) Name() string { return "fixed" }

// Traits implements Strategy.
func (Fixed) Traits() Traits { return Traits{} }

// Decide implements Strategy.
func (Fixed) Decide(_ *Params, s *Situation, _ *rand.Rand) Action { return Action{Burden: s.Burden} }
