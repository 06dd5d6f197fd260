package agents

import (
	"math"
	"testing"
)

// rulesParams are the version 3 burden rules' parameters: balance.hi 0.5, lo 0.25, up 0.01,
// down 0.005; burden range [0.005, 0.40]; freeride alpha 0.04, step 0.005.
func rulesParams() *Params {
	p := DefaultParams()
	p.V3()
	p.Model.BurdenMin, p.Model.BurdenMax, p.Model.Formation = 0.005, 0.40, true
	p.Balance = BalanceParams{Hi: 0.5, Lo: 0.25, Up: 0.01, Down: 0.005}
	p.Freeride = FreerideParams{Alpha: 0.04, Step: 0.005}
	return &p
}

// The balancing rule (docs/ODD.md §7.3): above balance.hi raise b by balance.up up to
// burden_max and propose a treaty unless protected, a client or formation is off; below
// balance.lo lower it by balance.down, never below b0, unless a potential aggressor; in
// between, hold.
func TestBalanceRule(t *testing.T) {
	for _, test := range []struct {
		name             string
		s                Situation
		formationOff     bool
		burden           float64
		raised, proposes bool
	}{
		{"threatened: up and propose", Situation{Tau: 0.6, Burden: 0.03, Burden0: 0.02}, false, 0.04, true, true},
		{"threatened near the cap", Situation{Tau: 0.6, Burden: 0.395, Burden0: 0.02}, false, 0.40, true, true},
		{"threatened at the cap", Situation{Tau: 0.6, Burden: 0.40, Burden0: 0.02}, false, 0.40, false, true},
		{"threatened, protected", Situation{Tau: 0.6, Burden: 0.03, Burden0: 0.02, Protected: true}, false, 0.04, true, false},
		{"threatened, a client", Situation{Tau: 0.6, Burden: 0.03, Burden0: 0.02, Client: true}, false, 0.04, true, false},
		{"threatened, no formation", Situation{Tau: 0.6, Burden: 0.03, Burden0: 0.02}, true, 0.04, true, false},
		{"at balance.hi: hold", Situation{Tau: 0.5, Burden: 0.03, Burden0: 0.02}, false, 0.03, false, false},
		{"between: hold", Situation{Tau: 0.3, Burden: 0.03, Burden0: 0.02}, false, 0.03, false, false},
		{"safe: down", Situation{Tau: 0.1, Burden: 0.03, Burden0: 0.02}, false, 0.025, false, false},
		{"safe: down to b0", Situation{Tau: 0.1, Burden: 0.022, Burden0: 0.02}, false, 0.02, false, false},
		{"safe at b0: hold", Situation{Tau: 0.1, Burden: 0.02, Burden0: 0.02}, false, 0.02, false, false},
		{"safe aggressor: hold", Situation{Tau: 0.1, Burden: 0.03, Burden0: 0.02, Aggressor: true}, false, 0.03, false, false},
	} {
		p := rulesParams()
		p.Model.Formation = !test.formationOff
		test.s.Threat = 0
		a := Balance{}.Decide(p, &test.s, nil)
		if math.Abs(a.Burden-test.burden) > 1e-15 || a.Raised != test.raised || a.Propose != test.proposes || a.Move != NoMove {
			t.Errorf("%s: burden %.16g raised %v propose %v move %v; want %g %v %v none",
				test.name, a.Burden, a.Raised, a.Propose, a.Move, test.burden, test.raised, test.proposes)
		}
	}
}

// The buck-passing rule as a state (docs/ODD.md §7.3): while a state closer to the same threat
// raised its burden last step, hold b flat and propose nothing, however threatened; otherwise
// balance.
func TestBuckpassRule(t *testing.T) {
	p := rulesParams()
	for _, test := range []struct {
		closer  bool
		tau     float64
		burden  float64
		propose bool
		move    Move
	}{
		{true, 0.6, 0.03, false, PassBuck},
		{true, 0.1, 0.03, false, PassBuck},
		{false, 0.6, 0.04, true, NoMove},
		{false, 0.1, 0.025, false, NoMove},
	} {
		s := Situation{Tau: test.tau, Threat: 0, Burden: 0.03, Burden0: 0.02, CloserRaised: test.closer}
		a := Buckpass{}.Decide(p, &s, nil)
		if math.Abs(a.Burden-test.burden) > 1e-15 || a.Propose != test.propose || a.Move != test.move {
			t.Errorf("closer raised %v, tau %g: burden %.16g propose %v move %v; want %g %v %v",
				test.closer, test.tau, a.Burden, a.Propose, a.Move, test.burden, test.propose, test.move)
		}
	}
	if !(Buckpass{}).Traits().PassesBuck {
		t.Error("a buck-passer does not pass the buck as guarantor")
	}
}

// The free-riding rule (docs/ODD.md §7.3): an allied state moves b towards its best response
// s = max(0, alpha*E - (1-alpha)*S_others), by at most freeride.step, within the burden range.
// With E = 10 and allies spending 0.1 in all: s = 0.4 - 0.96*0.1 = 0.304, b = 0.0304.
func TestFreeRideRule(t *testing.T) {
	p := rulesParams()
	for _, test := range []struct {
		name   string
		burden float64
		others float64
		want   float64
	}{
		{"far below: one step up", 0.02, 0.1, 0.025},
		{"within a step: the best response", 0.03, 0.1, 0.0304},
		{"far above: one step down", 0.05, 0.1, 0.045},
		{"best response 0: down to burden_min", 0.007, 1, 0.005},
	} {
		s := Situation{Tau: 0.6, Threat: 0, Burden: test.burden, Burden0: test.burden, Economy: 10}
		s.SetAllies([]int{1}, []float64{99, test.others})
		a := FreeRide{}.Decide(p, &s, nil)
		if math.Abs(a.Burden-test.want) > 1e-15 || a.Raised != (test.want > test.burden) || a.Propose {
			t.Errorf("%s: burden %.16g raised %v propose %v; want %g %v false",
				test.name, a.Burden, a.Raised, a.Propose, test.want, test.want > test.burden)
		}
	}
	// Not allied: it balances.
	s := Situation{Tau: 0.6, Threat: 0, Burden: 0.03, Burden0: 0.02, Economy: 10}
	if a := (FreeRide{}).Decide(p, &s, nil); math.Abs(a.Burden-0.04) > 1e-15 || !a.Propose {
		t.Errorf("unallied free-rider: burden %g propose %v; want the balancing rule's 0.04, true", a.Burden, a.Propose)
	}
}
