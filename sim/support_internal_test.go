package sim

import (
	"testing"

	"alliancesim/agents"
)

// What an aggressor expects of a target's guarantors (docs/ODD.md §7.4): the option's Sanctions
// is the sum of the credibilities q of the sanctioning guarantors covering the mode, and its
// support the sum of q*P_g*reach(g,t) of the fighting ones covering it. B is covered by C and D
// (sanctions, any mode), E (sanctions, armed only) and F (fights, armed only). Both the fast
// path of the aggression phase (expectOnly) and the general one (expect) must give it.
func TestOptionSanctionsAndSupport(t *testing.T) {
	s := handSpec(20, 22, 24, 26, 28, 30)
	s.States[0].Revisionism = 0.5
	terms := func(tr agents.Trigger, r agents.Response, wt, stake float64) agents.Terms {
		return agents.Terms{Trigger: tr, Response: r, W: wt, Stake: stake}
	}
	all := SetTrigger | SetResponse | SetW | SetStake
	s.Guarantees = []Guarantee{
		{Name: "any", Kind: agents.Informal, Guarantors: []int{2, 3}, Proteges: []int{1}, Terms: terms(agents.Any, agents.Sanctions, 0.5, 0.3), Set: all},
		{Name: "armed", Kind: agents.Informal, Guarantors: []int{4}, Proteges: []int{1}, Terms: terms(agents.Armed, agents.Sanctions, 0.9, 0.2), Set: all},
		{Name: "fight", Kind: agents.Treaty, Guarantors: []int{5}, Proteges: []int{1}, Terms: terms(agents.Armed, agents.Fight, 0.8, 0.5), Set: all},
	}
	w := handWorld(s)
	copy(w.pw, []float64{10, 2, 3, 4, 5, 6})
	qC, qD := w.credibility(0, 2, 0.5, 0.3), w.credibility(0, 3, 0.5, 0.3)
	qE, qF := w.credibility(0, 4, 0.9, 0.2), w.credibility(0, 5, 0.8, 0.5)
	for _, test := range []struct {
		mode               agents.Mode
		sanctions, support float64
	}{
		{agents.ArmedAttack, qC + qD + qE, qF * 6 * w.reach[5*w.n+1]},
		{agents.HybridAttack, qC + qD, 0},
	} {
		fast := agents.Option{Mode: test.mode}
		w.expectOnly(&fast, 0, 1)
		slow := agents.Option{Mode: test.mode}
		w.expect(&slow, 0, 1)
		for path, o := range map[string]agents.Option{"expectOnly": fast, "expect": slow} {
			if !near(o.Sanctions, test.sanctions) || !near(o.Support, test.support) {
				t.Errorf("%v, %s: sanctions %.16g, support %.16g; want %.16g, %.16g",
					test.mode, path, o.Sanctions, o.Support, test.sanctions, test.support)
			}
		}
	}
}

// The free-rider factor (docs/ODD.md §7.5): f_g = min(1, b_g / mean b of its allies), 1 for a
// free-rider with no ally. A, B and C are allied free-riders at b = 0.01, 0.015 and 0.03, D a
// free-rider alone: A's allies average 0.0225, so f = 0.01/0.0225 = 4/9; B's 0.02, f = 0.75;
// C's 0.0125, f = min(1, 2.4) = 1; D's 1. What a free-rider brings is f times its pledge.
func TestFreeRiderFactor(t *testing.T) {
	s := handSpec(20, 22, 24, 26)
	for i := range s.States {
		s.States[i].Strategy = agents.FreeRide{}
	}
	s.Guarantees = []Guarantee{{Name: "pact", Kind: agents.Alliance, Guarantors: []int{0, 1, 2}, Proteges: []int{0, 1, 2}}}
	w := handWorld(s)
	copy(w.b, []float64{0.01, 0.015, 0.03, 0.01})
	w.freeStale = true
	w.updateFree()
	want := []float64{4.0 / 9, 0.75, 1, 1}
	for i, f := range want {
		if !near(w.free[i], f) {
			t.Errorf("%s: f = %.16g, want %.16g", s.States[i].Name, w.free[i], f)
		}
	}
	w.pw[0] = 3
	if got, want := w.bring(0, agents.Fight, 0.5), 4.0/9*3*0.5; !near(got, want) {
		t.Errorf("A fighting at reach 0.5 brings %.16g, want f*P*reach = %.16g", got, want)
	}
	if got, want := w.bring(0, agents.Arms, 1), 4.0/9*w.p.Model.Surge*w.p.Model.Kappa*0.01*w.e[0]; !near(got, want) {
		t.Errorf("A's arms surge %.16g, want f*surge*kappa*b*E = %.16g", got, want)
	}
}
