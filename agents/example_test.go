package agents_test

import (
	"fmt"
	"math/rand/v2"

	"alliancesim/agents"
)

// Cautious is a strategy written for the example: it passes the buck when a state closer to its
// threat armed last step, and otherwise answers a threat with half the balancing step.
type Cautious struct{}

func (Cautious) Name() string          { return "cautious" }
func (Cautious) Traits() agents.Traits { return agents.Traits{} }

func (Cautious) Decide(p *agents.Params, s *agents.Situation, _ *rand.Rand) agents.Action {
	switch {
	case s.CloserRaised:
		return agents.Action{Burden: s.Burden, Move: agents.PassBuck}
	case s.Tau > p.Balance.Hi:
		b := min(p.Model.BurdenMax, s.Burden+p.Balance.Up/2)
		return agents.Action{Burden: b, Raised: b > s.Burden}
	}
	return agents.Action{Burden: s.Burden}
}

// A strategy sees its state's Situation and returns an Action; the simulation clamps the
// burden and carries out the rest. (To offer it in configs, add it to Strategies.)
func ExampleStrategy() {
	p := agents.DefaultParams()
	s := &agents.Situation{Tau: 2, Threat: 0, Burden: 0.02}
	a := Cautious{}.Decide(&p, s, nil)
	fmt.Printf("threatened: burden %.3f, raised %v\n", a.Burden, a.Raised)
	s.CloserRaised = true
	a = Cautious{}.Decide(&p, s, nil)
	fmt.Printf("a closer state armed: burden %.3f, passed the buck %v\n", a.Burden, a.Move == agents.PassBuck)
	// Output:
	// threatened: burden 0.025, raised true
	// a closer state armed: burden 0.020, passed the buck true
}
